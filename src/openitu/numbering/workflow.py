"""The Bureau's administration of numbering resources, as pure rules.

An administration applies for a resource; the TSB checks the application (is the code
free, is the applicant entitled, does it respect E.212/E.164/Q.708's structure), reserves
the code, assigns it, publishes the assignment in a dated change notice like the
Operational Bulletin's, and may later reclaim it; the holder's administration may return
it. Every step is an event kept for ever. Here are the rules only: the status machine,
the checks, who comes first, what a change notice publishes and what the public may
ask of the register; nothing touches a database (openitu.usecases.numbering runs the
steps in one transaction each, openitu.store.numbering holds the rows).

Resources (canonical code text in brackets):

* ``mnc``: an MNC under the applicant's own MCC ("310-410"); 2 or 3 digits as the
  MCC's plan uses; prefix-free with the MCC's other codes (E.212 clause 6.2).
* ``shared-mnc``: an MNC under the shared MCC 901 for an international network
  ("901-70"); 2 digits (E.212 Annex A).
* ``network-ic``: an identification code for an international network under E.164
  country code 882 (2 digits, "882-34") or 883 (3 digits "883-120", or 4 digits beginning
  with 5, "883-5100"; E.164 Supplement 2 / TSB practice).
* ``ispc``: an international signalling point code under a SANC the applicant's country
  holds ("4-024-0"; Q.708).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Final, Protocol

from openitu.accounts.rights import Principal, Role, check_role
from openitu.errors import Conflict, Forbidden, InvalidInput, NotAuthenticated
from openitu.numbering import signalling


class Kind(StrEnum):
    MNC = "mnc"
    SHARED_MNC = "shared-mnc"
    NETWORK_IC = "network-ic"
    ISPC = "ispc"


#: Kinds held in the register but not applied for through this workflow.
COUNTRY_CODE: Final = "cc"
SANC: Final = "sanc"


class Status(StrEnum):
    RECEIVED = "received"
    CHECKED = "checked"
    REJECTED = "rejected"
    RESERVED = "reserved"
    ASSIGNED = "assigned"
    PUBLISHED = "published"
    RECLAIMED = "reclaimed"
    RETURNED = "returned"
    WITHDRAWN = "withdrawn"


#: action -> (statuses it may start from, status it leads to)
TRANSITIONS: Final[dict[str, tuple[frozenset[Status], Status]]] = {
    "check": (frozenset({Status.RECEIVED}), Status.CHECKED),
    "reject": (frozenset({Status.RECEIVED, Status.CHECKED}), Status.REJECTED),
    "reserve": (frozenset({Status.CHECKED}), Status.RESERVED),
    "assign": (frozenset({Status.RESERVED}), Status.ASSIGNED),
    "publish": (frozenset({Status.ASSIGNED}), Status.PUBLISHED),
    "reclaim": (frozenset({Status.ASSIGNED, Status.PUBLISHED}), Status.RECLAIMED),
    "return": (frozenset({Status.RESERVED, Status.ASSIGNED, Status.PUBLISHED}), Status.RETURNED),
    "withdraw": (frozenset({Status.RECEIVED, Status.CHECKED}), Status.WITHDRAWN),
}
#: Applications still waiting for a decision: they compete by date of receipt.
PENDING: Final = frozenset({Status.RECEIVED, Status.CHECKED})
#: Statuses whose code is held (the register's active assignment).
HOLDING: Final = frozenset({Status.RESERVED, Status.ASSIGNED, Status.PUBLISHED})


def next_status(current: str, action: str) -> Status:
    """The status ``action`` leads to, or Conflict when it cannot start from ``current``."""
    if action not in TRANSITIONS:
        raise InvalidInput("action", f"unknown action {action!r}")
    allowed, target = TRANSITIONS[action]
    if current not in allowed:
        starts = ", ".join(sorted(allowed))
        raise Conflict(f"cannot {action} an application that is {current} (only from {starts})")
    return target


@dataclass(frozen=True, slots=True)
class Code:
    """A resource's code, split: ``plan`` is what it lives under (MCC, 882, SANC)."""

    kind: Kind
    text: str  # canonical: "310-410", "901-70", "882-34", "4-024-0"
    plan: str
    local: str


