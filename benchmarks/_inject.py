"""What the injector modules (benchmarks/inject_*.py) share: their return types, the splice, the guards' insert.

Imported as a top-level module: repair.py puts benchmarks/ on sys.path before it imports the
injectors, and a script run as `python benchmarks/inject_x.py` has benchmarks/ there already.
"""

from __future__ import annotations

import random
import re

Injected = tuple[str, list[int]]
Guarded = tuple[str, list[tuple[int, int]]]

_PARA_RE = re.compile(r"[^\n]+")


def replace_at(text: str, spans: list[tuple[int, int, str]]) -> Injected:
    """Apply (start, end, replacement) spans (sorted, disjoint); positions of the replacements.

    >>> replace_at("a b c", [(1, 2, ""), (3, 4, "--")])
    ('ab--c', [1, 2])
    """
    out: list[str] = []
    pos: list[int] = []
    at = length = 0
    for s, e, r in spans:
        out.append(text[at:s])
        length += s - at
        pos.append(length)
        out.append(r)
        length += len(r)
        at = e
    out.append(text[at:])
    return "".join(out), pos


def put_after_paragraph(text: str, rng: random.Random, piece: str, keep: list[str], sep: str) -> Guarded:
    """Put `sep` and `piece` after a random paragraph's end; spans of each `keep` substring in it.

    >>> put_after_paragraph("A.", random.Random(0), "C says: x.", ["x"], " ")
    ('A. C says: x.', [(11, 12)])
    """
    ends = [m.end() for m in _PARA_RE.finditer(text)] or [len(text)]
    at = rng.choice(ends)
    new = text[:at] + sep + piece + text[at:]
    base = at + len(sep)
    spans = []
    for k in keep:
        i = piece.index(k)
        spans.append((base + i, base + i + len(k)))
    return new, spans
