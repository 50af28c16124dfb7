"""`cleanwire explain`: one document as a diff of its input, every change labelled with its kind.

For a person deciding whether to trust the tool: the input is shown in order, with each removed
segment and each edit inline where it happened, named `stage.kind`, so that a wrong removal
is seen in its context rather than read off offsets.

Everything here works from an output record alone. A record's `removed` and `edits` carry the
input strings they took out or replaced (`text`, `before`) at input offsets, and every other
input character is in `text` in order, so walking the audit entries by offset cuts the output
text back into the input's pieces (`pieces`): the inverse of `cleanwire.replay`.

>>> rec = {"text": "Hi there.", "removed": [{"stage": "boilerplate", "kind": "share", "text": "Share! ",
...        "start": 0, "end": 7}], "edits": [{"stage": "typos", "kind": "fix", "before": "ther",
...        "after": "there", "start": 10}]}
>>> print(render(pieces(rec), color=False))
[-Share! -]{boilerplate.share}Hi {ther→there}{typos.fix}.

A story split off a bundle (it has `parent_id`) starts somewhere inside its parent's input;
where exactly is read from the parent's `story` removals (see `pieces`).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from cleanwire.io import read_inputs
from cleanwire.pipeline import is_error

KEEP, REMOVE, EDIT = "keep", "remove", "edit"
STORY = "story"  # the removal kind that Document.split_off records in the parent

# Long removals are elided in the middle unless --full: the ends say what was cut.
ELIDE_OVER = 240
ELIDE_LINES = 8

# The metadata fields of a record, shown above its diff (here and in the HTML report).
METADATA_KEYS = ("title", "date", "dateline", "authors", "reading_time_minutes", "captions")


class Piece(NamedTuple):
    """A piece of the input: kept as is, removed, or edited (`text` is the input's, `after` the
    output's)."""

    op: str
    text: str
    after: str = ""
    stage: str = ""
    kind: str = ""

    @property
    def label(self) -> str:
        return f"{self.stage}.{self.kind}" if self.stage else self.kind


def _events(record: dict[str, Any]) -> list[tuple[int, int, int, Piece]]:
    """Audit entries as (start, end, order, piece), in the order `replay` applies them."""
    events = []
    for r in record.get("removed") or ():
        events.append((r["start"], r["end"], 1, Piece(REMOVE, r["text"], "", r.get("stage", ""), r["kind"])))
    for e in record.get("edits") or ():
        events.append((e["start"], e["start"] + len(e["before"]), 0,
                       Piece(EDIT, e["before"], e["after"], e.get("stage", ""), e["kind"])))
    events.sort(key=lambda ev: (ev[0], ev[1] > ev[0], ev[2]))
    return events


def story_spans(records: Iterable[dict[str, Any]]) -> dict[Any, list[tuple[int, int, str]]]:
    """For each record id, its `story` removals (the input moved to stories split off it) as
    (start, end, text)."""
    out: dict[Any, list[tuple[int, int, str]]] = {}
    for rec in records:
        spans = [(r["start"], r["end"], r["text"]) for r in rec.get("removed") or () if r.get("kind") == STORY]
        if spans:
            out[_key(rec.get("id"))] = spans
    return out


def _key(rid: Any) -> Any:
    return rid if isinstance(rid, (str, int, float, bool, type(None))) else repr(rid)


def pieces(record: dict[str, Any], stories: dict[Any, list[tuple[int, int, str]]] | None = None) -> list[Piece]:
    """The record's input, cut into kept, removed and edited pieces, in input order.

    A record that was not split starts at input offset 0. A split-off story starts inside one
    of its parent's `story` removals (`stories`, from `story_spans`): the one that reaches its
    first audit entry and whose text begins as the story's text does; with none such, the story
    starts at its first audit entry. Raises ValueError when the audit does not fit the text.
    """
    text = record.get("text") or ""
    events = _events(record)
    if not events:
        return [Piece(KEEP, text)] if text else []
    first = events[0][0]
    consumed = sum(len(p.after) for *_, p in events)  # output chars from the first entry on
    at = first
    for s, e, _, _ in events:
        consumed += max(s - at, 0)
        at = max(at, e)
    lead = first if "parent_id" not in record else 0
    if "parent_id" in record:
        for start, end, moved in (stories or {}).get(_key(record.get("parent_id")), ()):
            if start <= first <= end and text[:first - start] == moved[:first - start]:
                lead = first - start
    if lead < 0 or lead + consumed > len(text):
        raise ValueError(f"the audit of record {record.get('id')!r} does not fit its text")
    out = [Piece(KEEP, text[:lead])] if lead else []
    t, at = lead, first
    for s, e, _, piece in events:
        if s < at:
            raise ValueError(f"audit entries of record {record.get('id')!r} overlap at input offset {s}")
        if s > at:
            out.append(Piece(KEEP, text[t:t + s - at]))
            t += s - at
        out.append(piece)
        t += len(piece.after)
        at = e
    if t < len(text):
        out.append(Piece(KEEP, text[t:]))
    return out


def source_of(parts: Sequence[Piece]) -> str:
    """The input the pieces came from (for a split-off story: its part of the input)."""
    return "".join(p.text for p in parts)


# -- the terminal view -------------------------------------------------------------------------

_RED, _GREEN, _DIM, _CYAN, _BOLD, _RESET = "\x1b[9;31m", "\x1b[32m", "\x1b[2;35m", "\x1b[36m", "\x1b[1m", "\x1b[0m"


def _elide(text: str, full: bool) -> str:
    """A long removal cut down to its ends: whole lines where it has many, else characters.

    >>> _elide("\\n".join("abcdefghij"), False)
    'a\\nb\\nc\\nd\\n…[4 more lines]…\\ni\\nj'
    """
    lines = text.split("\n")
    if full or (len(text) <= ELIDE_OVER and len(lines) <= ELIDE_LINES):
        return text
    if len(lines) > ELIDE_LINES:
        return "\n".join([*lines[:4], f"…[{len(lines) - 6} more lines]…", *lines[-2:]])
    half = ELIDE_OVER // 2
    return f"{text[:half]} …[{len(text) - 2 * half} chars]… {text[-half:]}"


def _paint(text: str, style: str, color: bool) -> str:
    """`text` in an ANSI style, re-opened on every line so that each line is coloured alone."""
    if not color or not text:
        return text
    return "\n".join(f"{style}{line}{_RESET}" if line else line for line in text.split("\n"))


def simplify(parts: Sequence[Piece]) -> list[Piece]:
    """The pieces as a reader wants them: changes of whitespace only (layout's blank lines) shown
    as their result, and a run of removals of one kind (a menu, line by line) as one removal.

    >>> rm = lambda t, k: Piece(REMOVE, t, "", "s", k)
    >>> parts = [rm("Home", "nav"), rm("\\n", "ws"), rm("News", "nav"), rm("\\n\\n", "ws"), Piece(KEEP, "Body")]
    >>> [p.text for p in simplify(parts)]
    ['Home\\nNews', '\\n', 'Body']
    """
    out: list[Piece] = []
    pending: list[Piece] = []  # whitespace-only removals after a removal that may go on

    def flush() -> None:  # the pending whitespace, kept as the line break it held (if any)
        out.append(Piece(KEEP, "\n" if any("\n" in w.text for w in pending) else ""))
        pending.clear()

    for p in parts:
        blank = not p.text.strip() and not p.after.strip()
        if p.op == REMOVE and blank and out and out[-1].op == REMOVE:
            pending.append(p)
            continue
        if p.op == REMOVE and not blank and out and out[-1].op == REMOVE and out[-1].label == p.label:
            last = out[-1]
            out[-1] = last._replace(text=last.text + "".join(w.text for w in pending) + p.text)
            pending.clear()
            continue
        if pending:
            flush()
        if p.op != KEEP and blank:
            out.append(Piece(KEEP, p.after if p.op == EDIT else "\n" if "\n" in p.text else ""))
        else:
            out.append(p)
    if pending:
        flush()
    return [p for p in out if p.op != KEEP or p.text]


def render(parts: Sequence[Piece], *, color: bool, full: bool = False) -> str:
    """The pieces as a wdiff-style diff: `[-removed-]{stage.kind}`, `{before→after}{stage.kind}`.

    Unless `full`, the pieces are `simplify`-ed and long removals are elided in the middle.
    """
    out: list[str] = []
    for p in parts if full else simplify(parts):
        if p.op == KEEP:
            out.append(p.text)
        elif p.op == REMOVE:
            body = _elide(p.text, full) if p.kind != STORY else f"[{len(p.text)} chars split off as a story]"
            out.append(_paint(f"[-{body}-]", _RED, color) + _paint(f"{{{p.label}}}", _DIM, color))
        else:
            out.append("{" + _paint(_visible(p.text), _RED, color) + "→" + _paint(_visible(p.after), _GREEN, color)
                       + "}" + _paint(f"{{{p.label}}}", _DIM, color))
    return "".join(out)


def _visible(text: str) -> str:
    """Whitespace in an edit made visible: an edit of '\\n' to '\\n\\n' reads as ⏎→⏎⏎."""
    return text.replace("\n", "⏎").replace("\t", "⇥") if not text.strip() else text


def explain_record(record: dict[str, Any], stories: dict[Any, list[tuple[int, int, str]]] | None = None, *, color: bool,
                   full: bool = False) -> str:
    """A header (id, metadata, counts), the diff, then the flags."""
    if is_error(record):
        err = record.get("error") or {}
        return f"── {record.get('id')}: error record, {err.get('type')}: {err.get('message')}\n"
    head = _paint(f"── {record.get('id')}", _BOLD, color)
    if "parent_id" in record:
        head += f" (split off {record['parent_id']})"
    lines = [head]
    for key in METADATA_KEYS:
        value = record.get(key)
        if value not in (None, [], {}):
            lines.append(f"{key}: {_paint(str(value), _CYAN, color)}")
    removed, edits, flags = (record.get(k) or [] for k in ("removed", "edits", "flags"))
    lines.append(f"{len(removed)} removed, {len(edits)} edits, {len(flags)} flags; "
                 f"{len(record.get('text') or '')} chars kept")
    lines.append("")
    try:
        lines.append(render(pieces(record, stories), color=color, full=full))
    except ValueError as exc:
        lines.append(f"(cannot show the diff: {exc})")
        lines.append(record.get("text") or "")
    for f in flags:
        lines.append("")
        lines.append(_paint(f"flag {f.get('stage')}.{f.get('kind')}: {f.get('note')}: {f.get('text')!r}", _CYAN, color))
    return "\n".join(lines) + "\n"


def explain_records(records: Sequence[dict[str, Any]], *, color: bool, full: bool = False) -> str:
    stories = story_spans(records)
    return "\n".join(explain_record(r, stories, color=color, full=full) for r in records)


def is_cleaned(record: Any) -> bool:
    """An output record of cleanwire (it carries the audit) rather than raw input."""
    return isinstance(record, dict) and "text" in record and isinstance(record.get("removed"), list) \
        and isinstance(record.get("edits"), list)


def families(records: Iterable[dict[str, Any]]) -> Iterable[list[dict[str, Any]]]:
    """Records grouped as output lists them: a document, then the stories split off it."""
    family: list[dict[str, Any]] = []
    ids: set[Any] = set()
    for rec in records:
        if family and _key(rec.get("parent_id")) not in ids:
            yield family
            family, ids = [], set()
        family.append(rec)
        ids.add(_key(rec.get("id")))
    if family:
        yield family


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("input", metavar="FILE",
                   help="raw input (JSONL or plain text: cleaned now, with the settings in force) or cleanwire "
                        "output JSONL (shown from its audit); '-' reads stdin (e.g. cleanwire explain seeds/a.txt)")
    p.add_argument("--id", metavar="ID",
                   help="the document to show (default: the first one; e.g. --id 000_c581838d9bd7d40b)")
    p.add_argument("--color", action=argparse.BooleanOptionalAction, default=None,
                   help="ANSI colours; default: only when stdout is a terminal (e.g. --color | less -R)")
    p.add_argument("--full", action="store_true", default=None,
                   help="show whitespace-only changes and long removals in full (e.g. --full)")


def document_records(path: str, doc_id: str | None, pipeline: Any) -> list[dict[str, Any]]:
    """The family of records (a document and its split-off stories) that `explain` shows for
    `doc_id` (default: the first): read from cleaned output, or made now by cleaning the raw
    record asked for (only that one: a big file costs a read, not a run). [] if not found."""
    id_field = pipeline.config.id_field

    def raw_or_cleaned() -> Iterable[dict[str, Any]]:
        for item in read_inputs(path, pipeline.config.input_format):
            rec = item.record if item.error is None else item.error
            if item.error is not None or is_cleaned(rec):
                yield rec
                continue
            rid = rec.get(id_field) if isinstance(rec, dict) else None
            if doc_id is None or str(rid if rid is not None else f"{item.source}:{item.line}") == doc_id:
                yield from pipeline.clean_record(rec, source=item.source, line=item.line, raw=item.raw)

    for family in families(raw_or_cleaned()):
        if doc_id is None or any(str(r.get("id")) == doc_id for r in family):
            return family
    return []
