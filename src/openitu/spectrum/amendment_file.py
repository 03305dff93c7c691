"""Amendment files: a new edition of the Table as data a user can load.

An administration brings its copy of the Table up to date without waiting for a release
by loading a JSON document of this shape (``openitu allocations amend FILE``), and the
editions after 2012 that OpenITU ships are files of the same shape
(``data/spectrum/amendments/``)::

    {
      "format": "openitu-table-amendments/1",
      "edition": {"id": "RR-2016", "title": "Radio Regulations, Edition of 2016",
                  "entry_into_force": "2017-01-01", "based_on": "RR-2012"},
      "conference": "WRC-15",
      "source": "where the amendments come from (document, page)",
      "amendments": [
        {"op": "set_footnote", "footnote_id": "5.429A", "text": "...", "source": "p. 214"},
        {"op": "add_allocation", "region": 1, "low": "3400 MHz", "high": "3600 MHz",
         "service": "mobile except aeronautical mobile", "category": "primary",
         "footnotes": ["5.430A"]},
        ...
      ]
    }

``based_on`` is optional (default: the edition in force the day before the new one enters
into force). Each amendment is one operation of `openitu.spectrum.amendments`
(``add_allocation``, ``remove_allocation``, ``change_category``, ``cite_footnote``,
``set_footnote``, ``remove_footnote``) and may carry its own ``source`` and ``conference``.
Amendments apply in order. The file is refused, naming ``amendments[i].field``, when an
amendment does not apply (a band outside the Table, a service unknown, already allocated or
not there to remove) or when the new edition would cite a footnote that has no text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from openitu.errors import InvalidInput
from openitu.spectrum.amendments import (
    AddAllocation,
    Amendment,
    CiteFootnote,
    amendment_from_dict,
    amendment_to_dict,
    apply_amendments,
)
from openitu.spectrum.model import Edition

FORMAT: Final = "openitu-table-amendments/1"


@dataclass(frozen=True)
class Provenance:
    """Where one amendment comes from."""

    source: str
    conference: str


@dataclass(frozen=True)
class SourcedAmendment:
    """One amendment of an edition as kept beside it: its JSON form and its origin."""

    edition_id: str
    position: int
    amendment: dict[str, Any]
    source: str
    conference: str


@dataclass(frozen=True)
class AmendmentFile:
    edition_id: str
    title: str
    entry_into_force: date
    based_on: str | None
    conference: str
    source: str
    amendments: tuple[Amendment, ...]
    provenance: tuple[Provenance, ...]

    def sourced(self) -> list[SourcedAmendment]:
        """The amendments as the store keeps them beside the new edition."""
        return [
            SourcedAmendment(
                self.edition_id,
                position,
                amendment_to_dict(amendment),
                origin.source,
                origin.conference,
            )
            for position, (amendment, origin) in enumerate(
                zip(self.amendments, self.provenance, strict=True)
            )
        ]


def _text(document: Mapping[str, Any], key: str, field: str, *, required: bool) -> str:
    value = document.get(key)
    if value is None or value == "":
        if required:
            raise InvalidInput(field, "is required")
        return ""
    if not isinstance(value, str) or "\x00" in value:
        raise InvalidInput(field, "must be text")
    return value.strip()


def read_amendment_file(document: Any) -> AmendmentFile:
    """Check an amendment file's shape and read its amendments (not yet applied)."""
    if not isinstance(document, Mapping):
        raise InvalidInput("file", "must be a JSON object with 'edition' and 'amendments'")
    declared = document.get("format", FORMAT)
    if declared != FORMAT:
        raise InvalidInput("format", f"must be {FORMAT!r}, got {declared!r}")
    edition = document.get("edition")
    if not isinstance(edition, Mapping):
        raise InvalidInput("edition", "must be an object with id, title and entry_into_force")
    edition_id = _text(edition, "id", "edition.id", required=True)
    if len(edition_id) > 40 or any(c.isspace() for c in edition_id):
        raise InvalidInput("edition.id", "must be at most 40 characters without spaces")
    day = _text(edition, "entry_into_force", "edition.entry_into_force", required=True)
    try:
        entry_into_force = date.fromisoformat(day)
    except ValueError:
        raise InvalidInput(
            "edition.entry_into_force", f"expected YYYY-MM-DD, got {day!r}"
        ) from None
    conference = _text(document, "conference", "conference", required=False)
    source = _text(document, "source", "source", required=False)
    items = document.get("amendments")
    if not isinstance(items, Sequence) or isinstance(items, str) or not items:
        raise InvalidInput("amendments", "must be a non-empty list")
    amendments: list[Amendment] = []
    provenance: list[Provenance] = []
    for index, item in enumerate(items):
        field = f"amendments[{index}]"
        amendments.append(amendment_from_dict(item, field=field))
        provenance.append(
            Provenance(
                source=_text(item, "source", f"{field}.source", required=False) or source,
                conference=_text(item, "conference", f"{field}.conference", required=False)
                or conference,
            )
        )
    return AmendmentFile(
        edition_id=edition_id,
        title=_text(edition, "title", "edition.title", required=True),
        entry_into_force=entry_into_force,
        based_on=_text(edition, "based_on", "edition.based_on", required=False) or None,
        conference=conference,
        source=source,
        amendments=tuple(amendments),
        provenance=tuple(provenance),
    )


def build_edition(base: Edition, amendment_file: AmendmentFile) -> Edition:
    """The new edition: ``base`` with the file's amendments applied in order; a refusal
    names the amendment refused (``amendments[3].service``)."""
    if amendment_file.entry_into_force <= base.entry_into_force:
        raise InvalidInput(
            "edition.entry_into_force",
            f"must be after that of {base.id} ({base.entry_into_force.isoformat()})",
        )
    try:
        edition = apply_amendments(
            base,
            amendment_file.amendments,
            edition_id=amendment_file.edition_id,
            title=amendment_file.title,
            entry_into_force=amendment_file.entry_into_force,
            based_on=base.id,
        )
    except InvalidInput:
        _name_the_refused_amendment(base, amendment_file)
        raise
    _require_footnote_texts(edition, amendment_file)
    return edition


def _name_the_refused_amendment(base: Edition, amendment_file: AmendmentFile) -> None:
    """Apply the amendments one at a time (slower) to say which one is refused."""
    current = base
    for index, amendment in enumerate(amendment_file.amendments):
        try:
            current = apply_amendments(
                dataclasses.replace(current, entry_into_force=base.entry_into_force),
                [amendment],
                edition_id=amendment_file.edition_id,
                title=amendment_file.title,
                entry_into_force=amendment_file.entry_into_force,
                based_on=base.id,
            )
        except InvalidInput as refused:
            field = refused.field.removeprefix("amendment").lstrip(".")
            raise InvalidInput(
                f"amendments[{index}]" + (f".{field}" if field else ""), refused.reason
            ) from None


def _require_footnote_texts(edition: Edition, amendment_file: AmendmentFile) -> None:
    """A footnote the file makes the Table cite must have its text in the new edition."""
    for index, amendment in enumerate(amendment_file.amendments):
        cited: tuple[str, ...] = ()
        if isinstance(amendment, CiteFootnote):
            cited = (amendment.footnote_id,)
        elif isinstance(amendment, AddAllocation):
            cited = amendment.footnotes
        for footnote_id in cited:
            footnote = edition.footnotes.get(footnote_id)
            if footnote is None or not footnote.text:
                raise InvalidInput(
                    f"amendments[{index}].footnote_id",
                    f"{footnote_id} is cited but has no text (add a set_footnote before it)",
                )
