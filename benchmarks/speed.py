"""Throughput of cleanwire next to the tools it is compared with, and its scaling over cores.

    python benchmarks/speed.py [--input ../shared/devset/page.jsonl] [--repeat 3]
                               [--jobs-list 1,2,4] [--copies 4] [--no-scaling] [--no-single]
                               [--also STAGES ...] [--by-stage]

Part 1, one core, all measured side by side in one run, on the same records:
  - the bare orjson read/write loop over the file (parse each line, write it back): the I/O floor;
  - cleanwire's pass-through pipeline (`--stages ''`: reading, records, layout, audit, writing);
  - the full default pipeline, and each stage alone (plus the fixed layout step);
  - any other list of stages given with `--also` (a comma list, repeatable): what a lighter
    pipeline would gain, measured in the same rounds;
  - ftfy.fix_text, clean-text's clean() (the `bench` extra) and datatrove's C4 line rules
    (C4QualityFilter without its document-level rules) on the records' texts.
cleanwire is timed through `cleanwire.io.run` (what the CLI does, minus starting Python), each
round in a fresh process warmed up on the seeds, so that the stages' caches start cold as on
new pages; the references are timed on the texts alone (no I/O, which flatters them
slightly). Times are CPU seconds (`time.process_time`), best of `--repeat` rounds, the rounds
interleaved, so that a busy shared machine disturbs every row alike. Ratios: to the I/O
floor, and to ftfy.fix_text (the issue's target: full pipeline >= 3x ftfy; our own goal beyond it:
pass-through >= 0.5x floor).

With `--by-stage`, the full default pipeline's CPU seconds are also split by stage, each stage's
first run over a document apart from its re-runs (the extract stages run again until the text
is stable, see `Pipeline._settle`), best of `--repeat` rounds in a fresh process each.

Part 2, scaling: the CLI as a subprocess, `--jobs J` for each J of `--jobs-list` (default
1, 2, 4, ... up to the cores present), on the input repeated `--copies` times (so that
starting Python weighs little), wall-clock time, best of `--repeat`.
Efficiency = speedup / J (target >= 0.8). Wall time needs idle cores: on a shared machine
the table shows the machine's load as much as cleanwire's scaling. Starting the CLI (Python,
imports, the word lists: under a second, paid once whatever --jobs) weighs on every row; the
last column leaves it out: the wall time of the same command on the input's first record alone
is taken from each row's time, which is then the scaling of the cleaning itself.
What the machine itself allows is measured beside it, in the same rounds: the input cut into J
shards, and J independent `--jobs 1` commands started together, one per shard (what a user who
splits the file by hand gets, with no coordination at all). Its efficiency is the machine's
ceiling: two virtual cores of a shared host, or two threads of one core, do not give twice the
work. The last column, `--jobs` seconds against the shards' seconds, is then cleanwire's own
share (1.00: the pool costs nothing over splitting the input by hand).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

import orjson

from cleanwire import Config, Pipeline
from cleanwire.document import Document
from cleanwire.io import run
from cleanwire.parallel import resolve_jobs
from cleanwire.stage import Stage, prepare
from cleanwire.stages import STAGES, resolve

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = ROOT.parent / "shared" / "devset" / "page.jsonl"


def timed(fn: Callable[[], object]) -> Callable[[], float]:
    """A measurement: CPU seconds of one call of `fn` in this process."""
    def measure() -> float:
        started = time.process_time()
        fn()
        return time.process_time() - started
    return measure


def orjson_loop(path: Path) -> Callable[[], float]:
    def loop() -> None:
        with path.open("rb") as f, open(os.devnull, "wb") as out:
            for line in f:
                if line.strip():
                    out.write(orjson.dumps(orjson.loads(line)) + b"\n")
    return timed(loop)


def in_child(what: str, path: Path) -> str:
    """What this script prints with `--child what path`, run in a fresh process."""
    return subprocess.run([sys.executable, __file__, "--child", what, str(path)],
                          capture_output=True, text=True, check=True).stdout


def cleanwire_run(path: Path, stages: str) -> Callable[[], float]:
    """A measurement in a fresh process (`--child`): the stages keep caches across documents
    (a site's menu lines, dates), and a second pass over the same pages would find them warm."""
    return lambda: float(in_child(stages, path))


def warmed_pipeline(stages: str) -> Pipeline:
    """The pipeline of `stages` ("default", or a comma list of stages and groups, as `--stages`
    takes) after the stages' `prepare` (which `run` calls first: word lists are loaded once,
    before any document) and a warm-up on the seeds, so that one-time loading is not counted
    as throughput."""
    pipeline = Pipeline(Config() if stages == "default" else Config(stages=resolve(stages)))
    prepare(pipeline.stages)
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        pipeline.clean_record({"id": seed.stem, "text": seed.read_text(encoding="utf-8")})
    return pipeline


def child(stages: str, path: Path) -> None:
    """Print the CPU seconds of `cleanwire.io.run` over `path` with the `warmed_pipeline` of `stages`."""
    pipeline = warmed_pipeline(stages)
    with open(os.devnull, "wb") as out:
        started = time.process_time()
        run([str(path)], pipeline, out.write)
        print(time.process_time() - started)


class _Timed:
    """A stage that adds its CPU seconds to `seconds[(name, "first run" | "re-runs")]`.

    `seen` holds the documents of the current record that the stage has run over (held, so
    that no new document takes the id of a freed one); the caller empties it between records.
    """

    def __init__(self, stage: Stage, seconds: dict[tuple[str, str], float],
                 seen: dict[tuple[str, int], Document]) -> None:
        self.stage, self.name, self.summary = stage, stage.name, stage.summary
        self.seconds, self.seen = seconds, seen

    def __call__(self, doc: Document, config: Config) -> list[Document] | None:
        started = time.process_time()
        out = self.stage(doc, config)
        out = None if out is None else list(out)
        key = (self.name, "re-runs" if (self.name, id(doc)) in self.seen else "first run")
        self.seen[self.name, id(doc)] = doc
        self.seconds[key] = self.seconds.get(key, 0.0) + time.process_time() - started
        return out


def by_stage_child(path: Path) -> None:
    """Print, as JSON, the CPU seconds of each stage of the default pipeline over `path`."""
    seconds: dict[tuple[str, str], float] = {}
    seen: dict[tuple[str, int], Document] = {}
    pipeline = warmed_pipeline("default")
    timed = Pipeline(pipeline.config, [_Timed(st, seconds, seen) for st in pipeline.stages])
    records = [orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip()]
    started = time.process_time()
    for record in records:
        timed.clean_record(record)
        seen.clear()
    total = time.process_time() - started
    print(json.dumps({"total": total, "stages": [[*key, value] for key, value in seconds.items()]}))


def by_stage(path: Path, repeat: int) -> None:
    rounds = [json.loads(in_child("by-stage", path)) for _ in range(repeat)]
    best = min(rounds, key=lambda r: r["total"])
    print(f"\nthe full default pipeline by stage (CPU s, the fastest of {repeat} rounds: {best['total']:.3f} s in all)")
    print(f"{'stage':12} {'first run':>10} {'re-runs':>8} {'share':>6}")
    names = list(dict.fromkeys(name for name, _, _ in best["stages"]))
    table = {(name, kind): value for name, kind, value in best["stages"]}
    for name in names:
        first, again = table.get((name, "first run"), 0.0), table.get((name, "re-runs"), 0.0)
        print(f"{name:12} {first:10.3f} {again:8.3f} {(first + again) / best['total']:6.1%}")
    rest = best["total"] - sum(table.values())
    print(f"{'the rest':12} {rest:10.3f} {'':8} {rest / best['total']:6.1%}  (documents, layout, output records)")


def per_text(fn: Callable[[str], object], texts: list[str]) -> Callable[[], float]:
    def loop() -> None:
        for text in texts:
            fn(text)
    return timed(loop)


def references(texts: list[str]) -> dict[str, Callable[[], float] | str]:
    """The reference tools, or why one is missing."""
    import ftfy

    refs: dict[str, Callable[[], float] | str] = {"ftfy.fix_text": per_text(ftfy.fix_text, texts)}
    try:
        from cleantext import clean as clean_text
        refs["clean-text clean()"] = per_text(clean_text, texts)
    except ImportError:
        refs["clean-text clean()"] = "not installed: pip install '.[bench]'"
    try:
        from datatrove.data import Document
        from datatrove.pipeline.filters import C4QualityFilter
        c4 = C4QualityFilter(min_num_sentences=-1, filter_lorem_ipsum=False, filter_curly_bracket=False)
        refs["datatrove C4 line rules"] = per_text(lambda t: c4.filter(Document(text=t, id="x")), texts)
    except ImportError:
        refs["datatrove C4 line rules"] = "not installed: pip install '.[datatrove]'"
    return refs


def single_core(path: Path, repeat: int, also: list[str]) -> None:
    lines = [line for line in path.read_bytes().splitlines() if line.strip()]
    texts = [t for t in (orjson.loads(line).get("text") for line in lines) if isinstance(t, str)]
    size = path.stat().st_size
    cases: dict[str, Callable[[], float] | str] = {
        "I/O floor: orjson read/write loop": orjson_loop(path),
        "cleanwire pass-through (--stages '')": cleanwire_run(path, ""),
        "cleanwire full default pipeline": cleanwire_run(path, "default"),
    }
    for name in STAGES:
        cases[f"  {name} alone (+ layout)"] = cleanwire_run(path, name)
    for stages in also:
        cases[f"  --stages {stages}"] = cleanwire_run(path, stages)
    cases.update(references(texts))

    best = {name: float("inf") for name, fn in cases.items() if callable(fn)}
    for _ in range(repeat):  # interleaved rounds: load on the machine hits every row alike
        for name in best:
            fn = cases[name]
            assert callable(fn)
            best[name] = min(best[name], fn())

    floor = len(lines) / best["I/O floor: orjson read/write loop"]
    ftfy_rate = len(lines) / best["ftfy.fix_text"]
    print(f"one core: {path} ({len(lines)} records, {size / 1e6:.2f} MB), CPU seconds, best of {repeat}")
    width = max(map(len, cases))
    print(f"{'':{width}} {'docs/s':>9} {'MB/s':>8} {'x floor':>8} {'x ftfy':>7}")
    for name, fn in cases.items():
        if not callable(fn):
            print(f"{name:{width}} {fn}")
            continue
        rate = len(lines) / best[name]
        print(f"{name:{width}} {rate:9.0f} {size / 1e6 / best[name]:8.2f} {rate / floor:8.3f} {rate / ftfy_rate:7.2f}")
    full = best["ftfy.fix_text"] / best["cleanwire full default pipeline"]
    passthrough = best["I/O floor: orjson read/write loop"] / best["cleanwire pass-through (--stages '')"]
    print(f"target full pipeline >= 3x ftfy.fix_text: {full:.2f}x ({'met' if full >= 3 else 'NOT met'})")
    verdict = "met" if passthrough >= 0.5 else "NOT met"
    print(f"goal (ours) pass-through >= 0.5x the I/O floor: {passthrough:.3f}x ({verdict})")


def scaling(path: Path, jobs_list: list[int], copies: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "input.jsonl"
        one = Path(tmp) / "one.jsonl"  # the start-up: the command on one record
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        lines = [json.dumps({**record, "id": f"{record.get('id')}#{copy}"}, ensure_ascii=False) + "\n"
                 for copy in range(copies) for record in records]
        big.write_text("".join(lines), encoding="utf-8")
        one.write_text(lines[0], encoding="utf-8")
        size = big.stat().st_size
        print(f"\nscaling: the CLI on {path.name} x{copies} ({len(lines)} records, {size / 1e6:.1f} MB), "
              f"wall seconds, best of {repeat}, {os.cpu_count()} cores present, load {os.getloadavg()[0]:.1f}")
        print(f"{'--jobs':>6} {'seconds':>8} {'docs/s':>8} {'MB/s':>7} {'speedup':>8} {'efficiency':>10} "
              f"{'CPU s':>7} {'CPU efficiency':>14} {'start-up s':>10} {'past start-up':>13} "
              f"{'shards s':>8} {'ceiling':>7} {'vs shards':>9}")
        base = base_cpu = base_work = None
        outputs = set()
        for jobs in jobs_list:
            shards = _shards(lines, jobs, Path(tmp))
            best = best_cpu = start = apart = float("inf")
            for _ in range(repeat):
                seconds, cpu, out = _run_cli([big], jobs)[0]
                best, best_cpu = min(best, seconds), min(best_cpu, cpu)
                outputs.add(hash(out))
                start = min(start, _run_cli([one], jobs)[0][0])
                apart = min(apart, max(seconds for seconds, _, _ in _run_cli(shards, 1)))
            work = max(best - start, 1e-9)
            base, base_cpu, base_work = base or best, base_cpu or best_cpu, base_work or work
            speedup = base / best
            print(f"{jobs:6d} {best:8.2f} {len(lines) / best:8.1f} {size / 1e6 / best:7.2f} "
                  f"{speedup:8.2f} {speedup / jobs:10.2f} {best_cpu:7.1f} {base_cpu / best_cpu:14.2f} "
                  f"{start:10.2f} {base_work / work / jobs:13.2f} {apart:8.2f} {base / apart / jobs:7.2f} "
                  f"{apart / best:9.2f}")
        print(f"output identical for every --jobs: {len(outputs) == 1}")
        print("CPU s: user + system seconds of the command and its workers; CPU efficiency = CPU s at --jobs 1 / "
              "CPU s at --jobs J, the efficiency that idle cores would give when the reader keeps up; "
              "past start-up: the efficiency of (seconds - start-up s), start-up s being the command on one record; "
              "shards s: J independent --jobs 1 commands on J shards of the input, started together, until the "
              "last ends; ceiling: their efficiency, what this machine allows; vs shards: shards s / seconds")


def _shards(lines: list[str], count: int, folder: Path) -> list[Path]:
    """The input's lines cut into `count` files of consecutive lines, as even as can be."""
    paths = []
    for k in range(count):
        shard = folder / f"shard{k}-of-{count}.jsonl"
        shard.write_text("".join(lines[k * len(lines) // count:(k + 1) * len(lines) // count]), encoding="utf-8")
        paths.append(shard)
    return paths


def _run_cli(paths: list[Path], jobs: int) -> list[tuple[float, float, bytes]]:
    """Run the CLI on each path, all started together: (wall seconds, CPU seconds of the command
    and its workers, output) of each run. A command that fails raises, its errors on stderr."""
    started = time.perf_counter()

    def wait(proc: subprocess.Popen[bytes]) -> tuple[float, float]:
        _, status, usage = os.wait4(proc.pid, 0)  # this command's own usage, and only this child reaped
        proc.returncode = os.waitstatus_to_exitcode(status)
        return time.perf_counter() - started, usage.ru_utime + usage.ru_stime

    with ExitStack() as stack:
        outs = [stack.enter_context(tempfile.TemporaryFile()) for _ in paths]
        procs = [subprocess.Popen([sys.executable, "-m", "cleanwire", str(path), "--jobs", str(jobs), "-q"], stdout=out)
                 for path, out in zip(paths, outs, strict=True)]
        with ThreadPoolExecutor(len(procs)) as pool:  # a thread a command: each timed as it ends, whichever first
            ends = list(pool.map(wait, procs))
        results = []
        for proc, out, end in zip(procs, outs, ends, strict=True):
            if proc.returncode:
                raise subprocess.CalledProcessError(proc.returncode, proc.args)
            out.seek(0)
            results.append((*end, out.read()))
        return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT, help="JSONL input (default: the dev pages)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the best is kept (default 3)")
    parser.add_argument("--jobs-list", default=None, help="comma-separated --jobs values (default 1,2,4,... cores)")
    parser.add_argument("--copies", type=int, default=4, help="input copies for the scaling runs (default 4)")
    parser.add_argument("--no-scaling", action="store_true", help="only the one-core table")
    parser.add_argument("--no-single", action="store_true", help="only the scaling table")
    parser.add_argument("--by-stage", action="store_true", help="also split the full pipeline's time by stage")
    parser.add_argument("--also", action="append", default=[], metavar="STAGES",
                        help="another list of stages to time (comma list; repeatable)")
    parser.add_argument("--child", nargs=2, metavar=("STAGES", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if args.child[0] == "by-stage":
            by_stage_child(Path(args.child[1]))
        else:
            child(args.child[0], Path(args.child[1]))
        return 0
    if not args.no_single:
        single_core(args.input, args.repeat, args.also)
    if args.by_stage:
        by_stage(args.input, args.repeat)
    if not args.no_scaling:
        cores = resolve_jobs(0)
        if args.jobs_list:
            jobs_list = [int(j) for j in args.jobs_list.split(",")]
        else:
            jobs_list = [1]
            while jobs_list[-1] * 2 <= cores:
                jobs_list.append(jobs_list[-1] * 2)
            if jobs_list[-1] != cores:
                jobs_list.append(cores)
        scaling(args.input, jobs_list, args.copies, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
