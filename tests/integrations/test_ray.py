"""cleanwire over a Ray Dataset on a real local Ray instance (two CPUs), no mocks."""

import json
import subprocess
import sys
from itertools import islice

import pytest
from conftest import ROOT, SEEDS

ray = pytest.importorskip("ray", reason="ray is not installed: pip install 'cleanwire[ray]'")

from cleanwire import Config, Pipeline  # noqa: E402
from cleanwire.integrations.ray import clean_dataset, records  # noqa: E402
from cleanwire.io import dumps  # noqa: E402

DEV_PAGES = ROOT.parent / "shared" / "devset" / "page.jsonl"


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, object_store_memory=100 * 1024 * 1024)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    yield
    ray.shutdown()


def corpus() -> list[dict]:
    out = [{"id": f"r{k}", "text": f"Paragraph {k}  of the “story”.\n" * (k % 7 + 1), "lang": "en"} for k in range(60)]
    out += [{"id": s.stem, "text": s.read_text(encoding="utf-8"), "lang": "en"} for s in SEEDS]
    if DEV_PAGES.exists():
        with DEV_PAGES.open(encoding="utf-8") as f:
            out += [json.loads(line) | {"lang": "en"} for line in islice(f, 12)]
    return out


def test_the_dataset_cleans_to_the_records_of_one_process_error_records_included(local_ray):
    config = Config(max_chars=20_000)  # some dev pages are longer: error records
    rows = corpus()
    cleaned = clean_dataset(ray.data.from_items(rows), config, batch_size=8)
    got = [row["json"] for row in cleaned.take_all()]
    pipeline = Pipeline(config)
    expected = [dumps(out)[:-1].decode() for row in rows for out in pipeline.clean_record(row)]
    assert got == expected
    assert any('"error"' in line for line in got)


def test_a_jsonl_file_read_by_ray_cleans_to_the_bytes_the_cli_writes(local_ray, tmp_path):
    path = tmp_path / "raw.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in corpus()), encoding="utf-8")
    cleaned = clean_dataset(ray.data.read_json(str(path)), batch_size=16)
    got = "".join(row["json"] + "\n" for row in cleaned.iter_rows()).encode()
    cli = subprocess.run([sys.executable, "-m", "cleanwire", str(path)], capture_output=True, timeout=300)
    assert cli.returncode == 0 and got == cli.stdout


def test_records_gives_the_rows_back_as_dicts(local_ray):
    [record] = records(clean_dataset(ray.data.from_items([{"id": "a", "text": "Hi  there.\n"}])))
    assert record["id"] == "a" and list(record)[:2] == ["id", "text"]


def test_datatroves_ray_executor_runs_the_cleanwire_step_to_the_bytes_the_cli_writes(local_ray, tmp_path):
    pytest.importorskip("datatrove", reason="datatrove is not installed: pip install 'cleanwire[datatrove]'")
    from datatrove.executor.ray import RayPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from cleanwire.integrations.datatrove import CleanwireStep, record_adapter

    rows = corpus()
    raw = tmp_path / "raw"
    raw.mkdir()
    for n in range(2):
        (raw / f"part{n}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows[n::2]), encoding="utf-8")
    RayPipelineExecutor([
        JsonlReader(str(raw), add_file_path=False),
        CleanwireStep(),
        JsonlWriter(str(tmp_path / "out"), adapter=record_adapter, compression=None),
    ], tasks=2, logging_dir=str(tmp_path / "logs"), mem_per_cpu_gb=0.25).run()
    for n in range(2):
        cli = subprocess.run([sys.executable, "-m", "cleanwire", str(raw / f"part{n}.jsonl")],
                             capture_output=True, timeout=300)
        assert (tmp_path / "out" / f"{n:05d}.jsonl").read_bytes() == cli.stdout
