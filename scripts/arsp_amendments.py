"""Derive the WRC-15 (RR-2016) and WRC-19 (RR-2020) amendment files from the ARSP 2021.

The ACMA's Radiofrequency Spectrum Plan 2021 reproduces the Table's Region columns and the
international footnotes at WRC-19 level (data/spectrum/acma-arsp-2021/). This script reads
each Region cell of it, compares it with the RR-2012 edition span by span, and writes the
differences as amendments, each with the ARSP page it comes from and the conference that
made it where the data settles that (the revision mark of the footnotes the change cites).
What it cannot settle is written as a note on the band and listed in
data/spectrum/amendments/UNSETTLED.md; nothing is guessed.

    .venv/bin/python scripts/arsp_amendments.py
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from openitu.errors import InvalidInput  # noqa: E402
from openitu.spectrum.footnote_text import arsp_footnotes, revision_year  # noqa: E402
from openitu.spectrum.model import Band, Category, Edition  # noqa: E402
from openitu.spectrum.reference import (  # noqa: E402
    footnote_sort_key,
    read_footnote_texts,
    rr2012_edition,
)
from openitu.spectrum.services import parse_service  # noqa: E402

ARSP = ROOT / "src/openitu/data/spectrum/acma-arsp-2021/region_allocations.json"
OUT = ROOT / "src/openitu/data/spectrum/amendments"
SOURCE = "ACMA, Australian Radiofrequency Spectrum Plan 2021, Region columns"

UNATTRIBUTED = "WRC-15 or WRC-19 (not settled from the source)"
_RANGE = re.compile(r"^\s*[\d  .,]+\s*[–-]\s*[\d  .,]+\s*(?:[kMG]Hz)?\s*")
_REF = re.compile(r"^\d{1,3}[A-Z]{0,3}$")


@dataclass
class Cell:
    region: int
    low_hz: float
    high_hz: float
    page: int
    raw: str
    allocations: list[tuple[str, Category, tuple[str, ...]]] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)


def _lines(raw: str) -> list[str]:
    text = _RANGE.sub("", raw.replace("\u2011", "-"), count=1)
    joined: list[str] = []
    for line in (part.strip() for part in text.split("\n")):
        if not line:
            continue
        if joined and (joined[-1].endswith(("-", "–")) or line[0].islower() or line[0] == "("):
            glue = "" if joined[-1].endswith(("-", "–")) else " "
            joined[-1] = joined[-1] + glue + line
        else:
            joined.append(line)
    return joined


def _service(name: str) -> str | None:
    text = re.sub(r"\s*[–-]\s*", "-", name)
    head, paren, rest = text.partition("(")
    # Units inside a parenthesis keep their case ("(20 kHz)"); the name itself is lower.
    text = head.lower() + paren + re.sub(r"\b(\d[\d ]*)\s*(khz|mhz)", _unit, rest, flags=re.I)
    text = re.sub(r"(\d) (\d{3})", r"\1\2", text)
    try:
        return parse_service(text).name
    except InvalidInput:
        return None


def _unit(match: re.Match[str]) -> str:
    return (
        f"{match.group(1).strip()} {match.group(2).lower().replace('hz', 'Hz').replace('m', 'M')}"
    )


def _split_refs(line: str) -> tuple[str, list[str]]:
    tokens = line.split()
    refs: list[str] = []
    while tokens and _REF.match(tokens[-1]):
        refs.insert(0, f"5.{tokens.pop()}")
    return " ".join(tokens), refs


def read_cell(row: dict[str, Any]) -> Cell:
    cell = Cell(
        int(row["region"]),
        float(row["freq_start_hz"]),
        float(row["freq_end_hz"]),
        int(row["page"]),
        row["raw"],
    )
    lines = _lines(row["raw"])
    index = 0
    while index < len(lines):
        name, refs = _split_refs(lines[index])
        index += 1
        if not name or re.fullmatch(r"\([^)]*\)", name):  # refs alone, or "(20 kHz)"
            cell.footnotes += refs
            continue
        # One service over two lines ("AERONAUTICAL" / "RADIONAVIGATION").
        while _service(name) is None and not refs and index < len(lines):
            more, refs = _split_refs(lines[index])
            name = f"{name} {more}"
            index += 1
        # Both directions in one entry: "FIXED-SATELLITE (space-to-Earth) 441 (Earth-to-space)".
        pieces = re.split(r"\)\s+((?:\d{1,3}[A-Z]{0,3}\s+)*)\(", name)
        entries: list[tuple[str, list[str]]] = []
        if len(pieces) == 3:
            base = name.split("(")[0].strip()
            first = pieces[0] + ")"
            entries = [
                (first, [f"5.{r}" for r in pieces[1].split()]),
                (f"{base} ({pieces[2]}", refs),
            ]
        else:
            entries = [(name, refs)]
        for entry, entry_refs in entries:
            service = _service(entry)
            if service is None:
                cell.unread.append(entry)
                continue
            first_word = entry.split()[0]
            category = Category.PRIMARY if first_word.isupper() else Category.SECONDARY
            cell.allocations.append((service, category, tuple(entry_refs)))
    return cell


def compare(cells: list[Cell], edition: Edition) -> list[dict[str, Any]]:
    """Every span where an ARSP cell and the 2012 edition disagree, with what differs."""
    by_region: dict[int, list[Band]] = defaultdict(list)
    for band in edition.bands:
        by_region[band.region].append(band)
    found = []
    for cell in cells:
        if cell.low_hz >= cell.high_hz or cell.unread:
            continue
        for band in by_region[cell.region]:
            low, high = max(cell.low_hz, band.low_hz), min(cell.high_hz, band.high_hz)
            if low >= high:
                continue
            old = {a.service.name: (a.category, tuple(a.footnotes)) for a in band.allocations}
            new = {name: (category, refs) for name, category, refs in cell.allocations}
            diff = {
                "region": cell.region,
                "low_hz": low,
                "high_hz": high,
                "page": cell.page,
                "added": sorted(set(new) - set(old)),
                "removed": sorted(set(old) - set(new)),
                "category": sorted(s for s in set(new) & set(old) if new[s][0] != old[s][0]),
                "refs": sorted(s for s in set(new) & set(old) if set(new[s][1]) != set(old[s][1])),
                "band_refs_added": sorted(set(cell.footnotes) - set(band.footnotes)),
                "band_refs_removed": sorted(set(band.footnotes) - set(cell.footnotes)),
                "cell": cell,
                "band": band,
            }
            if any(
                diff[k]
                for k in (
                    "added",
                    "removed",
                    "category",
                    "refs",
                    "band_refs_added",
                    "band_refs_removed",
                )
            ):
                found.append(diff)
    return found


def spanning(cells: list[Cell], edition: Edition) -> list[Cell]:
    """Region 2 and 3 copies of the Region 1 cells that span the Regions.

    The extraction gave cells spanning Regions 1-3 to Region 1 only. Where the ARSP has no
    Region 2 (3) cell over a span and the 2012 Table had the same allocations there in
    Region 2 (3) as in Region 1 (a cell across the Regions then), the Region 1 cell is
    read as spanning them still."""
    covered = {r: [(c.low_hz, c.high_hz) for c in cells if c.region == r] for r in (2, 3)}
    bands = {r: [b for b in edition.bands if b.region == r] for r in (1, 2, 3)}

    def content(band: Band) -> set[tuple[str, str]]:
        return {(a.service.name, a.category.value) for a in band.allocations}

    copies = []
    for cell in (c for c in cells if c.region == 1 and c.low_hz < c.high_hz):
        for region in (2, 3):
            if any(lo < cell.high_hz and hi > cell.low_hz for lo, hi in covered[region]):
                continue
            for other in bands[region]:
                low, high = max(cell.low_hz, other.low_hz), min(cell.high_hz, other.high_hz)
                if low >= high:
                    continue
                first = [b for b in bands[1] if b.low_hz < high and b.high_hz > low]
                if all(content(b) == content(other) for b in first):
                    copies.append(
                        Cell(
                            region,
                            low,
                            high,
                            cell.page,
                            cell.raw,
                            list(cell.allocations),
                            list(cell.footnotes),
                        )
                    )
    return copies


def _span(diff: dict[str, Any]) -> dict[str, Any]:
    return {"region": diff["region"], "low_hz": diff["low_hz"], "high_hz": diff["high_hz"]}


def banded_ops(
    diff: dict[str, Any], texts: set[str], gone: frozenset[str] = frozenset()
) -> tuple[list[dict[str, Any]], list[str]]:
    """Amendments turning the edition's span into the ARSP cell; what cannot be, said."""
    cell: Cell = diff["cell"]
    band: Band = diff["band"]
    source = f"{SOURCE}, p. {cell.page}"
    new = {name: (category, refs) for name, category, refs in cell.allocations}
    old = {a.service.name: (a.category, tuple(a.footnotes)) for a in band.allocations}
    ops: list[dict[str, Any]] = []
    left: list[str] = []

    def cited(refs: tuple[str, ...]) -> list[str]:
        kept = [r for r in refs if r in texts]
        left.extend(f"{r} cited without a text" for r in refs if r not in texts)
        return kept

    for name in diff["removed"]:
        ops.append({"op": "remove_allocation", **_span(diff), "service": name, "source": source})
    for name in sorted(set(diff["category"]) | set(diff["refs"])):
        category, refs = new[name]
        kept = (r for r in old[name][1] if r not in gone)
        union = tuple(dict.fromkeys((*kept, *cited(refs))))
        ops.append({"op": "remove_allocation", **_span(diff), "service": name, "source": source})
        ops.append(
            {
                "op": "add_allocation",
                **_span(diff),
                "service": name,
                "category": category.value,
                "footnotes": list(union),
                "source": source,
            }
        )
    for name in diff["added"]:
        category, refs = new[name]
        ops.append(
            {
                "op": "add_allocation",
                **_span(diff),
                "service": name,
                "category": category.value,
                "footnotes": cited(refs),
                "source": source,
            }
        )
    for ref in diff["band_refs_added"]:
        if ref in texts:
            ops.append({"op": "cite_footnote", **_span(diff), "footnote_id": ref, "source": source})
        else:
            left.append(f"{ref} cited without a text")
    if diff["band_refs_removed"]:
        left.append("no longer cites " + " ".join(diff["band_refs_removed"]))
    return ops, left


