"""The what-if workspace in the browser (``cchc-score serve``): league tables, a unit's
breakdown, the what-if editor and its plans, comparison of two years, uploads and downloads,
and a JSON API (``/api``, described at ``/openapi.json``).

- ``server``: :func:`create_app`, the FastAPI application over a :class:`Workspace`.
- ``workspace``: the folders served (read once, never written) and the uploads (in memory).
- ``editor``: the editor's state, read from the page's form (no state kept per user).
- ``compute``: the one module that calls the engine and the simulator directly.
- ``pages`` (HTML, Jinja2 templates, htmx), ``reports`` (the reports of
  :mod:`cchc_score.report` and the league workbook, to download) and ``api`` (JSON);
  ``words``: the pages' msgids for the project's catalogue, and the number formats;
  ``charts``: inline SVG. No page loads anything from another site: it works offline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .server import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from .server import create_app

        return create_app
    raise AttributeError(f"module 'cchc_score.web' has no attribute {name!r}")
