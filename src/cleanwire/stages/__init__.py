"""The built-in stages, in pipeline order, and the groups `--stages` accepts.

Order matters and is fixed. `unicode` runs first: it only decodes (mojibake, entities,
invisible and odd spaces), so that the extract stages (metadata, boilerplate, split) judge
the characters a reader sees, as they will judge the cleaned text if it is cleaned again
("MOS\u200bCOW, April 27 (Reuters) -" is a dateline once the zero-width space is gone); its
edits, and the input under what is removed, stay exact in the audit. The extract stages then
take segments out, and the other repair stages (quotes, typos) mend only the text that is
kept. `layout` always runs last and is not selectable.
"""

from __future__ import annotations

from cleanwire.stage import Stage
from cleanwire.stages.boilerplate import boilerplate
from cleanwire.stages.layout import layout
from cleanwire.stages.metadata import metadata
from cleanwire.stages.quotes import quotes
from cleanwire.stages.split import split
from cleanwire.stages.typos import typos
from cleanwire.stages.unicode import unicode

STAGES: dict[str, Stage] = {s.name: s for s in (unicode, metadata, boilerplate, split, quotes, typos)}
GROUPS: dict[str, tuple[str, ...]] = {
    "extract": ("metadata", "boilerplate", "split"),
    "repair": ("unicode", "quotes", "typos"),
}
LAYOUT: Stage = layout


def resolve(names: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Expand groups and check names; the result is in pipeline order.

    >>> resolve("repair,metadata")
    ('unicode', 'metadata', 'quotes', 'typos')
    """
    if isinstance(names, str):
        names = [n for n in names.split(",")]
    wanted: set[str] = set()
    for raw in names:
        name = raw.strip()
        if not name:
            continue
        if name in GROUPS:
            wanted.update(GROUPS[name])
        elif name in STAGES:
            wanted.add(name)
        else:
            known = ", ".join([*STAGES, *GROUPS])
            raise ValueError(f"unknown stage {name!r} (known: {known})")
    return tuple(n for n in STAGES if n in wanted)