_DIGITS = re.compile(r"\d+")


def parse_code(kind: str, text: str, *, field: str = "code") -> Code:
    """Read a code as people write it ("310410", "310 410", "310-410") for ``kind``."""
    try:
        resource = Kind(kind)
    except ValueError:
        kinds = ", ".join(k.value for k in Kind)
        raise InvalidInput("kind", f"unknown resource kind {kind!r} (one of {kinds})") from None
    raw = text.strip()
    if not raw:
        raise InvalidInput(field, "empty")
    if resource is Kind.ISPC:
        canonical, _ = signalling.parse_ispc(raw, field=field)
        plan, local = canonical.rsplit("-", 1)
        return Code(resource, canonical, plan, local)
    digits = re.sub(r"[\s\-.]", "", raw)
    if not _DIGITS.fullmatch(digits):
        raise InvalidInput(field, f"{text!r}: digits only (spaces and - allowed between parts)")
    if resource in (Kind.MNC, Kind.SHARED_MNC):
        if len(digits) not in (5, 6):
            raise InvalidInput(field, f"{text!r}: an MCC+MNC has 5 or 6 digits (MNC of 2 or 3)")
        plan, local = digits[:3], digits[3:]
    else:
        if len(digits) not in (5, 6, 7):
            raise InvalidInput(field, f"{text!r}: 882 or 883 and an identification code")
        plan, local = digits[:3], digits[3:]
    return Code(resource, f"{plan}-{local}", plan, local)


class RegisterView(Protocol):
    """What the checks need to know of the register (the store answers it)."""

    def held_codes(self, kind: str, plan: str) -> set[str]:
        """Local parts of the codes reserved or assigned under ``plan``."""
        ...

    def plan_lengths(self, kind: str, plan: str) -> set[int]:
        """Lengths of the local parts the plan holds, assigned or withdrawn."""
        ...

    def mcc_countries(self, mcc: str) -> tuple[str, ...]: ...

    def sanc_country(self, sanc: str) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Application:
    kind: Kind
    code: Code
    applicant: str  # ISO2 of the applying administration
    holder: str  # the operator or network the code is for
    received_at: datetime
    purpose: str = ""
    id: int | None = None
    status: Status = Status.RECEIVED
    reason: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind.value,
            "code": self.code.text,
            "applicant": self.applicant,
            "holder": self.holder,
            "purpose": self.purpose,
            "received_at": self.received_at.isoformat(),
            "status": self.status.value,
            "reason": self.reason,
        }


def check(application: Application, view: RegisterView) -> list[str]:
    """The reasons to refuse ``application`` (none: it may be reserved)."""
    reasons: list[str] = []
    code = application.code
    if not application.holder.strip():
        reasons.append("holder: name the operator or network the code is for")
    if code.kind is Kind.MNC:
        reasons += _check_mnc(application, view)
    elif code.kind is Kind.SHARED_MNC:
        if code.plan != "901":
            reasons.append(
                f"code: MNCs for international networks are under MCC 901, not {code.plan}"
            )
        if len(code.local) != 2:
            reasons.append("code: MNCs under 901 have 2 digits (E.212 Annex A)")
    elif code.kind is Kind.NETWORK_IC:
        reasons += _check_network_ic(code)
    elif code.kind is Kind.ISPC:
        owner = view.sanc_country(code.plan)
        if owner is None:
            reasons.append(f"code: SANC {code.plan} is not assigned to any country")
        elif owner != application.applicant:
            reasons.append(
                f"applicant: SANC {code.plan} is {owner}'s; {application.applicant} may not "
                "apply for its signalling points"
            )
    held = view.held_codes(code.kind.value, code.plan)
    if code.local in held:
        reasons.append(f"code: {code.text} is already reserved or assigned")
    else:
        clash = sorted(other for other in held if _prefix_clash(code.local, other))
        if clash and code.kind is not Kind.ISPC:
            reasons.append(
                f"code: {code.text} overlaps {code.plan}-{clash[0]}: one code may not be "
                "the beginning of another in the same plan"
            )
    return reasons


