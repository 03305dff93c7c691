"""The examination of a notice and its finding (RR Article 11).

- Completeness: the Appendix 4 items a class of station must give (`REQUIRED_ITEMS`).
- Regulatory examination, No. 11.31: conformity with the Table of Frequency Allocations
  of the edition in force on the date of receipt, in the notifying administration's
  country and Region, footnotes included (`openitu.spectrum.conformity`).
- Technical examination (No. 11.32, 11.32A: probability of harmful interference to
  assignments recorded earlier) and coordination (the administrations to agree with):
  computed by the engineering modules and handed in as `TechnicalPart` and
  `CoordinationPart`. A part that was not computed says so (``examined: False``); the
  finding never claims what was not examined.
- The finding: favourable when every examined part is; otherwise unfavourable with the
  reasons and the numbers. A notice that fails only No. 11.31 and asks for it is
  recordable under No. 4.4 (it shall cause no harmful interference to, and claim no
  protection from, stations operating in accordance with the Regulations).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, ClassVar, Final

from openitu.errors import Conflict
from openitu.register.notice import Notice
from openitu.spectrum.conformity import check_conformity
from openitu.spectrum.table import AllocationTable

PROVISION_CONFORMITY: Final = "No. 11.31"
PROVISION_4_4: Final = "No. 4.4"
PROVISION_COMPLETENESS: Final = "Appendix 4"
PROVISION_TECHNICAL: Final = "No. 11.32"
PROVISION_COORDINATION: Final = "No. 11.32A"

# Appendix 4 items a notice must give beyond those `parse_notice` already requires
# (administration, reference, service, class of station, frequency, emission, transmitter
# location). A simplified reading of App. 4, Annex 1 (Table of characteristics for
# terrestrial services): power and date of bringing into use for every class; the antenna
# and the receiving station of a fixed link; antenna height and polarization for
# broadcasting; antenna height for base and coast stations.
_COMMON: Final = ("tx.eirp_dbw", "date_of_bringing_into_use")
REQUIRED_ITEMS: Final[dict[str, tuple[str, ...]]] = {
    "FX": (*_COMMON, "tx.antenna_height_m", "tx.gain_dbi", "tx.azimuth_deg",
           "tx.polarization", "rx.lat_deg", "rx.lon_deg", "rx.antenna_height_m"),
    "BC": (*_COMMON, "tx.antenna_height_m", "tx.polarization"),
    "BT": (*_COMMON, "tx.antenna_height_m", "tx.polarization"),
    "FB": (*_COMMON, "tx.antenna_height_m"),
    "FC": (*_COMMON, "tx.antenna_height_m"),
}  # fmt: skip


class Result(StrEnum):
    FAVOURABLE = "favourable"
    UNFAVOURABLE = "unfavourable"


def missing_items(notice: Notice) -> list[str]:
    """The Appendix 4 items the notice's class of station requires and it lacks."""
    wanted = REQUIRED_ITEMS.get(notice.station_class, _COMMON)
    missing = []
    for item in wanted:
        group, _, name = item.partition(".")
        if not name:
            present = getattr(notice, group) is not None
        else:
            site = getattr(notice, group)
            present = site is not None and getattr(site, name) is not None
        if not present:
            missing.append(item)
    return missing


@dataclass(frozen=True)
class Regulatory:
    conforms: bool
    category: str | None
    edition: str
    region: int
    country: str
    reasons: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "conforms": self.conforms,
            "provision": PROVISION_CONFORMITY,
            "category": self.category,
            "edition": self.edition,
            "region": self.region,
            "country": self.country,
            "reasons": list(self.reasons),
        }


def examine_regulatory(notice: Notice, table: AllocationTable, *, region: int) -> Regulatory:
    """No. 11.31 against ``table`` (the edition in force on the date of receipt)."""
    outcome = check_conformity(
        table,
        service=notice.service_term,
        low_hz=notice.low_hz,
        high_hz=notice.high_hz,
        region=region,
        country=notice.administration,
    )
    return Regulatory(
        conforms=outcome.conforms,
        category=outcome.category.value if outcome.category else None,
        edition=table.edition.id,
        region=region,
        country=notice.administration,
        reasons=outcome.reasons,
    )


