"""The `unicode` stage: mojibake, HTML entities, odd and invisible characters, ligatures, broken words.

A documented pass-through until its issue (#6) lands: it leaves the document as it is.
"""

from __future__ import annotations

from cleanwire.config import Config
from cleanwire.document import Document
from cleanwire.stage import stage

NAME = "unicode"


@stage(NAME, "(pass-through until issue #6 lands) mojibake, HTML entities, odd and invisible characters, ligatures, broken words")
def unicode(doc: Document, config: Config) -> None:
    return None
