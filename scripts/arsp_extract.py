"""Copy the ACMA ARSP 2021 extraction (../shared/reference/acma-arsp-2021) into the package.

The source is a YAML file of some 940 kB; the package ships its four lists as JSON, values
unchanged (the cleaning of extraction damage is done in code, where it is tested:
`openitu/spectrum/footnote_text.py`). Run once when the source changes:

    .venv/bin/python scripts/arsp_extract.py ../shared/reference/acma-arsp-2021

PyYAML is needed only here (it is not a dependency of the package).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import yaml

TARGET = Path(__file__).resolve().parents[1] / "src/openitu/data/spectrum/acma-arsp-2021"
LISTS = ("intl_footnotes", "region_allocations", "au_allocations", "au_footnotes")


def main(source_dir: str) -> None:
    source = Path(source_dir) / "spectrum_plan_source.yaml"
    document = yaml.safe_load(source.read_text(encoding="utf-8"))
    TARGET.mkdir(parents=True, exist_ok=True)
    for name in LISTS:
        text = json.dumps(document[name], ensure_ascii=False, indent=0, sort_keys=True)
        (TARGET / f"{name}.json").write_text(text + "\n", encoding="utf-8")
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    print(f"copied {', '.join(LISTS)} from {source} (sha256 {digest})")


if __name__ == "__main__":
    main(sys.argv[1])
