"""Cleaning a Ray Dataset of records with `map_batches`, on a laptop or a cluster.

Ray Data is the engine under NeMo Curator and datatrove's Ray executor. `clean_dataset` maps
each batch of records through the cleanwire pipeline and gives a dataset with one column,
`json`: one output record per row (split stories are extra rows, error records included),
each written exactly as the CLI writes it, without the line end:

    import ray
    from cleanwire.integrations.ray import clean_dataset

    ray.data.DataContext.get_current().execution_options.preserve_order = True
    cleaned = clean_dataset(ray.data.read_json("raw.jsonl"))
    with open("clean.jsonl", "w") as out:
        for row in cleaned.iter_rows():
            out.write(row["json"] + "\\n")

Why a JSON column rather than columns of fields: Arrow, which Ray batches are made of, needs
one type per column, and cleaned records do not have one (an error record has other fields
than a cleaned one; `date` is a string or null). Text keeps every record exact; `records`
parses the rows back into dicts.

Records are cleaned one by one with `Pipeline.clean_record`, so a row's result is the same as
in one process. Ray knows no record's file or line: a record without an id, and an error
record, name their place `<records>:0`. A field missing from some rows of the input comes
in as null (Arrow columns), so give every record the same fields.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import orjson
import pyarrow as pa
import ray.data

from cleanwire.config import Config
from cleanwire.io import dumps
from cleanwire.pipeline import Pipeline

__all__ = ["clean_dataset", "records"]

COLUMN = "json"


def clean_dataset(dataset: ray.data.Dataset, config: Config | None = None, *, batch_size: int = 64,
                  **map_batches_args: Any) -> ray.data.Dataset:
    """The cleaned records of `dataset` (rows are input records), one JSON text per row.

    Output order follows input order when the Ray context says `preserve_order`. Further
    keyword arguments go to `Dataset.map_batches` (e.g. `concurrency=8`, `num_cpus=1`).
    """
    return dataset.map_batches(_clean_batch, fn_kwargs={"config": config or Config()}, batch_format="pyarrow",
                               batch_size=batch_size, **map_batches_args)


def records(dataset: ray.data.Dataset) -> Iterator[dict[str, Any]]:
    """The rows of a cleaned dataset as record dicts."""
    for row in dataset.iter_rows():
        yield orjson.loads(row[COLUMN])


@lru_cache(maxsize=8)
def _pipeline(config: Config) -> Pipeline:
    """One pipeline per worker process and config, not one per batch."""
    return Pipeline(config)


def _clean_batch(batch: pa.Table, config: Config) -> pa.Table:
    pipeline = _pipeline(config)
    lines = [dumps(out)[:-1].decode("utf-8") for record in batch.to_pylist() for out in pipeline.clean_record(record)]
    return pa.table({COLUMN: pa.array(lines, type=pa.string())})
