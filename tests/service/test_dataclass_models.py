"""A response model built from a core dataclass shows its fields but the hidden ones."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from openitu.accounts.model import User
from openitu.accounts.rights import Role
from openitu.service.dataclass_models import response_model

USER = User(
    id=7,
    username="fr-officer",
    role=Role.NOTIFYING_OFFICER,
    administration="FR",
    proxy_for=None,
    active=True,
    created_at=datetime(2026, 12, 8, 9, 30, tzinfo=UTC),
)


def test_the_model_has_the_dataclass_fields_in_order_less_the_hidden() -> None:
    model = response_model("Shown", User, hidden=frozenset({"id"}))
    assert model.__name__ == "Shown"
    assert list(model.model_fields) == [
        "username",
        "role",
        "administration",
        "proxy_for",
        "active",
        "created_at",
    ]
    assert all(field.is_required() for field in model.model_fields.values())


def test_it_validates_an_instance_by_its_attributes() -> None:
    shown = response_model("Shown", User, hidden=frozenset({"id"})).model_validate(USER)
    assert shown.model_dump(mode="json") == {
        "username": "fr-officer",
        "role": "notifying_officer",
        "administration": "FR",
        "proxy_for": None,
        "active": True,
        "created_at": "2026-12-08T09:30:00Z",
    }


def test_a_field_keeps_its_annotated_type() -> None:
    model = response_model("Shown", User)
    with pytest.raises(ValidationError, match="role"):
        model.model_validate({**vars(USER), "role": "emperor"})
