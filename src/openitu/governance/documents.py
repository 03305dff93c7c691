"""Conference documents: numbers, kinds, languages, and their text read as data only.

A conference's documents are numbered by the secretariat in one series per conference
("WRC27/12", "PP26/45(Add.1)"). A *contribution* carries a Member State's proposals
(the General Rules of conferences, on the presentation of proposals: they come from
Member States); an *information* document comes from
any member taking part; *temporary* documents and the *Final Acts* are the secretariat's.
Documents are written in one of the six official languages of the Union (CS Art. 29,
No. 171: Arabic, Chinese, English, French, Russian and Spanish).

An uploaded file is decoded as UTF-8 text and kept as text: nothing in it is interpreted,
rendered as markup or executed; the pages show it escaped.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from openitu.errors import InvalidInput

MAX_DOCUMENT_BYTES: Final = 1024 * 1024
"""The largest text a document may carry (1 MiB, as UTF-8)."""

MAX_AGENDA_ITEMS: Final = 50


class DocumentKind(StrEnum):
    CONTRIBUTION = "contribution"
    INFORMATION = "information"
    TEMPORARY = "temporary"
    FINAL_ACTS = "final-acts"

    @property
    def from_secretariat(self) -> bool:
        return self in (DocumentKind.TEMPORARY, DocumentKind.FINAL_ACTS)


LANGUAGES: Final = {
    "ar": "Arabic",
    "zh": "Chinese",
    "en": "English",
    "fr": "French",
    "ru": "Russian",
    "es": "Spanish",
}
"""The official languages of the Union (CS Art. 29, No. 171), by ISO 639-1 code."""


def parse_document_kind(value: str, *, field: str = "kind") -> DocumentKind:
    try:
        return DocumentKind(value.strip().lower().replace("_", "-"))
    except ValueError:
        names = ", ".join(kind.value for kind in DocumentKind)
        raise InvalidInput(field, f"{value!r} is not a kind of document ({names})") from None


def parse_language(value: str, *, field: str = "language") -> str:
    code = value.strip().lower()
    if code not in LANGUAGES:
        names = ", ".join(LANGUAGES)
        raise InvalidInput(field, f"{value!r} is not an official language of the Union ({names})")
    return code


_NUMBER: Final = re.compile(
    r"^[A-Za-z][A-Za-z0-9.-]{0,23}(/[A-Za-z][A-Za-z0-9.-]{0,7})?/[0-9]{1,5}[A-Za-z0-9().+-]{0,16}$"
)


def check_document_number(value: str, *, field: str = "number") -> str:
    number = value.strip()
    if not _NUMBER.match(number):
        raise InvalidInput(
            field, "a document number such as WRC27/12, WRC27/DT/4 or PP26/45(Add.1)"
        )
    return number


def check_agenda_items(items: Sequence[str], *, field: str = "agenda_items") -> tuple[str, ...]:
    cleaned = tuple(dict.fromkeys(item.strip() for item in items))
    if len(cleaned) > MAX_AGENDA_ITEMS:
        raise InvalidInput(field, f"at most {MAX_AGENDA_ITEMS} agenda items")
    return cleaned


@dataclass(frozen=True)
class DocumentText:
    text: str
    size_bytes: int
    sha256: str


def _allowed(character: str) -> bool:
    return character in "\t\n" or unicodedata.category(character) not in ("Cc", "Cs", "Co")


def read_text(data: bytes, *, field: str = "text") -> DocumentText:
    """The text of a document from its bytes: UTF-8 (a byte-order mark is dropped), line
    ends normalised, no control characters but tab and newline, at most
    `MAX_DOCUMENT_BYTES`. Never interpreted."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InvalidInput(field, f"more than {MAX_DOCUMENT_BYTES} bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(field, f"not UTF-8 text (byte {exc.start})") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = next((i for i, c in enumerate(text) if not _allowed(c)), None)
    if bad is not None:
        raise InvalidInput(field, f"control character U+{ord(text[bad]):04X} at {bad}: not text")
    if not text.strip():
        raise InvalidInput(field, "empty")
    encoded = text.encode("utf-8")
    return DocumentText(text, len(encoded), hashlib.sha256(encoded).hexdigest())


_FILENAME: Final = re.compile(r"^[^/\\\x00-\x1f\x7f]{1,200}$")


def check_filename(value: str, *, field: str = "file") -> str:
    name = value.replace("\\", "/").rsplit("/", 1)[-1].strip()
    if not _FILENAME.match(name) or name in (".", ".."):
        raise InvalidInput(field, "a file name of 1 to 200 characters")
    if not name.lower().endswith((".txt", ".md", ".text")):
        raise InvalidInput(field, "a plain text file (.txt or .md)")
    return name
