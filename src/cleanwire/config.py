"""The one frozen `Config` every part of cleanwire reads its options from.

The CLI only parses arguments into a `Config`; the library takes one; stages receive it and
never read globals or the environment. Derive variants with `dataclasses.replace`:

>>> from dataclasses import replace
>>> replace(Config(), quotes="curly").quotes
'curly'
"""

from __future__ import annotations

from dataclasses import dataclass, fields

QUOTE_STYLES = ("ascii", "curly", "keep")
INPUT_FORMATS = ("auto", "jsonl", "text")


@dataclass(frozen=True)
class Config:
    """Options for a cleanwire run; every field has a CLI flag of the same name.

    stages: names of the stages to run, in pipeline order (default: all of them).
    quotes: quotation-mark style of the output: "ascii" (straight marks, the default, what
        most corpora want), "curly" (typographic) or "keep" (each document's dominant style).
    ascii: transliterate whatever is still non-ASCII with unidecode (off by default).
    reference_date: "YYYY-MM-DD" that relative dates ("3 hours ago") are resolved against;
        a record's own `reference_date` field wins. None: relative dates give no date.
    text_field / id_field: where JSONL records keep their text and id.
    input_format: "auto" (first non-blank character `{` means JSONL), "jsonl" or "text".
    max_chars: a longer text becomes an error record instead of exhausting memory.
    fail_fast: stop at the first error record instead of going on.
    jobs: worker processes (1, the default: clean in this process; 0: one per core); the
        output is byte for byte the same whatever the number.
    """

    stages: tuple[str, ...] = ("metadata", "boilerplate", "split", "unicode", "quotes", "typos")
    quotes: str = "ascii"
    ascii: bool = False
    reference_date: str | None = None
    text_field: str = "text"
    id_field: str = "id"
    input_format: str = "auto"
    max_chars: int = 50_000_000
    fail_fast: bool = False
    jobs: int = 1

    def __post_init__(self) -> None:
        if self.quotes not in QUOTE_STYLES:
            raise ValueError(f"quotes must be one of {', '.join(QUOTE_STYLES)}, not {self.quotes!r}")
        if self.input_format not in INPUT_FORMATS:
            raise ValueError(f"input_format must be one of {', '.join(INPUT_FORMATS)}, not {self.input_format!r}")
        if self.max_chars < 1:
            raise ValueError("max_chars must be positive")
        if isinstance(self.jobs, bool) or not isinstance(self.jobs, int) or self.jobs < 0:
            raise ValueError(f"jobs must be 0 (all cores) or a positive number, not {self.jobs!r}")
        if isinstance(self.stages, str) or not all(isinstance(s, str) for s in self.stages):
            raise ValueError("stages must be a sequence of stage names")
        object.__setattr__(self, "stages", tuple(self.stages))

    def as_dict(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)}
