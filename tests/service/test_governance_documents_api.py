"""Conference documents through the API (SQLite and PostgreSQL): contributions from
Member States' delegates, information documents from other members' representatives,
the secretariat's temporary documents; uploads read as text only; rights and bad input."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from governance_helpers import TokenFor
from openitu.accounts import Role
from openitu.store import audit

API = "/api/governance"
TEXT = "Proposal FR/12/1\n\nADD 5.A12 In Region 1, the band 3 300-3 400 MHz ...\n"


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def _conference(client: TestClient, token_for: TokenFor) -> dict[str, dict[str, str]]:
    sec = token_for("docs-secretary", Role.SECRETARIAT)
    _ok(client.post(f"{API}/conferences", headers=sec,
                    json={"code": "WRC-D", "kind": "WRC", "title": "WRC with documents",
                          "place": "Geneva", "starts": "2026-10-05", "ends": "2026-10-30"}),
        201)  # fmt: skip
    for number in ("1.2", "1.3"):
        _ok(client.post(f"{API}/conferences/WRC-D/agenda", headers=sec,
                        json={"number": number, "title": f"Item {number}"}), 201)  # fmt: skip
    for state in ("FR", "DE"):
        _ok(client.post(f"{API}/conferences/WRC-D/delegations", headers=sec,
                        json={"member": state, "credentials_accepted": True}), 201)  # fmt: skip
    acme = _ok(client.post(f"{API}/members", headers=sec,
                           json={"kind": "sector-member", "name": "Acme Radio", "sector": "ITU-R",
                                 "country": "US", "admitted": "2020-01-01"}), 201)  # fmt: skip
    _ok(client.post(f"{API}/conferences/WRC-D/delegations", headers=sec,
                    json={"member": str(acme["id"]), "representative": "acme-docs"}),
        201)  # fmt: skip
    return {
        "sec": sec,
        "FR": token_for("docs-fr", Role.DELEGATE, "FR"),
        "DE": token_for("docs-de", Role.DELEGATE, "DE"),
        "acme": token_for("acme-docs", Role.DELEGATE, "US"),
        "acme_id": {"id": str(acme["id"])},
    }


def _contribution(**changes: Any) -> dict[str, Any]:
    return {"number": "WRC27/12", "title": "Proposals for agenda item 1.2",
            "kind": "contribution", "source": "FR", "language": "fr",
            "agenda_items": ["1.2"], "text": TEXT, **changes}  # fmt: skip


def test_documents_submitted_listed_and_read(
    client: TestClient, token_for: TokenFor, sessions: sessionmaker[Session]
) -> None:
    who = _conference(client, token_for)
    submitted = _ok(client.post(f"{API}/conferences/WRC-D/documents", headers=who["FR"],
                                json=_contribution()), 201)  # fmt: skip
    assert {k: submitted[k] for k in ("number", "kind", "source", "language", "agenda_items",
                                      "received")} == {
        "number": "WRC27/12", "kind": "contribution", "source": "FR", "language": "fr",
        "agenda_items": ["1.2"], "received": date.today().isoformat(),
    }  # fmt: skip
    assert submitted["sha256"] == hashlib.sha256(TEXT.encode()).hexdigest()
    # An uploaded file: UTF-8 with a byte-order mark and CRLF line ends, kept as text.
    raw = "\ufeffInformation on 3 GHz trials\r\n<script>alert(1)</script>\r\n".encode()
    uploaded = _ok(client.post(
        f"{API}/conferences/WRC-D/documents/upload", headers=who["acme"],
        data={"number": "WRC27/13", "title": "Trials", "kind": "information",
              "source": who["acme_id"]["id"], "language": "en", "agenda_items": "1.2,1.3"},
        files={"file": ("trials.txt", raw, "text/plain")}), 201)  # fmt: skip
    expected = "Information on 3 GHz trials\n<script>alert(1)</script>\n"
    assert uploaded["sha256"] == hashlib.sha256(expected.encode()).hexdigest()
    assert (uploaded["source_name"], uploaded["filename"]) == ("Acme Radio", "trials.txt")
    temporary = _ok(client.post(f"{API}/conferences/WRC-D/documents", headers=who["sec"],
                                json=_contribution(number="WRC27/DT/1", kind="temporary",
                                                   source="secretariat", language="en",
                                                   agenda_items=[])), 201)  # fmt: skip
    assert temporary["source"] == "secretariat"

    listed = _ok(client.get(f"{API}/conferences/WRC-D/documents"))
    assert [d["number"] for d in listed] == ["WRC27/12", "WRC27/13", "WRC27/DT/1"]
    assert "text" not in listed[0]
    on_13 = _ok(client.get(f"{API}/conferences/WRC-D/documents", params={"agenda_item": "1.3"}))
    assert [d["number"] for d in on_13] == ["WRC27/13"]
    kind = _ok(client.get(f"{API}/conferences/WRC-D/documents", params={"kind": "temporary"}))
    assert [d["number"] for d in kind] == ["WRC27/DT/1"]
    assert _ok(client.get(f"{API}/documents/{uploaded['id']}"))["text"] == expected
    assert client.get(f"{API}/documents/999999").status_code == 404

    # The conference page lists them; the document page shows the text escaped.
    page = client.get("/governance/conferences/WRC-D")
    assert page.status_code == 200 and "WRC27/13" in page.text and "Acme Radio" in page.text
    shown = client.get(f"/governance/documents/{uploaded['id']}")
    assert shown.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown.text
    assert "<script>alert" not in shown.text

    with sessions() as session:
        entries = audit.entries(session, entity="governance_document",
                                entity_id=str(submitted["id"]))  # fmt: skip
        assert [(e.action, e.payload["sha256"]) for e in entries] == [
            ("governance.document.submit", submitted["sha256"])
        ]
        assert audit.verify(session) is None
    again = client.post(f"{API}/conferences/WRC-D/documents", headers=who["FR"],
                        json=_contribution())  # fmt: skip
    assert again.status_code == 409


def test_forbidden_submissions(client: TestClient, token_for: TokenFor) -> None:
    who = _conference(client, token_for)
    url = f"{API}/conferences/WRC-D/documents"
    # For another state; a Sector Member's contribution (proposals come from Member States);
    # a delegate's temporary document; a notifying officer; the public.
    assert client.post(url, headers=who["FR"], json=_contribution(source="DE")).status_code == 403
    sector = client.post(url, headers=who["acme"],
                         json=_contribution(source=who["acme_id"]["id"]))  # fmt: skip
    assert sector.status_code == 403
    assert "sector-member" in sector.json()["detail"]
    # ... nor for a member they do not represent.
    assert client.post(url, headers=who["FR"],
                       json=_contribution(source=who["acme_id"]["id"], kind="information")
                       ).status_code == 403  # fmt: skip
    temporary = _contribution(kind="temporary", source="secretariat")
    assert client.post(url, headers=who["FR"], json=temporary).status_code == 403
    officer = token_for("docs-officer", Role.NOTIFYING_OFFICER, "FR")
    assert client.post(url, headers=officer, json=_contribution()).status_code == 403
    assert client.post(url, json=_contribution()).status_code == 401
    assert _ok(client.get(url)) == []


def test_bad_input_names_the_field(client: TestClient, token_for: TokenFor) -> None:
    who = _conference(client, token_for)
    url = f"{API}/conferences/WRC-D/documents"
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    for changes, field in (
        ({"language": "de"}, "language"),
        ({"number": "12"}, "number"),
        ({"kind": "memo"}, "kind"),
        ({"agenda_items": ["9.9"]}, "agenda_items"),
        ({"agenda_items": []}, "agenda_items"),
        ({"text": "  \n "}, "text"),
        ({"text": "a\x00b"}, "text"),
        ({"received": yesterday}, "received"),
    ):
        bad = client.post(url, headers=who["FR"], json=_contribution(**changes))
        assert bad.status_code == 422, (changes, bad.text)
        assert bad.headers["content-type"].startswith("application/problem+json")
        assert bad.json()["errors"][0]["field"] == field, (changes, bad.json())

    def upload(name: str, content: bytes) -> Any:
        return client.post(
            f"{url}/upload", headers=who["FR"],
            data={"number": "WRC27/20", "title": "Upload", "kind": "contribution",
                  "source": "FR", "language": "en", "agenda_items": "1.2"},
            files={"file": (name, content, "application/octet-stream")},
        )  # fmt: skip

    for name, content in (
        ("big.txt", b"a" * (1024 * 1024 + 1)),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00"),
        ("latin1.txt", "Télécommunications".encode("latin-1")),
        ("run.exe", b"MZ text"),
    ):
        bad = upload(name, content)
        assert bad.status_code == 422, (name, bad.text)
        assert bad.json()["errors"][0]["field"] == "file", (name, bad.json())
    assert _ok(client.get(url)) == []
    # The secretariat may record a document received earlier.
    recorded = _ok(client.post(url, headers=who["sec"],
                               json=_contribution(kind="temporary", source="secretariat",
                                                  number="WRC27/DT/2", received=yesterday)),
                   201)  # fmt: skip
    assert recorded["received"] == yesterday
