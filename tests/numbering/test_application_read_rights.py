"""Who reads numbering applications: the secretariat every one, a notifying officer their
administration's (with a token scoped to `numbering.read`); a delegate, an admin or a token
scoped to applying only reads none, and the refusal says who may (never "None's")."""

from __future__ import annotations

from fastapi.testclient import TestClient

from governance_helpers import TokenFor
from openitu.accounts import Role

APPLICATION = {"administration": "FR", "kind": "shared-mnc", "code": "901-96", "holder": "Net"}


def _people(token_for: TokenFor) -> dict[str, dict[str, str]]:
    people = {
        "fr-officer": (Role.NOTIFYING_OFFICER, "FR", None),
        "fr-apply-only": (Role.NOTIFYING_OFFICER, "FR", ["numbering.apply"]),
        "fr-read-only": (Role.NOTIFYING_OFFICER, "FR", ["numbering.read"]),
        "de-officer": (Role.NOTIFYING_OFFICER, "DE", None),
        "fr-delegate": (Role.DELEGATE, "FR", None),
        "root": (Role.ADMIN, None, None),
        "bureau": (Role.SECRETARIAT, None, None),
        "bureau-audit-only": (Role.SECRETARIAT, None, ["audit.read"]),
    }
    return {
        name: token_for(name, role, administration, scopes=scopes)
        for name, (role, administration, scopes) in people.items()
    }


def test_applications_are_read_only_by_the_tsb_and_the_applicants_officers(
    client: TestClient, token_for: TokenFor
) -> None:
    people = _people(token_for)
    made = client.post(
        "/api/numbering/applications", json=APPLICATION, headers=people["fr-apply-only"]
    )
    assert made.status_code == 201, made.text
    one = f"/api/numbering/applications/{made.json()['id']}"

    for who in ("fr-officer", "fr-read-only", "bureau"):
        listed = client.get("/api/numbering/applications", headers=people[who])
        assert listed.status_code == 200, (who, listed.text)
        assert made.json()["id"] in [a["id"] for a in listed.json()]
        assert client.get(one, headers=people[who]).status_code == 200

    refusals = {
        "fr-delegate": "(delegate) may not see numbering applications",
        "root": "(admin) may not see numbering applications",
        "fr-apply-only": "scopes do not include numbering.read",
        "de-officer": "may see only DE's applications, not FR's",
        "bureau-audit-only": "scopes do not include numbering.administer",
    }
    for who, reason in refusals.items():
        seen = client.get(one, headers=people[who])
        assert seen.status_code == 403, (who, seen.text)
        assert reason in seen.json()["detail"], (who, seen.json())
        assert "None" not in seen.json()["detail"]
    # The role holds the right the token lacks: the refusal says how to get a token with it.
    lacking = client.get(one, headers=people["fr-apply-only"]).json()["detail"]
    assert "issue a new one with it" in lacking and "openitu users token create" in lacking
    for who in ("fr-delegate", "root", "fr-apply-only"):
        listed = client.get("/api/numbering/applications", headers=people[who])
        assert listed.status_code == 403, (who, listed.text)
    listed = client.get("/api/numbering/applications", headers=people["de-officer"])
    assert made.json()["id"] not in [a["id"] for a in listed.json()]
    assert client.get(one).status_code == 401
