"""template, pack import, pack export: spreadsheets in and out."""

from __future__ import annotations

from pathlib import Path

import click

from cchc_score.errors import Msg, msg

from .options import context, lang_option, set_option

xlsx_output = click.option(
    "-o", "--output", required=True, type=click.Path(path_type=Path), help="File (.xlsx)."
)
force_option = click.option("--force", is_flag=True, help="Overwrite an existing file.")


def said(lang: str, message: Msg) -> None:
    """One line on stdout in ``lang`` (numbers with the decimal comma in Vietnamese)."""
    click.echo(message.get(lang))


@click.command("template")
@click.argument("set_id", metavar="SET")
@xlsx_output
@click.option("--unit", help="Unit name.")
@click.option(
    "--block",
    help="Block: its label or code (Khối UBND cấp huyện, huyện, district; commune…).",
)
@click.option("--year", type=click.IntRange(2000, 2100), help="Year assessed.")
@click.option("--version", default=None, help="Set version.")
@click.option(
    "--from",
    "source",
    type=click.Path(path_type=Path),
    help="Fill in from an assessment file.",
)
@click.option(
    "--units",
    type=click.Path(path_type=Path),
    help=(
        "A CSV of units (unit, unit_id, block): one workbook per unit, written into the folder -o."
    ),
)
@click.option("--appraisal", is_flag=True, help="Add the appraisal sheet.")
@click.option("--survey", is_flag=True, help="Add the survey sheet.")
@click.option(
    "--costs",
    is_flag=True,
    help=(
        "Write a cost table to fill in instead: every leaf with the outcomes it can reach; "
        "`simulate --costs FILE.xlsx` reads it."
    ),
)
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
    costs: bool,
    force: bool,
    set_paths: tuple[Path, ...],
    lang: str,
) -> None:
    """Write a self-assessment workbook (.xlsx) for SET.

    SET is a criteria-set id or a pack file. One row per criterion, input cells with
    drop-downs and number ranges; `cchc-score score FILE.xlsx` reads the filled workbook.
    With --units, -o is a folder that gets one workbook per unit of the CSV table. With
    --costs, the workbook is a cost table to price the improvements in.
    """
    from cchc_score.app.workbooks import pack_inputs, write_template, write_unit_templates

    if costs:
        given = {"--units": units, "--from": source, "--appraisal": appraisal, "--survey": survey}
        used = [name for name, value in given.items() if value]
        if used:
            raise click.UsageError(
                msg("--costs writes a cost table; it does not go with {option}", option=used[0])
            )
    ctx = context(set_paths)
    cset = ctx.set_named(set_id, version)
    if block is not None:  # a label (Khối UBND cấp huyện, huyện) or code; never a new block
        from cchc_score.labels import block_code

        block = block_code(cset, block)
    packs = pack_inputs(set_id, set_paths)
    if costs:
        from cchc_score.app.spreadsheets import write_cost_template

        listed = write_cost_template(ctx, cset, output, force=force, packs=packs)
        said(
            lang,
            msg(
                "Wrote {file}: cost table for {set} {version}, {n} leaves to price.",
                file=output,
                set=cset.id,
                version=cset.version,
                n=listed,
            ),
        )
        return
    if units is not None:
        if source is not None:
            raise click.UsageError(msg("choose one of --units and --from"))
        rows = write_unit_templates(
            cset,
            units,
            output,
            block=block,
            year=year,
            appraisal=appraisal,
            survey=survey,
            force=force,
            packs=packs,
        )
        said(
            lang,
            msg(
                "Wrote {n} workbooks into {folder}: {set} {version}.",
                n=len(rows),
                folder=output,
                set=cset.id,
                version=cset.version,
            ),
        )
        return
    write_template(
        cset,
        output,
        source=source,
        unit=unit,
        block=block,
        year=year,
        appraisal=appraisal,
        survey=survey,
        force=force,
        packs=packs,
    )
    leaves = len(cset.leaves())
    said(
        lang,
        msg(
            "Wrote {file}: {set} {version}, {n} leaves to fill in.",
            file=output,
            set=cset.id,
            version=cset.version,
            n=leaves,
        ),
    )


@click.group("pack")
def pack_group() -> None:
    """Criteria sets in spreadsheets."""


@pack_group.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Pack file to write (default: FILE with .yaml).",
)
@force_option
@lang_option
def pack_import_cmd(file: Path, output: Path | None, force: bool, lang: str) -> None:
    """Turn a criteria table into a pack.

    FILE is an .xlsx workbook with the sheets 'Tiêu chí' (one row per node: id, label_vi,
    label_en, max_points, rule.kind, rule.params, …) and 'Thông tin' (key, value). The set is
    validated before anything is written; errors name the cell.
    """
    from cchc_score.app.workbooks import import_pack

    target, cset = import_pack(context(), file, output, force)
    said(
        lang,
        msg(
            "Wrote {file}: {set} {version}, {nodes} nodes, {leaves} leaves, {points} points.",
            file=target,
            set=cset.id,
            version=cset.version,
            nodes=len(cset.index),
            leaves=len(cset.leaves()),
            points=cset.total_max,
        ),
    )


@pack_group.command("export")
@click.argument("set_id", metavar="SET")
@xlsx_output
@click.option("--version", default=None, help="Version (default: newest).")
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
    """Write SET as a criteria table that `pack import` reads."""
    from cchc_score.app.workbooks import export_pack, pack_inputs

    cset = context(set_paths).set_named(set_id, version)
    export_pack(cset, output, force, pack_inputs(set_id, set_paths))
    said(lang, msg("Wrote {file}: {set}.", file=output, set=cset.id, version=cset.version))
