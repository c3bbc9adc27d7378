"""Spreadsheets in and out: self-assessment workbooks to fill in, criteria tables."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from cchc_score.errors import InputFileError, msg
from cchc_score.loading import load_assessment, read_table
from cchc_score.model.criteria import CriteriaSet
from cchc_score.workbook import pack_yaml, read_pack_workbook, write_pack_workbook, write_workbook
from cchc_score.writing import check_outputs, write_text

from .context import Context


@dataclass(frozen=True)
class UnitRow:
    """One unit of a table of units: who, and the workbook written for it."""

    unit: str
    unit_id: str | None
    block: str | None
    target: Path


def pack_inputs(set_name: str, set_paths: tuple[Path, ...]) -> list[Path]:
    """The pack files a command reads (a set given as a path, --set): never to be written over."""
    named = [Path(set_name)] if Path(set_name).exists() else []
    found: list[Path] = []
    for path in [*named, *set_paths]:
        if path.is_dir():
            found.extend(p for p in path.rglob("*") if p.is_file())
        else:
            found.append(path)
    return found


def require_xlsx(output: Path) -> None:
    if output.suffix.lower() != ".xlsx":
        raise InputFileError(
            msg("the workbook to write must end in .xlsx"),
            file=str(output),
        )


def file_slug(name: str) -> str:
    """A file name from a unit's name or id: ASCII letters, digits and underscores."""
    folded = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    ascii_name = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z0-9]+", "_", ascii_name).strip("_").lower() or "unit"


def unit_rows(table: Path, folder: Path, default_block: str | None) -> list[UnitRow]:
    """Each row of a CSV table of units (unit, unit_id, block) and the workbook it gets."""
    names, rows = read_table(table)
    if "unit" not in {n.lower() for n in names}:
        raise InputFileError(
            msg("the table needs a column 'unit' (optional: unit_id, block)"),
            file=str(table),
            place="line 1",
        )
    unknown = [n for n in names if n.lower() not in {"unit", "unit_id", "block"}]
    if unknown:
        raise InputFileError(
            msg("unknown column {name!r} (known: unit, unit_id, block)", name=unknown[0]),
            file=str(table),
            place="line 1",
        )
    out: list[UnitRow] = []
    seen: dict[Path, int] = {}
    for line, row in rows:
        unit = row.get("unit") or None
        if unit is None:
            raise InputFileError(
                msg("a row without a unit name"), file=str(table), place=f"line {line}"
            )
        unit_id = row.get("unit_id") or None
        target = folder / f"{file_slug(unit_id or unit)}.xlsx"
        if target in seen:
            raise InputFileError(
                msg(
                    "{file} would be written twice (also line {line}): give unit_id",
                    file=target.name,
                    line=seen[target],
                ),
                file=str(table),
                place=f"line {line}",
            )
        seen[target] = line
        out.append(UnitRow(unit, unit_id, row.get("block") or default_block, target))
    if not out:
        raise InputFileError(msg("no units in the table"), file=str(table))
    return out


def write_unit_templates(
    cset: CriteriaSet,
    units: Path,
    folder: Path,
    *,
    block: str | None,
    year: int | None,
    appraisal: bool,
    survey: bool,
    force: bool,
    packs: list[Path],
) -> list[UnitRow]:
    """One self-assessment workbook per unit of a CSV table, written into ``folder``."""
    rows = unit_rows(units, folder, block)
    folder.mkdir(parents=True, exist_ok=True)
    check_outputs([row.target for row in rows], [units, *packs], overwrite=force)
    for row in rows:
        write_workbook(
            row.target,
            cset,
            unit=row.unit,
            unit_id=row.unit_id,
            block=row.block,
            year=year,
            appraisal_sheet=appraisal,
            survey_sheet=survey,
            overwrite=force,
        )
    return rows


def write_template(
    cset: CriteriaSet,
    output: Path,
    *,
    source: Path | None,
    unit: str | None,
    block: str | None,
    year: int | None,
    appraisal: bool,
    survey: bool,
    force: bool,
    packs: list[Path],
) -> None:
    """A self-assessment workbook for ``cset``, filled in from ``source`` when given."""
    require_xlsx(output)
    check_outputs([output], [*([source] if source else []), *packs], overwrite=force)
    doc = load_assessment(source) if source is not None else None
    if doc is not None and doc.criteria_set != cset.id:
        raise InputFileError(
            msg(
                "this assessment is for criteria set {given!r}, not {set!r}",
                given=doc.criteria_set,
                set=cset.id,
            ),
            file=str(source),
            place="criteria_set",
        )
    write_workbook(
        output,
        cset,
        doc,
        unit=unit,
        block=block,
        year=year,
        appraisal_sheet=appraisal,
        survey_sheet=survey,
        overwrite=force,
    )


def import_pack(
    ctx: Context, file: Path, output: Path | None, force: bool
) -> tuple[Path, CriteriaSet]:
    """A criteria table typed in a workbook, validated, written as a pack YAML file."""
    target = output if output is not None else file.with_suffix(".yaml")
    check_outputs([target], [file], overwrite=force)
    cset, data = read_pack_workbook(file, ctx.registry.rule_kinds)
    write_text(target, pack_yaml(data, file.name), overwrite=force)
    return target, cset


def export_pack(cset: CriteriaSet, output: Path, force: bool, packs: list[Path]) -> None:
    """A criteria set written as a table that :func:`import_pack` reads."""
    require_xlsx(output)
    check_outputs([output], packs, overwrite=force)
    write_pack_workbook(output, cset, overwrite=force)
