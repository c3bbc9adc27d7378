"""simulate FOLDER: every unit in a folder gets its own plan against the others."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from cchc_score.errors import CchcScoreError, InputFileError, msg
from cchc_score.formats import jsonfile
from cchc_score.loading import assessment_files
from cchc_score.model.criteria import CriteriaSet
from cchc_score.model.ranking import Entry
from cchc_score.simulate import CostTable, CostTableError, Objective, load_costs, pack_costs
from cchc_score.simulate.batch import Unit, UnitPlan, plan_each
from cchc_score.simulate.inputs import is_cost_table

from .context import Context
from .inputs import Inputs, OnProgress, OnSkip, skip_duplicates
from .scoring import score_path


def load_units(
    ctx: Context,
    folder: Path,
    on_skip: OnSkip | None = None,
    on_progress: OnProgress | None = None,
) -> list[Unit]:
    """The units of every assessment in ``folder``; a file that is not one, or a bad one, is
    named on stderr and skipped, as ``rank`` does, and so is a unit given twice (e.g. an
    improved copy written beside it by ``simulate -o``): the first file, by name, is kept."""
    files = [f for f in assessment_files([folder]) if not is_cost_table(f)]
    if not files:
        raise InputFileError(msg("no assessment file in the folder"), file=str(folder))
    units: dict[int, Unit] = {}
    got = Inputs(on_skip=on_skip)
    for file in _reported(files, on_progress):
        try:
            scored = score_path(ctx, file)
        except CchcScoreError as exc:
            got.skip(str(file), exc.located(file=str(file)))
            continue
        entry = Entry.from_result(scored.result, source=str(file))
        got.entries.append(entry)
        units[id(entry)] = Unit(scored.criteria_set, scored.submission, scored.result)
    skip_duplicates(got)
    if not got.entries:
        raise InputFileError(
            msg(
                "no assessment could be read in the folder ({skipped} skipped)",
                skipped=len(got.skipped),
            ),
            file=str(folder),
        )
    return [units[id(e)] for e in got.entries]


def _reported(items: Sequence[Path], on_progress: OnProgress | None) -> Iterator[Path]:
    for done, item in enumerate(items, 1):
        yield item
        if on_progress is not None:
            on_progress(done, len(items))


def run_each(
    ctx: Context,
    folder: Path,
    costs_path: Path | None,
    *,
    objective: Objective | None,
    on_skip: OnSkip | None = None,
    on_reading: OnProgress | None = None,
    on_planning: OnProgress | None = None,
) -> tuple[list[UnitPlan], str, str]:
    """Each unit's plan, and the cost unit (vi, en) of the tables used.

    Args:
        on_reading, on_planning: told of the progress of reading the files, then of planning.
    """
    reg = ctx.registry
    units = load_units(ctx, folder, on_skip, on_reading)
    tables: dict[str, CostTable | None] = {}
    sources: dict[int, Path] = {}

    def costs(cset: CriteriaSet) -> CostTable | None:
        key = f"{cset.id} {cset.version}"
        if key not in tables:
            found = reg.sets.get((cset.id, cset.version))
            source = costs_path or pack_costs(found.source if found else None)
            table = None
            if source is not None:
                try:
                    table = load_costs(source)
                    table.check_against(cset)
                except CchcScoreError as exc:
                    raise exc.located(file=str(source)) from None
            tables[key] = table
            if table is not None and source is not None:
                sources[id(table)] = source
        return tables[key]

    def progress(items: Sequence[int]) -> Iterable[int]:
        for done, item in enumerate(items, 1):
            yield item
            if on_planning is not None:
                on_planning(done, len(items))

    try:
        plans = plan_each(
            units,
            costs=costs,
            objective=objective,
            progress=progress,
        )
    except CostTableError as exc:  # an outcome priced that a unit cannot reach
        files = [str(f) for f in sources.values()]
        raise exc.located(file=files[0] if len(files) == 1 else None) from None
    used = next((t for t in tables.values() if t is not None), None) or CostTable()
    return plans, used.unit_vi, used.unit_en


def each_json(plans: Sequence[UnitPlan]) -> str:
    return jsonfile.dumps([jsonfile.plain(p.model_dump_json()) for p in plans])
