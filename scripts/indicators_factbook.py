"""Extract the per-country figures OpenITU seeds its indicators with from the CIA World
Factbook JSON (../shared/reference/world-factbook/world_fb.json) into
src/openitu/data/indicators/factbook.json.

Countries are matched by the Factbook entity name recorded in data/geo/countries.tsv
(column ``factbook_name``), so the ISO codes are the project's own (the Factbook leaves
some ISO fields empty: Serbia, South Sudan, Kosovo). Each figure keeps the Factbook's year.

    .venv/bin/python scripts/indicators_factbook.py [PATH/world_fb.json]
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "reference" / "world-factbook" / "world_fb.json"
OUT = ROOT / "src" / "openitu" / "data" / "indicators" / "factbook.json"

# Factbook field -> OpenITU indicator code (counts; rates are derived in openitu.indicators).
FIELDS = {
    "subs_mobile": "mobile_cellular_subscriptions",
    "subs_fixed": "fixed_telephone_subscriptions",
    "subs_broadband": "fixed_broadband_subscriptions",
    "users_internet": "internet_users",
}


def main(path: Path) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    entities: dict[str, dict[str, object]] = document[1]
    with (ROOT / "src" / "openitu" / "data" / "geo" / "countries.tsv").open(encoding="utf-8") as f:
        countries = list(csv.DictReader(f, delimiter="\t"))
    rows: list[dict[str, object]] = []
    dropped: list[str] = []
    for country in countries:
        entity = entities.get(country["factbook_name"])
        infos = entity.get("infos") if isinstance(entity, dict) else None
        if not isinstance(infos, dict):
            continue
        population = infos.get("population")
        people = population.get("total") if isinstance(population, dict) else None
        if isinstance(population, dict) and isinstance(population.get("total"), int | float):
            year = population.get("year")
            if isinstance(year, int):
                rows.append({"country": country["iso2"], "indicator": "population",
                             "year": year, "value": population["total"]})  # fmt: skip
        for field, code in FIELDS.items():
            figure = infos.get(field)
            if not isinstance(figure, dict):
                continue
            num, year = figure.get("num"), figure.get("year")
            if num == 1 and isinstance(people, int | float) and people > 1_000_000:
                # The Factbook's "1.x billion" cut to 1 (China's mobile subscriptions and
                # Internet users, India's mobile subscriptions): left out, not guessed.
                dropped.append(f"{country['iso2']} {code}")
                continue
            if isinstance(num, int | float) and isinstance(year, int):
                rows.append({"country": country["iso2"], "indicator": code,
                             "year": year, "value": num})  # fmt: skip
    out = {
        "source": "CIA World Factbook (country-data JSON, public domain)",
        "origin": [str(s) for s in document[0].get("source", [])],
        "values": rows,
    }
    OUT.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"left out (a count of 1 for a country of millions): {', '.join(dropped)}")
    print(f"{len(rows)} figures for {len({r['country'] for r in rows})} countries -> {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
