"""The `Document` that flows through every stage, and its audit trail.

A document keeps its input text (`source`) untouched and describes its current text as a
sequence of *segments*, each either a copy of an input span or an inserted string that
replaced an input span (possibly an empty one). Stages never rewrite `text` by hand: they
call `apply` with operations in current-text coordinates, and the document maps them back to
the input. This is what makes the audit trail exact after any number of stages:

- every input character lies in exactly one of: a copied span (it is in `text`), a removed
  span (`removed`), or an edit's `before` span (`edits`);
- `replay(source, removed, edits)` rebuilds `text` from the input and the audit alone.

>>> doc = Document("d", "Hello  world.")
>>> doc.apply([Op(5, 7, " ", "unicode", "collapse_spaces")])
>>> doc.text
'Hello world.'
>>> doc.edits
[Edit(stage='unicode', kind='collapse_spaces', before='  ', after=' ', start=5)]
>>> replay(doc.source, doc.removed, doc.edits) == doc.text
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, NamedTuple

# Output keys, in the order the record contract fixes.
RECORD_KEYS = (
    "id", "text", "title", "date", "dateline", "authors", "reading_time_minutes",
    "captions", "removed", "edits", "flags",
)


@dataclass(slots=True)
class Removal:
    """A span of the input taken out of the text (moved to metadata or dropped)."""

    stage: str
    kind: str
    text: str
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        return {"stage": self.stage, "kind": self.kind, "text": self.text, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Edit:
    """A change of characters: input `before` at input offset `start` became `after`."""

    stage: str
    kind: str
    before: str
    after: str
    start: int

    def as_dict(self) -> dict[str, Any]:
        return {"stage": self.stage, "kind": self.kind, "before": self.before, "after": self.after, "start": self.start}


@dataclass(slots=True)
class Flag:
    """Something a stage found suspicious and left as it was."""

    stage: str
    kind: str
    text: str
    note: str

    def as_dict(self) -> dict[str, Any]:
        return {"stage": self.stage, "kind": self.kind, "text": self.text, "note": self.note}


class Op(NamedTuple):
    """One change a stage asks for, in current-text coordinates.

    `replacement=None` removes `text[start:end]` (recorded in `removed`); a string replaces it
    (recorded in `edits`; `start == end` inserts). A named tuple, not a frozen dataclass: as
    immutable, and three times cheaper to make (layout alone makes a hundred per page).
    """

    start: int
    end: int
    replacement: str | None
    stage: str
    kind: str


@dataclass(slots=True)
class _Seg:
    """A piece of the current text: input span [src_start, src_end), copied or replaced."""

    src_start: int
    src_end: int
    edit: Edit | None = None  # None: a copy of the input span

    @property
    def text_len(self) -> int:
        return self.src_end - self.src_start if self.edit is None else len(self.edit.after)


@dataclass(slots=True)
class Document:
    """One article on its way through the pipeline.

    `source` is the input text and never changes; `text` is the current text. Metadata fields
    are filled by stages; `extra` holds the input record's other fields, passed through.
    """

    id: str
    source: str
    title: str | None = None
    date: str | None = None
    dateline: dict[str, str | None] | None = None
    authors: list[str] = field(default_factory=list)
    reading_time_minutes: int | None = None
    captions: list[str] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    parent_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    text: str = ""
    _segs: list[_Seg] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        if not self._segs and self.source:
            self.text = self.source
            self._segs = [_Seg(0, len(self.source))]

    # -- audit views ---------------------------------------------------------------------

    @property
    def edits(self) -> list[Edit]:
        """Every edit still visible in the text, in text order (derived from the segments)."""
        return [s.edit for s in self._segs if s.edit is not None]

    def flag(self, stage: str, kind: str, text: str, note: str) -> None:
        self.flags.append(Flag(stage, kind, text, note))

    def remove(self, start: int, end: int, stage: str, kind: str) -> None:
        """Remove `text[start:end]`, recording it (convenience for a single op)."""
        self.apply([Op(start, end, None, stage, kind)])

    def apply(self, ops: Iterable[Op]) -> None:
        """Apply non-overlapping operations given in current-text coordinates, in one pass.

        Linear in the number of segments plus operations. An overlap is a bug in the calling
        stage and raises ValueError.
        """
        # an op that changes nothing records nothing: an empty removal, or a replacement by the
        # same characters
        text = self.text
        ops = [o for o in ops if (o.start < o.end if o.replacement is None else o.replacement != text[o.start:o.end])]
        if not ops:
            return
        size = len(text)
        if _out_of_order(ops, size) is not None:  # stages mostly give their ops in text order: then no sort
            ops.sort(key=_SPAN)
            bad = _out_of_order(ops, size)
            if bad is not None:
                raise ValueError(f"bad or overlapping op {bad!r} on text of length {size}")
        try:
            self._apply_sorted(ops)
        except _SharedEdit:
            # two ops in one batch touch the same earlier edit: apply them one at a time,
            # last first, so that earlier offsets stay valid (rare, so the cost is fine)
            for o in reversed(ops):
                self._apply_sorted([o])

    def _apply_sorted(self, ops: list[Op]) -> None:
        """`apply` for checked ops in text order: one walk over the segments and the ops together.

        The common case, an op inside one copied span, is handled inline (it is most ops of every
        stage, so this loop is the hot path of the whole pipeline); the rest go to `_apply_across`.
        """
        segs = list(self._segs)  # a copied span that an op cut leaves its rest in here, for later ops
        source, text = self.source, self.text
        removed: list[Removal] = []  # committed only when the whole batch went through
        new_segs: list[_Seg] = []
        new_text: list[str] = []
        keep, write = new_segs.append, new_text.append  # bound once: called for every op
        count = len(segs)  # (ops replace segments of `segs`, never add or drop one)
        i = pos = last = 0  # segs[i] starts at `pos` in the old text; text[:last] is in new_text
        guard = -1  # old-text end of a partly covered edit that a later op must not reach
        rest = None  # the rest of a copy that an earlier op of this batch cut: ours to shorten in place
        for o in ops:
            start, end, replacement, stage_name, kind = o
            if start < guard:
                raise _SharedEdit
            # keep the segments before the op; zero-length ones at `start` stay before it
            j = i
            while j < count:
                seg = segs[j]
                n = seg.src_end - seg.src_start if seg.edit is None else len(seg.edit.after)  # text_len, inlined
                if pos + n > start:
                    break
                pos += n
                j += 1
            else:
                seg = None
            if j > i:
                new_segs.extend(segs[i:j])
                i = j
            if seg is not None and seg.edit is None and end - pos <= seg.src_end - seg.src_start and (
                    start < end or pos < start):
                # inside one copied span, most ops of every stage: no earlier edit to merge with,
                # so the span's margins stay copies around one removal or edit
                src_start, src_end = seg.src_start, seg.src_end
                s, e = src_start + start - pos, src_start + end - pos
                if s > src_start:
                    keep(_Seg(src_start, s))
                if replacement is None:
                    removed.append(Removal(stage_name, kind, source[s:e], s, e))
                else:
                    keep(_Seg(s, e, Edit(stage_name, kind, source[s:e], replacement, s)))
                if e < src_end:  # the rest of the copy is still open to later ops
                    if seg is rest:
                        seg.src_start = e
                    else:
                        segs[i] = rest = _Seg(e, src_end)
                else:
                    i += 1
                pos = end
            else:
                i, pos, guard = self._apply_across(o, segs, i, pos, guard, new_segs, removed)
                rest = None
            write(text[last:start])
            if replacement:
                write(replacement)
            last = end
        new_segs.extend(segs[i:])
        write(text[last:])
        self.text = "".join(new_text)
        self._segs = new_segs
        self.removed.extend(removed)

    def _apply_across(self, o: Op, segs: list[_Seg], i: int, pos: int, guard: int, new_segs: list[_Seg],
                      removed: list[Removal]) -> tuple[int, int, int]:
        """`_apply_sorted` for an op over several segments or an earlier edit, or an insertion
        between two segments: appends to `new_segs` and returns the new `i`, `pos` and `guard`."""
        if o.replacement is None and o.start < o.end:
            done = self._remove_copies(o, segs, i, pos, new_segs, removed)
            if done is not None:
                return done[0], done[1], guard
        covered: list[tuple[_Seg, int, int]] = []  # (segment, from, to) in its own text
        if o.start == o.end:  # an insertion: only a segment it falls strictly inside
            if i < len(segs) and pos < o.start:
                covered.append((segs[i], o.start - pos, o.start - pos))
                pos += segs[i].text_len
                i += 1
        else:
            while i < len(segs) and pos < o.end:
                n = segs[i].text_len
                covered.append((segs[i], max(o.start - pos, 0), min(o.end - pos, n)))
                pos += n
                i += 1
        if not covered:  # an insertion at a segment boundary
            at = new_segs[-1].src_end if new_segs else (segs[i].src_start if i < len(segs) else 0)
            new_segs.append(_Seg(at, at, Edit(o.stage, o.kind, "", o.replacement or "", at)))
            return i, pos, guard
        seg, _, hi = covered[-1]
        out = self._replace(covered, o, removed)
        if hi < seg.text_len:
            if seg.edit is None:  # the rest of a copy is still open to later ops
                tail = out.pop()
                i -= 1
                segs[i] = tail
                pos -= tail.text_len
            else:
                guard = pos
        new_segs.extend(out)
        return i, pos, guard

    def _remove_copies(self, o: Op, segs: list[_Seg], i: int, pos: int, new_segs: list[_Seg],
                       removed: list[Removal]) -> tuple[int, int] | None:
        """A removal over several copies, cut in one loop; None when an earlier edit is among them.

        This is what `layout` does with the line breaks that `boilerplate` left between the lines
        it took out, each break a copy of its own (some 18k over the dev pages). It gives the
        segments and removals that `_replace` would: the margins of the first and last copies
        kept, the removed pieces joined where their input spans touch. Returns the new `i` and
        `pos`."""
        start, end = o.start, o.end
        count = len(segs)
        if i >= count or pos >= end or segs[i].edit is not None:
            return None
        source, stage_name, kind = self.source, o.stage, o.kind
        first = segs[i]
        lo = first.src_start + start - pos
        cut: list[Removal] = []  # committed once no earlier edit turned up
        span_start, span_end = lo, first.src_end  # the removed input span being joined
        at, j = pos + first.src_end - first.src_start, i + 1
        while j < count and at < end:
            seg = segs[j]
            if seg.edit is not None:
                return None
            s, e = seg.src_start, seg.src_end
            at += e - s
            j += 1
            if s != span_end:
                if span_end > span_start:
                    cut.append(Removal(stage_name, kind, source[span_start:span_end], span_start, span_end))
                span_start = s
            span_end = e
        span_end -= at - end  # the last copy's part past the op stays
        if span_end > span_start:
            cut.append(Removal(stage_name, kind, source[span_start:span_end], span_start, span_end))
        if lo > first.src_start:
            new_segs.append(_Seg(first.src_start, lo))
        removed.extend(cut)
        if at > end:  # the rest of the last copy is still open to later ops
            last = segs[j - 1]
            segs[j - 1] = _Seg(last.src_end - (at - end), last.src_end)
            return j - 1, end
        return j, at

    def _replace(self, covered: list[tuple[_Seg, int, int]], o: Op, removed: list[Removal]) -> list[_Seg]:
        """New segments for the covered ones: kept margins, then the op's removal or edit."""
        head: list[_Seg] = []
        tail: list[_Seg] = []
        spans: list[tuple[int, int]] = []  # input spans the op consumes
        prefix = suffix = ""  # kept parts of partly covered edits
        for k, (seg, lo, hi) in enumerate(covered):
            n = seg.text_len
            if seg.edit is None:
                if lo > 0:
                    head.append(_Seg(seg.src_start, seg.src_start + lo))
                if hi < n:
                    tail.append(_Seg(seg.src_start + hi, seg.src_end))
                spans.append((seg.src_start + lo, seg.src_start + hi))
            else:
                if k == 0:
                    prefix = seg.edit.after[:lo]
                if k == len(covered) - 1:
                    suffix = seg.edit.after[hi:]
                spans.append((seg.src_start, seg.src_end))
        spans = _merge(spans)
        out = head
        if o.replacement is None:
            stage, kind = o.stage, o.kind
            if prefix:
                out.append(self._edit_seg(spans[0][0], spans[0][0], "", prefix, covered[0][0].edit))
            for s, e in spans:
                if e > s:
                    removed.append(Removal(stage, kind, self.source[s:e], s, e))
            if suffix:
                out.append(self._edit_seg(spans[-1][1], spans[-1][1], "", suffix, covered[-1][0].edit))
        else:
            after = prefix + o.replacement + suffix
            stage, kind = _joined(covered, o)
            if len(spans) == 1:
                s, e = spans[0]
                out.append(_Seg(s, e, Edit(stage, kind, self.source[s:e], after, s)))
            else:  # the op spans an earlier removal: record the input pieces as removed
                for s, e in spans:
                    if e > s:
                        removed.append(Removal(stage, kind, self.source[s:e], s, e))
                at = spans[0][0]
                out.append(_Seg(at, at, Edit(stage, kind, "", after, at)))
        out.extend(tail)
        return out

    @staticmethod
    def _edit_seg(s: int, e: int, before: str, after: str, like: Edit | None) -> _Seg:
        assert like is not None
        return _Seg(s, e, Edit(like.stage, like.kind, before, after, s))

    # -- splitting -----------------------------------------------------------------------

    def split_off(self, start: int, new_id: str, stage: str) -> Document:
        """Move `text[start:]` into a new document (a story of its own) and return it.

        The child shares `source`, so its offsets still point into the input, and it inherits
        the removals inside its input range. The parent records the move as removals of kind
        "story".
        """
        keep: list[_Seg] = []
        moved: list[_Seg] = []
        pos = 0
        for seg in self._segs:
            n = seg.text_len
            if pos + n <= start:
                keep.append(seg)
            elif pos >= start or seg.edit is not None:
                moved.append(seg)
            else:
                cut = seg.src_start + (start - pos)
                keep.append(_Seg(seg.src_start, cut))
                moved.append(_Seg(cut, seg.src_end))
            pos += n
        lo = moved[0].src_start if moved else len(self.source)
        hi = moved[-1].src_end if moved else len(self.source)
        child = Document(id=new_id, source=self.source, parent_id=self.id, extra=dict(self.extra),
                         removed=[r for r in self.removed if lo <= r.start and r.end <= hi])
        child._segs = moved
        child.text = "".join(self._seg_text(s) for s in moved)
        self._segs = keep
        self.text = "".join(self._seg_text(s) for s in keep)
        for s, e in _merge([(seg.src_start, seg.src_end) for seg in moved]):
            if e > s:
                self.removed.append(Removal(stage, "story", self.source[s:e], s, e))
        return child

    def _seg_text(self, seg: _Seg) -> str:
        return self.source[seg.src_start:seg.src_end] if seg.edit is None else seg.edit.after

    # -- output --------------------------------------------------------------------------

    def to_record(self) -> dict[str, Any]:
        """The output record: contract keys in order, then parent_id, then passed-through fields."""
        edits = self.edits  # derived from the segments: walked once
        record: dict[str, Any] = {
            "id": self.id,
            "text": self.text,
            "title": self.title,
            "date": self.date,
            "dateline": self.dateline,
            "authors": list(self.authors),
            "reading_time_minutes": self.reading_time_minutes,
            "captions": list(self.captions),
            "removed": [r.as_dict() for r in merged_removals(self.removed, edits)],
            "edits": [e.as_dict() for e in edits],
            "flags": [f.as_dict() for f in self.flags],
        }
        if self.parent_id is not None:
            record["parent_id"] = self.parent_id
        for key, value in self.extra.items():
            if key not in record:
                record[key] = value
        return record


