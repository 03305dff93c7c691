"""The steps on a notice's page over real HTTP (in-process), without a browser: each
step goes back to the notice's page (to its coordination for an agreement or a refusal);
a refused step is the page again with the refusal's status, its error next to the box
the step came from (an agreement's administration, a refusal's reason) or else at the
top; an unknown step is not found."""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from browser_pages import csrf_of, page_client
from governance_helpers import PASSWORD, TokenFor
from openitu.accounts import Role
from register_fixtures import strasbourg_fm


def _pages(app: FastAPI, username: str | None = None) -> TestClient:
    client: TestClient = page_client(app, username, password=PASSWORD)
    return client


def _text(page: str, element: str) -> str:
    found = re.search(rf'id="{element}"[^>]*>([^<]*)<', page)
    assert found, f"no #{element} on the page"
    return found.group(1)


def _step(client: TestClient, notice_id: int, step: str, **form: str) -> tuple[int, str, str]:
    """POST a step with a form page's CSRF token: status, Location, body."""
    csrf = csrf_of(client.get("/register/notify").text)
    sent = client.post(f"/register/notices/{notice_id}/{step}",
                       data={"csrf_token": csrf, **form})  # fmt: skip
    return sent.status_code, sent.headers.get("location", ""), sent.text


def test_a_french_fm_station_is_examined_agreed_refused_and_withdrawn_from_its_page(
    app: FastAPI, client: TestClient, token_for: TokenFor
) -> None:
    fr = token_for("fr-officer-pages", Role.NOTIFYING_OFFICER, "FR")
    token_for("de-officer-pages", Role.NOTIFYING_OFFICER, "DE")
    token_for("br-clerk-pages", Role.SECRETARIAT, None)
    notice = strasbourg_fm("FR-PAGES")
    sent = client.post("/api/register/notices", headers=fr, json=notice)
    assert sent.status_code == 201, sent.text
    notice_id = sent.json()["notice_id"]
    page = f"/register/notices/{notice_id}"

    with _pages(app, "br-clerk-pages") as br:
        assert _step(br, notice_id, "examine")[:2] == (303, page)
        status, _, body = _step(br, notice_id, "publish")
        assert status == 404 and "no such step" in body

    with _pages(app, "fr-officer-pages") as fr_page:
        status, _, body = _step(fr_page, notice_id, "agreements", administration="FR")
        assert status == 422
        assert "itself" in _text(body, "agreement-administration-error")
        assert 'value="FR"' in body and 'id="step-error"' not in body
        agreed = _step(fr_page, notice_id, "agreements", administration="CH")
        assert agreed[:2] == (303, f"{page}#coordination")

    with _pages(app, "de-officer-pages") as de_page:
        status, _, body = _step(de_page, notice_id, "refusals", reason="  ")
        assert status == 422
        assert "reason" in _text(body, "refusal-reason-error")
        assert 'id="step-error"' not in body
        refused = _step(de_page, notice_id, "refusals", reason="harms DE-FM-7")
        assert refused[:2] == (303, f"{page}#coordination")

    with _pages(app, "fr-officer-pages") as fr_page:
        assert _step(fr_page, notice_id, "withdraw", reason="never built")[:2] == (303, page)

    with _pages(app, "de-officer-pages") as de_page:
        status, _, body = _step(de_page, notice_id, "refusals", reason="again")
        assert status == 409 and "withdrawn" in _text(body, "step-error")

    with _pages(app) as public:
        status, _, body = _step(public, notice_id, "agreements", administration="CH")
        assert status == 401 and "sign in" in _text(body, "step-error").lower()
        assert _text(body, "status") == "withdrawn"
    history = client.get(f"/api/register/notices/{notice_id}").json()["history"]
    assert [entry["event"] for entry in history][1:] == [
        "examined", "agreement", "refusal", "withdrawn"
    ]  # fmt: skip
