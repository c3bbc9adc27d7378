"""The application: pages, the JSON API, static files; user errors become HTTP 400 with one
located line (never a traceback)."""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from cchc_score.app import Context, open_context
from cchc_score.errors import CchcScoreError

from . import api, pages, reports
from .workspace import Workspace

STATIC = Path(__file__).parent / "static"


def create_app(
    folders: Sequence[str | PathLike[str]] = (),
    ctx: Context | None = None,
    *,
    allowed_hosts: Sequence[str] | None = None,
) -> FastAPI:
    """The workspace over ``folders`` (read once at start, never written).

    Args:
        allowed_hosts: the only ``Host`` headers answered (None: any). A server on this
            computer answers only its own names, so that a web page elsewhere cannot read the
            files served through the user's browser by pointing its own name at 127.0.0.1
            (DNS rebinding).
    """
    ctx = ctx or open_context()
    # No /docs or /redoc: FastAPI's pages load Swagger and ReDoc from a CDN, which fails
    # offline and would send the user's browser elsewhere; /openapi.json is linked instead.
    app = FastAPI(
        docs_url=None,
        redoc_url=None,
        title="cchc-score",
        summary="Chấm điểm, xếp hạng, mô phỏng chỉ số CCHC / score, rank, simulate PAR indexes",
    )
    app.state.workspace = Workspace(ctx, [Path(f) for f in folders])
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(pages.router)
    app.include_router(reports.router)
    app.include_router(api.router)
    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.add_exception_handler(CchcScoreError, _input_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid_request)  # type: ignore[arg-type]
    return app


async def _input_error(request: Request, exc: CchcScoreError) -> JSONResponse:
    return JSONResponse({"error": str(exc), "code": exc.code}, status_code=400)


async def _invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
    """The first problem, located by its path in the request (``body.leaves.1.1.1.value``)."""
    errors = exc.errors()
    first = errors[0] if errors else {"loc": (), "msg": "invalid request"}
    place = ".".join(str(p) for p in first.get("loc", ()))
    message = f"{place}: {first.get('msg')}" if place else str(first.get("msg"))
    return JSONResponse(
        {"error": message, "code": "invalid_request", "count": len(errors)}, status_code=400
    )
