"""A delegate's page at a conference over real HTTP (in-process): refusals are the page's
error, in HTML, with the refusal's status (never a 500 or problem+json); a conference
whose Final Acts are signed takes no more proposals, on the page and in the API."""

from __future__ import annotations

import re
from datetime import date

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from browser_pages import csrf_of
from governance_helpers import ADD_MOBILE, PASSWORD, TokenFor, adopt_at_a_wrc
from openitu.accounts import Principal, Role
from openitu.governance.conferences import ConferenceKind
from openitu.usecases import governance

PROPOSAL = {
    "agenda_item": "1.2", "title": "MOD 3 300-3 400 MHz", "action": "submit",
    "op": "change_category", "region": "1", "low": "3300 MHz", "high": "3400 MHz",
    "service": "radiolocation", "category": "secondary", "footnote": "", "text": "",
}  # fmt: skip


def _sign_in(pages: TestClient, username: str) -> None:
    form = pages.get("/account/sign-in")
    done = pages.post("/account/sign-in", data={"username": username, "password": PASSWORD,
                                                "csrf_token": csrf_of(form.text)})  # fmt: skip
    assert done.status_code == 303, done.text


def _error(page: str, element: str) -> str:
    found = re.search(rf'id="{element}">([^<]*)<', page)
    assert found, f"no #{element} on the page"
    return found.group(1)


def test_signed_final_acts_take_no_more_proposals(
    pages: TestClient,
    sessions: sessionmaker[Session],
    secretariat: Principal,
    token_for: TokenFor,
) -> None:
    token = token_for("wrc-s-de-pages", Role.DELEGATE, "DE")
    with sessions() as session, session.begin():
        adopt_at_a_wrc(session, secretariat=secretariat, code="WRC-S", amendments=[ADD_MOBILE])
        governance.sign_final_acts(session, principal=secretariat, conference="WRC-S",
                                   edition_id="RR-WRC-S", title="RR (WRC-S)",
                                   entry_into_force=date(2027, 1, 1))  # fmt: skip
    _sign_in(pages, "wrc-s-de-pages")
    page = pages.get("/governance/conferences/WRC-S/delegation")
    assert page.status_code == 200
    assert 'id="no-more-proposals"' in page.text
    assert 'id="proposal-form"' not in page.text
    # A form sent from before the signing is refused on the page, with the conflict's status.
    refused = pages.post("/governance/conferences/WRC-S/delegation/proposals",
                         data={**PROPOSAL, "csrf_token": csrf_of(page.text)})  # fmt: skip
    assert refused.status_code == 409
    assert refused.headers["content-type"].startswith("text/html")
    assert _error(refused.text, "proposal-error") == (
        "the Final Acts of WRC-S are signed (edition RR-WRC-S): it takes no more proposals"
    )
    # The API refuses it the same way, as a problem.
    api = pages.post("/api/governance/conferences/WRC-S/proposals", headers=token,
                     json={"agenda_item": "1.2", "state": "DE", "title": "Late",
                           "amendments": []})  # fmt: skip
    assert api.status_code == 409
    assert api.headers["content-type"] == "application/problem+json"
    # A document can still be sent (the conference's records go on after it).
    documents = pages.post("/governance/conferences/WRC-S/delegation/documents", data={
        "number": "WRC27/DE/2", "title": "Declaration", "kind": "information", "language": "en",
        "text": "Germany's declaration.", "csrf_token": csrf_of(page.text),
    })  # fmt: skip
    assert documents.status_code == 201, documents.text


