"""Where cleaning's time goes, counted in CPU instructions: a measure that machine load does not move.

    python benchmarks/instructions.py [--input ../shared/devset/page.jsonl] [--stages default] [--stages ...]

CPU seconds on a shared machine wander by a factor of two between runs of the same command;
the number of instructions a process executes does not. Each figure here is counted by
valgrind's callgrind tool (Debian's `valgrind` package; the runs take about fifty times their
normal time) and is the difference of two runs, so that it counts the cleaning alone:
  - cleanwire: `cleanwire.io.run` over --input with the stages of each --stages (a comma
    list, '' for pass-through, `default`), less the same process stopped before the run
    (imports, the stages' `prepare`, a warm-up on the seeds: speed.py's `warmed_pipeline`);
  - ftfy.fix_text over the input's texts, less the process stopped before it.
It prints the instructions per input byte of each and their ratio (the speed target's "x ftfy",
in instructions), then where the cleaning's instructions go, by the C function that ran
them: CPython's interpreter loop, the regex engine, string operations, memory allocation and
garbage collection, dict and set lookups, and the rest (calls, list and number operations).
The interpreter loop's share is what compiling the same Python code (mypyc, Cython) could
save at most; the others are the work that the stages ask for, which only doing less saves.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = ROOT.parent / "shared" / "devset" / "page.jsonl"

# the C source a function comes from names what it does; the first match wins
CATEGORIES = (
    ("interpreter loop", ("ceval.c",)),
    ("regex engine", ("_sre",)),
    ("string operations", ("unicodeobject.c", "unicodectype.c", "stringlib", "bytesobject.c", "memmove", "memset",
                           "memchr", "memcmp", "strlen")),
    ("allocation and gc", ("obmalloc.c", "malloc.c", "gcmodule.c", "dealloc")),
    ("dict and set lookups", ("dictobject.c", "setobject.c", "pyhash.c")),
)


def child(what: str, stages: str, path: Path, work: bool) -> None:
    """The measured process: the start-up of `what` ("cleanwire" or "ftfy"), then its work if `work`."""
    if what == "ftfy":
        import ftfy
        texts = [orjson.loads(line).get("text") for line in path.read_bytes().splitlines() if line.strip()]
        ftfy.fix_text("warm-up: cafÃ©")
        if work:
            for text in texts:
                if isinstance(text, str):
                    ftfy.fix_text(text)
        return
    from speed import warmed_pipeline  # (benchmarks/ is on sys.path: this file runs as a script)

    from cleanwire.io import run

    pipeline = warmed_pipeline(stages)
    if work:
        with open(os.devnull, "wb") as out:
            run([str(path)], pipeline, out.write)


def counted(what: str, stages: str, path: Path, work: bool, tmp: Path) -> Counter[str]:
    """Instructions of one child process under callgrind, by the C function (file:function) that ran them."""
    out = tmp / f"callgrind.{what}.{int(work)}"
    subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, __file__,
                    "--child", what, stages, str(path), str(int(work))],
                   check=True, capture_output=True)
    table = subprocess.run(["callgrind_annotate", "--threshold=100", str(out)],
                           check=True, capture_output=True, text=True).stdout
    functions: Counter[str] = Counter()
    for line in table.splitlines():
        count, _, rest = line.strip().partition(" ")
        if not rest.startswith("(") or not count[:1].isdigit():
            continue
        name = rest.partition(")")[2].strip()
        if name.startswith("PROGRAM TOTALS"):
            continue
        functions[name.split(" [")[0]] += int(count.replace(",", ""))
    return functions


def cleaning(what: str, stages: str, path: Path, tmp: Path) -> Counter[str]:
    """Instructions of the work alone: the run less its start-up, function by function."""
    run, start = counted(what, stages, path, True, tmp), counted(what, stages, path, False, tmp)
    run.subtract(start)
    return run


def category(function: str) -> str:
    for name, marks in CATEGORIES:
        if any(mark in function for mark in marks):
            return name
    return "the rest"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT, help="JSONL input (default: the dev pages)")
    parser.add_argument("--stages", action="append", default=None,
                        help="stages to count (comma list, '' for pass-through; repeatable; default: default)")
    parser.add_argument("--child", nargs=4, metavar=("WHAT", "STAGES", "PATH", "WORK"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        what, stages, path, work = args.child
        child(what, stages, Path(path), work == "1")
        return 0
    if shutil.which("valgrind") is None or shutil.which("callgrind_annotate") is None:
        print("valgrind is not installed (Debian: apt-get install valgrind)", file=sys.stderr)
        return 2
    size = args.input.stat().st_size
    with tempfile.TemporaryDirectory() as tmp:
        ftfy_total = sum(cleaning("ftfy", "", args.input, Path(tmp)).values())
        print(f"instructions of the cleaning alone (start-up subtracted), {args.input.name}: {size / 1e6:.2f} MB")
        labels = {stages: f"cleanwire --stages {stages!r}" if stages != "default" else "cleanwire full default pipeline"
                  for stages in args.stages or ["default"]}
        width = max(map(len, labels.values()))
        print(f"{'':{width}} {'instructions':>14} {'per byte':>9} {'x ftfy':>7}")
        print(f"{'ftfy.fix_text':{width}} {ftfy_total:14,d} {ftfy_total / size:9.0f} {1:7.2f}")
        shares: dict[str, Counter[str]] = {}
        for stages, label in labels.items():
            functions = cleaning("cleanwire", stages, args.input, Path(tmp))
            total = sum(functions.values())
            print(f"{label:{width}} {total:14,d} {total / size:9.0f} {ftfy_total / total:7.2f}")
            by_category: Counter[str] = Counter()
            for function, count in functions.items():
                by_category[category(function)] += count
            shares[label] = by_category
    for label, by_category in shares.items():
        total = sum(by_category.values())
        print(f"\nwhere the instructions of {label} go:")
        for name, count in by_category.most_common():
            print(f"  {name:24} {count / total:6.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
