"""cleanwire: scraped news text in, clean and trustworthy JSONL out.

The library API:

- `clean(text, **options)`: clean one string; one record (dict) per story in it.
- `Pipeline(config).clean_records(records)`: dicts in, dicts out, error records included.
- `Document`, `Op`, `Stage`, `stage`: write and plug in a stage of your own.
- `Config`: the one frozen set of options.
"""

__version__ = "0.1.0"

from cleanwire.config import Config
from cleanwire.document import Document, Edit, Flag, Op, Removal, replay
from cleanwire.pipeline import Pipeline, clean
from cleanwire.stage import Stage, stage

__all__ = ["Config", "Document", "Edit", "Flag", "Op", "Pipeline", "Removal", "Stage", "clean", "replay", "stage",
           "__version__"]
