"""The FCC ULS import's page in headless Chromium, signed in as a notifying officer of
the United States: the notify page links to it; two real ULS daily files (tests/reference/
fcc-uls) uploaded together give the FR rows read, the rows accepted (each linking to its
notice's page) and the rows rejected with their file, row, field and reason, as
`usecases.register.import_uls` gives them for the same bytes; a box left empty or a file
that is no zip is refused next to the box."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser_pages import field_error, in_database, make_accounts, press, signed_in_page
from openitu.accounts import Role
from openitu.register import fcc_uls
from openitu.store.db import make_engine, session_factory
from openitu.usecases import register as usecases
from register_fixtures import PASSWORD, officer

pytestmark = pytest.mark.browser

EXTRACT = Path(__file__).resolve().parents[1] / "reference" / "fcc-uls"
FILES = ("l_mw_sun.zip", "l_mw_mon-WQHI631.zip")


def _as_imported_now(database_url: str, files: list[tuple[str, bytes]]) -> dict[str, Any]:
    """What the use case makes of ``files`` on the server's database as it stands, in a
    transaction rolled back after (so the page's import finds the register unchanged)."""
    engine = make_engine(database_url)
    try:
        with session_factory(engine)() as session:
            try:
                return usecases.import_uls(
                    session, principal=officer("US"), imports=fcc_uls.read_uploads(files)
                )
            finally:
                session.rollback()
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def us_page(browser: Any, live_server: str, loaded_sqlite_url: str) -> Iterator[Any]:
    """A page signed in as a United States notifying officer (one sign-in for the module)."""
    username = f"import-us-officer-{uuid.uuid4().hex[:6]}"
    make_accounts(loaded_sqlite_url, [(username, Role.NOTIFYING_OFFICER, "US")], password=PASSWORD)
    with signed_in_page(browser, live_server, username, PASSWORD) as page:
        yield page


def test_uls_files_uploaded_give_their_rows_as_the_use_case_does(
    us_page: Any, live_server: str, loaded_sqlite_url: str
) -> None:
    files = [(name, (EXTRACT / name).read_bytes()) for name in FILES]
    expected = _as_imported_now(loaded_sqlite_url, files)
    assert expected["accepted"] and expected["rejected"]  # the premise: both kinds of row

    page = us_page
    page.goto(f"{live_server}/register/notify")
    page.click("#import-link a")
    page.wait_for_url("**/register/imports/fcc")
    page.set_input_files(
        "#files",
        files=[{"name": n, "mimeType": "application/zip", "buffer": data} for n, data in files],
    )
    sent = press(page, "#submit-import")
    assert sent.status == 201
    assert int(page.inner_text("#fr-rows")) == expected["fr_rows"]
    assert int(page.inner_text("#accepted-count")) == expected["accepted_count"]
    assert int(page.inner_text("#rejected-count")) == expected["rejected_count"]

    def cells(table: str, *columns: str) -> list[tuple[str, ...]]:
        rows = page.locator(f"#{table} tbody tr")
        return [
            tuple(rows.nth(i).locator(f"td.{c}").inner_text() for c in columns)
            for i in range(rows.count())
        ]

    assert cells("import-rejected", "source", "row", "field", "reason") == [
        (r["source"], str(r["row"]), r["field"], r["reason"]) for r in expected["rejected"]
    ]
    assert cells("import-accepted", "source", "row", "reference") == [
        (a["source"], str(a["row"]), a["reference"]) for a in expected["accepted"]
    ]

    first = page.locator("#import-accepted tbody td.notice a").first
    notice_id = int(first.inner_text())
    first.click()
    page.wait_for_url(f"**/register/notices/{notice_id}")
    shown = in_database(loaded_sqlite_url, lambda s: usecases.show(s, notice_id=notice_id))
    assert shown["administration"] == "US"
    assert shown["reference"] == expected["accepted"][0]["reference"]
    assert page.inner_text("h1") == f"Notice {notice_id}: US {shown['reference']}"
    assert page.inner_text("#status") == shown["status"]


def test_a_file_that_cannot_be_read_is_refused_next_to_the_box(
    us_page: Any, live_server: str
) -> None:
    page = us_page
    page.goto(f"{live_server}/register/imports/fcc")
    empty = press(page, "#submit-import")
    assert empty.status == 422
    assert "choose" in field_error(page, "files")
    page.set_input_files(
        "#files", files=[{"name": "l_mw_x.zip", "mimeType": "application/zip", "buffer": b"x"}]
    )
    refused = press(page, "#submit-import")
    assert refused.status == 422
    assert "l_mw_x.zip" in field_error(page, "files")
    assert page.get_attribute("#files", "aria-invalid") == "true"
    assert page.locator("#import-summary").count() == 0
