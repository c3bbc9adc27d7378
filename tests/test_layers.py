"""The layering of cchc_score, checked: import-linter's contracts (pyproject.toml,
[tool.importlinter]) and, module by module, no import circles."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[1]

#: Packages whose modules may still import one another in a circle: none.
CIRCLES_TOLERATED_IN: tuple[str, ...] = ()


def test_import_contracts_are_kept(monkeypatch):
    """Layers, rich/click/yaml/json/csv/openpyxl homes, no circles between siblings; the
    report of a broken contract is in the captured output."""
    monkeypatch.chdir(ROOT)
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for start in sorted(graph.modules):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append(
                        (child, iter(sorted(graph.find_modules_directly_imported_by(child))))
                    )
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return groups


def test_no_import_circles_between_modules():
    """No module imports, directly or through others, a module that imports it. Imports
    deferred into functions count (they run, and a circle through them is still a tangle);
    imports only for type checking do not."""
    graph = grimp.build_graph("cchc_score", exclude_type_checking_imports=True)
    circles = [
        group
        for group in _cycles(graph)
        if not (CIRCLES_TOLERATED_IN and all(m.startswith(CIRCLES_TOLERATED_IN) for m in group))
    ]
    assert not circles, "import circles:\n" + "\n".join(" <-> ".join(g) for g in circles)


def test_a_cycle_is_found():
    graph = grimp.ImportGraph()
    for module in ("p", "p.a", "p.b", "p.c"):
        graph.add_module(module)
    graph.add_import(importer="p.a", imported="p.b")
    graph.add_import(importer="p.b", imported="p.c")
    graph.add_import(importer="p.c", imported="p.a")
    assert _cycles(graph) == [["p.a", "p.b", "p.c"]]


def test_openpyxl_is_imported_only_for_a_workbook():
    """Reading and scoring YAML never imports openpyxl (it is slow to import)."""
    code = (
        "import sys, cchc_score\n"
        "from cchc_score.loading import load_assessment, load_criteria_set\n"
        "load_criteria_set('examples/minimal/criteria.yaml')\n"
        "load_assessment('examples/minimal/assessment.yaml')\n"
        "assert 'openpyxl' not in sys.modules, 'openpyxl imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
