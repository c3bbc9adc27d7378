"""Downloads of the reports people share: a unit's breakdown, the league tables, a comparison
of two years and an edited assessment as the standalone pages of :mod:`cchc_score.report`,
and the league tables as a workbook (the same as ``cchc-score rank -o league.xlsx``)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from cchc_score.errors import CchcScoreError
from cchc_score.model.ranking import LeagueTable
from cchc_score.notice import notice
from cchc_score.report import compare_page, league_page, notice_page, score_page

from .pages import _editor, _unit_or_404, attachment, comparison_of, lang_of, page, ws_of
from .words import word

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

router = APIRouter()


def _html(text: str, name: str) -> HTMLResponse:
    return HTMLResponse(text, headers=attachment(name))


@router.get("/report/league.html", response_class=HTMLResponse)
def league_report(request: Request) -> HTMLResponse:
    league = ws_of(request).league
    if league is None:
        return page(request, "league.html", 404, error=word("nothing_loaded", lang_of(request)))
    return _html(league_page(league, lang_of(request)).html, "league.html")


@router.get("/report/league.xlsx")
async def league_workbook(request: Request) -> Response:
    league = ws_of(request).league
    if league is None:
        return page(request, "league.html", 404, error=word("nothing_loaded", lang_of(request)))
    data = await run_in_threadpool(league_bytes, league, lang_of(request))
    return Response(data, media_type=XLSX, headers=attachment("league.xlsx"))


def league_bytes(league: LeagueTable, lang: str) -> bytes:
    """The league workbook as bytes to download (built in memory: nothing is written)."""
    from cchc_score.spreadsheets.outputs import league_book

    out = BytesIO()
    league_book(league, lang).save(out)
    return out.getvalue()


@router.get("/report/unit/{key:path}", response_class=HTMLResponse)
def unit_report(request: Request, key: str) -> HTMLResponse:
    unit = _unit_or_404(request, key)
    if isinstance(unit, HTMLResponse):
        return unit
    report = score_page(unit.result, unit.cset, lang_of(request))
    return _html(report.html, f"{Path(unit.name).stem}_report.html")


@router.post("/report/whatif/{key:path}", response_class=HTMLResponse)
async def edited_report(request: Request, key: str) -> HTMLResponse:
    """The breakdown of the assessment as the editor's form has it, with its rank now."""
    unit = _unit_or_404(request, key)
    if isinstance(unit, HTMLResponse):
        return unit
    state, _ = await _editor(request, unit)
    if state.error is not None:
        return page(request, "whatif.html", 400, state=state, error=state.error)
    after = state.after
    report = score_page(after.result, unit.cset, lang_of(request), rank=f"{after.rank}/{after.of}")
    return _html(report.html, f"{Path(unit.name).stem}_whatif_report.html")


@router.get("/report/notice/{round_no}/{key:path}", response_class=HTMLResponse)
def notice_report(request: Request, round_no: int, key: str) -> HTMLResponse:
    """The notice of one appraisal round of the unit's file (as ``cchc-score notice``)."""
    unit = _unit_or_404(request, key)
    if isinstance(unit, HTMLResponse):
        return unit
    lang = lang_of(request)
    try:
        found = notice(unit.cset, unit.doc.submission, round_no)
    except CchcScoreError as exc:
        exc.place = None  # "appraisal", a key of the file: the message names the rounds
        years = ws_of(request).years_of(unit)
        return page(request, "unit.html", 404, unit=unit, years=years, error=exc.said())
    stem = Path(unit.name).stem
    return _html(notice_page(found, lang).html, f"{stem}_notice_round{round_no}.html")


@router.get("/report/compare", response_class=HTMLResponse)
def compare_report(request: Request, old: str, new: str) -> HTMLResponse:
    comparison = comparison_of(request, old, new)
    if isinstance(comparison, HTMLResponse):
        return comparison
    stem = Path(ws_of(request).unit(new).name).stem
    report = compare_page(comparison, lang_of(request))
    return _html(report.html, f"{stem}_{comparison.year_old}_{comparison.year_new}.html")