@dataclass(frozen=True)
class Affected:
    """A recorded assignment the notice would interfere with (or that would interfere
    with it): whose, which frequency, and by how much the protection criterion is
    exceeded (a negative margin)."""

    assignment_id: int
    administration: str
    frequency_hz: float
    margin_db: float
    direction: str = "candidate->recorded"
    distance_km: float | None = None
    criterion: str | None = None
    model: str | None = None


@dataclass(frozen=True)
class _Part:
    """A part of the examination that is made only where there is data to make it with:
    its document says whether it was, under which provision, and a note."""

    provision: ClassVar[str]
    examined: bool
    note: str = ""

    def details(self) -> dict[str, Any]:
        """What the part found, between the provision and the note in its document."""
        raise NotImplementedError

    def as_dict(self) -> dict[str, Any]:
        head = {"examined": self.examined, "provision": self.provision}
        return head | self.details() | {"note": self.note}


@dataclass(frozen=True)
class TechnicalPart(_Part):
    provision: ClassVar[str] = PROVISION_TECHNICAL
    affected: tuple[Affected, ...] = ()

    @classmethod
    def not_examined(cls, why: str) -> TechnicalPart:
        return cls(examined=False, note=f"not examined: {why}")

    def details(self) -> dict[str, Any]:
        return {"affected": [asdict(a) for a in self.affected]}


@dataclass(frozen=True)
class CoordinationNeed:
    """An administration whose territory gets the trigger field strength or more."""

    administration: str
    field_strength_dbuv_m: float
    trigger_dbuv_m: float
    distance_km: float
    basis: str


@dataclass(frozen=True)
class CoordinationPart(_Part):
    provision: ClassVar[str] = PROVISION_COORDINATION
    required_with: tuple[str, ...] = ()
    agreed_with: tuple[str, ...] = ()
    needs: tuple[CoordinationNeed, ...] = ()

    @property
    def pending(self) -> tuple[str, ...]:
        return tuple(a for a in self.required_with if a not in self.agreed_with)

    def details(self) -> dict[str, Any]:
        return {
            "required_with": list(self.required_with),
            "agreed_with": list(self.agreed_with),
            "pending": list(self.pending),
            "needs": [asdict(need) for need in self.needs],
        }


@dataclass(frozen=True)
class Reason:
    provision: str
    text: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class Finding:
    result: Result
    date_of_receipt: date
    complete: bool
    missing: tuple[str, ...]
    regulatory: Regulatory
    technical: TechnicalPart
    coordination: CoordinationPart
    request_4_4: bool
    reasons: tuple[Reason, ...] = field(default=())

    @property
    def recordable_under(self) -> str | None:
        """The provision the notice may be recorded under, or None (it must be returned)."""
        if self.result is Result.FAVOURABLE:
            return PROVISION_CONFORMITY
        only_regulatory = (
            self.complete
            and not self.regulatory.conforms
            and not self.technical.affected
            and not self.coordination.pending
        )
        if only_regulatory and self.request_4_4:
            return PROVISION_4_4
        return None

    def as_dict(self) -> dict[str, Any]:
        return {
            "finding": self.result.value,
            "date_of_receipt": self.date_of_receipt.isoformat(),
            "completeness": {
                "complete": self.complete,
                "provision": PROVISION_COMPLETENESS,
                "missing": list(self.missing),
            },
            "regulatory": self.regulatory.as_dict(),
            "technical": self.technical.as_dict(),
            "coordination": self.coordination.as_dict(),
            "request_4_4": self.request_4_4,
            "recordable_under": self.recordable_under,
            "reasons": [r.as_dict() for r in self.reasons],
        }


