"""The pages: league tables, a unit's breakdown, the what-if editor (updated in place by htmx),
plans, comparison of two years, upload and download."""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as StarletteUpload

from cchc_score.app import compare_files
from cchc_score.errors import CchcScoreError
from cchc_score.formats import yamlfile
from cchc_score.model.comparison import Comparison
from cchc_score.model.evidence import AssessmentFile
from cchc_score.report import simulation_page
from cchc_score.workbook import write_workbook

from . import charts, editor
from .plan_files import plan_workbook
from .words import LANGS, Lang, helpers, word
from .workspace import MAX_UPLOAD, Unit, Workspace

#: Room in an upload's request for the form's own bytes (boundaries, headers, the file name).
FORM_OVERHEAD = 64 * 1024

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
TEMPLATES.env.globals.update(frontier_chart=charts.frontier_chart)

router = APIRouter()


def lang_of(request: Request) -> Lang:
    """The page language: ``?lang=``, else the cookie the toggle set, else Vietnamese."""
    asked = request.query_params.get("lang") or request.cookies.get("lang") or "vi"
    return "en" if asked == "en" else "vi"


def ws_of(request: Request) -> Workspace:
    found: Workspace = request.app.state.workspace
    return found


def page(request: Request, name: str, status: int = 200, **values: Any) -> HTMLResponse:
    values.setdefault("error", None)
    lang = lang_of(request)
    return TEMPLATES.TemplateResponse(
        request,
        name,
        {"lang": lang, "ws": ws_of(request), **helpers(lang), **values},
        status_code=status,
    )


@router.get("/", response_class=HTMLResponse)
def league(request: Request) -> HTMLResponse:
    return page(request, "league.html")


@router.get("/lang/{code}")
def set_lang(code: str, next: str = "/") -> RedirectResponse:
    # Only a path on this server is followed, never another site.
    target = next if next.startswith("/") and not next.startswith("//") else "/"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie("lang", code if code in LANGS else "vi", samesite="lax")
    return response


def _unit_or_404(request: Request, key: str) -> Any:
    try:
        return ws_of(request).unit(key)
    except KeyError:
        return page(
            request, "league.html", 404, error=f"{word('not_found', lang_of(request))}: {key}"
        )


@router.get("/unit/{key:path}", response_class=HTMLResponse)
def unit_page(request: Request, key: str) -> HTMLResponse:
    unit = _unit_or_404(request, key)
    if isinstance(unit, HTMLResponse):
        return unit
    return page(request, "unit.html", unit=unit, years=ws_of(request).years_of(unit))


@router.get("/whatif/{key:path}", response_class=HTMLResponse)
def whatif_page(request: Request, key: str) -> HTMLResponse:
    unit = _unit_or_404(request, key)
    if isinstance(unit, HTMLResponse):
        return unit
    return page(request, "whatif.html", state=editor.build(ws_of(request), unit))


async def _form(request: Request) -> dict[str, str]:
    """The form's fields; of a field given twice (a checkbox after its hidden 'false') the
    last value counts."""
    form = await request.form()
    return {k: str(form.getlist(k)[-1]) for k in form}


async def _editor(
    request: Request, unit: Unit, plan: bool = False
) -> tuple[editor.EditorState, str | None]:
    """The editor as the page's form has it (and filled with the plan its objective asks for),
    computed in a worker thread so that one user's plan does not hold up the others'
    requests; the second value is why the plan could not be made."""
    values, locked = editor.read_form(await _form(request))
    ws = ws_of(request)

    def work() -> tuple[editor.EditorState, str | None]:
        state = editor.build(ws, unit, values, locked=locked)
        if not plan:
            return state, None
        objective = values.get("objective", "rank")
        try:
            return editor.with_plan(
                ws, state, objective, values.get(f"target_{objective}", "")
            ), None
        except CchcScoreError as exc:
            return state, exc.said()

    return await run_in_threadpool(work)


@router.post("/update/{key:path}", response_class=HTMLResponse)
async def whatif_update(request: Request, key: str) -> HTMLResponse:
    unit = _unit_or_404(request, key)
    if isinstance(unit, HTMLResponse):
        return unit
    state, _ = await _editor(request, unit)
    return page(request, "_update.html", state=state)


@router.post("/plan/{key:path}", response_class=HTMLResponse)
async def whatif_plan(request: Request, key: str) -> HTMLResponse:
    unit = _unit_or_404(request, key)
    if isinstance(unit, HTMLResponse):
        return unit
    state, failed = await _editor(request, unit, plan=True)
    if failed is not None:
        state = editor.EditorState(**{**state.__dict__, "error": failed})
    return page(request, "_workspace.html", state=state)


