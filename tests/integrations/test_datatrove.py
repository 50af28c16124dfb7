"""cleanwire under datatrove: a real LocalPipelineExecutor over JSONL files, no mocks."""

import json
import subprocess
import sys
from itertools import islice

import pytest
from conftest import ROOT, SEEDS

pytest.importorskip("datatrove", reason="datatrove is not installed: pip install 'cleanwire[datatrove]'")

from datatrove.data import Document  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from cleanwire import Config, clean, stage  # noqa: E402
from cleanwire.integrations.datatrove import CleanwireStep, record_adapter, to_document, to_record  # noqa: E402

DEV_PAGES = ROOT.parent / "shared" / "devset" / "page.jsonl"
MAX_CHARS = 20_000  # small enough that some dev pages become error records (too_long)


def shard(n: int) -> list[dict]:
    """Records with ids and the same fields in each, as a corpus shard would have them."""
    out = [{"id": f"s{n}-{k}", "text": f"Paragraph {k} of   shard {n}.\n" * (k + 1), "lang": "en"} for k in range(20)]
    if n == 0:
        out += [{"id": s.stem, "text": s.read_text(encoding="utf-8"), "lang": "en"} for s in SEEDS]
    if DEV_PAGES.exists():
        with DEV_PAGES.open(encoding="utf-8") as f:
            for line in islice(f, 6 * n, 6 * n + 6):
                out.append(json.loads(line) | {"lang": "en"})
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("datatrove")
    raw = root / "raw"
    raw.mkdir()
    for n in range(2):
        (raw / f"part{n}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in shard(n)), encoding="utf-8")
    return root


def run_executor(root, name, step, workers):
    out, excluded = root / name / "out", root / name / "excluded"
    executor = LocalPipelineExecutor([
        JsonlReader(str(root / "raw"), add_file_path=False),
        step,
        JsonlWriter(str(out), adapter=record_adapter, compression=None),
    ], tasks=2, workers=workers, logging_dir=str(root / name / "logs"))
    stats = executor.run()
    return out, excluded, stats


def step_stats(stats) -> dict:
    [mine] = [s for s in stats.stats if s.name == str(CleanwireStep())]
    return {label: metric.total for label, metric in mine.stats.items()}


def test_each_task_writes_the_same_bytes_as_the_cli_on_its_file(corpus):
    config = Config(max_chars=MAX_CHARS)
    out, _, _ = run_executor(corpus, "two_workers", CleanwireStep(config), workers=2)
    for rank in range(2):
        cli = subprocess.run([sys.executable, "-m", "cleanwire", "--max-chars", str(MAX_CHARS), "--errors", "/dev/null",
                              str(corpus / "raw" / f"part{rank}.jsonl")], capture_output=True, timeout=300)
        assert (out / f"{rank:05d}.jsonl").read_bytes() == cli.stdout


def test_error_records_become_dropped_documents_counted_by_reason_and_kept_by_the_exclusion_writer(corpus):
    excluded = corpus / "excl" / "excluded"
    step = CleanwireStep(Config(max_chars=MAX_CHARS), exclusion_writer=JsonlWriter(str(excluded), compression=None))
    _, _, stats = run_executor(corpus, "excl", step, workers=1)
    counts = step_stats(stats)
    kept = [json.loads(line) for f in sorted(excluded.glob("*.jsonl")) for line in f.read_text().splitlines()]
    too_long = sum(len(r["text"]) > MAX_CHARS for n in range(2) for r in shard(n))
    assert counts.get("dropped_too_long", 0) == counts.get("dropped", 0) == len(kept) == too_long
    assert all(d["metadata"]["cleanwire_error"]["type"] == "too_long" for d in kept)
    assert counts["total"] == sum(len(shard(n)) for n in range(2))


@stage("halves", "an example stage that splits every document in the middle")
def halves(doc, config):
    return [doc, doc.split_off(len(doc.text) // 2, f"{doc.id}/2", "halves")]


def test_split_stories_come_out_as_extra_documents_after_their_parent(corpus):
    out, _, stats = run_executor(corpus, "split", CleanwireStep(stages=[halves]), workers=1)
    records = [json.loads(line) for line in (out / "00000.jsonl").read_text().splitlines()]
    first = shard(0)[0]["id"]
    assert [r["id"] for r in records[:2]] == [first, f"{first}/2"] and records[1]["parent_id"] == first
    assert step_stats(stats)["stories_split"] == step_stats(stats)["total"]


def test_audit_fields_and_passed_through_fields_go_into_the_metadata_in_record_order():
    [out] = CleanwireStep().run([Document(text="Hello  world.\n", id="a", metadata={"lang": "en"})])
    [expected] = clean("Hello  world.\n", id="a")
    assert out.text == expected["text"] and out.metadata["edits"] == expected["edits"]
    assert list(out.metadata)[:3] == ["title", "date", "dateline"] and list(out.metadata)[-1] == "lang"
    assert {"removed", "edits", "flags"} <= set(out.metadata)


@pytest.mark.parametrize("record", [
    {"id": "a", "text": "Body.", "title": "T", "removed": [], "url": "u"},
    {"id": 7, "text": "", "parent_id": "p"},
])
def test_a_record_survives_the_trip_through_a_document(record):
    assert record_adapter(None, to_document(record)) == record
    assert to_record(to_document(record)) == record
