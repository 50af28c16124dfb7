"""Run the stages over documents and records; turn every failure into an error record.

`Pipeline` is the library's centre: it resolves the configured stages, runs them in their
fixed order (`layout` always last), and converts between records (dicts) and `Document`s.
The extract stages run until none of them would judge the text differently, so that cleaning
cleaned output changes nothing (`Pipeline._settle`).
Whatever goes wrong with one record (no text field, text not a string, too long, a stage
raising) becomes an error record for that record, and the caller moves on.

>>> records = Pipeline(Config(stages=())).clean_record({"id": "a", "text": " Hi.\\n", "lang": "en"})
>>> [(r["id"], r["text"], r["lang"]) for r in records]
[('a', 'Hi.', 'en')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from cleanwire.config import Config
from cleanwire.document import RECORD_KEYS, Document
from cleanwire.stage import Stage
from cleanwire.stages import GROUPS, LAYOUT, STAGES


class RecordError(Exception):
    """A record that cannot be cleaned; `type` names the reason in the error record."""

    def __init__(self, type_: str, message: str) -> None:
        super().__init__(message)
        self.type = type_


class Pipeline:
    """Stages in order, with one `Config`.

    `stages` defaults to the built-in stages named by `config.stages`; pass your own list of
    `Stage` objects to add a stage (see `cleanwire.stage`).
    """

    def __init__(self, config: Config | None = None, stages: Sequence[Stage] | None = None) -> None:
        self.config = config or Config()
        if stages is None:
            unknown = [n for n in self.config.stages if n not in STAGES]
            if unknown:
                raise ValueError(f"unknown stage(s): {', '.join(unknown)}")
            stages = [STAGES[n] for n in STAGES if n in self.config.stages]
        self.stages: list[Stage] = list(stages)

    def run(self, doc: Document) -> list[Document]:
        """Run every stage over `doc`; returns the documents that come out (splits included).

        The stages before the extract stages run once; the extract stages (they only remove)
        run over `doc` and every story split off it until none would judge the text differently
        (`_settle`); then the other stages run once over every story.
        """
        extract = [k for k, st in enumerate(self.stages) if st.name in GROUPS["extract"]]
        first, end = (extract[0], extract[-1] + 1) if extract else (len(self.stages), len(self.stages))
        docs = [doc]
        for st in self.stages[:first]:
            docs = list(_run_stage(st, docs, self.config))
        if extract:
            docs = [s for d in docs for s in self._extract(d, self.stages[first:end])]
            for k, story in enumerate(docs[1:], 2):  # stories of stories are stories of the input
                story.id, story.parent_id = f"{doc.id}/{k}", doc.id
        for st in self.stages[end:]:
            docs = list(_run_stage(st, docs, self.config))
        for d in docs:
            LAYOUT(d, self.config)
        return docs

    def _extract(self, doc: Document, stages: Sequence[Stage]) -> list[Document]:
        """`doc` and the stories split off it, each settled by `_settle`, in text order."""
        out: list[Document] = []
        todo = [doc]
        while todo:
            story = todo.pop()
            kept, children = self._settle(story, stages)
            out.extend([story] if kept else [])
            todo.extend(reversed(children))
        return out

    def _settle(self, doc: Document, stages: Sequence[Stage]) -> tuple[bool, list[Document]]:
        """Run `stages` over `doc` until each has judged the text as it is; (kept, stories split off).

        Each extract stage judges the text it is given: metadata the head above the first prose,
        boilerplate the densest run of prose, split a headline between two stories. When a later
        stage takes text out (boilerplate drops a second page whose article metadata took for the
        lede; split moves a story off and leaves the first one's tail), an earlier one judged text
        that is gone, and a second cleaning would judge again. So a stage runs again whenever the
        text is no longer what it left (each stage is idempotent on its own output), and a
        split-off story, a document of its own, gets the whole group (`_extract`). Extract stages
        only remove, so this ends; fields found earlier stay (a later run only fills gaps).
        """
        left: list[str | None] = [None] * len(stages)  # the text each stage left the last time it ran
        children: list[Document] = []
        for _ in range(_EXTRACT_ROUNDS):
            for k, st in enumerate(stages):
                if left[k] == doc.text:
                    continue
                found = [(name, value) for name in _FIELDS if (value := getattr(doc, name))]
                stories = list(_run_stage(st, [doc], self.config))
                for name, value in found:
                    setattr(doc, name, value)
                # a later run splits the tail of `doc`, which comes before the stories split off earlier
                children[:0] = [s for s in stories if s is not doc]
                if not any(s is doc for s in stories):  # the stage dropped it
                    return False, children
                left[k] = doc.text
            if all(t == doc.text for t in left):
                break
        return True, children

    def document(self, record: dict[str, Any], fallback_id: str) -> Document:
        """The `Document` for an input record; raises RecordError when it has no usable text."""
        cfg = self.config
        if cfg.text_field not in record:
            raise RecordError("missing_text", f"record has no {cfg.text_field!r} field")
        text = record[cfg.text_field]
        if not isinstance(text, str):
            raise RecordError("text_not_string", f"{cfg.text_field!r} is {type(text).__name__}, not a string")
        if len(text) > cfg.max_chars:
            raise RecordError("too_long", f"text has {len(text)} characters, more than --max-chars {cfg.max_chars}")
        doc_id = record.get(cfg.id_field)
        if doc_id is None:
            doc_id = fallback_id
        drop = {cfg.text_field, cfg.id_field, *RECORD_KEYS}
        extra = {k: v for k, v in record.items() if k not in drop}
        return Document(id=doc_id, source=text, extra=extra)

    def clean_record(self, record: Any, *, source: str = "<records>", line: int = 0,
                     raw: str | None = None) -> list[dict[str, Any]]:
        """Clean one record: its output record(s), or one error record."""
        fallback_id = f"{source}:{line}"
        try:
            if not isinstance(record, dict):
                raise RecordError("not_an_object", f"expected a JSON object, got {type(record).__name__}")
            return [d.to_record() for d in self.run(self.document(record, fallback_id))]
        except RecordError as exc:
            kind, message = exc.type, str(exc)
        except Exception as exc:  # a stage raised: the record still gets its error record
            kind, message = "stage_error", f"{type(exc).__name__}: {exc}"
        rid = record.get(self.config.id_field) if isinstance(record, dict) else None
        return [error_record(rid if rid is not None else fallback_id, kind, message, source, line,
                             raw if raw is not None else record)]

    def clean_records(self, records: Iterable[Any]) -> Iterator[dict[str, Any]]:
        """Dicts in, dicts out: each record's output records (splits included) or an error record."""
        for n, record in enumerate(records, 1):
            yield from self.clean_record(record, line=n)


_EXTRACT_ROUNDS = 4  # a bound, not a target: a second round almost always removes nothing
_FIELDS = ("title", "date", "dateline", "authors", "reading_time_minutes")  # kept by `_settle` once found


def _run_stage(st: Stage, docs: list[Document], config: Config) -> Iterator[Document]:
    for doc in docs:
        out = st(doc, config)
        if out is None:
            yield doc
        else:
            yield from out


def error_record(rid: Any, kind: str, message: str, source: str, line: int, raw: Any) -> dict[str, Any]:
    """The error record of the contract: id, error {type, message, source, line}, input."""
    return {"id": rid, "error": {"type": kind, "message": message, "source": source, "line": line}, "input": raw}


def is_error(record: dict[str, Any]) -> bool:
    return "error" in record and "text" not in record


def clean(text: str, *, config: Config | None = None, id: str = "text", **options: Any) -> list[dict[str, Any]]:
    """Clean one string; returns one record per story in it (usually one).

    Options are `Config` fields, e.g. `clean(text, quotes="curly")`.

    >>> clean("\\n\\n  Hello world.\\n")[0]["text"]
    'Hello world.'
    """
    from dataclasses import replace

    cfg = replace(config or Config(), **options)
    return [d.to_record() for d in Pipeline(cfg).run(Document(id=id, source=text))]
