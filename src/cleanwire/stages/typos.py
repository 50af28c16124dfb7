"""The `typos` stage: doubled words, missing or stray spaces and periods, misspellings, misspelt names.

A documented pass-through until its issue (#7) lands: it leaves the document as it is.
"""

from __future__ import annotations

from cleanwire.config import Config
from cleanwire.document import Document
from cleanwire.stage import stage

NAME = "typos"


@stage(NAME, "(pass-through until issue #7 lands) doubled words, missing or stray spaces and periods, misspellings, misspelt names")
def typos(doc: Document, config: Config) -> None:
    return None