def merged_removals(removed: Iterable[Removal], edits: Iterable[Edit] = ()) -> list[Removal]:
    """Removals in input order, with touching ones of the same stage and kind joined.

    A menu removed line by line reads as one `nav` removal; the line breaks between two removals
    of one kind (which `layout` takes away afterwards) join them too, since they belong to the
    block. Spans and texts stay exact: each joined entry is still `source[start:end]`; two
    removals are never joined across an insertion that sits between them.

    >>> rs = [Removal("b", "nav", "A", 0, 1), Removal("layout", "whitespace", "\\n", 1, 2),
    ...       Removal("b", "nav", "B", 2, 3), Removal("b", "caption", "C", 3, 4)]
    >>> [(r.kind, r.text) for r in merged_removals(rs)]
    [('nav', 'A\\nB'), ('caption', 'C')]
    """
    ordered = sorted(removed, key=_START)
    inserted_at = {e.start for e in edits if not e.before}
    out: list[Removal] = []
    run: list[Removal] = []  # removals joined into the entry being built; the first names the entry
    stage = kind = ""  # the first's (a loop over every removal of a page: kept in locals)
    end = -1  # the input offset where the run ends
    for k, r in enumerate(ordered):
        start = r.start
        if start == end and start not in inserted_at:
            if r.kind == kind and r.stage == stage:
                run.append(r)
                end = r.end
                continue
            if r.stage == "layout" and not r.text.strip() and k + 1 < len(ordered):
                nxt = ordered[k + 1]
                if nxt.start == r.end and r.end not in inserted_at and nxt.stage == stage and nxt.kind == kind:
                    run.append(r)  # layout's line break between two removals of one kind
                    end = r.end
                    continue
        if run:
            out.append(_entry(run))
        run = [r]
        stage, kind, end = r.stage, r.kind, r.end
    if run:
        out.append(_entry(run))
    return out