@router.post("/download/{fmt}/{key:path}")
async def download(request: Request, fmt: str, key: str) -> Response:
    unit = _unit_or_404(request, key)
    if isinstance(unit, HTMLResponse):
        return unit
    state, _ = await _editor(request, unit)
    if state.error is not None:
        return page(request, "whatif.html", 400, state=state, error=state.error)
    stem = Path(unit.name).stem + "_whatif"
    if fmt == "xlsx":
        data = await run_in_threadpool(_workbook, ws_of(request), unit, state.doc, stem)
        media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return Response(data, media_type=media, headers=attachment(f"{stem}.xlsx"))
    body = yamlfile.dump(state.doc.model_dump(exclude_none=True), aliases=False)
    return Response(body, media_type="application/yaml", headers=attachment(f"{stem}.yaml"))


@router.post("/download-plan/{fmt}/{key:path}")
async def download_plan(request: Request, fmt: str, key: str) -> Response:
    """The plan for the objective of the page's form, as a workbook or the simulation's report
    (a standalone page)."""
    unit = _unit_or_404(request, key)
    if isinstance(unit, HTMLResponse):
        return unit
    state, failed = await _editor(request, unit, plan=True)
    if failed is not None or state.sim is None:
        return page(request, "whatif.html", 400, state=state, error=failed)
    stem = f"{Path(unit.name).stem}_plan"
    lang = lang_of(request)
    if fmt == "xlsx":
        media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        data = plan_workbook(state.sim, lang)
        return Response(data, media_type=media, headers=attachment(f"{stem}.xlsx"))
    report = simulation_page(state.sim, lang)
    return HTMLResponse(report.html, headers=attachment(f"{stem}.html"))


def _workbook(ws: Workspace, unit: Unit, doc: AssessmentFile, stem: str) -> bytes:
    """The edited submission as a self-assessment workbook (written in a temporary folder)."""
    with tempfile.TemporaryDirectory(prefix="cchc-serve-") as tmp:
        path = Path(tmp) / f"{stem}.xlsx"
        write_workbook(path, unit.cset, doc)
        return path.read_bytes()


def attachment(name: str) -> dict[str, str]:
    """Headers saving the response as ``name``: the name as given (an upload's Vietnamese
    name) in RFC 6266's ``filename*``, and without its accents for older browsers (a header
    carries Latin-1 only)."""
    bare = unicodedata.normalize("NFKD", name.replace("Đ", "D").replace("đ", "d"))
    plain = "".join(
        c if c.isascii() and c not in '"\\' else "_" for c in bare if not unicodedata.combining(c)
    )
    return {
        "Content-Disposition": f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name)}"
    }


@router.post(
    "/upload",
    response_class=HTMLResponse,
    openapi_extra={
        "requestBody": {
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {"file": {"type": "string", "format": "binary"}},
                        "required": ["file"],
                    }
                }
            }
        }
    },
)
async def upload(request: Request) -> Response:
    """A unit's file (xlsx, YAML, JSON): refused before it is read when the request is larger
    than the limit, then read like any input; the editor opens on it."""
    lang = lang_of(request)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_UPLOAD + FORM_OVERHEAD:
        too_large = word("too_large", lang, limit=MAX_UPLOAD // 1024)
        return page(request, "league.html", 400, error=f"upload: {too_large}")
    async with request.form(max_files=1, max_fields=4) as form:
        file = form.get("file")
        if not isinstance(file, StarletteUpload):
            return page(request, "league.html", 400, error=f"upload: {word('no_file', lang)}")
        name = file.filename or "upload"
        data = await file.read(MAX_UPLOAD + 1)
    try:
        unit = await run_in_threadpool(ws_of(request).add_upload, name, data)
    except CchcScoreError as exc:
        return page(request, "league.html", 400, error=exc.said())
    return RedirectResponse(f"/whatif/{unit.key}", status_code=303)


def comparison_of(request: Request, old: str, new: str) -> Comparison | HTMLResponse:
    """The comparison of two units' files served, or the page saying why there is none."""
    ws = ws_of(request)
    lang = lang_of(request)
    try:
        before, after = ws.unit(old), ws.unit(new)
    except KeyError as exc:
        return page(request, "league.html", 404, error=f"{word('not_found', lang)}: {exc}")
    if before.path is None or after.path is None:
        return page(request, "league.html", 400, error=f"compare: {word('served_only', lang)}")
    try:
        return compare_files(ws.ctx, before.path, after.path, siblings=True)
    except CchcScoreError as exc:
        return page(request, "league.html", 400, error=exc.said())


@router.get("/compare", response_class=HTMLResponse)
def compare_page(request: Request, old: str, new: str) -> HTMLResponse:
    comparison = comparison_of(request, old, new)
    if isinstance(comparison, HTMLResponse):
        return comparison
    unit = ws_of(request).unit(new)
    return page(request, "compare.html", comparison=comparison, unit=unit, old=old, new=new)
