"""The `cleanwire` command: parse arguments into a `Config`, call the library, set the exit code.

Exit status: 0 when every record was cleaned, 1 when some became error records, 2 for usage
errors (a bad flag, an unreadable file, an unwritable output), each reported as one line on
stderr. A closed stdout (`cleanwire big.jsonl | head -1`) ends the run quietly.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import replace

from cleanwire import __version__, explain, report, settings
from cleanwire.config import INPUT_FORMATS, QUOTE_STYLES, Config
from cleanwire.io import InputError, RunStats, StopRun, open_binary, read_inputs, run
from cleanwire.pipeline import Pipeline
from cleanwire.stages import GROUPS, LAYOUT, STAGES, resolve

EPILOG = """examples:
  cleanwire seeds/*.txt > clean.jsonl           clean plain-text files, one record each
  cat raw.jsonl | cleanwire > clean.jsonl       JSONL in, JSONL out (stdin to stdout)
  cleanwire raw.jsonl.gz -o clean.jsonl.zst     compressed in and out, by extension
  cleanwire --stages repair --quotes curly a.txt  only the repair stages, typographic quotes
  cleanwire --config cleanwire.toml raw.jsonl   options from a TOML file (flags still win)

subcommands (the first argument; a file named like one: ./explain):
  cleanwire explain raw.jsonl --id ID           one document as a diff, each change labelled
  cleanwire report clean.jsonl -o report.html   an HTML page of every removal and edit
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
    _add_pipeline_options(p)
    p.add_argument("--list-stages", action="store_true",
                   help="print the stages in pipeline order and exit (e.g. --list-stages)")
    p.add_argument("--fail-fast", action=argparse.BooleanOptionalAction, default=None,
                   help="stop at the first error record, exit 1 (e.g. --fail-fast)")
    p.add_argument("--jobs", type=int, metavar="N",
                   help="clean in N worker processes, 0 = one per core; output is byte-identical to "
                        "--jobs 1, the default (e.g. --jobs 0)")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="a progress bar on stderr (docs, MB, docs/s); default: only when stderr is a "
                        "terminal (e.g. --progress)")
    p.add_argument("-q", "--quiet", action=argparse.BooleanOptionalAction, default=None,
                   help="no progress bar and no run summary on stderr; errors are still reported (e.g. -q)")
    p.add_argument("--stats", metavar="FILE",
                   help="write the run's counts as JSON: documents in and out, stories split, error records "
                        "by type, removals, edits and flags by kind, MB/s (e.g. --stats stats.json)")
    _add_config_options(p)
    p.add_argument("--version", action="version", version=f"cleanwire {__version__}",
                   help="print the version and exit (e.g. --version)")
    return p


def _add_config_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", metavar="FILE",
                   help="read options from this TOML file (keys are the long option names) instead of "
                        "[tool.cleanwire] in ./pyproject.toml; flags override it (e.g. --config cleanwire.toml)")
    p.add_argument("--print-config", action="store_true",
                   help="print the effective options as TOML (usable as --config) and exit (e.g. --print-config)")


def _add_pipeline_options(p: argparse.ArgumentParser) -> None:
    """The options that make the `Config` of a run, shared by the main command and `explain`."""
    p.add_argument("--input-format", choices=INPUT_FORMATS, default=None,
                   help="auto: a first non-blank '{' means JSONL, else plain text (e.g. --input-format text)")
    p.add_argument("--text-field", metavar="NAME",
                   help="JSONL field holding the text (default text; e.g. --text-field body)")
    p.add_argument("--id-field", metavar="NAME", help="JSONL field holding the id (default id; e.g. --id-field url)")
    p.add_argument("--stages", metavar="NAMES",
                   help="run only these stages or groups, comma-separated (e.g. --stages extract,unicode)")
    p.add_argument("--skip", metavar="NAMES", help="leave these stages or groups out (e.g. --skip typos)")
    p.add_argument("--quotes", choices=QUOTE_STYLES, default=None,
                   help="quotation marks: ascii (straight, default), curly (typographic), keep (each "
                        "document's dominant style) (e.g. --quotes curly)")
    p.add_argument("--ascii", action=argparse.BooleanOptionalAction, default=None,
                   help="transliterate what is left non-ASCII with unidecode (e.g. --ascii)")
    p.add_argument("--reference-date", metavar="YYYY-MM-DD",
                   help="resolve relative dates ('3 hours ago') against this date (e.g. --reference-date 2024-05-01)")
    p.add_argument("--max-chars", type=int, metavar="N",
                   help="a longer text becomes an error record (default 50000000; e.g. --max-chars 1000000)")


def make_config(args: argparse.Namespace) -> Config:
    """The `Config` the arguments describe (flags left out keep the defaults)."""
    cfg = Config()
    changes = {}
    for name in ("input_format", "text_field", "id_field", "quotes", "ascii", "reference_date",
                 "max_chars", "fail_fast", "jobs"):
        value = getattr(args, name, None)
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


def build_explain_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cleanwire explain", description="Show one document as a diff of its input: every removal and\n"
        "edit inline, labelled stage.kind: [-removed-]{stage.kind}, {before→after}{stage.kind}.",
        epilog="examples:\n  cleanwire explain seeds/000_c581838d9bd7d40b.txt\n"
               "  cleanwire explain raw.jsonl --id 42 --color | less -R\n"
               "  cleanwire explain clean.jsonl --id 42      from output records: no re-cleaning",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    explain.add_arguments(p)
    _add_pipeline_options(p)
    p.add_argument("--config", metavar="FILE",
                   help="take the pipeline options (quotes, stages, ...) from this TOML file instead of "
                        "[tool.cleanwire] in ./pyproject.toml (e.g. --config cleanwire.toml)")
    return p


def build_report_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cleanwire report", description="Write one self-contained HTML page listing the documents of\n"
        "cleanwire output with their removals and edits highlighted in context, a filter by\n"
        "kind and charts of the counts by kind (made from the output records alone).",
        epilog="examples:\n  cleanwire raw.jsonl -o clean.jsonl && cleanwire report clean.jsonl -o report.html",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    report.add_arguments(p)
    return p


SUBCOMMANDS = {"explain": build_explain_parser, "report": build_report_parser}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    command = argv[0] if argv and argv[0] in SUBCOMMANDS else None
    try:
        if command == "report":  # it reads output records: no pipeline, nothing from a config file
            return _report(build_report_parser().parse_args(argv[1:]))
        if command == "explain":
            return _explain(_parse(build_explain_parser(), argv[1:], take=_pipeline_dests()))
        parser = build_parser()
        args = _parse(parser, argv)
        if args.print_config:
            print(settings.to_toml(parser, args, args.source, make_config(args).as_dict()))
            return 0
        if args.list_stages:
            print(list_stages())
            return 0
        return _clean(args)
    except UsageError as exc:
        print(f"cleanwire: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("cleanwire: interrupted", file=sys.stderr)
        return 130


def _pipeline_dests() -> frozenset[str]:
    p = argparse.ArgumentParser(add_help=False)
    _add_pipeline_options(p)
    return frozenset(a.dest for a in p._actions)


def _parse(parser: argparse.ArgumentParser, argv: list[str], take: frozenset[str] | None = None) -> argparse.Namespace:
    """Parse with the config file's settings under the flags; `args.source` names the file."""
    try:
        args, source = settings.parse_args(parser, argv, full=build_parser(), take=take)
    except settings.SettingsError as exc:
        raise UsageError(str(exc)) from None
    args.source = source
    return args


def _explain(args: argparse.Namespace) -> int:
    pipeline = Pipeline(make_config(args))
    _check_readable([args.input])
    try:
        records = explain.document_records(args.input, args.id, pipeline)
    except InputError as exc:
        raise UsageError(str(exc)) from None
    if not records:
        raise UsageError(f"no document {args.id!r} in {args.input}" if args.id else f"no document in {args.input}")
    color = args.color if args.color is not None else sys.stdout.isatty()
    sys.stdout.write(explain.explain_records(records, color=color, full=bool(args.full)))
    return 0


def _report(args: argparse.Namespace) -> int:
    _check_readable([args.input])
    if args.limit < 0:
        raise UsageError("--limit must be 0 or more")
    try:
        records = (item.record if item.error is None else item.error for item in read_inputs(args.input, "jsonl"))
        page = report.html_report((r for r in records if isinstance(r, dict)), title=args.title, limit=args.limit)
        out = open_binary(args.output, "wb")
        out.write(page.encode("utf-8"))
        if out is not sys.stdout.buffer:
            out.close()
    except InputError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    return 0


def _check_readable(paths: list[str]) -> None:
    for path in paths:
        if path != "-" and not os.access(path, os.R_OK):
            why = "no such file" if not os.path.exists(path) else "permission denied"
            raise UsageError(f"cannot read {path}: {why}")
        if os.path.isdir(path):
            raise UsageError(f"cannot read {path}: is a directory")


def _clean(args: argparse.Namespace) -> int:
    config = make_config(args)
    paths = args.files or ["-"]
    _check_readable(paths)
    try:
        out = open_binary(args.output, "wb")
        err = open_binary(args.errors, "wb") if args.errors else None
        stats_file = open_binary(args.stats, "wb") if args.stats else None
    except InputError as exc:
        raise UsageError(str(exc)) from None
    stats = RunStats()
    show_progress = args.progress if args.progress is not None else sys.stderr.isatty()
    bar = _progress_bar() if show_progress and not args.quiet else None
    try:
        try:
            run(paths, Pipeline(config), out.write, err.write if err else None, stats=stats, on_input=bar)
            code = 1 if stats.errors else 0
        except StopRun:
            code = 1
        finally:  # also on Ctrl-C: what was written stays whole lines, compressed files get closed
            if bar is not None:
                bar.close()
            if stats_file is not None:
                stats_file.write(json.dumps(stats.as_dict(), indent=2).encode() + b"\n")
                stats_file.close()
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
    if not args.quiet:
        print(report.summary(stats), file=sys.stderr)
    return code


def _progress_bar():
    from cleanwire.progress import Progress  # imports tqdm: only when a bar is shown

    return Progress()


def _quiet_stdout() -> None:
    """After a closed pipe, point stdout at devnull so that Python's exit flush stays quiet."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
