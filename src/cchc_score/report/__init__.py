"""Reports people share: standalone HTML pages (Jinja2 templates, inline SVG charts), SVG
charts and tables, and PDF printed from the HTML by a headless Chromium when one is installed.

Each ``*_page`` function takes the library's models and returns a :class:`Page` holding the
HTML and the SVG; nothing here prints or writes a file (``cchc_score.cli.export`` does).
"""

from __future__ import annotations

from .notice import notice_page
from .pages import (
    Page,
    compare_page,
    each_page,
    league_page,
    score_page,
    set_page,
    simulation_page,
    story_page,
)

__all__ = [
    "Page",
    "compare_page",
    "each_page",
    "league_page",
    "notice_page",
    "score_page",
    "set_page",
    "simulation_page",
    "story_page",
]