def decide(
    notice: Notice,
    *,
    date_of_receipt: date,
    regulatory: Regulatory,
    technical: TechnicalPart,
    coordination: CoordinationPart,
) -> Finding:
    """The finding from the examination's parts, with a reason for each failure."""
    missing = tuple(missing_items(notice))
    reasons: list[Reason] = []
    if missing:
        reasons.append(Reason(PROVISION_COMPLETENESS,
                              f"incomplete: lacks {', '.join(missing)}"))  # fmt: skip
    if not regulatory.conforms:
        failing = [r for r in regulatory.reasons if "no allocation" in r] or list(
            regulatory.reasons
        )
        reasons.append(
            Reason(
                PROVISION_CONFORMITY,
                f"{notice.service} at {notice.low_hz:.0f}-{notice.high_hz:.0f} Hz does not "
                f"conform with the Table ({regulatory.edition}, Region {regulatory.region}, "
                f"{regulatory.country}): " + "; ".join(failing),
            )
        )
    for hit in technical.affected:
        reasons.append(
            Reason(
                PROVISION_TECHNICAL,
                f"probability of harmful interference ({hit.direction}) with assignment "
                f"{hit.assignment_id} ({hit.administration}, {hit.frequency_hz:.0f} Hz): "
                f"margin {hit.margin_db:.1f} dB",
            )
        )
    if coordination.pending:
        numbers = {n.administration: n for n in coordination.needs}
        for administration in coordination.pending:
            need = numbers.get(administration)
            detail = (
                f": {need.field_strength_dbuv_m:.1f} dB(uV/m) at {need.distance_km:.0f} km "
                f"against a trigger of {need.trigger_dbuv_m:.1f} dB(uV/m)"
                if need
                else ""
            )
            reasons.append(
                Reason(PROVISION_COORDINATION,
                       f"coordination with {administration} not completed{detail}")
            )  # fmt: skip
    result = Result.UNFAVOURABLE if reasons else Result.FAVOURABLE
    return Finding(
        result=result,
        date_of_receipt=date_of_receipt,
        complete=not missing,
        missing=missing,
        regulatory=regulatory,
        technical=technical,
        coordination=coordination,
        request_4_4=notice.request_4_4,
        reasons=tuple(reasons),
    )


@dataclass(frozen=True)
class Decision:
    """What recording or returning needs of a stored finding."""

    result: Result
    recordable_under: str | None
    request_4_4: bool
    reasons: tuple[str, ...]

    @classmethod
    def of(cls, document: dict[str, Any]) -> Decision:
        """From a finding as `Finding.as_dict` wrote it."""
        return cls(
            result=Result(document["finding"]),
            recordable_under=document.get("recordable_under"),
            request_4_4=bool(document.get("request_4_4")),
            reasons=tuple(r["text"] for r in document.get("reasons", [])),
        )


def may_record(decision: Decision) -> str:
    """The provision a notice is recorded under; `Conflict` when it must be returned."""
    provision = decision.recordable_under
    if provision is None:
        why = "; ".join(decision.reasons)
        hint = "" if decision.request_4_4 else " (recording under No. 4.4 was not requested)"
        raise Conflict(f"an unfavourable finding cannot be recorded: {why}{hint}",
                       entity="register_assignment", fields=("finding",))  # fmt: skip
    return provision


def may_return(decision: Decision) -> None:
    """A notice is returned with an unfavourable finding, never with a favourable one."""
    if decision.result is Result.FAVOURABLE:
        raise Conflict("a notice with a favourable finding is recorded, not returned",
                       entity="register_assignment", fields=("finding",))  # fmt: skip


def recording_note(provision: str) -> str:
    if provision == PROVISION_4_4:
        return (
            "recorded under No. 4.4: the station shall not cause harmful interference to, "
            "and shall not claim protection from, stations operating in accordance with "
            "the Radio Regulations"
        )
    return "recorded with a favourable finding under No. 11.31"