def examined(application: Application) -> str:
    """What :func:`check` looks at for ``application``, in words (the check's record says
    so, so that the secretariat's table shows what a "no objection" rests on)."""
    code = application.code
    points = ["holder named"]
    if code.kind is Kind.MNC:
        points += [
            f"MCC {code.plan} is geographic and {application.applicant}'s",
            f"MNC length as MCC {code.plan}'s plan uses",
        ]
    elif code.kind is Kind.SHARED_MNC:
        points.append("MCC 901 with a 2-digit MNC (E.212 Annex A)")
    elif code.kind is Kind.NETWORK_IC:
        points.append(f"+{code.plan} and the identification code's length")
    else:
        points.append(f"SANC {code.plan} is {application.applicant}'s (Q.708)")
    points.append(f"{code.text} neither reserved nor assigned")
    if code.kind is not Kind.ISPC:
        points.append(f"no other code under {code.plan} begins with it, nor it with one")
    return "looked at: " + "; ".join(points)


_FORM_KEY: Final = re.compile(r"[A-Za-z0-9_-]{16,64}")


def validate_form_key(text: str, *, field: str = "form_key") -> str:
    """A one-time form key as a form (or client) sends it: 16 to 64 URL-safe characters."""
    key = text.strip()
    if not _FORM_KEY.fullmatch(key):
        raise InvalidInput(field, "a one-time form key is 16 to 64 letters, digits, - or _")
    return key


def sent_again(earlier: Application, *, applicant: str, code: Code) -> Application:
    """The application a one-time form key already made, when the same request is sent
    again; Conflict when the key comes back with another request (a key names one form)."""
    if (earlier.applicant, earlier.code) != (applicant, code):
        raise Conflict(
            f"this form key already sent application {earlier.id} ({earlier.applicant}, "
            f"{earlier.kind.value} {earlier.code.text}): use a fresh form for another"
        )
    return earlier


def _check_mnc(application: Application, view: RegisterView) -> list[str]:
    code = application.code
    reasons = []
    if code.plan in ("901", "902", "991", "001", "999"):
        return [f"code: MCC {code.plan} is not a geographic MCC: apply for a shared-mnc"]
    countries = view.mcc_countries(code.plan)
    if not countries:
        return [f"code: MCC {code.plan} is not assigned to any country"]
    if application.applicant not in countries:
        reasons.append(
            f"applicant: MCC {code.plan} belongs to {', '.join(countries)}; "
            f"{application.applicant} may not apply for codes under it"
        )
    lengths = view.plan_lengths(code.kind.value, code.plan)
    if lengths and len(code.local) not in lengths:
        used = " or ".join(str(n) for n in sorted(lengths))
        reasons.append(f"code: MCC {code.plan} uses {used}-digit MNCs, not {len(code.local)}")
    return reasons


def _check_network_ic(code: Code) -> list[str]:
    if code.plan == "882":
        if len(code.local) != 2:
            return ["code: identification codes under +882 have 2 digits"]
        return []
    if code.plan == "883":
        if len(code.local) == 3 and code.local[0] in "1234":
            return []
        if len(code.local) == 4 and code.local[0] == "5":
            return []
        return ["code: identification codes under +883 have 3 digits (1xx-4xx) or 4 digits (5xxx)"]
    return [f"code: international networks are under +882 or +883, not +{code.plan}"]


def _prefix_clash(a: str, b: str) -> bool:
    return a != b and (a.startswith(b) or b.startswith(a))


@dataclass(frozen=True, slots=True)
class NoticeEntry:
    action: str  # "ADD" | "SUP" (as the Operational Bulletin writes them)
    kind: str
    code: str
    holder: str
    country: str | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ChangeNotice:
    number: int
    published_on: date
    title: str
    entries: tuple[NoticeEntry, ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "published_on": self.published_on.isoformat(),
            "title": self.title,
            "entries": [e.as_dict() for e in self.entries],
        }


