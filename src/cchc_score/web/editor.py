"""The what-if editor's state: everything lives in the page's form (the values tried, the
locks), so two people using one server never see each other's edits."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cchc_score.errors import CchcScoreError
from cchc_score.model.evidence import AssessmentFile
from cchc_score.simulate import Simulation

from . import compute, leaves
from .workspace import Unit, Workspace


@dataclass(frozen=True)
class Row:
    """A leaf as the editor shows it: the row on file, the value tried, its points now."""

    leaf: leaves.LeafRow
    text: str
    proved: bool
    locked: bool
    points: Any
    changed: bool

    @property
    def dom_id(self) -> str:
        return self.leaf.id.replace(".", "_")


@dataclass(frozen=True)
class EditorState:
    """The editor after a form was read: rows, the submission edited, before and after."""

    unit: Unit
    rows: list[Row]
    edits: dict[str, Any]
    locked: tuple[str, ...]
    doc: AssessmentFile
    before: compute.Standing
    after: compute.Standing
    error: str | None = None
    sim: Simulation | None = None
    objective: dict[str, str] = field(default_factory=dict)

    @property
    def changed_ids(self) -> list[str]:
        return [r.leaf.id for r in self.rows if r.changed]


def read_form(form: Mapping[str, str]) -> tuple[dict[str, str], tuple[str, ...]]:
    """The values and the locks a form carries."""
    locked = tuple(sorted(k[5:] for k, v in form.items() if k.startswith("lock.") and v))
    return dict(form), locked


def build(
    ws: Workspace,
    unit: Unit,
    form: Mapping[str, str] | None = None,
    edits: Mapping[str, Any] | None = None,
    locked: tuple[str, ...] = (),
) -> EditorState:
    """The editor for ``unit`` with the form's values (or ``edits``) applied; a value a rule
    refuses leaves the file's figures and says why in one line."""
    rules = ws.rules(unit.cset)
    peers = ws.peers(unit)
    leaf_rows = leaves.leaf_rows(unit.cset, rules, unit.doc, unit.result)
    before = compute.stand(unit.cset, unit.result, peers)
    error = None
    chosen: dict[str, Any] = dict(edits or {})
    if form is not None:
        try:
            chosen = leaves.edits_of(unit.cset, rules, leaf_rows, form)
        except CchcScoreError as exc:
            error, chosen = exc.said(), {}
    doc = compute.apply_edits(unit.cset, rules, unit.doc, chosen)
    try:
        after = compute.stand(unit.cset, compute.score_doc(unit.cset, rules, doc), peers)
    except CchcScoreError as exc:
        error, chosen, doc, after = exc.said(), {}, unit.doc, before
    rows = []
    for leaf in leaf_rows:
        edited = leaf.id in chosen
        text = leaves.value_text(chosen[leaf.id]) if edited else leaf.original_text
        if form is not None and error is not None:
            text = form.get(f"v.{leaf.id}", text)  # keep what was typed, to be corrected
        points = after.points.get(leaf.id, leaf.original_points)
        rows.append(
            Row(
                leaf=leaf,
                text=text,
                proved=edited and leaf.adjusted,
                locked=leaf.id in locked,
                points=points,
                changed=edited or points != leaf.original_points,
            )
        )
    return EditorState(unit, rows, chosen, locked, doc, before, after, error)


def with_plan(ws: Workspace, state: EditorState, objective: str, target: str) -> EditorState:
    """The editor filled with the proven-optimal plan for the objective: planned from the file
    as loaded, the locked leaves held at the value being tried."""
    unit = state.unit
    rules = ws.rules(unit.cset)
    kept = {k: v for k, v in state.edits.items() if k in state.locked}
    base = compute.apply_edits(unit.cset, rules, unit.doc, kept)
    costs = compute.with_locks(unit.costs, state.locked)
    goal = compute.objective_of(objective, target)
    sim = compute.plan(unit.cset, rules, base, ws.peers(unit), costs, **goal)
    edits = {**kept, **compute.plan_edits(sim)}
    planned = build(ws, unit, edits=edits, locked=state.locked)
    return EditorState(
        **{
            **planned.__dict__,
            "sim": sim,
            "objective": {"objective": objective, "target": target},
        }
    )
