"""`POST /api/radio/p452`: ITU-R P.452-18 basic transmission loss for one case or many.

The route is thin: the case type "p452" of `openitu.radio.cases` reads the cases (as the
CLI does) and evaluates them in one vectorised call."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body
from pydantic import BaseModel

from openitu.radio import cases
from openitu.service.auth import public
from openitu.service.routes.radio import case_body

router = APIRouter(prefix="/api/radio", tags=["radio"], dependencies=[public])


class P452Output(BaseModel):
    """Losses [dB]: lb_db not exceeded for p % of time, and the intermediate ones."""

    lb_db: float
    lbfsg_db: float
    lb0p_db: float
    lb0b_db: float
    ldsph_db: float
    ld50_db: float
    ldp_db: float
    lbs_db: float
    lba_db: float


@router.post("/p452", response_model=list[P452Output] | P452Output, openapi_extra=case_body("p452"))
def p452(document: Any = Body(...)) -> Any:
    """P.452-18 basic transmission loss: one case in, one result out; a list in, a list out."""
    return cases.run("p452", document)
