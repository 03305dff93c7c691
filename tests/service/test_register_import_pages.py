"""The FCC ULS import's page over real HTTP (in-process), without a browser: only the
United States' officers see its form (and the link to it on the notify page); a
refusal is the page itself with the refusal's status (401 signed out, 403 for another
administration's officer or the secretariat, since every notice is the United States');
a file that cannot be read is 422 with the reason next to the file box; nothing reaches
the register either way."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from browser_pages import csrf_of, page_client
from governance_helpers import PASSWORD, TokenFor
from openitu.accounts import Principal, Role, authorize
from openitu.errors import OpenITUError
from openitu.register import fcc_uls

PAGE = "/register/imports/fcc"
SAMPLE = Path(__file__).resolve().parents[1] / "reference" / "fcc-uls" / "l_mw_mon-WQHI631.zip"


def _pages(app: FastAPI, username: str | None = None) -> TestClient:
    client: TestClient = page_client(app, username, password=PASSWORD)
    return client


def _text(page: str, element: str) -> str:
    """The text of the paragraph or span ``element`` (its id), tags dropped."""
    found = re.search(rf'id="{element}"[^>]*>(.*?)</(p|span)>', page, re.S)
    assert found, f"no #{element} on the page"
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1)))


def _refusal(principal: Principal) -> str:
    """What the rights say to ``principal`` importing the United States' notices."""
    with pytest.raises(OpenITUError) as refused:
        authorize(principal, "notices.submit", administration=fcc_uls.ADMINISTRATION)
    return refused.value.detail


def _send(client: TestClient, files: list[tuple[str, bytes]]) -> tuple[int, str]:
    """POST the files with a form page's CSRF token: status and body (HTML)."""
    csrf = csrf_of(client.get("/register/notify").text)
    sent = client.post(PAGE, data={"csrf_token": csrf},
                       files=[("files", (name, data, "application/octet-stream"))
                              for name, data in files])  # fmt: skip
    assert sent.headers["content-type"].startswith("text/html"), sent.text
    return sent.status_code, sent.text


def _us_notices(client: TestClient) -> list[object]:
    found: list[object] = client.get(
        "/api/register/notices", params={"administration": "US"}
    ).json()
    return found


def test_only_the_united_states_officers_see_the_form(app: FastAPI, token_for: TokenFor) -> None:
    token_for("us-officer-import", Role.NOTIFYING_OFFICER, "US")
    token_for("fr-officer-import", Role.NOTIFYING_OFFICER, "FR")
    with _pages(app) as public:
        page = public.get(PAGE)
        assert page.status_code == 200
        assert 'id="import-form"' not in page.text and "sign in" in _text(page.text, "import-who")
        assert 'id="import-link"' not in public.get("/register/notify").text
    with _pages(app, "fr-officer-import") as fr:
        assert 'id="import-form"' not in fr.get(PAGE).text
        assert 'id="import-link"' not in fr.get("/register/notify").text
    with _pages(app, "us-officer-import") as us:
        page = us.get(PAGE)
        assert 'id="import-form"' in page.text and 'name="csrf_token"' in page.text
        assert 'href="/register/imports/fcc"' in us.get("/register/notify").text


def test_refusals_are_the_pages_own(app: FastAPI, client: TestClient, token_for: TokenFor) -> None:
    token_for("fr-officer-refused", Role.NOTIFYING_OFFICER, "FR")
    token_for("br-clerk-refused", Role.SECRETARIAT, None)
    sample = [(SAMPLE.name, SAMPLE.read_bytes())]
    with _pages(app) as public:
        status, body = _send(public, sample)
        assert status == 401
        assert _text(body, "import-error") == _refusal(Principal.public())
        assert 'id="import-form"' not in body
    for username, role, administration in (
        ("fr-officer-refused", Role.NOTIFYING_OFFICER, "FR"),
        ("br-clerk-refused", Role.SECRETARIAT, None),
    ):
        with _pages(app, username) as other:
            status, body = _send(other, sample)
            assert status == 403, username
            assert _text(body, "import-error") == _refusal(
                Principal(role=role, username=username, administration=administration)
            )
            assert 'id="import-form"' not in body
    # An unreadable file is refused for whoever may not import as well: rights come first.
    with _pages(app, "fr-officer-refused") as fr:
        assert _send(fr, [("l_mw_x.zip", b"hello")])[0] == 403
    assert _us_notices(client) == []


def test_a_file_that_cannot_be_read_is_named_next_to_the_file_box(
    app: FastAPI, client: TestClient, token_for: TokenFor
) -> None:
    token_for("us-officer-unreadable", Role.NOTIFYING_OFFICER, "US")
    with _pages(app, "us-officer-unreadable") as us:
        status, body = _send(us, [("l_mw_x.zip", b"hello")])
        assert status == 422
        assert "l_mw_x.zip" in _text(body, "files-error")
        assert 'aria-invalid="true"' in body and 'id="import-error"' not in body
        status, body = _send(us, [("notes.txt", b"x")])
        assert status == 422 and "notes.txt" in _text(body, "files-error")
        # The box left empty (FastAPI drops the nameless part a browser sends for it).
        status, body = _send(us, [])
        assert status == 422 and "choose" in _text(body, "files-error")
        assert 'id="import-summary"' not in body
    assert _us_notices(client) == []