def notice_title(number: int, published_on: date) -> str:
    return (
        f"Change notice No. {number} of {published_on.isoformat()}: amendments to the lists "
        "of numbering resources (E.164, E.212, Q.708)"
    )


# ------------------------------------------------------------------ free text


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(field: str, value: str, *, max_length: int, required: bool = True) -> str:
    """Free text as stored: trimmed, bounded, without control characters."""
    text = value.strip()
    if required and not text:
        raise InvalidInput(field, "must not be empty")
    if len(text) > max_length:
        raise InvalidInput(field, f"at most {max_length} characters")
    if _CONTROL.search(text):
        raise InvalidInput(field, "control characters are not allowed")
    return text


# ------------------------------------------------------------------ history


@dataclass(frozen=True, slots=True)
class Event:
    """One dated step of an application or of a register entry, kept for ever."""

    action: str
    status: str
    at: datetime
    actor: str
    detail: str = ""
    notice_number: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self) | {"at": self.at.isoformat()}


#: The event of a withdrawal's publication (a SUP entry of a change notice).
PUBLISH_WITHDRAWAL: Final = "publish-sup"


# ------------------------------------------------------------------ first come, first served


def _receipt(application: Application) -> tuple[datetime, int]:
    # The date of receipt decides; the order of registration breaks a tie.
    return application.received_at, application.id or 0


def by_receipt(applications: Iterable[Application]) -> list[Application]:
    """Applications in the order the TSB received them."""
    return sorted(applications, key=_receipt)


def first_come(application: Application, others: Iterable[Application]) -> Application | None:
    """The earliest pending application for the same code received before ``application``."""
    earlier = [
        other
        for other in others
        if other.id != application.id
        and other.status in PENDING
        and other.code == application.code
        and _receipt(other) < _receipt(application)
    ]
    return min(earlier, key=_receipt, default=None)


def require_reservable(
    application: Application, others: Iterable[Application], view: RegisterView
) -> None:
    """Conflict unless ``application`` may have its code reserved now: it is checked, no
    pending application for the code came before it, and the checks still pass."""
    next_status(application.status, "reserve")
    first = first_come(application, others)
    if first is not None:
        raise Conflict(
            f"application {first.id} for {first.code.text}, received "
            f"{first.received_at.isoformat()}, comes first"
        )
    reasons = check(application, view)
    if reasons:
        raise Conflict("; ".join(reasons))


@dataclass(frozen=True, slots=True)
class Decision:
    """What :func:`decide_by_receipt` decided for one application."""

    application: Application
    action: str  # "reserve" | "reject"
    reason: str = ""


def decide_by_receipt(pending: Iterable[Application], view: RegisterView) -> list[Decision]:
    """Decide every pending application for one code, by date of receipt.

    The earliest that passes the checks gets the code; each other is rejected, naming the
    one that came first (or the checks it fails).
    """
    decisions: list[Decision] = []
    winner: Application | None = None
    for application in by_receipt(pending):
        if winner is not None:
            reason = (
                f"{application.code.text} reserved for application {winner.id}, received earlier"
            )
            decisions.append(Decision(application, "reject", reason))
            continue
        reasons = check(application, view)
        if reasons:
            decisions.append(Decision(application, "reject", "; ".join(reasons)))
            continue
        decisions.append(Decision(application, "reserve"))
        winner = application
    return decisions


# ------------------------------------------------------------------ the register's entries


@dataclass(frozen=True, slots=True)
class HeldCode:
    """A code in the register held now (from a Bulletin, or through an application)."""

    id: int
    kind: str
    code: str
    holder: str
    country: str | None
    application_id: int | None


def require_reclaimable_directly(held: HeldCode) -> None:
    """A code assigned through an application is reclaimed through that application (so
    that the application's history says so); only a Bulletin's code is reclaimed alone."""
    if held.application_id is not None:
        raise Conflict(
            f"{held.code} was assigned through application {held.application_id}: "
            "reclaim it through that application"
        )


