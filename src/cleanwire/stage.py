"""The `Stage` protocol: what a step of the pipeline is, so that users can write their own.

A stage has a `name` (used by `--stages`/`--skip` and in every audit entry it writes), a
one-line `summary` (shown by `--list-stages`), and a `__call__(doc, config)` that changes the
document through `Document.apply` and returns either None (the same document goes on) or an
iterable of documents (a stage that splits or drops documents). A stage that needs data loaded
once (a word list) may also have a `prepare()`, which `prepare` below calls before a run: the
load is then paid once per process, before `--jobs` forks its workers, and not by the first
document that needs it.

The simplest stage is a function wrapped by `stage`:

>>> from cleanwire.document import Document
>>> @stage("shout", "upper-cases the text (an example)")
... def shout(doc, config):
...     doc.apply([Op(0, len(doc.text), doc.text.upper(), "shout", "upper")])
>>> d = Document("x", "hi")
>>> shout(d, None) is None, d.text
(True, 'HI')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from cleanwire.document import Document, Op

if TYPE_CHECKING:
    from cleanwire.config import Config

__all__ = ["Stage", "FunctionStage", "stage", "prepare", "Op"]


@runtime_checkable
class Stage(Protocol):
    """A step of the pipeline. See the module docstring."""

    name: str
    summary: str

    def __call__(self, doc: Document, config: Config) -> Iterable[Document] | None: ...


@dataclass(frozen=True)
class FunctionStage:
    """A `Stage` made from a plain function `fn(doc, config) -> None | Iterable[Document]`."""

    name: str
    summary: str
    fn: Callable[[Document, Config], Iterable[Document] | None]
    prepare: Callable[[], object] | None = None  # loads what the stage needs once (see `prepare`)

    def __call__(self, doc: Document, config: Config) -> Iterable[Document] | None:
        return self.fn(doc, config)


def stage(name: str, summary: str,
          prepare: Callable[[], object] | None = None) -> Callable[[Callable], FunctionStage]:
    """Decorator: turn `fn(doc, config)` into a `FunctionStage` called `name` (with `prepare`, if
    given, as the stage's one-time load)."""

    def wrap(fn: Callable[[Document, Config], Iterable[Document] | None]) -> FunctionStage:
        return FunctionStage(name, summary, fn, prepare)

    return wrap


def prepare(stages: Iterable[Stage]) -> None:
    """Call the `prepare()` of every stage that has one (a stage without one needs nothing)."""
    for st in stages:
        load = getattr(st, "prepare", None)
        if load is not None:
            load()
