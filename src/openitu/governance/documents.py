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
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Final

from openitu.errors import Forbidden, InvalidInput
from openitu.governance.members import Action, MemberKind, require_right
from openitu.governance.terms import parse_term

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
    return parse_term(DocumentKind, value, field=field, what="a kind of document")


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


# --- who may submit what ---------------------------------------------------------------
# The secretariat submits its temporary documents and the Final Acts; a Member State's
# delegate their own state's contributions (only Member States make proposals: the
# General Rules) and information documents; a Sector Member's, Associate's or Academia
# member's representative registered at the conference that member's information
# documents. The account's role and administration are checked by the use case's write
# (`openitu.usecases.write`); the rules below are the members' side.


def check_secretariat_source(kind: DocumentKind, source: str) -> None:
    if source.strip().lower() not in ("", "secretariat"):
        raise InvalidInput("source", f"a {kind.value} document comes from the secretariat")


def check_member_state_source(kind: DocumentKind, *, name: str) -> None:
    """A contribution carries the state's proposals; an information document is a
    contribution to the work that any member may make."""
    action = (
        Action.SUBMIT_CONFERENCE_PROPOSALS
        if kind is DocumentKind.CONTRIBUTION
        else Action.SUBMIT_CONTRIBUTIONS
    )
    require_right(MemberKind.MEMBER_STATE, action, who=name)


def check_member_source(
    kind: DocumentKind, member_kind: MemberKind, *, name: str, represented_by: bool, actor: str
) -> None:
    """Another kind of member submits through its representative registered at the
    conference (``represented_by``: the acting account is that representative)."""
    if kind is DocumentKind.CONTRIBUTION:
        require_right(member_kind, Action.SUBMIT_CONFERENCE_PROPOSALS, who=name)
    if not represented_by:
        raise Forbidden(f"{actor} does not represent {name} at this conference")
    require_right(member_kind, Action.SUBMIT_CONTRIBUTIONS, who=name)


def date_of_receipt(received: date | None, *, today: date, by_secretariat: bool) -> date:
    """The day the secretariat receives a document: today, unless the secretariat records
    a document received earlier by other means; never a day to come."""
    day = received or today
    if received is not None and received != today and not by_secretariat:
        raise InvalidInput("received", "the date of receipt is set by the secretariat")
    if day > today:
        raise InvalidInput("received", "a document cannot be received in the future")
    return day


def check_items_addressed(
    kind: DocumentKind, items: Sequence[str], *, agenda: Collection[str], conference: str
) -> None:
    """A contribution addresses at least one agenda item; every item named is on the
    conference's agenda."""
    if kind is DocumentKind.CONTRIBUTION and not items:
        raise InvalidInput("agenda_items", "a contribution addresses at least one agenda item")
    missing = [number for number in items if number not in agenda]
    if missing:
        raise InvalidInput("agenda_items", f"{conference} has no agenda item {missing[0]!r}")