def _refs(ops: list[dict[str, Any]]) -> set[str]:
    found: set[str] = set()
    for op in ops:
        found |= set(op.get("footnotes", ()))
        if op["op"] == "cite_footnote":
            found.add(op["footnote_id"])
    return found


def footnote_ops(year: int) -> list[dict[str, Any]]:
    return [
        {
            "op": "set_footnote",
            "footnote_id": fid,
            "text": text,
            "source": f"ACMA, Australian Radiofrequency Spectrum Plan 2021, international "
            f"footnotes, p. {page}",
        }
        for fid, (text, page) in sorted(arsp_footnotes().items())
        if revision_year(text) == year
    ]


def document(
    edition_id: str,
    title: str,
    day: str,
    base: str,
    conference: str,
    amendments: list[dict[str, Any]],
) -> dict[str, Any]:
    return {
        "format": "openitu-table-amendments/1",
        "edition": {"id": edition_id, "title": title, "entry_into_force": day, "based_on": base},
        "conference": conference,
        "source": "ACMA, Australian Radiofrequency Spectrum Plan 2021 (CC BY 4.0): "
        "data/spectrum/acma-arsp-2021/",
        "amendments": amendments,
    }


def applicable(base: Edition, doc: dict[str, Any], dropped: list[str]) -> dict[str, Any]:
    """The document without the amendments that do not apply, each dropped one said."""
    from openitu.spectrum.amendment_file import build_edition, read_amendment_file

    while True:
        try:
            build_edition(base, read_amendment_file(doc))
            return doc
        except InvalidInput as refused:
            match = re.match(r"amendments\[(\d+)\]", refused.field)
            if match is None:
                raise
            bad = doc["amendments"].pop(int(match.group(1)))
            where = (
                f"Region {bad.get('region', '-')} {bad.get('low_hz', '')}-{bad.get('high_hz', '')}"
            )
            dropped.append(
                f"{where} {bad['op']} {bad.get('service') or bad.get('footnote_id')}: "
                f"{refused.reason}"
            )


