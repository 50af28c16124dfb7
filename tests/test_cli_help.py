"""Every option of every command says what it does and shows an example in --help."""

import argparse

import pytest

from cleanwire.cli import SUBCOMMANDS, build_parser

PARSERS = {"cleanwire": build_parser, **{f"cleanwire {name}": make for name, make in SUBCOMMANDS.items()}}


def options(parser):
    return [a for a in parser._actions if not isinstance(a, argparse._HelpAction)]


def undocumented(parser):
    """The options whose help is missing or gives no example."""
    return ["/".join(a.option_strings) or a.dest for a in options(parser)
            if not a.help or a.help == argparse.SUPPRESS or "e.g." not in a.help]


@pytest.mark.parametrize("command", PARSERS)
def test_every_option_has_help_with_an_example(command):
    assert undocumented(PARSERS[command]()) == []


@pytest.mark.parametrize("command", PARSERS)
def test_every_option_appears_in_the_help_text(command):
    parser = PARSERS[command]()
    text = parser.format_help()
    for action in options(parser):
        for flag in action.option_strings or [action.metavar or action.dest]:
            assert flag in text, f"{command}: {flag} missing from --help"


def test_the_help_names_the_subcommands_with_examples(cli):
    text = cli(["--help"], check=0).stdout.decode()
    assert "cleanwire explain raw.jsonl --id ID" in text and "cleanwire report clean.jsonl -o report.html" in text


@pytest.mark.parametrize("command", ["explain", "report"])
def test_a_subcommand_has_its_own_help(cli, command):
    text = cli([command, "--help"], check=0).stdout.decode()
    assert text.startswith(f"usage: cleanwire {command}") and "examples:" in text


def test_the_check_catches_an_option_without_help_or_example():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bare")
    parser.add_argument("--vague", help="does something")
    parser.add_argument("--good", help="does something (e.g. --good)")
    assert undocumented(parser) == ["--bare", "--vague"]
