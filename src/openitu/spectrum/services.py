"""Radiocommunication services as the Radio Regulations name them (RR Article 1, Section III).

A service in the Table is a term of Article 1 ("fixed-satellite"), possibly with a
direction ("(space-to-Earth)"), a mode ("(passive)", "(active)", "(deep space)"),
an exclusion ("mobile except aeronautical mobile (R)") and a note the Table adds
("(distress and calling)", "(20 kHz)"). Terms form a hierarchy taken from the
Article 1 definitions: the maritime mobile service is a mobile service (RR 1.28),
the radionavigation service a radiodetermination service (RR 1.42), the
meteorological-satellite service an earth exploration-satellite service (RR 1.52).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from openitu.errors import InvalidInput

# term -> parent term, from the definitions of RR Article 1, Section III.
SERVICE_TERMS: Final[dict[str, str | None]] = {
    "fixed": None,  # 1.20
    "fixed-satellite": None,  # 1.21
    "inter-satellite": None,  # 1.22
    "space operation": None,  # 1.23
    "mobile": None,  # 1.24
    "mobile-satellite": None,  # 1.25
    "land mobile": "mobile",  # 1.26
    "land mobile-satellite": "mobile-satellite",  # 1.27
    "maritime mobile": "mobile",  # 1.28
    "maritime mobile-satellite": "mobile-satellite",  # 1.29
    "port operations": "maritime mobile",  # 1.30
    "ship movement": "maritime mobile",  # 1.31
    "aeronautical mobile": "mobile",  # 1.32
    "aeronautical mobile (R)": "aeronautical mobile",  # 1.33
    "aeronautical mobile (OR)": "aeronautical mobile",  # 1.34
    "aeronautical mobile-satellite": "mobile-satellite",  # 1.35
    "aeronautical mobile-satellite (R)": "aeronautical mobile-satellite",  # 1.36
    "aeronautical mobile-satellite (OR)": "aeronautical mobile-satellite",  # 1.37
    "broadcasting": None,  # 1.38
    "broadcasting-satellite": None,  # 1.39
    "radiodetermination": None,  # 1.40
    "radiodetermination-satellite": None,  # 1.41
    "radionavigation": "radiodetermination",  # 1.42
    "radionavigation-satellite": "radiodetermination-satellite",  # 1.43
    "maritime radionavigation": "radionavigation",  # 1.44
    "maritime radionavigation-satellite": "radionavigation-satellite",  # 1.45
    "aeronautical radionavigation": "radionavigation",  # 1.46
    "aeronautical radionavigation-satellite": "radionavigation-satellite",  # 1.47
    "radiolocation": "radiodetermination",  # 1.48
    "radiolocation-satellite": "radiodetermination-satellite",  # 1.49
    "meteorological aids": None,  # 1.50
    "earth exploration-satellite": None,  # 1.51
    "meteorological-satellite": "earth exploration-satellite",  # 1.52
    "standard frequency and time signal": None,  # 1.53
    "standard frequency and time signal-satellite": None,  # 1.54
    "space research": None,  # 1.55
    "amateur": None,  # 1.56
    "amateur-satellite": None,  # 1.57
    "radio astronomy": None,  # 1.58
    "safety": None,  # 1.59
    "special": None,  # 1.60
}

DIRECTIONS: Final[dict[str, str]] = {
    "earth-to-space": "Earth-to-space",
    "space-to-earth": "space-to-Earth",
    "space-to-space": "space-to-space",
}
MODES: Final[frozenset[str]] = frozenset({"passive", "active", "deep space"})
ROUTES: Final[dict[str, str]] = {"r": "R", "or": "OR"}
_PARENTHESIS: Final = re.compile(r"\s*\(([^()]*)\)\s*$")


@dataclass(frozen=True, order=True)
class Service:
    """One service as allocated in the Table (or as asked for by an assignment)."""

    term: str
    direction: str | None = None
    mode: str | None = None
    excluded: tuple[str, ...] = ()
    note: str | None = None

    @property
    def name(self) -> str:
        """The service written the way Article 5 writes it (in lower case)."""
        text = self.term
        if self.excluded:
            text += " except " + " and ".join(self.excluded)
        for extra in (self.mode, self.direction, self.note):
            if extra:
                text += f" ({extra})"
        return text

    def lineage(self) -> tuple[str, ...]:
        """This term and every broader term it falls under, narrowest first."""
        chain = [self.term]
        while (parent := SERVICE_TERMS.get(chain[-1])) is not None:
            chain.append(parent)
        return tuple(chain)

    def covers(self, wanted: Service) -> bool:
        """Whether an allocation to this service permits a station of ``wanted``.

        The allocation's term must be the wanted term or a broader one, the wanted
        term must not fall under an exclusion, and where both name a direction or a
        mode they must agree (an unstated one does not restrict).
        """
        wanted_lineage = wanted.lineage()
        if self.term not in wanted_lineage:
            return False
        if any(excluded in wanted_lineage for excluded in self.excluded):
            return False
        if self.direction and wanted.direction and self.direction != wanted.direction:
            return False
        return not (self.mode and wanted.mode and self.mode != wanted.mode)

    def same_service(self, wanted: Service) -> bool:
        """Whether this allocation is to the service named by ``wanted`` itself
        (same term; direction and mode agree where both state them)."""
        if self.term != wanted.term:
            return False
        if self.direction and wanted.direction and self.direction != wanted.direction:
            return False
        return not (self.mode and wanted.mode and self.mode != wanted.mode)


def _letters(text: str) -> str:
    return re.sub(r"[^a-z()]", "", text.lower()).replace("(r)", "r").replace("(or)", "or")


_TERMS_BY_LETTERS: Final[dict[str, str]] = {_letters(term): term for term in SERVICE_TERMS}


def _normalise(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _term(text: str, *, field: str) -> str:
    """Resolve a term (with an optional (R)/(OR) route) to its Article 1 spelling."""
    text = _normalise(text).lower()
    route = None
    if match := _PARENTHESIS.search(text):
        inner = match.group(1).strip().lower()
        if inner in ROUTES:
            route = ROUTES[inner]
            text = text[: match.start()]
    # Spaces and hyphens are compared away: the dataset writes "maritime mobile
    # satellite" and, where its PDF extraction glued words, "spaceoperation".
    term = _TERMS_BY_LETTERS.get(_letters(text) + (route or "").lower())
    if term is not None:
        return term
    known = ", ".join(sorted(t for t in SERVICE_TERMS if "(" not in t))
    raise InvalidInput(field, f"unknown service {text!r} (RR Article 1 terms: {known})")


def parse_service(text: str, *, field: str = "service") -> Service:
    """Read a service as written in the Table or by a user.

    Examples: ``"FIXED-SATELLITE (space-to-Earth)"``, ``"Mobile except aeronautical
    mobile (R)"``, ``"Space Research (passive)"``, ``"fixed satellite"``.
    Raises `InvalidInput` naming ``field`` for anything that is not an Article 1 service.
    """
    if not isinstance(text, str) or not text.strip():
        raise InvalidInput(field, "a service name is required")
    remaining = _normalise(text)
    direction = mode = note = None
    # Peel the qualifiers Article 5 appends, right to left.
    while match := _PARENTHESIS.search(remaining):
        inner = _normalise(match.group(1))
        lowered = inner.lower()
        if lowered in ROUTES:
            break  # (R)/(OR) belongs to the term (or to the excluded term)
        if lowered in DIRECTIONS and direction is None:
            direction = DIRECTIONS[lowered]
        elif lowered in MODES and mode is None:
            mode = lowered
        elif note is None:
            note = inner
        else:
            raise InvalidInput(field, f"too many qualifiers in {text!r}")
        remaining = remaining[: match.start()]
    parts = re.split(r"\s+except\s+", remaining, maxsplit=1, flags=re.IGNORECASE)
    head, tail = parts[0], (parts[1] if len(parts) == 2 else "")
    excluded = tuple(_term(part, field=field) for part in re.split(r"\s+and\s+", tail) if tail)
    return Service(
        term=_term(head, field=field),
        direction=direction,
        mode=mode,
        excluded=excluded,
        note=note,
    )
