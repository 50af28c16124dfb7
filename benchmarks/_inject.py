"""What the injector modules (benchmarks/inject_*.py) share: their return types and the splice.

Imported as a top-level module: repair.py puts benchmarks/ on sys.path before it imports the
injectors, and a script run as `python benchmarks/inject_x.py` has benchmarks/ there already.
"""

from __future__ import annotations

Injected = tuple[str, list[int]]
Guarded = tuple[str, list[tuple[int, int]]]


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
