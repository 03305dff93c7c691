"""Numbering throughput: 1 million numbers against plain phonenumbers, and IMSI decoding.

Run: ``.venv/bin/python benchmarks/bench_numbering.py [--count 1000000] [--peer-count 50000]``

* Numbers: seeded, built from every region's example fixed-line and mobile numbers (and the
  non-geographic codes') with random trailing digits, so about half are valid; the list's
  sha256 is printed so that runs can be compared. The peer is plain ``phonenumbers``:
  ``parse(n, None)`` then ``is_valid_number``, ``region_code_for_number`` and
  ``number_type`` (the same four answers ``classify_e164`` gives), timed in the same run;
  the two answers are compared for every number, and the run fails if they differ.
* ``parse_number`` (one number, with formats) is timed on the first ``--single`` numbers
  (after the pattern cache is on).
* IMSIs: seeded, built on the register's codes with random MSINs; one by one
  (``decode_imsi``) and in bulk (``decode_many``).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import random
import time

import phonenumbers

from openitu.errors import InvalidInput
from openitu.numbering import e164
from openitu.numbering.e212 import bulletin_register


def sample_numbers(count: int, seed: int = 1162) -> list[str]:
    rng = random.Random(seed)
    bases: list[str] = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in (phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.MOBILE):
            example = phonenumbers.example_number_for_type(region, kind)
            if example is not None:
                bases.append(
                    phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
                )
    for code in sorted(phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS):
        example = phonenumbers.example_number_for_non_geo_entity(code)
        if example is not None:
            bases.append(phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164))
    digits = "0123456789"
    numbers = []
    for _ in range(count):
        base = rng.choice(bases)
        keep = rng.randint(max(2, len(base) - 5), len(base) - 1)
        extra = rng.choice((0, 0, 0, 0, -1, 1))
        numbers.append(base[:keep] + "".join(rng.choices(digits, k=len(base) - keep + extra)))
    return numbers


def peer(numbers: list[str]) -> tuple[list[int], list[str], list[bool], list[int]]:
    codes, regions, valid, types = [], [], [], []
    for text in numbers:
        try:
            parsed = phonenumbers.parse(text, None)
        except phonenumbers.NumberParseException:
            codes.append(0)
            regions.append("")
            valid.append(False)
            types.append(phonenumbers.PhoneNumberType.UNKNOWN)
            continue
        codes.append(parsed.country_code)
        regions.append(phonenumbers.region_code_for_number(parsed) or "")
        valid.append(phonenumbers.is_valid_number(parsed))
        types.append(phonenumbers.number_type(parsed))
    return codes, regions, valid, types


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--single", type=int, default=20_000)
    parser.add_argument("--peer-count", type=int, default=50_000)
    parser.add_argument("--imsis", type=int, default=1_000_000)
    args = parser.parse_args()

    numbers = sample_numbers(args.count)
    digest = hashlib.sha256("\n".join(numbers).encode()).hexdigest()[:16]
    print(f"{len(numbers):,} numbers, sha256 {digest}")
    e164.classify_e164(numbers[:2000])  # compile every plan's patterns before timing
    peer(numbers[:2000])

    start = time.perf_counter()
    ours = e164.classify_e164(numbers)
    ours_s = time.perf_counter() - start
    # Plain phonenumbers compiles its patterns through re's 512-entry cache, which its
    # metadata overflows: about 1,000 numbers/s here, so it is timed on the first
    # --peer-count numbers. Then phonenumbers' own pattern cache (enable_pattern_cache) is
    # switched on, its best case, and it is timed on every number and checked against ours.
    plain = numbers[: args.peer_count]
    start = time.perf_counter()
    plain_answers = peer(plain)
    peer_s = time.perf_counter() - start
    phonenumbers.re_util.enable_pattern_cache()
    peer(numbers[:2000])
    start = time.perf_counter()
    codes, regions, valid, types = peer(numbers)
    cached_s = time.perf_counter() - start

    same = (
        plain_answers
        == (codes[: len(plain)], regions[: len(plain)], valid[: len(plain)], types[: len(plain)])
        and ours.country_code.tolist() == codes
        and ours.regions() == regions
        and ours.valid.tolist() == valid
        and ours.number_type.tolist() == types
    )
    if not same:
        raise SystemExit("classify_e164 and phonenumbers disagree: see tests/numbering")
    n = len(numbers)
    print(f"valid: {sum(valid):,} of {n:,}; answers identical to phonenumbers for every number")
    rates = [
        ("classify_e164 (bulk fast path)", n / ours_s, n),
        ("phonenumbers parse+valid+region+type", len(plain) / peer_s, len(plain)),
        ("same, phonenumbers' pattern cache on", n / cached_s, n),
    ]
    for label, rate, count in rates:
        print(f"{label:<40} {rate:>12,.0f} numbers/s  (over {count:,})")
    print(f"{'ratio to plain phonenumbers':<40} {rates[0][1] / rates[1][1]:>12.1f}x")
    print(f"{'ratio to phonenumbers with its cache':<40} {rates[0][1] / rates[2][1]:>12.1f}x")

    single = numbers[: args.single]
    start = time.perf_counter()
    for text in single:
        with contextlib.suppress(InvalidInput):
            e164.parse_number(text)
    single_s = time.perf_counter() - start
    label = "parse_number (one at a time, formats)"
    print(f"{label:<40} {len(single) / single_s:>12,.0f} numbers/s")

    register = bulletin_register()
    rng = random.Random(212)
    codes_212 = [n.code for n in register.all_networks() if n.status == "assigned"]
    imsis = [
        (code + "".join(rng.choices("0123456789", k=12)))[:15]
        for code in rng.choices(codes_212, k=args.imsis)
    ]
    digest = hashlib.sha256("\n".join(imsis).encode()).hexdigest()[:16]
    print(f"{len(imsis):,} IMSIs, sha256 {digest}")
    start = time.perf_counter()
    bulk = register.decode_many(imsis)
    bulk_s = time.perf_counter() - start
    sample = imsis[:100_000]
    start = time.perf_counter()
    one_by_one = [register.decode_imsi(i) for i in sample]
    one_s = time.perf_counter() - start
    assert one_by_one == bulk[: len(sample)]
    print(f"{'decode_many (bulk, cached per prefix)':<40} {len(imsis) / bulk_s:>12,.0f} IMSIs/s")
    print(f"{'decode_imsi (one at a time)':<40} {len(sample) / one_s:>12,.0f} IMSIs/s")


if __name__ == "__main__":
    main()
