"""Command-line options from a file: `--config FILE`, or `[tool.cleanwire]` in ./pyproject.toml.

Every long option of `cleanwire` can be set in the file under its name, with dashes or
underscores; a list is joined with commas, so `stages = ["extract", "unicode"]` means
`--stages extract,unicode`. Precedence, lowest first: the built-in defaults, the file, the
flags on the command line. `--config FILE` replaces the pyproject.toml table (one file is
in force, never a merge of two, so `--print-config` is easy to read). A FILE that is itself a
pyproject.toml (it has a `[tool.cleanwire]` table) is read the same way as the one found in the
working directory. Relative paths in the file (output, errors, stats) are relative to the
working directory, as on the command line.

The table is checked against the parser itself, so an option added to the CLI can be set in
the file with no change here; an unknown key or a value of the wrong type is a usage error:

>>> import argparse
>>> p = argparse.ArgumentParser()
>>> _ = p.add_argument("--max-chars", type=int)
>>> _ = p.add_argument("--stages")
>>> check_table(p, {"max-chars": 10, "stages": ["extract", "unicode"]}, "x.toml")
{'max_chars': 10, 'stages': 'extract,unicode'}
>>> check_table(p, {"max_chars": "ten"}, "x.toml")
Traceback (most recent call last):
...
cleanwire.settings.SettingsError: x.toml: max-chars must be an integer, not 'ten'
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the same parser, from PyPI
    import tomli as tomllib

# Destinations that are actions, not settings: they cannot come from a file.
NOT_SETTINGS = frozenset({"help", "version", "config", "print_config", "list_stages"})


class SettingsError(ValueError):
    """A config file that cannot be read or holds an unknown option or a bad value."""


def settable(parser: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    """The parser's options that a file may set, keyed by their long name without dashes."""
    out: dict[str, argparse.Action] = {}
    for action in parser._actions:  # argparse has no public list of its actions
        longs = [s for s in action.option_strings if s.startswith("--") and not s.startswith("--no-")]
        if action.dest in NOT_SETTINGS or not longs:
            continue
        out[longs[0][2:]] = action
    return out


def read_table(path: str) -> dict[str, Any]:
    """The settings table of a TOML file: its `[tool.cleanwire]` table if it has one, else the
    whole file (a cleanwire.toml)."""
    try:
        data = _load(path)
    except OSError as exc:
        raise SettingsError(f"cannot read config {path}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path} is not valid TOML: {exc}") from None
    if _has_table(data):
        table = data["tool"]["cleanwire"]
        if not isinstance(table, dict):
            raise SettingsError(f"{path}: [tool.cleanwire] must be a table")
        return table
    if Path(path).name == "pyproject.toml":
        return {}
    return data


def discover(cwd: str | None = None) -> str | None:
    """./pyproject.toml when it has a `[tool.cleanwire]` table, else None."""
    path = os.path.join(cwd or os.getcwd(), "pyproject.toml")
    if not os.path.isfile(path):
        return None
    try:
        data = _load(path)
    except (OSError, tomllib.TOMLDecodeError):
        return None  # not ours to judge: a project whose pyproject.toml is broken
    return path if _has_table(data) else None


def _load(path: str) -> dict[str, Any]:
    with open(path, "rb") as f:
        return tomllib.load(f)


def _has_table(data: dict[str, Any]) -> bool:
    """True when the TOML document has a `[tool.cleanwire]` table (or key)."""
    tool = data.get("tool")
    return isinstance(tool, dict) and "cleanwire" in tool


def check_table(parser: argparse.ArgumentParser, table: dict[str, Any], source: str) -> dict[str, Any]:
    """Validate a settings table against `parser`; returns {dest: value} as argparse would."""
    options = settable(parser)
    out: dict[str, Any] = {}
    for raw_key, value in table.items():
        key = raw_key.replace("_", "-")
        action = options.get(key)
        if action is None:
            raise SettingsError(f"{source}: unknown option {raw_key!r} (known: {', '.join(sorted(options))})")
        out[action.dest] = _check_value(action, key, value, source)
    return out


def _check_value(action: argparse.Action, key: str, value: Any, source: str) -> Any:
    if action.nargs == 0:  # a switch: --ascii / --no-ascii
        if not isinstance(value, bool):
            raise SettingsError(f"{source}: {key} must be true or false, not {value!r}")
        return value
    if action.type is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise SettingsError(f"{source}: {key} must be an integer, not {value!r}")
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = ",".join(value)
    elif not isinstance(value, str):
        raise SettingsError(f"{source}: {key} must be a string, not {value!r}")
    if action.choices is not None and value not in action.choices:
        raise SettingsError(f"{source}: {key} must be one of {', '.join(map(str, action.choices))}, not {value!r}")
    return value


def parse_args(parser: argparse.ArgumentParser, argv: list[str], *, full: argparse.ArgumentParser | None = None,
               take: frozenset[str] | None = None, cwd: str | None = None) -> tuple[argparse.Namespace, str | None]:
    """Parse `argv` with the file's settings under the flags: (namespace, the file used or None).

    For a subcommand, `full` is the main parser the file is checked against and `take` the
    destinations the subcommand takes from it (`explain` takes the pipeline options, not
    `output`, which means something else to it); the rest of the file is ignored.
    """
    saved = {a.dest: a.default for a in parser._actions}
    for action in parser._actions:
        action.default = argparse.SUPPRESS
    try:
        explicit = vars(parser.parse_args(argv))
    finally:
        for action in parser._actions:
            action.default = saved[action.dest]
    path = explicit.get("config") or discover(cwd)
    from_file: dict[str, Any] = {}
    if path:
        from_file = check_table(full or parser, read_table(path), path)
        if take is not None:
            from_file = {k: v for k, v in from_file.items() if k in take}
    merged = {k: v for k, v in saved.items() if v is not argparse.SUPPRESS}
    merged.update(from_file)
    merged.update(explicit)
    return argparse.Namespace(**merged), path


def to_toml(parser: argparse.ArgumentParser, args: argparse.Namespace, source: str | None,
            defaults: dict[str, Any] | None = None) -> str:
    """The effective settings as a TOML file that `--config` reads back. An option left unset
    shows its default from `defaults` (the `Config` fields), else is commented out.

    >>> p = argparse.ArgumentParser()
    >>> _ = p.add_argument("--quotes")
    >>> _ = p.add_argument("--reference-date")
    >>> print(to_toml(p, argparse.Namespace(quotes="curly", reference_date=None), None))
    # effective cleanwire settings (defaults < no config file < command line)
    quotes = "curly"
    # reference-date = (not set)
    """
    lines = [f"# effective cleanwire settings (defaults < {source or 'no config file'} < command line)"]
    for key, action in settable(parser).items():
        value = getattr(args, action.dest, None)
        if value is None:
            value = (defaults or {}).get(action.dest)
        if isinstance(value, (tuple, list)):
            value = ",".join(map(str, value))
        if value is None:
            lines.append(f"# {key} = (not set)")
        elif isinstance(value, bool):
            lines.append(f"{key} = {'true' if value else 'false'}")
        elif isinstance(value, int):
            lines.append(f"{key} = {value}")
        else:  # a JSON string is a valid TOML basic string
            lines.append(f"{key} = {json.dumps(str(value), ensure_ascii=False)}")
    return "\n".join(lines)
