"""Shared fixtures: run the CLI in-process or as a real subprocess."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def run_cli(args, stdin=b"", check=None):
    """Run `python -m cleanwire ARGS` as a user would; returns the CompletedProcess (bytes)."""
    proc = subprocess.run([sys.executable, "-m", "cleanwire", *map(str, args)], input=stdin,
                          capture_output=True, timeout=120)
    if check is not None:
        assert proc.returncode == check, proc.stderr.decode()
    return proc


@pytest.fixture
def cli():
    return run_cli
