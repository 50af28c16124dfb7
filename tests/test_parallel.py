"""`--jobs N`: the same bytes out as `--jobs 1`, in input order, and a clean stop on Ctrl-C."""

import io
import json
import os
import signal
import subprocess
import sys
import time
from itertools import islice

import pytest
from conftest import ROOT, SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanwire import Config, Document, Pipeline, parallel, stage
from cleanwire.io import RunStats, StopRun, run
from cleanwire.parallel import DeferredInterrupt, imap_chunks, resolve_jobs

DEV_PAGES = ROOT.parent / "shared" / "devset" / "page.jsonl"


def mixed_input() -> bytes:
    """Good records and every kind of bad one, blank lines, real pages and seeds, in one JSONL."""
    lines = []
    for n in range(150):
        # texts of very different lengths, so that later chunks can finish before earlier ones
        body = f"Paragraph “number” {n}  of the story.\n" * (1 + (n * 7) % 12)
        lines.append(json.dumps({"id": f"r{n}", "text": body, "lang": "en"}).encode())
        if n % 23 == 0:
            lines.append(b'{"id": "broken", "text": ')  # invalid JSON
        if n % 29 == 0:
            lines.append(b'{"id": "latin1", "text": "caf\xe9"}')  # invalid UTF-8
        if n % 31 == 0:
            lines.append(b'["not", "an", "object"]')
        if n % 37 == 0:
            lines.append(json.dumps({"id": f"nt{n}", "body": "no text field"}).encode())
        if n % 41 == 0:
            lines.append(json.dumps({"id": f"num{n}", "text": 42}).encode())
        if n % 43 == 0:
            lines.append(b"   ")
    for seed in SEEDS:  # real bundles: the split stage makes several records of one
        lines.append(json.dumps({"id": seed.stem, "text": seed.read_text(encoding="utf-8")}).encode())
    if DEV_PAGES.exists():
        with DEV_PAGES.open("rb") as f:
            lines.extend(line.rstrip(b"\n") for line in islice(f, 8))
    return b"\n".join(lines) + b"\n"


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    path = tmp_path_factory.mktemp("parallel") / "mixed.jsonl"
    path.write_bytes(mixed_input())
    return path


@pytest.fixture
def small_chunks(monkeypatch):
    """Many more chunks than workers, so that chunks finish out of order."""
    monkeypatch.setattr(parallel, "CHUNK_RECORDS", 3)


def cli(*args):
    proc = subprocess.run([sys.executable, "-m", "cleanwire", *map(str, args)], capture_output=True, timeout=300)
    return proc.returncode, proc.stdout, proc.stderr


def run_library(paths, jobs, stages=None, **options):
    out = io.BytesIO()
    stats = run([str(p) for p in paths], Pipeline(Config(jobs=jobs, **options), stages=stages), out.write)
    return out.getvalue(), stats


def without_time(stats):
    return stats.as_dict() | {"seconds": 0, "mb_per_s": 0}


def test_two_jobs_write_the_same_bytes_as_one_error_records_and_errors_file_included(mixed, tmp_path):
    runs = []
    for jobs in (1, 2):
        errors = tmp_path / f"errors{jobs}.jsonl"
        runs.append((*cli(mixed, "--jobs", jobs), *cli(mixed, "--jobs", jobs, "--errors", errors)[:2],
                     errors.read_bytes()))
    one, two = runs
    assert one[0] == 1  # some records are error records
    assert two[:2] == one[:2] and two[3:] == one[3:]
    out = [json.loads(line) for line in one[1].splitlines()]
    assert {r["error"]["type"] for r in out if "error" in r} == {
        "invalid_json", "invalid_utf8", "not_an_object", "missing_text", "text_not_string"}
    assert one[5] and all("error" in json.loads(line) for line in one[5].splitlines())


def test_fail_fast_stops_after_the_same_first_error_record_with_two_jobs(mixed):
    one = cli(mixed, "--fail-fast")
    two = cli(mixed, "--fail-fast", "--jobs", "2")
    assert one[0] == two[0] == 1
    assert two[1] == one[1]
    assert b'"error"' in one[1].splitlines()[-1]


def test_output_keeps_the_input_order_with_many_more_chunks_than_workers(mixed, small_chunks):
    out, _ = run_library([mixed], 2)
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records if str(r["id"]).startswith("r")] == [f"r{n}" for n in range(150)]
    lines = [r["error"]["line"] for r in records if "error" in r]
    assert lines == sorted(lines) and len(lines) > 10
    assert out == run_library([mixed], 1)[0]


def test_jobs_zero_uses_every_core_and_still_writes_the_same_bytes(mixed, small_chunks):
    assert run_library([mixed], 0)[0] == run_library([mixed], 1)[0]