def test_a_refused_form_is_the_pages_error_not_a_problem(
    pages: TestClient, sessions: sessionmaker[Session], secretariat: Principal, token_for: TokenFor
) -> None:
    token_for("wrc-t-sec-pages", Role.SECRETARIAT)
    with sessions() as session, session.begin():
        governance.create_conference(session, principal=secretariat, code="WRC-T",
                                     kind=ConferenceKind.WRC, title="T",
                                     place="Geneva", starts=date(2027, 10, 4),
                                     ends=date(2027, 10, 29))  # fmt: skip
        governance.add_agenda_item(session, principal=secretariat, conference="WRC-T",
                                   number="1.2", title="3 300-3 400 MHz")  # fmt: skip
    csrf = csrf_of(pages.get("/account/sign-in").text)
    signed_out = pages.post("/governance/conferences/WRC-T/delegation/proposals",
                            data={**PROPOSAL, "csrf_token": csrf})  # fmt: skip
    assert signed_out.status_code == 401
    assert signed_out.headers["content-type"].startswith("text/html")
    assert _error(signed_out.text, "error").startswith("sign in to submit a proposal")

    _sign_in(pages, "wrc-t-sec-pages")
    csrf = csrf_of(pages.get("/account").text)
    for form, data in (
        ("proposals", PROPOSAL),
        ("documents", {"number": "WRC27/9", "title": "T", "kind": "information",
                       "language": "en", "text": "x"}),
    ):  # fmt: skip
        refused = pages.post(f"/governance/conferences/WRC-T/delegation/{form}",
                             data={**data, "csrf_token": csrf})  # fmt: skip
        assert refused.status_code == 403, (form, refused.text)
        assert refused.headers["content-type"].startswith("text/html")
        assert _error(refused.text, "error").startswith("the role secretariat may not")
    with sessions() as session:
        assert governance.conference_document(session, code="WRC-T")["proposals"] == []
        assert governance.conference_document(session, code="WRC-T")["documents"] == []
    # An unknown conference is the error page's 404, not a problem document.
    missing = pages.get("/governance/conferences/WRC-NONE/delegation")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("text/html")


def test_a_document_sent_as_a_file(
    pages: TestClient, sessions: sessionmaker[Session], secretariat: Principal, token_for: TokenFor
) -> None:
    """The delegate's document form takes the text as a .txt file: recorded as the text
    read from it (line ends normalised); a file beside typed text, a file that is not
    plain text, and bytes that are not UTF-8 are each refused next to the file box."""
    token_for("wrc-u-de-pages", Role.DELEGATE, "DE")
    with sessions() as session, session.begin():
        governance.create_conference(session, principal=secretariat, code="WRC-U",
                                     kind=ConferenceKind.WRC, title="U",
                                     place="Geneva", starts=date(2027, 10, 4),
                                     ends=date(2027, 10, 29))  # fmt: skip
    _sign_in(pages, "wrc-u-de-pages")
    url = "/governance/conferences/WRC-U/delegation/documents"
    fields = {
        "number": "WRC27/DE/7",
        "title": "Declaration",
        "kind": "information",
        "language": "en",
        "csrf_token": csrf_of(pages.get(url[: -len("/documents")]).text),
    }
    body = b"Germany's declaration.\r\nSecond line.\r\n"

    both = pages.post(url, data={**fields, "text": "typed too"},
                      files={"file": ("declaration.txt", body, "text/plain")})  # fmt: skip
    assert both.status_code == 422, both.text
    assert _error(both.text, "doc-file-error") == "give the text or a file, not both"
    pdf = pages.post(url, data=fields, files={"file": ("declaration.pdf", body, "application/pdf")})
    assert pdf.status_code == 422
    assert _error(pdf.text, "doc-file-error") == "a plain text file (.txt or .md)"
    latin_1 = "Déclaration".encode("latin-1")
    latin = pages.post(url, data=fields, files={"file": ("declaration.txt", latin_1)})
    assert latin.status_code == 422
    assert _error(latin.text, "doc-file-error").startswith("not UTF-8 text")
    with sessions() as session:
        assert governance.conference_document(session, code="WRC-U")["documents"] == []

    sent = pages.post(url, data=fields, files={"file": ("declaration.txt", body, "text/plain")})
    assert sent.status_code == 201, sent.text
    assert 'id="document-created"' in sent.text
    with sessions() as session:
        (recorded,) = governance.conference_document(session, code="WRC-U")["documents"]
    shown = pages.get(f"/governance/documents/{recorded['id']}")
    assert "Germany&#39;s declaration.\nSecond line." in shown.text or (
        "Germany's declaration.\nSecond line." in shown.text
    )
