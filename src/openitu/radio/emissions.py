"""Designation of emissions: Radio Regulations Appendix 1.

An emission is designated by its necessary bandwidth (four characters, §1) and its class
(three symbols, optionally followed by a fourth and a fifth, §2-3), e.g. ``16K0F3E``
(16 kHz, frequency modulation, single analogue channel, telephony) or ``6K00A3EJN``.

Necessary bandwidth (App. 1 §1): three numerals and one letter, the letter taking the
place of the decimal point and giving the unit: H for 0.001-999 Hz, K for 1.00-999 kHz,
M for 1.00-999 MHz, G for 1.00-999 GHz. The first character is neither zero nor K, M or G
(so 400 Hz is ``400H``, 0.1 Hz is ``H100``, 2.4 kHz is ``2K40``, 180.5 kHz is ``181K``).

`parse_emission` reads a designator and says which character is wrong and why when it
cannot; `format_emission` writes the canonical designator from a bandwidth in Hz and the
class symbols; the two round-trip.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Final

from openitu.errors import InvalidInput

# App. 1 §3 (RR edition 2020): first symbol, type of modulation of the main carrier.
MODULATION: Final[dict[str, str]] = {
    "N": "Emission of an unmodulated carrier",
    "A": "Amplitude modulation: double-sideband",
    "H": "Amplitude modulation: single-sideband, full carrier",
    "R": "Amplitude modulation: single-sideband, reduced or variable level carrier",
    "J": "Amplitude modulation: single-sideband, suppressed carrier",
    "B": "Amplitude modulation: independent sidebands",
    "C": "Amplitude modulation: vestigial sideband",
    "F": "Angle modulation: frequency modulation",
    "G": "Angle modulation: phase modulation",
    "D": "Main carrier amplitude and angle-modulated either simultaneously or in a "
    "pre-established sequence",
    "P": "Pulse emission: sequence of unmodulated pulses",
    "K": "Pulse emission: sequence of pulses modulated in amplitude",
    "L": "Pulse emission: sequence of pulses modulated in width/duration",
    "M": "Pulse emission: sequence of pulses modulated in position/phase",
    "Q": "Pulse emission: sequence of pulses in which the carrier is angle-modulated during "
    "the angle-period of the pulse",
    "V": "Pulse emission: sequence of pulses which is a combination of the foregoing or is "
    "produced by other means",
    "W": "Main carrier modulated, either simultaneously or in a pre-established sequence, in "
    "a combination of two or more of the following modes: amplitude, angle, pulse",
    "X": "Cases not otherwise covered",
}
# Second symbol: nature of signal(s) modulating the main carrier.
SIGNAL_NATURE: Final[dict[str, str]] = {
    "0": "No modulating signal",
    "1": "A single channel containing quantized or digital information without the use of "
    "a modulating sub-carrier",
    "2": "A single channel containing quantized or digital information with the use of a "
    "modulating sub-carrier",
    "3": "A single channel containing analogue information",
    "7": "Two or more channels containing quantized or digital information",
    "8": "Two or more channels containing analogue information",
    "9": "Composite system with one or more channels containing quantized or digital "
    "information, together with one or more channels containing analogue information",
    "X": "Cases not otherwise covered",
}
# Third symbol: type of information to be transmitted.
INFORMATION_TYPE: Final[dict[str, str]] = {
    "N": "No information transmitted",
    "A": "Telegraphy - for aural reception",
    "B": "Telegraphy - for automatic reception",
    "C": "Facsimile",
    "D": "Data transmission, telemetry, telecommand",
    "E": "Telephony (including sound broadcasting)",
    "F": "Television (video)",
    "W": "Combination of the above",
    "X": "Cases not otherwise covered",
}
# Fourth (optional) symbol: details of signal(s).
SIGNAL_DETAILS: Final[dict[str, str]] = {
    "A": "Two-condition code with elements of differing numbers and/or durations",
    "B": "Two-condition code with elements of the same number and duration without "
    "error-correction",
    "C": "Two-condition code with elements of the same number and duration with error-correction",
    "D": "Four-condition code in which each condition represents a signal element (of one "
    "or more bits)",
    "E": "Multi-condition code in which each condition represents a signal element (of one "
    "or more bits)",
    "F": "Multi-condition code in which each condition or combination of conditions "
    "represents a character",
    "G": "Sound of broadcasting quality (monophonic)",
    "H": "Sound of broadcasting quality (stereophonic or quadraphonic)",
    "J": "Sound of commercial quality (excluding categories K and L)",
    "K": "Sound of commercial quality with the use of frequency inversion or band-splitting",
    "L": "Sound of commercial quality with separate frequency-modulated signals to control "
    "the level of demodulated signal",
    "M": "Monochrome",
    "N": "Colour",
    "W": "Combination of the above",
    "X": "Cases not otherwise covered",
}
# Fifth (optional) symbol: nature of multiplexing.
MULTIPLEXING: Final[dict[str, str]] = {
    "N": "None",
    "C": "Code-division multiplex",
    "F": "Frequency-division multiplex",
    "T": "Time-division multiplex",
    "W": "Combination of frequency-division multiplex and time-division multiplex",
    "X": "Other types of multiplexing",
}

_UNITS: Final[tuple[tuple[str, int], ...]] = (("H", 0), ("K", 3), ("M", 6), ("G", 9))
_UNIT_EXPONENT: Final[dict[str, int]] = dict(_UNITS)
MIN_BANDWIDTH_HZ: Final = 0.001
MAX_BANDWIDTH_HZ: Final = 999e9
_FIELD = "designator"


@dataclass(frozen=True)
class Emission:
    """A parsed emission designator (RR Appendix 1)."""

    necessary_bandwidth_hz: float
    modulation: str
    signal_nature: str
    information_type: str
    signal_details: str | None = None
    multiplexing: str | None = None

    @property
    def bandwidth_code(self) -> str:
        """The four-character necessary-bandwidth code, e.g. ``16K0``."""
        return format_bandwidth_code(self.necessary_bandwidth_hz)

    @property
    def bandwidth_text(self) -> str:
        """The necessary bandwidth as people read it, in the unit of its code ("36 MHz")."""
        return bandwidth_in_words(self.bandwidth_code)

    @property
    def emission_class(self) -> str:
        """The class: three to five symbols (a dash for an absent fourth symbol)."""
        symbols = self.modulation + self.signal_nature + self.information_type
        if self.multiplexing is not None:
            return symbols + (self.signal_details or "-") + self.multiplexing
        if self.signal_details is not None:
            return symbols + self.signal_details
        return symbols

    @property
    def designator(self) -> str:
        """The canonical designator, e.g. ``16K0F3E``."""
        return self.bandwidth_code + self.emission_class

    def describe(self) -> dict[str, Any]:
        """A JSON-ready description: symbols and their meanings."""
        return {
            "designator": self.designator,
            "necessary_bandwidth_hz": self.necessary_bandwidth_hz,
            "bandwidth_code": self.bandwidth_code,
            "necessary_bandwidth": self.bandwidth_text,
            "emission_class": self.emission_class,
            "modulation": self.modulation,
            "signal_nature": self.signal_nature,
            "information_type": self.information_type,
            "signal_details": self.signal_details,
            "multiplexing": self.multiplexing,
            "meanings": {
                "modulation": MODULATION[self.modulation],
                "signal_nature": SIGNAL_NATURE[self.signal_nature],
                "information_type": INFORMATION_TYPE[self.information_type],
                "signal_details": (
                    SIGNAL_DETAILS[self.signal_details] if self.signal_details else None
                ),
                "multiplexing": MULTIPLEXING[self.multiplexing] if self.multiplexing else None,
            },
        }


def _symbol_list(table: dict[str, str]) -> str:
    return ", ".join(table)


def parse_bandwidth_code(code: str, *, field: str = _FIELD) -> float:
    """The necessary bandwidth [Hz] written by a four-character code (App. 1 §1).

    Raises `InvalidInput` naming the offending character (1-based) and the rule it breaks.
    """
    if len(code) != 4:
        raise InvalidInput(
            field,
            f"the necessary bandwidth {code!r} must be 4 characters: three numerals and one "
            "of the letters H, K, M, G in place of the decimal point (e.g. 16K0, 2K40, 400H)",
        )
    letters = [(i, c) for i, c in enumerate(code) if not c.isdigit()]
    for i, c in letters:
        if c not in _UNIT_EXPONENT:
            raise InvalidInput(
                field,
                f"character {i + 1} {c!r} of the necessary bandwidth must be a numeral or one "
                "of the unit letters H (Hz), K (kHz), M (MHz), G (GHz)",
            )
    if not letters:
        raise InvalidInput(
            field,
            f"the necessary bandwidth {code!r} has no unit letter: one of H, K, M, G must take "
            "the place of the decimal point (e.g. 16K0)",
        )
    if len(letters) > 1:
        i, c = letters[1]
        raise InvalidInput(
            field,
            f"character {i + 1} {c!r}: the necessary bandwidth holds exactly one unit letter "
            f"(already {letters[0][1]!r} at character {letters[0][0] + 1})",
        )
    position, letter = letters[0]
    if code[0] == "0":
        raise InvalidInput(
            field, "character 1 '0': the first character of the necessary bandwidth is not zero"
        )
    if position == 0 and letter != "H":
        raise InvalidInput(
            field,
            f"character 1 {letter!r}: the first character of the necessary bandwidth is "
            "neither zero nor K, M or G (write 1.5 kHz as 1K50, 500 Hz as 500H)",
        )
    digits = code.replace(letter, "")
    value = Decimal(f"{digits[:position]}.{digits[position:]}" if position else f"0.{digits}")
    if value == 0:
        raise InvalidInput(field, "the necessary bandwidth must be at least 0.001 Hz (H001)")
    return float(value.scaleb(_UNIT_EXPONENT[letter]))


_UNIT_WORDS: Final = {"H": "Hz", "K": "kHz", "M": "MHz", "G": "GHz"}


def bandwidth_in_words(code: str) -> str:
    """A bandwidth code in the unit its letter names: "36M0" -> "36 MHz", "2K70" ->
    "2.7 kHz", "H002" -> "0.002 Hz" (App. 1 §1: the letter is the decimal point and the unit).
    """
    letter = next(c for c in code if c in _UNIT_WORDS)
    whole, _, fraction = code.partition(letter)
    fraction = fraction.rstrip("0")
    number = (whole or "0") + ("." + fraction if fraction else "")
    return f"{number} {_UNIT_WORDS[letter]}"


def hz_in_full(hz: float) -> str:
    """A frequency in Hz written out without an exponent ("36000000 Hz", "0.002 Hz")."""
    return f"{format(Decimal(repr(float(hz))).normalize(), 'f')} Hz"


def format_bandwidth_code(necessary_bandwidth_hz: float, *, field: str = "bandwidth_hz") -> str:
    """The four-character code of a necessary bandwidth in Hz (App. 1 §1).

    Three significant figures, rounded half up as the Appendix's examples do (180.5 kHz is
    ``181K``); 0.001 Hz to 999 GHz.
    """
    if isinstance(necessary_bandwidth_hz, bool) or not isinstance(
        necessary_bandwidth_hz, int | float
    ):
        raise InvalidInput(field, "must be a number of Hz")
    if not math.isfinite(necessary_bandwidth_hz):
        raise InvalidInput(field, "must be finite")
    try:
        hz = Decimal(repr(float(necessary_bandwidth_hz)))
    except InvalidOperation:  # pragma: no cover - repr of a finite float always parses
        raise InvalidInput(field, "must be a number of Hz") from None
    if hz < Decimal("0.0005") or hz >= Decimal("999.5e9"):
        raise InvalidInput(
            field,
            f"must lie in [0.001 Hz, 999 GHz] to be designated (got {necessary_bandwidth_hz:g})",
        )
    for letter, exponent in _UNITS:
        value = hz.scaleb(-exponent)
        if value >= 1000:
            continue
        if letter == "H" and value < 1:
            millihertz = value.scaleb(3).quantize(Decimal(1), rounding=ROUND_HALF_UP)
            if millihertz < 1000:
                return f"H{int(millihertz):03d}"
            value = Decimal(1)
        integer_digits = max(1, len(str(int(value))))
        rounded = value.quantize(Decimal(1).scaleb(integer_digits - 3), rounding=ROUND_HALF_UP)
        if len(str(int(rounded))) > integer_digits:  # 9.995 -> 10.0: one more integer digit
            integer_digits += 1
            rounded = rounded.quantize(Decimal(1).scaleb(integer_digits - 3))
        if rounded >= 1000:
            continue  # 999.5 kHz is 1.00 MHz
        text = f"{rounded:.{3 - integer_digits}f}"
        return text.replace(".", letter) if "." in text else text + letter
    raise AssertionError("unreachable: range checked above")  # pragma: no cover


def _check_symbol(symbol: str, table: dict[str, str], position: int, what: str) -> None:
    if symbol not in table:
        raise InvalidInput(
            _FIELD,
            f"character {position} {symbol!r} is not a valid {what} symbol "
            f"(one of {_symbol_list(table)})",
        )


def parse_emission(designator: str) -> Emission:
    """Read an emission designator such as ``16K0F3E``, ``5M00G7W`` or ``6K00A3EJN``.

    Letters are read case-insensitively; a dash stands for an absent fourth or fifth symbol
    (App. 1 §3.1). Raises `InvalidInput` (field ``designator``) naming the character at
    fault and the rule.
    """
    if not isinstance(designator, str):
        raise InvalidInput(_FIELD, "must be a string such as 16K0F3E")
    text = designator.strip().upper()
    if not text:
        raise InvalidInput(_FIELD, "is empty (write e.g. 16K0F3E)")
    if any(ch.isspace() for ch in text):
        raise InvalidInput(_FIELD, "must not contain spaces (write e.g. 16K0F3E)")
    if len(text) < 7:
        raise InvalidInput(
            _FIELD,
            f"{designator!r} is too short: 4 characters of necessary bandwidth and at least the "
            "3 symbols of the class are needed (e.g. 16K0F3E)",
        )
    if len(text) > 9:
        raise InvalidInput(
            _FIELD,
            f"{designator!r} is too long: at most 9 characters (4 of bandwidth, 3 to 5 of class)",
        )
    bandwidth_hz = parse_bandwidth_code(text[:4])
    _check_symbol(text[4], MODULATION, 5, "first (type of modulation of the main carrier)")
    _check_symbol(text[5], SIGNAL_NATURE, 6, "second (nature of signal(s) modulating the carrier)")
    _check_symbol(text[6], INFORMATION_TYPE, 7, "third (type of information)")
    details: str | None = None
    multiplexing: str | None = None
    if len(text) >= 8 and text[7] != "-":
        _check_symbol(text[7], SIGNAL_DETAILS, 8, "fourth (details of signal(s))")
        details = text[7]
    if len(text) == 9 and text[8] != "-":
        _check_symbol(text[8], MULTIPLEXING, 9, "fifth (nature of multiplexing)")
        multiplexing = text[8]
    return Emission(bandwidth_hz, text[4], text[5], text[6], details, multiplexing)


def format_emission(
    necessary_bandwidth_hz: float,
    modulation: str,
    signal_nature: str,
    information_type: str,
    signal_details: str | None = None,
    multiplexing: str | None = None,
) -> str:
    """The canonical designator of a bandwidth [Hz] and class symbols, e.g. ``16K0F3E``."""
    code = format_bandwidth_code(necessary_bandwidth_hz, field="necessary_bandwidth_hz")
    pairs = (
        (modulation, MODULATION, "modulation"),
        (signal_nature, SIGNAL_NATURE, "signal_nature"),
        (information_type, INFORMATION_TYPE, "information_type"),
    )
    for symbol, table, name in pairs:
        if not isinstance(symbol, str) or symbol.upper() not in table:
            raise InvalidInput(name, f"{symbol!r} is not one of {_symbol_list(table)}")
    optional: tuple[tuple[str | None, dict[str, str], str], ...] = (
        (signal_details, SIGNAL_DETAILS, "signal_details"),
        (multiplexing, MULTIPLEXING, "multiplexing"),
    )
    for maybe, table, name in optional:
        if maybe is not None and (not isinstance(maybe, str) or maybe.upper() not in table):
            raise InvalidInput(name, f"{maybe!r} is not one of {_symbol_list(table)}")
    emission = Emission(
        parse_bandwidth_code(code),
        modulation.upper(),
        signal_nature.upper(),
        information_type.upper(),
        signal_details.upper() if signal_details else None,
        multiplexing.upper() if multiplexing else None,
    )
    return emission.designator
