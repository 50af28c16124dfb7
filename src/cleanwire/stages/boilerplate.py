"""The `boilerplate` stage: navigation, headers, footers, read-more, share, cookie, ad and legal lines out of the text.

A documented pass-through until its issue (#4) lands: it leaves the document as it is.
"""

from __future__ import annotations

from cleanwire.config import Config
from cleanwire.document import Document
from cleanwire.stage import stage

NAME = "boilerplate"


@stage(NAME, "(pass-through until issue #4 lands) navigation, headers, footers, read-more, share, cookie, ad and legal lines out of the text")
def boilerplate(doc: Document, config: Config) -> None:
    return None
