"""Footnote texts as the Regulations print them, mended of what their extraction broke.

Two sources carry the texts of Article 5's footnotes, each damaged in its own way:

- the earth-frequencies dataset (the 2012 edition) joined the PDF's lines without a space
  ("ensurethat", "SaudiArabia", "use.(WRC-12)", "allocation:in", "Table 21-4of");
- the ACMA's Radiofrequency Spectrum Plan 2021 extraction (the 2020 edition) is spaced
  right but lets page headers into the text ("International Footnotes Part 4"), splits the
  revision mark ("( ) WRC-19" for "(WRC-19)") and keeps the spaces after hyphens and
  dashes broken across lines ("non- geostationary", "8.3– 9 kHz").

:func:`mend_joined_words` splits what line joins glued, using the vocabulary of the
ARSP's correctly spaced texts; :func:`mend_arsp_text` undoes the ARSP extraction's damage.
Both only insert or remove spaces and fix the two marks named: no word is changed.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Final

ARSP_DIR: Final = Path(__file__).resolve().parents[1] / "data" / "spectrum" / "acma-arsp-2021"

UNITS: Final = ("kHz", "MHz", "GHz", "THz", "Hz", "dBW", "dBi", "dBm", "dB", "kW", "mW", "km")
"""Units whose mixed case is their spelling, not a join."""

_PAGE_HEADER = re.compile(r"\s*International Footnotes Part \d+\s*")
_REVISION_MARK = re.compile(r"\(\s*\)\s*(W?A?RC)-\s*(\d+)")
_SPLIT_MARK = re.compile(r"\b(W?A?RC)-\s+(\d+)")
_BROKEN_HYPHEN = re.compile(r"(?<=[A-Za-z])- (?=[A-Za-z])")
_BROKEN_DASH = re.compile(r"(?<=\d)\s*([–-])\s+(?=\d)|(?<=\d)\s+([–-])\s*(?=\d)")


def mend_arsp_text(text: str) -> str:
    """An ARSP footnote text without page headers, with whole revision marks and hyphens."""
    mended = _PAGE_HEADER.sub(" ", text)
    mended = _REVISION_MARK.sub(lambda m: f"({m.group(1)}-{m.group(2)})", mended)
    mended = _SPLIT_MARK.sub(lambda m: f"{m.group(1)}-{m.group(2)}", mended)
    mended = _BROKEN_HYPHEN.sub("-", mended)
    mended = _BROKEN_DASH.sub(lambda m: m.group(1) or m.group(2), mended)
    return re.sub(r"\s+", " ", mended).strip()


@cache
def arsp_footnotes() -> dict[str, tuple[str, int]]:
    """RR footnote id ("5.54A") -> (mended text, ARSP page) from the ARSP 2021."""
    rows = json.loads((ARSP_DIR / "intl_footnotes.json").read_text(encoding="utf-8"))
    return {f"5.{row['ref']}": (mend_arsp_text(row["text"]), int(row["page"])) for row in rows}


_WORD = re.compile(r"[A-Za-z]+")


@cache
def vocabulary() -> Counter[str]:
    """Lower-case words of the ARSP's footnote texts (spaced right), with their counts."""
    counts: Counter[str] = Counter()
    for text, _ in arsp_footnotes().values():
        counts.update(word.lower() for word in _WORD.findall(text))
    return counts


def _split_glued(word: str, known: Counter[str]) -> str:
    """``word`` as two known words where it is not one itself ("ensurethat")."""
    lower = word.lower()
    if len(word) < 5 or lower in known or not word.isalpha():
        return word
    best: tuple[int, int] | None = None
    for cut in range(1, len(word) - 1):
        head, tail = lower[:cut], lower[cut:]
        # "a" alone only before a long word ("aprimary"): "a"+"bout" is not "about".
        if cut == 1 and (head != "a" or len(tail) < 5):
            continue
        if head in known and tail in known:
            score = min(known[head], known[tail])
            if best is None or score > best[0]:
                best = (score, cut)
    if best is None:
        return word
    return f"{word[: best[1]]} {word[best[1] :]}"


def _split_case(token: str) -> str:
    """Split at a lower->upper change ("SaudiArabia"), sparing units (kHz, dBW)."""
    pieces: list[str] = []
    rest = token
    while rest:
        unit = next((u for u in UNITS if rest.startswith(u)), None)
        if unit is not None:
            pieces.append(unit)
            rest = rest[len(unit) :]
            if rest[:1].isalpha():
                pieces.append(" ")
            continue
        match = re.search(r"[a-z](?=[A-Z])", rest)
        # A unit that starts inside the word ("2850kHz" is handled by digits) stays whole.
        if match is None or any(rest[match.start() :].startswith(u) for u in UNITS):
            pieces.append(rest)
            break
        pieces.append(rest[: match.end()] + " ")
        rest = rest[match.end() :]
    return "".join(pieces)


_PUNCTUATION_JOIN = re.compile(r"(?<=[A-Za-z)])([,;:])(?=[A-Za-z(])|(?<=[a-z]{3})(\.)(?=[A-Z(])")
_NUMBER_WORD = re.compile(r"(?<=\d)(?=(?:of|and|or|to|in|is|the|for)\b)|(?<=\d)(?=[kMGT]?Hz\b)")
_WORD_NUMBER = re.compile(r"\b(above|below|between|band|bands|from|and|to|of|in)(?=\d)")


def mend_joined_words(text: str, known: Iterable[str] | None = None) -> str:
    """A text whose extraction joined lines without a space, with the spaces put back."""
    words = vocabulary() if known is None else Counter(known)
    mended = _PUNCTUATION_JOIN.sub(lambda m: f"{m.group(1) or m.group(2)} ", text)
    mended = _NUMBER_WORD.sub(" ", mended)
    mended = _WORD_NUMBER.sub(lambda m: f"{m.group(1)} ", mended)
    tokens = []
    for token in mended.split(" "):
        token = _split_case(token)
        tokens.append(_WORD.sub(lambda m: _split_glued(m.group(0), words), token))
    return re.sub(r"\s+", " ", " ".join(tokens)).strip()


def glued_words(text: str) -> list[str]:
    """The words of ``text`` that read as two known words run together (what a test and
    a reviewer look for)."""
    words = vocabulary()
    found = []
    for word in _WORD.findall(text):
        if _split_glued(word, words) != word or (
            re.search(r"[a-z][A-Z]", word) and not any(u in word for u in UNITS)
        ):
            found.append(word)
    return found


_MARK_YEAR = re.compile(r"\((?:W?A?RC|RRC)-(\d{2,4})\)")


def revision_year(text: str) -> int | None:
    """The year of the conference that last revised a footnote, from its closing mark
    ("(WRC-15)" -> 2015, "(WRC-2000)" -> 2000, "(WARC-92)" -> 1992); None without one
    (the text dates from before the conferences began marking their revisions)."""
    marks = _MARK_YEAR.findall(text)
    if not marks:
        return None
    year = int(marks[-1])
    if year < 100:
        year += 1900 if year >= 50 else 2000
    return year


def arsp_text_valid_in(footnote_id: str, year: int) -> tuple[str, int] | None:
    """The ARSP's (2020) text of a footnote and its page, where that text was already the
    footnote's text in the edition following the conference of ``year`` (no conference
    revised it after that year); None otherwise."""
    found = arsp_footnotes().get(footnote_id)
    if found is None:
        return None
    revised = revision_year(found[0])
    return found if revised is None or revised <= year else None
