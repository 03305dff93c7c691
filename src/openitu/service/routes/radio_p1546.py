"""`POST /api/radio/p1546`: ITU-R P.1546-6 field strength for one case or many.

The route is thin: the case type "p1546" of `openitu.radio.cases` reads each case (as the
CLI does; `P1546Case` checks the ranges of the Recommendation) and evaluates all of them
in one vectorised call.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body
from pydantic import BaseModel

from openitu.radio import cases
from openitu.service.auth import public
from openitu.service.routes.radio import case_body

router = APIRouter(prefix="/api/radio", tags=["radio"], dependencies=[public])


class P1546Output(BaseModel):
    """Field strength for the given power [dB(uV/m)] and basic transmission loss [dB]."""

    e_dbuv_m: float
    lb_db: float


@router.post(
    "/p1546", response_model=list[P1546Output] | P1546Output, openapi_extra=case_body("p1546")
)
def p1546(document: Any = Body(...)) -> Any:
    """P.1546-6 field strength: one case in, one result out; a list in, a list out."""
    return cases.run("p1546", document)
