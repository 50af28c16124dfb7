"""cleanwire as a datatrove `PipelineStep`, so that it runs under any datatrove executor.

datatrove (huggingface/datatrove) shards a corpus over local processes, Slurm jobs or a Ray
cluster; `CleanwireStep` sits between its reader and writer like any formatter:

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleanwire.integrations.datatrove import CleanwireStep, record_adapter

    LocalPipelineExecutor([
        JsonlReader("raw/", add_file_path=False),
        CleanwireStep(),
        JsonlWriter("clean/", adapter=record_adapter),
    ], tasks=4).run()

How documents map to records, so that the output is the CLI's, byte for byte:

- in: a document's id, text and metadata make the input record `{id, text, **metadata}`;
- out: each output record becomes a document with the cleaned text; every other field
  (title, date, ..., `removed`, `edits`, `flags`, passed-through fields) goes into its
  metadata, in record order. `record_adapter` turns it back into the record for a writer;
- a story split off a bundle is one more document (its metadata has `parent_id`), counted as
  `stories_split`;
- an error record drops the document, counted as `dropped` and `dropped_<error type>` (e.g.
  `dropped_too_long`) like datatrove's filters; an `exclusion_writer` keeps it, with the error
  in `metadata["cleanwire_error"]`. Its `source` is the reader's `file_path` when the
  reader adds one, its `line` the document's position in this task's stream.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.writers.disk_base import DiskWriter
from datatrove.utils.typeshelper import StatHints

from cleanwire.config import Config
from cleanwire.pipeline import Pipeline, is_error
from cleanwire.stage import Stage

__all__ = ["CleanwireStep", "record_adapter", "to_document", "to_record"]


class CleanwireStep(PipelineStep):
    """Clean every document with cleanwire; see the module docstring for the mapping.

    `config` is the cleanwire `Config` (default: the default pipeline); `stages` a list of
    `Stage` objects to run instead of the built-in ones. The pipeline is built in `run`, in
    the worker, so that the step pickles for any executor.
    """

    name = "🧹 cleanwire"
    type = "✂️ - FORMAT"

    def __init__(self, config: Config | None = None, exclusion_writer: DiskWriter | None = None,
                 stages: Sequence[Stage] | None = None) -> None:
        super().__init__()
        self.config = config or Config()
        self.exclusion_writer = exclusion_writer
        self.stages = stages

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> Iterator[Document]:
        pipeline = Pipeline(self.config, self.stages)
        excluded = self.exclusion_writer if self.exclusion_writer else contextlib.nullcontext()
        with excluded as writer:
            for n, doc in enumerate(data or (), 1):
                self.stat_update(StatHints.total)
                with self.track_time():
                    records = pipeline.clean_record(to_record(doc, self.config), line=n,
                                                    source=str(doc.metadata.get("file_path", "datatrove")))
                for record in records:
                    if is_error(record):
                        self.stat_update(StatHints.dropped, f"dropped_{record['error']['type']}")
                        if writer is not None:
                            doc.metadata["cleanwire_error"] = record["error"]
                            writer.write(doc, rank)
                        continue
                    out = to_document(record)
                    if "parent_id" in record:
                        self.stat_update("stories_split")
                    self.stat_update(StatHints.forwarded)
                    self.update_doc_stats(out)
                    yield out


def to_record(doc: Document, config: Config | None = None) -> dict[str, Any]:
    """The input record a datatrove document stands for: `{id, text, **metadata}`.

    >>> to_record(Document(text="Hi.", id="a", metadata={"url": "u"}))
    {'id': 'a', 'text': 'Hi.', 'url': 'u'}
    """
    config = config or Config()
    return {config.id_field: doc.id, config.text_field: doc.text, **doc.metadata}


def to_document(record: dict[str, Any]) -> Document:
    """A cleaned record as a datatrove document: the text, the id, every other field as metadata.

    >>> to_document({"id": "a", "text": "Hi.", "title": None, "removed": []}).metadata
    {'title': None, 'removed': []}
    """
    metadata = {key: value for key, value in record.items() if key not in ("id", "text")}
    return Document(text=record["text"], id=record["id"], metadata=metadata)


def record_adapter(writer: Any, document: Document) -> dict[str, Any]:
    """A writer `adapter` that writes a cleaned document as the record the CLI writes.

    datatrove's default adapter puts `text` before `id` and drops empty fields; this one keeps
    the record contract (`JsonlWriter(..., adapter=record_adapter)`).

    >>> record_adapter(None, Document(text="Hi.", id="a", metadata={"title": None}))
    {'id': 'a', 'text': 'Hi.', 'title': None}
    """
    return {"id": document.id, "text": document.text, **document.metadata}