@dataclass(frozen=True, slots=True)
class Reclaimed:
    kind: str
    code: str
    holder: str
    country: str | None
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self) | {"status": "withdrawn"}


# ------------------------------------------------------------------ change notices


@dataclass(frozen=True, slots=True)
class Unpublished:
    """A change of the register no notice has published yet.

    ``ADD``: a code assigned through an application. ``SUP``: a code withdrawn (reclaimed
    or returned through its application, or a Bulletin's code reclaimed alone);
    ``assignment_published`` says whether the code's assignment ever appeared in a notice.
    """

    action: str  # "ADD" | "SUP"
    status: str  # the application's (or for a Bulletin code, "reclaimed")
    kind: str
    code: str
    holder: str
    country: str | None
    application_id: int | None
    resource_id: int | None
    assignment_published: bool = True

    @property
    def entry(self) -> NoticeEntry:
        return NoticeEntry(self.action, self.kind, self.code, self.holder, self.country)


def to_publish(changes: Sequence[Unpublished]) -> list[Unpublished]:
    """What the next change notice publishes, withdrawals (SUP) before assignments (ADD).

    A withdrawal is published only for a code whose assignment was published: a code
    that never appeared in a notice leaves the lists without one. Conflict when nothing
    is left to publish.
    """
    withdrawals = [c for c in changes if c.action == "SUP" and c.assignment_published]
    additions = [c for c in changes if c.action == "ADD"]
    if not withdrawals and not additions:
        raise Conflict("nothing to publish: no assignment or withdrawal since the last notice")
    return withdrawals + additions


def compose_notice(number: int, published_on: date, changes: Sequence[Unpublished]) -> ChangeNotice:
    return ChangeNotice(
        number=number,
        published_on=published_on,
        title=notice_title(number, published_on),
        entries=tuple(change.entry for change in changes),
    )


# ------------------------------------------------------------------ who sees what


#: Seeing an administration's applications: its notifying officers (and a token of theirs
#: scoped to it); the TSB sees every one through the right it decides them with.
READ: Final = "numbering.read"
ADMINISTER: Final = "numbering.administer"


def sees_every_application(principal: Principal) -> bool:
    """The TSB (the secretariat, unless its token's scopes leave deciding out)."""
    return principal.can(ADMINISTER)


def may_see(principal: Principal, applicant: str) -> bool:
    return sees_every_application(principal) or principal.can(READ, administration=applicant)


def require_may_see(principal: Principal, applicant: str | None = None) -> None:
    """NotAuthenticated or Forbidden unless ``principal`` may see ``applicant``'s
    applications (``None``: their own administration's, as a list does).

    The refusal says who may, rather than naming an administration the principal lacks.
    """
    if sees_every_application(principal):
        return
    if not principal.signed_in:
        raise NotAuthenticated("sign in to see numbering applications")
    if principal.role is Role.SECRETARIAT:  # only a token's scopes can leave it out
        check_role(principal, ADMINISTER)
    if principal.role is not Role.NOTIFYING_OFFICER or principal.administration is None:
        raise Forbidden(
            f"{principal.actor} ({principal.role.value}) may not see numbering applications: "
            "the secretariat sees every one, a notifying officer their administration's"
        )
    check_role(principal, READ)  # a token issued without the right: says how to get it
    wanted = applicant or principal.administration
    if wanted != principal.administration:
        raise Forbidden(
            f"{principal.actor} may see only {principal.administration}'s applications, "
            f"not {wanted}'s"
        )


def actions_for(principal: Principal, application: Application) -> list[str]:
    """The steps ``principal`` may take on ``application`` as it stands (the page's buttons)."""
    wanted: tuple[str, ...]
    if sees_every_application(principal):
        wanted = ("check", "reserve", "assign", "reclaim")
    elif principal.administration == application.applicant:
        wanted = ("withdraw", "return")
    else:
        return []
    return [action for action in wanted if application.status in TRANSITIONS[action][0]]