def with_filled_texts(ops: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The amendments, preceded by the texts of the footnotes they cite that RR-2012 takes
    from the ARSP (the dataset lacks them): a database loaded before those texts were
    filled in has them without text, and the file must apply there too."""
    set_here = {op["footnote_id"] for op in ops if op["op"] == "set_footnote"}
    dataset = read_footnote_texts()
    arsp = arsp_footnotes()
    needed = sorted(f for f in _refs(ops) if f not in dataset and f not in set_here and f in arsp)
    texts = [
        {
            "op": "set_footnote",
            "footnote_id": f,
            "text": arsp[f][0],
            "source": f"ACMA, Australian Radiofrequency Spectrum Plan 2021, international "
            f"footnotes, p. {arsp[f][1]} (unchanged since 2012: the 2012 edition's text)",
        }
        for f in needed
    ]
    return texts + ops


TEXTLESS_HEADING = "## Footnotes cited without a text"

SEARCHED_EVERY_FOOTNOTE = (
    "for each, the earth-frequencies dataset (RR 2012, `itu/footnotes.tsv`: no row, or lost "
    "in extraction) and the ARSP 2021 (WRC-19 level: absent, or revised after the edition); "
    "and (7 December 2026) the stored public pages of the `search` tool's `pages` corpus for "
    "the sources that would give these texts: copies of the Radio Regulations and Final Acts "
    "(docslib, docplayer, scribd: only their opening pages are searchable), ComReg's "
    "per-footnote pages (rfpi.comreg.ie, current Irish table: WRC-19/WRC-23 wording), "
    "spectrumwiki.com band pages (current wording) and national tables; the footnotes "
    "marked below were also searched one by one, by number, band and later wording, there "
    "and (5.72, 5.118, 5.242, 5.397, 5.486) in the public GitHub code index. None gives "
    "the edition's wording"
)
"""What was searched for every footnote listed as cited without a text."""

SEARCHED_BY_NUMBER = frozenset(
    {"5.72", "5.82A", "5.118", "5.122", "5.227A", "5.242", "5.288", "5.302", "5.347A"}
    | {"5.389B", "5.397", "5.400", "5.405", "5.456", "5.486", "5.530"}
)
"""Footnotes also searched one by one (number, band and the wording of later editions)."""


def textless_footnotes(editions: list[Edition]) -> dict[str, list[str]]:
    """Footnote id -> the editions that cite it without a text."""
    found: dict[str, list[str]] = defaultdict(list)
    for edition in editions:
        cited = {f for band in edition.bands for f in band.all_footnotes()}
        for footnote_id in cited:
            footnote = edition.footnotes.get(footnote_id)
            if footnote is None or not footnote.text:
                found[footnote_id].append(edition.id)
    return dict(found)


def textless_lines(editions: list[Edition]) -> list[str]:
    """The UNSETTLED.md section: each footnote cited without a text, where, and why."""
    arsp = arsp_footnotes()
    textless = textless_footnotes(editions)
    lines = [
        TEXTLESS_HEADING,
        "",
        "No source gives these footnotes' wording for the editions named, so they are "
        'answered as "text unknown" (never an empty text). Searched: '
        f"{SEARCHED_EVERY_FOOTNOTE}.",
        "",
    ]
    for footnote_id in sorted(textless, key=footnote_sort_key):
        if footnote_id in arsp:
            year = revision_year(arsp[footnote_id][0])
            mark = f"WRC-{year % 100:02d}" if year else "with no conference"
            why = f"the ARSP's (2020) text is marked {mark}: revised after the edition"
        else:
            why = "absent from the ARSP (suppressed by 2020)"
        also = "; also searched by number" if footnote_id in SEARCHED_BY_NUMBER else ""
        lines.append(f"- {footnote_id} ({', '.join(textless[footnote_id])}): {why}{also}")
    return lines


HAND_KEPT_FROM = "## WRC-23"
"""UNSETTLED.md from this heading on is written by hand (the ARSP 2021 says nothing of
WRC-23): a new run keeps it."""


def hand_kept_sections(path: Path) -> list[str]:
    """The hand-written end of UNSETTLED.md, as lines, to write again after ours."""
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    start = text.find("\n" + HAND_KEPT_FROM + "\n")
    return ["", *text[start + 1 :].rstrip("\n").split("\n")] if start >= 0 else []


def main() -> None:
    from openitu.spectrum.amendment_file import build_edition, read_amendment_file

    rows = json.loads(ARSP.read_text(encoding="utf-8"))
    base = rr2012_edition()
    cells = [read_cell(r) for r in rows]
    cells += spanning(cells, base)
    unsettled: list[str] = [
        f"Region {c.region} {c.low_hz:g}-{c.high_hz:g} Hz (p. {c.page}): cell not read "
        f"({'; '.join(c.unread) or 'edges'})"
        for c in cells
        if c.unread or c.low_hz >= c.high_hz
    ]
    arsp = arsp_footnotes()
    new_2015 = {
        f for f, (t, _) in arsp.items() if revision_year(t) == 2015 and f not in base.footnotes
    }
    texts_2016 = {f for f, n in base.footnotes.items() if n.text} | {
        f for f, (t, _) in arsp.items() if revision_year(t) == 2015
    }
    texts_2020 = texts_2016 | {f for f, (t, _) in arsp.items() if revision_year(t) == 2019}
    # WRC-15: footnotes revised then, and the changes citing a footnote it created.
    ops_2016 = footnote_ops(2015)
    for diff in compare(cells, base):
        ops, _ = banded_ops(diff, texts_2016)
        if _refs(ops) & new_2015:
            ops_2016 += ops
    dropped_2016: list[str] = []
    ops_2016 = with_filled_texts(ops_2016)
    doc_2016 = applicable(
        base,
        document(
            "RR-2016",
            "Radio Regulations, Edition of 2016, Article 5 (RR-2012 with the WRC-15 "
            "amendments the ARSP 2021 settles)",
            "2017-01-01",
            "RR-2012",
            "WRC-15",
            ops_2016,
        ),
        dropped_2016,
    )
    rr2016 = build_edition(base, read_amendment_file(doc_2016))
    # WRC-19 level: everything else the ARSP shows, against RR-2016.
    # Footnotes the ARSP neither prints nor cites: suppressed by WRC-15 or WRC-19.
    cited_2020 = {ref for c in cells for _, _, refs in c.allocations for ref in refs}
    cited_2020 |= {ref for c in cells for ref in c.footnotes}
    cited_2016 = {f for b in rr2016.bands for f in b.all_footnotes()}
    absent = cited_2016 - cited_2020 - set(arsp)
    # Removed only where no shipped source holds a text either: the others (with a 2012
    # text) may be suppressed or missed by the extraction, which the data does not settle.
    gone = frozenset(
        f for f in absent if not rr2016.footnotes.get(f) or not rr2016.footnotes[f].text
    )
    unsettled += [
        f"{f}: cited in RR-2016 (with its 2012 text), neither cited nor printed by the ARSP "
        "(suppressed since, or missed by the extraction): kept"
        for f in sorted(absent - gone)
    ]
    ops_2020 = footnote_ops(2019)
    for diff in compare(cells, rr2016):
        ops, left = banded_ops(diff, texts_2020, gone)
        # In the WRC-19 level Table for certain; which of the two conferences made the
        # change the source does not say.
        ops_2020 += [{**op, "conference": UNATTRIBUTED} for op in ops]
        unsettled += [
            f"Region {diff['region']} {diff['low_hz']:g}-{diff['high_hz']:g} Hz "
            f"(p. {diff['page']}): {item}"
            for item in left
        ]
    for footnote_id in sorted(gone):
        ops_2020.append(
            {
                "op": "remove_footnote",
                "footnote_id": footnote_id,
                "conference": UNATTRIBUTED,
                "source": f"{SOURCE} and international footnotes: neither cites nor prints it",
            }
        )
    dropped_2020: list[str] = []
    ops_2020 = with_filled_texts(ops_2020)
    doc_2020 = applicable(
        rr2016,
        document(
            "RR-2020",
            "Radio Regulations, Edition of 2020, Article 5 (as the ARSP 2021 "
            "reproduces it at WRC-19 level)",
            "2021-01-01",
            "RR-2016",
            "WRC-19",
            ops_2020,
        ),
        dropped_2020,
    )
    rr2020 = build_edition(rr2016, read_amendment_file(doc_2020))
    remaining = [
        d
        for d in compare(cells, rr2020)
        if d["added"] or d["removed"] or d["category"] or d["band_refs_added"]
    ]
    OUT.mkdir(parents=True, exist_ok=True)
    for name, doc in (("RR-2016", doc_2016), ("RR-2020", doc_2020)):
        (OUT / f"{name}.json").write_text(
            json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    lines = [
        "# What the ARSP 2021 does not settle",
        "",
        "Written by scripts/arsp_amendments.py; see data/SOURCES.md.",
        "",
        f"- RR-2016: {len(doc_2016['amendments'])} amendments; RR-2020: "
        f"{len(doc_2020['amendments'])} amendments.",
        "",
    ]
    lines += ["## Amendments that could not apply", ""]
    lines += [f"- RR-2016: {d}" for d in dropped_2016] + [f"- RR-2020: {d}" for d in dropped_2020]
    lines += ["", "## Cells and spans left as the earlier edition has them", ""]
    lines += [f"- {u}" for u in unsettled]
    lines += ["", "## Spans still differing from the ARSP after RR-2020", ""]
    lines += [
        f"- Region {d['region']} {d['low_hz']:g}-{d['high_hz']:g} Hz (p. {d['page']}): "
        f"+{d['added']} -{d['removed']} category {d['category']} refs {d['refs']}"
        for d in remaining
    ]
    lines += ["", *textless_lines([base, rr2016, rr2020])]
    lines += hand_kept_sections(OUT / "UNSETTLED.md")
    (OUT / "UNSETTLED.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(
        f"RR-2016 {len(doc_2016['amendments'])} amendments ({len(dropped_2016)} dropped), "
        f"RR-2020 {len(doc_2020['amendments'])} ({len(dropped_2020)} dropped), "
        f"{len(unsettled)} unsettled, {len(remaining)} spans still differ"
    )


if __name__ == "__main__":
    main()
