"""Doctests of the optional integrations are collected only where their engine is installed."""

import importlib.util

collect_ignore = [f"src/cleanwire/integrations/{engine}.py" for engine in ("datatrove", "ray")
                  if importlib.util.find_spec(engine) is None]
