"""template, pack import, pack export: spreadsheets in and out."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import click

from cchc_score.errors import InputFileError
from cchc_score.loading import criteria_files, load_assessment, load_criteria_set, read_table
from cchc_score.model.criteria import CriteriaSet
from cchc_score.plugins import Registry
from cchc_score.workbook import pack_yaml, read_pack_workbook, write_pack_workbook, write_workbook
from cchc_score.writing import check_output, write_text

from .app import lang_option, main, registry, set_option
from .core import resolve_set


def criteria_set_named(reg: Registry, name: str, version: str | None) -> CriteriaSet:
    """A set by id (plug-ins, --set), or the pack file or folder a path names."""
    path = Path(name)
    if path.suffix.lower() in {".yaml", ".yml", ".json"} or path.is_dir():
        return load_criteria_set(criteria_files(path)[0], reg.rule_kinds)
    return resolve_set(reg, name, version)


xlsx_output = click.option(
    "-o", "--output", required=True, type=click.Path(path_type=Path), help="Tệp .xlsx / file."
)


def pack_inputs(set_id: str, set_paths: tuple[Path, ...]) -> list[Path]:
    """The pack files a command reads (SET given as a path, --set): never to be written over."""
    named = [Path(set_id)] if Path(set_id).exists() else []
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
            "the workbook to write must end in .xlsx / tệp Excel phải có đuôi .xlsx",
            file=str(output),
        )


force_option = click.option(
    "--force", is_flag=True, help="Ghi đè tệp đã có / overwrite an existing file."
)


def file_slug(name: str) -> str:
    """A file name from a unit's name or id: ASCII letters, digits and underscores."""
    folded = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    ascii_name = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z0-9]+", "_", ascii_name).strip("_").lower() or "unit"


def unit_workbooks(
    table: Path, folder: Path, default_block: str | None
) -> list[tuple[str, str | None, str | None, Path]]:
    """(unit, unit id, block, workbook path) for each row of a CSV table of units."""
    names, rows = read_table(table)
    if "unit" not in {n.lower() for n in names}:
        raise InputFileError(
            "the table needs a column 'unit' (optional: unit_id, block)",
            file=str(table),
            place="line 1",
        )
    unknown = [n for n in names if n.lower() not in {"unit", "unit_id", "block"}]
    if unknown:
        raise InputFileError(
            f"unknown column {unknown[0]!r} (known: unit, unit_id, block)",
            file=str(table),
            place="line 1",
        )
    jobs: list[tuple[str, str | None, str | None, Path]] = []
    seen: dict[Path, int] = {}
    for line, row in rows:
        unit = row.get("unit") or None
        if unit is None:
            raise InputFileError("a row without a unit name", file=str(table), place=f"line {line}")
        unit_id = row.get("unit_id") or None
        target = folder / f"{file_slug(unit_id or unit)}.xlsx"
        if target in seen:
            raise InputFileError(
                f"{target.name} would be written twice (also line {seen[target]}): give unit_id",
                file=str(table),
                place=f"line {line}",
            )
        seen[target] = line
        jobs.append((unit, unit_id, row.get("block") or default_block, target))
    if not jobs:
        raise InputFileError("no units in the table", file=str(table))
    folder.mkdir(parents=True, exist_ok=True)
    return jobs


def said(lang: str, vi: str, en: str) -> None:
    click.echo(vi if lang == "vi" else en)


