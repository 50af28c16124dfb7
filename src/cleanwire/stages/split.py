"""The `split` stage: a later story glued under the first becomes its own record.

A documented pass-through until its issue (#4) lands: it leaves the document as it is.
"""

from __future__ import annotations

from cleanwire.config import Config
from cleanwire.document import Document
from cleanwire.stage import stage

NAME = "split"


@stage(NAME, "(pass-through until issue #4 lands) a later story glued under the first becomes its own record")
def split(doc: Document, config: Config) -> None:
    return None