def _entry(run: list[Removal]) -> Removal:
    """One entry for touching removals, its text joined once: a menu of a thousand lines is not
    copied a thousand times."""
    if len(run) == 1:
        return run[0]
    first = run[0]
    return Removal(first.stage, first.kind, "".join([r.text for r in run]), first.start, run[-1].end)


_SPAN = attrgetter("start", "end")  # the order in which `apply` takes ops
_START = attrgetter("start")


def _out_of_order(ops: list[Op], size: int) -> Op | None:
    """The first op that is out of the text or starts before the one before it ended; None when
    `ops` are valid and in `_SPAN` order (then sorting would keep them as they are, insertions at
    one point included)."""
    prev_end = 0
    for o in ops:
        start, end = o.start, o.end
        if start < prev_end or end < start or end > size:
            return o
        prev_end = end
    return None


class _SharedEdit(Exception):
    """Raised inside `apply` when one batch needs an edit segment twice."""


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join input spans that touch, so one contiguous removal is one entry."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and out[-1][1] == s:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _joined(covered: list[tuple[_Seg, int, int]], o: Op) -> tuple[str, str]:
    """Stage and kind of an edit that absorbs earlier edits: the names joined with '+'."""
    stages: list[str] = []
    kinds: list[str] = []
    for seg, _, _ in covered:
        if seg.edit is not None:
            for name, acc in ((seg.edit.stage, stages), (seg.edit.kind, kinds)):
                for part in name.split("+"):
                    if part not in acc:
                        acc.append(part)
    for name, acc in ((o.stage, stages), (o.kind, kinds)):
        if name not in acc:
            acc.append(name)
    return "+".join(stages), "+".join(kinds)


def replay(source: str, removed: Sequence[Removal | dict], edits: Sequence[Edit | dict]) -> str:
    """Rebuild the output text from the input and its audit trail alone.

    Removals drop their input span; edits put `after` in place of their `before` span; every
    other input character is copied. Edits at the same offset keep their recorded order.

    >>> replay("ab cd", [{"start": 0, "end": 3}], [{"before": "c", "after": "C", "start": 3}])
    'Cd'
    """
    events: list[tuple[int, int, int, str]] = []  # (start, order, end, after)
    for r in removed:
        s, e = (r["start"], r["end"]) if isinstance(r, dict) else (r.start, r.end)
        events.append((s, 1, e, ""))
    for ed in edits:
        s, before, after = (ed["start"], ed["before"], ed["after"]) if isinstance(ed, dict) else (
            ed.start, ed.before, ed.after)
        events.append((s, 0, s + len(before), after))
    events.sort(key=lambda ev: (ev[0], ev[2] > ev[0], ev[1]))
    out: list[str] = []
    at = 0
    for s, _, e, after in events:
        if s < at:
            raise ValueError(f"audit entries overlap at input offset {s}")
        out.append(source[at:s])
        out.append(after)
        at = e
    out.append(source[at:])
    return "".join(out)
