"""The JSON API for other systems: score, rank, simulate. Requests and responses are the
project's own models, so the OpenAPI description (``/openapi.json``) is their schema."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Body, Request
from pydantic import Field

from cchc_score.app import Inputs, league_of
from cchc_score.errors import CchcScoreError, UnknownIdError, msg
from cchc_score.model.base import Frozen
from cchc_score.model.evidence import AssessmentFile
from cchc_score.model.ranking import Entry, LeagueTable
from cchc_score.model.result import Result
from cchc_score.simulate import CostTable, Simulation

from . import compute
from .workspace import Workspace

router = APIRouter(prefix="/api", tags=["api"])


class SimulateRequest(Frozen):
    """One unit's submission and what to plan for it."""

    assessment: AssessmentFile
    #: The other units of its block and year; default: those of the folders served.
    peers: tuple[Entry, ...] | None = None
    #: The cost table; default: the one found for the folders served, else the pack's.
    costs: CostTable | None = None
    target_rank: int | None = Field(default=None, ge=1)
    target_band: str | None = None
    budget: Decimal | None = Field(default=None, ge=0)
    alternatives: int = Field(default=0, ge=0, le=5)


def _ws(request: Request) -> Workspace:
    found: Workspace = request.app.state.workspace
    return found


def _scored(ws: Workspace, doc: AssessmentFile, where: str) -> Result:
    try:
        cset = ws.ctx.resolve_set(doc.criteria_set, doc.set_version, doc.year)
    except UnknownIdError as exc:
        raise exc.located(file=where, place="criteria_set") from None
    try:
        return compute.score_doc(cset, ws.rules(cset), doc)
    except CchcScoreError as exc:
        raise exc.located(file=where) from None


@router.get("/units")
def units(request: Request) -> LeagueTable:
    """The league tables of the units in the folders served."""
    ws = _ws(request)
    if ws.league is None:
        raise CchcScoreError(msg("no unit loaded"), code="nothing_to_rank")
    return ws.league


@router.post("/score")
def score(request: Request, assessment: Annotated[AssessmentFile, Body()]) -> Result:
    """Score one unit's submission (its assessment, appraisal and survey)."""
    return _scored(_ws(request), assessment, "request body")


@router.post("/rank")
def rank(request: Request, assessments: Annotated[list[AssessmentFile], Body()]) -> LeagueTable:
    """League tables of the submissions given, per block and year."""
    ws = _ws(request)
    got = Inputs()
    for i, doc in enumerate(assessments):
        result = _scored(ws, doc, f"request body [{i}]")
        got.entries.append(Entry.from_result(result, source=f"[{i}]"))
        cset = ws.ctx.resolve_set(result.criteria_set, result.set_version)
        got.sets[(cset.id, cset.version)] = cset
    return league_of(got)


@router.post("/simulate")
def simulate(request: Request, body: Annotated[SimulateRequest, Body()]) -> Simulation:
    """Opportunities, the cheapest plan for the objective, the cost-per-rank frontier, odds."""
    ws = _ws(request)
    doc = body.assessment
    result = _scored(ws, doc, "request body: assessment")
    cset = ws.ctx.resolve_set(result.criteria_set, result.set_version)
    rules = ws.rules(cset)
    own = Entry.from_result(result)
    if body.peers is not None:
        peers = [p for p in body.peers if not p.same_unit(own)]
    else:
        peers = [
            e
            for e in ws.entries
            if e.block == own.block and e.year == own.year and not e.same_unit(own)
        ]
    costs = body.costs
    if costs is None:
        costs, source = compute.costs_for(None, ws.roots, None)
        if costs is not None and source is not None:
            compute.check_costs(costs, cset, rules, source)
    else:
        try:
            costs.check_against(cset)
        except CchcScoreError as exc:
            raise exc.located(file="request body", place="costs") from None
    return compute.plan(
        cset,
        rules,
        doc,
        peers,
        costs,
        objective=compute.requested(body.target_rank, body.target_band, body.budget),
        alternatives=body.alternatives,
    )
