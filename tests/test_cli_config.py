"""Options from a TOML file: `--config FILE` or `[tool.cleanwire]` in ./pyproject.toml; flags win."""

import json
import subprocess
import sys

import pytest

from cleanwire.cli import build_parser
from cleanwire.settings import SettingsError, check_table, settable

TEXT = 'He said "yes" and left.\n'


def run_in(cwd, args, stdin=b""):
    return subprocess.run([sys.executable, "-m", "cleanwire", *map(str, args)], input=stdin, cwd=cwd,
                          capture_output=True, timeout=120)


def effective(cwd, *args):
    """The effective settings `--print-config` reports, as a dict (read back with tomllib)."""
    tomllib = pytest.importorskip("tomllib" if sys.version_info >= (3, 11) else "tomli")
    proc = run_in(cwd, [*args, "--print-config"])
    assert proc.returncode == 0, proc.stderr.decode()
    return tomllib.loads(proc.stdout.decode())


def test_a_config_file_sets_options_by_their_long_names(tmp_path):
    (tmp_path / "cleanwire.toml").write_text('quotes = "curly"\nmax-chars = 1000\nstages = ["extract", "quotes"]\n')
    got = effective(tmp_path, "--config", "cleanwire.toml")
    assert got["quotes"] == "curly" and got["max-chars"] == 1000 and got["stages"] == "extract,quotes"


def test_a_flag_on_the_command_line_overrides_the_file(tmp_path):
    (tmp_path / "c.toml").write_text('quotes = "curly"\nascii = true\n')
    got = effective(tmp_path, "--config", "c.toml", "--quotes", "keep", "--no-ascii")
    assert got["quotes"] == "keep" and got["ascii"] is False


def test_pyproject_tool_cleanwire_is_read_from_the_working_directory(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.cleanwire]\nquotes = "curly"\n')
    assert effective(tmp_path)["quotes"] == "curly"
    out = run_in(tmp_path, ["--stages", "quotes", "-q"], TEXT.encode())
    assert json.loads(out.stdout)["text"] == "He said \u201cyes\u201d and left."


def test_a_pyproject_without_a_cleanwire_table_changes_nothing(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert effective(tmp_path)["quotes"] == "ascii"


def test_config_replaces_the_pyproject_table_rather_than_merging(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.cleanwire]\nquotes = "curly"\nascii = true\n')
    (tmp_path / "c.toml").write_text('quotes = "keep"\n')
    got = effective(tmp_path, "--config", "c.toml")
    assert got["quotes"] == "keep" and got["ascii"] is False


def test_print_config_output_reads_back_as_the_same_config(tmp_path):
    (tmp_path / "c.toml").write_text('quotes = "curly"\nreference-date = "2024-05-01"\nskip = "typos"\n')
    first = run_in(tmp_path, ["--config", "c.toml", "--print-config"]).stdout
    (tmp_path / "again.toml").write_bytes(first)
    second = run_in(tmp_path, ["--config", "again.toml", "--print-config"]).stdout
    assert first.split(b"\n", 1)[1] == second.split(b"\n", 1)[1]  # the first line names the file


@pytest.mark.parametrize("content, message", [
    ('quotez = "curly"\n', "unknown option 'quotez'"),
    ('quotes = "fancy"\n', "quotes must be one of ascii, curly, keep"),
    ('max-chars = "many"\n', "max-chars must be an integer"),
    ("ascii = 1\n", "ascii must be true or false"),
    ('config = "other.toml"\n', "unknown option 'config'"),  # a file cannot point at another
    ("quotes = \n", "is not valid TOML"),
])
def test_a_bad_config_file_is_a_usage_error_that_says_what_is_wrong(tmp_path, content, message):
    (tmp_path / "c.toml").write_text(content)
    proc = run_in(tmp_path, ["--config", "c.toml", "x.txt"])
    assert proc.returncode == 2 and message in proc.stderr.decode() and b"Traceback" not in proc.stderr


def test_a_missing_config_file_is_a_usage_error(tmp_path):
    proc = run_in(tmp_path, ["--config", "nope.toml"])
    assert proc.returncode == 2 and proc.stderr.decode().startswith("cleanwire: cannot read config nope.toml")


def test_every_command_line_option_can_be_set_in_a_file():
    names = set(settable(build_parser()))
    flags = {s[2:] for a in build_parser()._actions for s in a.option_strings
             if s.startswith("--") and not s.startswith("--no-")}
    assert flags - names == {"help", "version", "config", "print-config", "list-stages"}


def test_underscores_and_dashes_name_the_same_option():
    assert check_table(build_parser(), {"max_chars": 5, "text-field": "body"}, "f") == {
        "max_chars": 5, "text_field": "body"}


def test_a_list_is_accepted_only_of_strings():
    with pytest.raises(SettingsError):
        check_table(build_parser(), {"stages": [1, 2]}, "f")


def test_explain_takes_the_pipeline_options_from_the_file_and_ignores_run_options(tmp_path):
    (tmp_path / "c.toml").write_text('quotes = "curly"\nstages = "quotes"\nstats = "s.json"\njobs = 2\n')
    (tmp_path / "a.txt").write_text(TEXT)
    proc = run_in(tmp_path, ["explain", "a.txt", "--config", "c.toml"])
    assert proc.returncode == 0, proc.stderr.decode()
    assert "\u201c" in proc.stdout.decode() and not (tmp_path / "s.json").exists()


def test_report_takes_nothing_from_the_config_so_its_output_is_not_the_runs(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.cleanwire]\noutput = "clean.jsonl"\n')
    (tmp_path / "a.txt").write_text(TEXT)
    assert run_in(tmp_path, ["a.txt", "-q"]).returncode == 0  # the run writes clean.jsonl
    proc = run_in(tmp_path, ["report", "clean.jsonl"])
    assert proc.returncode == 0 and proc.stdout.startswith(b"<!DOCTYPE html>")
    assert (tmp_path / "clean.jsonl").read_text().startswith('{"id":"a"')
