"""The `Stage` protocol: what a step of the pipeline is, so that users can write their own.

A stage has a `name` (used by `--stages`/`--skip` and in every audit entry it writes), a
one-line `summary` (shown by `--list-stages`), and a `__call__(doc, config)` that changes the
document through `Document.apply` and returns either None (the same document goes on) or an
iterable of documents (a stage that splits or drops documents).

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

__all__ = ["Stage", "FunctionStage", "stage", "Op"]

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

    def __call__(self, doc: Document, config: Config) -> Iterable[Document] | None:
        return self.fn(doc, config)


def stage(name: str, summary: str) -> Callable[[Callable], FunctionStage]:
    """Decorator: turn `fn(doc, config)` into a `FunctionStage` called `name`."""

    def wrap(fn: Callable[[Document, Config], Iterable[Document] | None]) -> FunctionStage:
        return FunctionStage(name, summary, fn)

    return wrap