@main.command("template")
@click.argument("set_id", metavar="SET")
@xlsx_output
@click.option("--unit", help="Tên đơn vị / unit name.")
@click.option("--block", help="Khối / block (e.g. district, commune).")
@click.option("--year", type=click.IntRange(2000, 2100), help="Năm đánh giá / year assessed.")
@click.option("--version", default=None, help="Phiên bản bộ chỉ số / set version.")
@click.option(
    "--from",
    "source",
    type=click.Path(path_type=Path),
    help="Điền sẵn từ bản tự đánh giá / fill in from an assessment file.",
)
@click.option(
    "--units",
    type=click.Path(path_type=Path),
    help="Bảng đơn vị (CSV: unit, unit_id, block): mỗi đơn vị một tệp trong thư mục -o /"
    " a CSV of units: one workbook per unit, written into the folder -o.",
)
@click.option("--appraisal", is_flag=True, help="Thêm trang thẩm định / add the appraisal sheet.")
@click.option("--survey", is_flag=True, help="Thêm trang điều tra XHH / add the survey sheet.")
@force_option
@set_option
@lang_option
def template_cmd(
    set_id: str,
    output: Path,
    unit: str | None,
    block: str | None,
    year: int | None,
    version: str | None,
    source: Path | None,
    units: Path | None,
    appraisal: bool,
    survey: bool,
    force: bool,
    set_paths: tuple[Path, ...],
    lang: str,
) -> None:
    """Tạo tệp Excel tự đánh giá / write a self-assessment workbook (.xlsx) for SET.

    SET is a criteria-set id or a pack file. One row per criterion, input cells with
    drop-downs and number ranges; `cchc-score score FILE.xlsx` reads the filled workbook.
    With --units, -o is a folder that gets one workbook per unit of the CSV table.
    """
    reg = registry(set_paths)
    cset = criteria_set_named(reg, set_id, version)
    packs = pack_inputs(set_id, set_paths)
    if units is not None:
        if source is not None:
            raise click.UsageError("--units và --from: chọn một / choose one of --units and --from")
        jobs = unit_workbooks(units, output, block)
        for _unit, _unit_id, _block, target in jobs:
            check_output(target, inputs=[units, *packs], overwrite=force)
        for name, unit_id, unit_block, target in jobs:
            write_workbook(
                target,
                cset,
                unit=name,
                unit_id=unit_id,
                block=unit_block,
                year=year,
                appraisal_sheet=appraisal,
                survey_sheet=survey,
            )
        said(
            lang,
            f"Đã ghi {len(jobs)} tệp vào {output}: {cset.id} {cset.version}.",
            f"Wrote {len(jobs)} workbooks into {output}: {cset.id} {cset.version}.",
        )
        return
    require_xlsx(output)
    check_output(output, inputs=[*([source] if source else []), *packs], overwrite=force)
    doc = load_assessment(source) if source is not None else None
    if doc is not None and doc.criteria_set != cset.id:
        raise InputFileError(
            f"this assessment is for criteria set {doc.criteria_set!r}, not {cset.id!r}",
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
    )
    leaves = len(cset.leaves())
    said(
        lang,
        f"Đã ghi {output}: {cset.id} {cset.version}, {leaves} tiêu chí chấm điểm.",
        f"Wrote {output}: {cset.id} {cset.version}, {leaves} leaves to fill in.",
    )


@main.group("pack")
def pack_group() -> None:
    """Bộ chỉ số trong bảng tính / criteria sets in spreadsheets."""


@pack_group.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Tệp YAML / pack file to write (default: FILE with .yaml).",
)
@force_option
@lang_option
def pack_import_cmd(file: Path, output: Path | None, force: bool, lang: str) -> None:
    """Chuyển bảng tiêu chí Excel thành bộ chỉ số YAML / turn a criteria table into a pack.

    FILE is an .xlsx workbook with the sheets 'Tiêu chí' (one row per node: id, label_vi,
    label_en, max_points, rule.kind, rule.params, …) and 'Thông tin' (key, value). The set is
    validated before anything is written; errors name the cell.
    """
    target = output if output is not None else file.with_suffix(".yaml")
    check_output(target, inputs=[file], overwrite=force)
    cset, data = read_pack_workbook(file, registry().rule_kinds)
    write_text(target, pack_yaml(data, file.name))
    said(
        lang,
        f"Đã ghi {target}: {cset.id} {cset.version}, {len(cset.index)} tiêu chí,"
        f" {len(cset.leaves())} tiêu chí chấm điểm, {cset.total_max} điểm.",
        f"Wrote {target}: {cset.id} {cset.version}, {len(cset.index)} nodes,"
        f" {len(cset.leaves())} leaves, {cset.total_max} points.",
    )


@pack_group.command("export")
@click.argument("set_id", metavar="SET")
@xlsx_output
@click.option("--version", default=None, help="Phiên bản / version (default: newest).")
@force_option
@set_option
@lang_option
def pack_export_cmd(
    set_id: str,
    output: Path,
    version: str | None,
    force: bool,
    set_paths: tuple[Path, ...],
    lang: str,
) -> None:
    """Xuất bộ chỉ số ra bảng tính / write SET as a criteria table that `pack import` reads."""
    reg = registry(set_paths)
    cset = criteria_set_named(reg, set_id, version)
    require_xlsx(output)
    check_output(output, inputs=pack_inputs(set_id, set_paths), overwrite=force)
    write_pack_workbook(output, cset)
    said(lang, f"Đã ghi {output}: {cset.id} {cset.version}.", f"Wrote {output}: {cset.id}.")
