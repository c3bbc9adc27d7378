"""The application layer: what every front end (the command line, the web workspace, another
program) does between the user's files and the engine. No click, no rich, no printing.

- ``context``: :class:`Context`, the registry plus the packs named; :func:`open_context`.
- ``scoring``: one unit's file read and scored (:func:`score_path`).
- ``inputs``: many files at once (worker processes from ``settings.PARALLEL_AT`` files),
  folders, published tables; bad files skipped and named (:func:`collect`).
- ``league``: league tables (:func:`league_of`); ``comparison``: a unit across two years
  (:func:`compare_files`); ``packs``: checking a pack and running its cases.
- ``simulation``: peers, cost tables and the simulator assembled from files
  (:func:`run_simulation`; ``peers_year`` plans a draft against another year's results);
  ``peers``: a unit's peers from folders, tables and files; ``simulation_each``: every unit of
  a folder planned.
- ``listing``: the sets and plug-ins loaded, for programs (``sets --json``, ``plugins --json``).
- ``workbooks``: self-assessment workbooks and criteria tables; ``demo``: the Di Linh story.

Progress and skipped files are reported through callbacks (``on_progress(done, total)``,
``on_skip(error)``), so a terminal, a web page or a log can show them as it likes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .comparison import compare_files
    from .context import Context, open_context
    from .inputs import Inputs, collect
    from .league import league_of
    from .scoring import Scored, score_path
    from .simulation import run_simulation

_LAZY = {
    "Context": ".context",
    "Inputs": ".inputs",
    "Scored": ".scoring",
    "collect": ".inputs",
    "compare_files": ".comparison",
    "league_of": ".league",
    "open_context": ".context",
    "run_simulation": ".simulation",
    "score_path": ".scoring",
}

__all__ = [
    "Context",
    "Inputs",
    "Scored",
    "collect",
    "compare_files",
    "league_of",
    "open_context",
    "run_simulation",
    "score_path",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cchc_score.app' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value
