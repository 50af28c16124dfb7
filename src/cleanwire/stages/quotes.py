"""The `quotes` stage: quotation marks in the configured style, lost and wrong-way marks repaired.

A documented pass-through until its issue (#6) lands: it leaves the document as it is.
"""

from __future__ import annotations

from cleanwire.config import Config
from cleanwire.document import Document
from cleanwire.stage import stage

NAME = "quotes"


@stage(NAME, "(pass-through until issue #6 lands) quotation marks in the configured style, lost and wrong-way marks repaired")
def quotes(doc: Document, config: Config) -> None:
    return None