def test_plain_text_files_give_the_same_bytes_with_jobs(small_chunks):
    assert run_library(SEEDS, 2)[0] == run_library(SEEDS, 1)[0]


@stage("halves", "an example stage that splits every document in the middle")
def halves(doc: Document, config: Config):
    child = doc.split_off(len(doc.text) // 2, f"{doc.id}/2", "halves")
    return [doc, child]


def test_a_custom_stage_that_splits_documents_gives_the_same_records_in_workers(mixed, small_chunks):
    one, stats_one = run_library([mixed], 1, [halves])
    two, stats_two = run_library([mixed], 2, [halves])
    assert two == one
    assert b'"parent_id"' in two
    assert without_time(stats_two) == without_time(stats_one)


def test_a_stage_prepares_once_in_the_main_process_before_the_workers_fork(mixed, small_chunks):
    loads = []

    def load() -> None:
        loads.append(os.getpid())

    counted = stage("counted", "records the process that prepared it", prepare=load)(lambda doc, config: None)
    one, _ = run_library([mixed], 2, [counted])
    assert loads == [os.getpid()]  # the workers inherit what the main process loaded
    assert one == run_library([mixed], 1, [counted])[0]


def test_run_statistics_are_the_same_whatever_the_number_of_jobs(mixed, small_chunks):
    _, one = run_library([mixed], 1)
    _, two = run_library([mixed], 2)
    assert isinstance(two, RunStats) and two.errors > 0 and two.inputs > 150
    assert without_time(two) == without_time(one)


def test_fail_fast_in_the_library_raises_stop_run_with_jobs(mixed):
    with pytest.raises(StopRun):
        run_library([mixed], 2, fail_fast=True)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.text(max_size=300), st.integers(), st.none()), max_size=30))
def test_any_records_give_the_same_bytes_with_two_jobs_as_with_one(tmp_path, small_chunks, texts):
    path = tmp_path / "h.jsonl"
    path.write_text("".join(json.dumps({"id": n, "text": t}) + "\n" for n, t in enumerate(texts)), encoding="utf-8")
    assert run_library([path], 2)[0] == run_library([path], 1)[0]


@pytest.mark.parametrize("jobs", [-1, 1.5, True, "2"])
def test_jobs_must_be_zero_or_a_positive_whole_number(jobs):
    with pytest.raises(ValueError, match="jobs"):
        Config(jobs=jobs)


def test_jobs_zero_means_one_per_core_and_other_numbers_are_kept():
    assert resolve_jobs(0) == len(os.sched_getaffinity(0))
    assert resolve_jobs(1) == 1 and resolve_jobs(5) == 5


def test_a_negative_jobs_flag_is_a_usage_error():
    code, _, err = cli("--jobs", "-2", "-")
    assert code == 2 and b"jobs" in err


def test_imap_chunks_keeps_order_when_chunks_are_uneven():
    items = list(range(200))
    assert list(imap_chunks(max, items, jobs=2, init=int, chunk_records=7)) == [(i, i) for i in items]


def test_imap_chunks_closes_chunks_by_size_too():
    items = ["x" * 10] * 20
    assert [r for _, r in imap_chunks(max, items, jobs=2, init=str, chunk_bytes=25, weight=len)] == items


def test_an_interrupt_while_a_record_is_written_waits_for_the_end_of_the_record():
    written = []
    with pytest.raises(KeyboardInterrupt), DeferredInterrupt() as interrupt:
        with interrupt.holding():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)
            written.append("the whole record")
        written.append("the next record")
    assert written == ["the whole record"]


def test_an_interrupt_outside_a_write_stops_at_once_and_the_old_handler_comes_back():
    before = signal.getsignal(signal.SIGINT)
    with pytest.raises(KeyboardInterrupt), DeferredInterrupt():
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)
        pytest.fail("not interrupted")
    assert signal.getsignal(signal.SIGINT) is before


def test_ctrl_c_stops_the_run_leaving_only_whole_json_lines_and_no_workers(tmp_path):
    big = tmp_path / "big.jsonl"
    data = mixed_input()
    with big.open("wb") as f:
        for _ in range(100):
            f.write(data)
    out = tmp_path / "out.jsonl"
    # a session of its own stands in for the terminal: Ctrl-C reaches the whole process group
    proc = subprocess.Popen([sys.executable, "-m", "cleanwire", str(big), "--jobs", "2", "-o", str(out)],
                            stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    while (not out.exists() or out.stat().st_size < 50_000) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err.decode()
    assert b"Traceback" not in err
    written = out.read_bytes()
    assert written.endswith(b"\n") and written.count(b"\n") < 100 * data.count(b"\n")
    for line in written.splitlines():
        json.loads(line)
    with pytest.raises(ProcessLookupError):  # no worker is left behind
        os.killpg(proc.pid, 0)
