"""Peak memory of the `cleanwire` command on large generated input: flat whatever the size.

    python benchmarks/rss.py [--input ../shared/devset/page.jsonl] [--sizes-mb 100,1000]
                             [--jobs 1] [--stages NAMES]

For each size it writes a JSONL file of that size into a temporary directory (the input's
records repeated, each copy with its own id), runs `python -m cleanwire FILE -o /dev/null`
on it and reports the peak resident memory of the command and its --jobs workers (the
largest of them: `ru_maxrss` from `wait4`), the time and the throughput. The files are
deleted at the end. Streaming holds when the peak does not grow with the size; the target
is under 200 MB. `--stages ''` times the pass-through pipeline, which streams the same
way but is much faster, so that multi-GB sizes finish in minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = ROOT.parent / "shared" / "devset" / "page.jsonl"


def generate(source: Path, target: Path, size: int) -> int:
    """Write at least `size` bytes of `source`'s records repeated, ids made unique; returns the count."""
    records = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    written = count = copy = 0
    with target.open("wb") as out:
        while written < size:
            for record in records:
                line = json.dumps({**record, "id": f"{record.get('id')}#{copy}"}, ensure_ascii=False).encode() + b"\n"
                out.write(line)
                written += len(line)
                count += 1
                if written >= size:
                    break
            copy += 1
    return count


def measure(path: Path, jobs: int, stages: str | None) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one run of the command on `path`."""
    cmd = [sys.executable, "-m", "cleanwire", str(path), "-o", os.devnull, "--jobs", str(jobs), "-q"]
    if stages is not None:
        cmd += ["--stages", stages]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"cleanwire failed: {err}")
    return seconds, usage.ru_maxrss / 1024  # kB on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT, help="JSONL whose records are repeated")
    parser.add_argument("--sizes-mb", default="100,1000", help="comma-separated sizes of the generated files")
    parser.add_argument("--jobs", type=int, default=1, help="--jobs for the command (default 1)")
    parser.add_argument("--stages", default=None, help="--stages for the command (default: the default pipeline)")
    parser.add_argument("--tmp", default=None, help="directory for the generated files (default: the system's)")
    args = parser.parse_args()

    sizes = [int(float(s) * 1e6) for s in args.sizes_mb.split(",") if s.strip()]
    label = "default pipeline" if args.stages is None else f"--stages '{args.stages}'"
    print(f"cleanwire peak RSS, {label}, --jobs {args.jobs}, records of {args.input.name} repeated")
    print(f"{'input MB':>9} {'records':>9} {'seconds':>9} {'MB/s':>7} {'peak RSS MB':>12}")
    peaks = []
    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        for size in sizes:
            path = Path(tmp) / f"big-{size}.jsonl"
            count = generate(args.input, path, size)
            real = path.stat().st_size
            seconds, peak = measure(path, args.jobs, args.stages)
            path.unlink()
            peaks.append(peak)
            print(f"{real / 1e6:9.0f} {count:9d} {seconds:9.1f} {real / 1e6 / seconds:7.2f} {peak:12.1f}")
    growth = peaks[-1] / peaks[0] if peaks and peaks[0] else float("nan")
    print(f"peak RSS at the largest size / at the smallest: {growth:.2f} (flat is ~1); "
          f"target < 200 MB: {'met' if max(peaks) < 200 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
