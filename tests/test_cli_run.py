"""What a run tells its operator: a summary and --stats JSON counted from the records, a progress bar."""

import fcntl
import json
import os
import pty
import struct
import subprocess
import sys
import termios
from collections import Counter

import pytest
from conftest import SEEDS

RAW = b"\n".join([
    json.dumps({"id": "a", "text": "Share on Facebook\n\nThe council met on Monday.\n"}).encode(),
    b"{not json",
    json.dumps({"id": "c", "text": ["not", "a", "string"]}).encode(),
    json.dumps({"id": "d", "text": "Teh mayor spoke.\n"}).encode(),
]) + b"\n"


def records_of(stdout):
    return [json.loads(line) for line in stdout.splitlines()]


def test_stats_file_counts_what_the_output_holds(cli, tmp_path):
    stats_path = tmp_path / "stats.json"
    proc = cli(["--stats", stats_path, "-q"], stdin=RAW, check=1)
    records = records_of(proc.stdout)
    docs = [r for r in records if "text" in r]
    stats = json.loads(stats_path.read_text())
    assert stats["documents_in"] == 4 and stats["documents_out"] == len(docs) == 2
    assert stats["error_records"] == 2
    assert stats["errors_by_type"] == {"invalid_json": 1, "text_not_string": 1}
    for key in ("removed", "edits", "flags"):
        assert stats[f"{key}_by_kind"] == dict(Counter(e["kind"] for r in docs for e in r[key]))
    assert stats["stories_split"] == sum("parent_id" in r for r in docs)
    assert stats["bytes_in"] > 0 and stats["seconds"] >= 0


def test_the_summary_goes_to_stderr_at_the_end(cli):
    proc = cli([], stdin=RAW, check=1)
    lines = proc.stderr.decode().splitlines()
    assert lines[0].startswith("cleanwire: 4 documents in, 2 out (0 stories split off), 2 error records; ")
    assert "MB/s" in lines[0]
    assert "  errors   2: invalid_json 1, text_not_string 1" in lines


def test_quiet_leaves_stderr_empty_when_all_went_well(cli):
    proc = cli([*SEEDS, "-q"], check=0)
    assert proc.stderr == b"" and len(proc.stdout.splitlines()) >= len(SEEDS)


def test_no_progress_bar_when_stderr_is_not_a_terminal(cli):
    proc = cli(SEEDS, check=0)
    assert b"docs/s" not in proc.stderr and b"\r" not in proc.stderr


def test_progress_forces_the_bar_even_into_a_pipe(cli):
    proc = cli([*SEEDS, "--progress"], check=0)
    assert b" docs/s" in proc.stderr and b"cleanwire: 3 docs, 0.0 MB" in proc.stderr


def test_quiet_wins_over_progress(cli):
    proc = cli([*SEEDS, "--progress", "--quiet"], check=0)
    assert proc.stderr == b""


@pytest.mark.skipif(not hasattr(pty, "openpty"), reason="needs a pseudo-terminal")
def test_a_terminal_on_stderr_gets_the_bar_by_default(tmp_path):
    main, replica = pty.openpty()
    fcntl.ioctl(replica, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal has a size
    try:
        proc = subprocess.run([sys.executable, "-m", "cleanwire", *map(str, SEEDS), "-o", tmp_path / "o.jsonl"],
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=replica, timeout=120)
        os.close(replica)
        replica = None
        shown = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the terminal closed: all read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(main)
        if replica is not None:
            os.close(replica)
    assert proc.returncode == 0 and b" docs/s" in shown and b"documents in" in shown


def test_stats_are_written_under_fail_fast_too(cli, tmp_path):
    stats_path = tmp_path / "s.json"
    cli(["--fail-fast", "--stats", stats_path, "-q"], stdin=RAW, check=1)
    stats = json.loads(stats_path.read_text())
    assert stats["error_records"] == 1 and stats["documents_in"] == 2


def test_parallel_runs_count_the_same(cli, tmp_path):
    one, many = tmp_path / "1.json", tmp_path / "2.json"
    cli(["--stats", one, "-q"], stdin=RAW * 20, check=1)
    cli(["--stats", many, "-q", "--jobs", "2"], stdin=RAW * 20, check=1)
    first, second = json.loads(one.read_text()), json.loads(many.read_text())
    for d in (first, second):
        del d["seconds"], d["mb_per_s"]
    assert first == second


def test_an_unwritable_stats_file_is_a_usage_error_before_the_run(cli, tmp_path):
    proc = cli(["--stats", tmp_path / "no" / "dir" / "s.json"], stdin=RAW, check=2)
    assert proc.stdout == b"" and proc.stderr.decode().startswith("cleanwire: cannot open")
