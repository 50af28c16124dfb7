"""The `cleanwire` command: parse arguments into a `Config`, call the library, set the exit code.

Exit status: 0 when every record was cleaned, 1 when some became error records, 2 for usage
errors (a bad flag, an unreadable file, an unwritable output), each reported as one line on
stderr. A closed stdout (`cleanwire big.jsonl | head -1`) ends the run quietly.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace

from cleanwire import __version__
from cleanwire.config import INPUT_FORMATS, QUOTE_STYLES, Config
from cleanwire.io import InputError, StopRun, open_binary, run
from cleanwire.pipeline import Pipeline
from cleanwire.stages import GROUPS, LAYOUT, STAGES, resolve

EPILOG = """examples:
  cleanwire seeds/*.txt > clean.jsonl           clean plain-text files, one record each
  cat raw.jsonl | cleanwire > clean.jsonl       JSONL in, JSONL out (stdin to stdout)
  cleanwire raw.jsonl.gz -o clean.jsonl.zst     compressed in and out, by extension
  cleanwire --stages repair --quotes curly a.txt  only the repair stages, typographic quotes
"""


class UsageError(Exception):
    """A problem with the command line or its files: one line on stderr, exit 2."""


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cleanwire", description="Turn scraped news text into clean JSONL with a full audit trail.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="inputs: JSONL or plain text, maybe .gz/.bz2/.xz/.zst; none or '-' reads stdin "
                        "(e.g. cleanwire a.jsonl b.txt)")
    p.add_argument("-o", "--output", default="-", metavar="FILE",
                   help="write records here instead of stdout, compressed by extension (e.g. -o out.jsonl.gz)")
    p.add_argument("--errors", metavar="FILE",
                   help="write error records here instead of inline in the output (e.g. --errors bad.jsonl)")
    p.add_argument("--input-format", choices=INPUT_FORMATS, default=None,
                   help="auto: a first non-blank '{' means JSONL, else plain text (e.g. --input-format text)")
    p.add_argument("--text-field", metavar="NAME", help="JSONL field holding the text (default text; e.g. --text-field body)")
    p.add_argument("--id-field", metavar="NAME", help="JSONL field holding the id (default id; e.g. --id-field url)")
    p.add_argument("--stages", metavar="NAMES",
                   help="run only these stages or groups, comma-separated (e.g. --stages extract,unicode)")
    p.add_argument("--skip", metavar="NAMES", help="leave these stages or groups out (e.g. --skip typos)")
    p.add_argument("--list-stages", action="store_true", help="print the stages in pipeline order and exit")
    p.add_argument("--quotes", choices=QUOTE_STYLES, default=None,
                   help="quotation marks: ascii (straight, default), curly (typographic), keep (each "
                        "document's dominant style) (e.g. --quotes curly)")
    p.add_argument("--ascii", action="store_true", default=None,
                   help="transliterate what is left non-ASCII with unidecode (e.g. --ascii)")
    p.add_argument("--reference-date", metavar="YYYY-MM-DD",
                   help="resolve relative dates ('3 hours ago') against this date (e.g. --reference-date 2024-05-01)")
    p.add_argument("--max-chars", type=int, metavar="N",
                   help="a longer text becomes an error record (default 50000000; e.g. --max-chars 1000000)")
    p.add_argument("--fail-fast", action="store_true", default=None,
                   help="stop at the first error record, exit 1 (e.g. --fail-fast)")
    p.add_argument("--jobs", type=int, metavar="N",
                   help="clean in N worker processes, 0 = one per core; output is byte-identical to "
                        "--jobs 1, the default (e.g. --jobs 0)")
    p.add_argument("--version", action="version", version=f"cleanwire {__version__}",
                   help="print the version and exit (e.g. --version)")
    return p


def make_config(args: argparse.Namespace) -> Config:
    """The `Config` the arguments describe (flags left out keep the defaults)."""
    cfg = Config()
    changes = {}
    for name in ("input_format", "text_field", "id_field", "quotes", "ascii", "reference_date",
                 "max_chars", "fail_fast", "jobs"):
        value = getattr(args, name)
        if value is not None:
            changes[name] = value
    try:
        stages = resolve(args.stages) if args.stages is not None else cfg.stages
        if args.skip:
            skipped = set(resolve(args.skip))
            stages = tuple(s for s in stages if s not in skipped)
        return replace(cfg, stages=stages, **changes)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def list_stages() -> str:
    lines = [f"{name:<12} {st.summary}" for name, st in STAGES.items()]
    lines.append(f"{LAYOUT.name:<12} {LAYOUT.summary}")
    lines.append("")
    lines.extend(f"group {g:<6} = {','.join(names)}" for g, names in GROUPS.items())
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.list_stages:
        print(list_stages())
        return 0
    try:
        return _clean(args)
    except UsageError as exc:
        print(f"cleanwire: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("cleanwire: interrupted", file=sys.stderr)
        return 130


def _clean(args: argparse.Namespace) -> int:
    config = make_config(args)
    paths = args.files or ["-"]
    for path in paths:
        if path != "-" and not os.access(path, os.R_OK):
            raise UsageError(f"cannot read {path}: {'no such file' if not os.path.exists(path) else 'permission denied'}")
        if os.path.isdir(path):
            raise UsageError(f"cannot read {path}: is a directory")
    try:
        out = open_binary(args.output, "wb")
        err = open_binary(args.errors, "wb") if args.errors else None
    except InputError as exc:
        raise UsageError(str(exc)) from None
    try:
        try:
            stats = run(paths, Pipeline(config), out.write, err.write if err else None)
            code = 1 if stats.errors else 0
        except StopRun:
            code = 1
        finally:  # also on Ctrl-C: what was written stays whole lines, compressed files get closed
            out.flush()
            for stream in (out, err):
                if stream is not None and stream is not sys.stdout.buffer:
                    stream.close()
    except InputError as exc:
        raise UsageError(str(exc)) from None
    except BrokenPipeError:
        _quiet_stdout()
        return 141
    except OSError as exc:
        raise UsageError(f"cannot write output: {exc.strerror or exc}") from None
    return code


def _quiet_stdout() -> None:
    """After a closed pipe, point stdout at devnull so that Python's exit flush stays quiet."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
