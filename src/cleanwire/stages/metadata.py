"""The `metadata` stage: headline, date, dateline, authors, reading time and captions into fields, out of the text.

A documented pass-through until its issue (#5) lands: it leaves the document as it is.
"""

from __future__ import annotations

from cleanwire.config import Config
from cleanwire.document import Document
from cleanwire.stage import stage

NAME = "metadata"


@stage(NAME, "(pass-through until issue #5 lands) headline, date, dateline, authors, reading time and captions into fields, out of the text")
def metadata(doc: Document, config: Config) -> None:
    return None
