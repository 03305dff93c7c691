from __future__ import annotations

import pytest

from openitu.spectrum.model import Edition
from openitu.spectrum.reference import rr2012_edition
from openitu.spectrum.table import AllocationTable


@pytest.fixture(scope="session")
def edition() -> Edition:
    return rr2012_edition()


@pytest.fixture(scope="session")
def table(edition: Edition) -> AllocationTable:
    return AllocationTable(edition)
