"""score, sets, show, check-pack, plugins, demo."""

from __future__ import annotations

from pathlib import Path

import click
from rich.text import Text

from cchc_score.cases import case_files, run_case_file
from cchc_score.engine import score
from cchc_score.errors import CchcScoreError, UnknownIdError
from cchc_score.examples import examples_dir
from cchc_score.i18n import Lang
from cchc_score.loading import (
    WORKBOOK_SUFFIXES,
    criteria_files,
    load_assessment,
    load_criteria_set,
    locate,
    read_document,
)
from cchc_score.model.criteria import CriteriaSet
from cchc_score.model.evidence import AssessmentFile
from cchc_score.model.result import Result
from cchc_score.plugins import Registry
from cchc_score.render.cases import cases_report
from cchc_score.render.criteria import plugins_report, sets_table, show_set
from cchc_score.render.score import score_report

from .app import console, lang_of, lang_option, main, registry, set_option
from .export import check_export, export_option, show


def resolve_set(reg: Registry, set_id: str, version: str | None) -> CriteriaSet:
    """The criteria set an input names; an unknown id mentions plug-ins that failed."""
    try:
        return reg.get_set(set_id, version)
    except UnknownIdError as exc:
        if reg.failures:
            names = ", ".join(sorted({f.plugin for f in reg.failures}))
            exc.message += f"; plug-ins that failed to load: {names} (see 'cchc-score plugins')"
        raise


def score_file(reg: Registry, path: Path) -> tuple[CriteriaSet, AssessmentFile]:
    doc = load_assessment(path)
    try:
        cset = resolve_set(reg, doc.criteria_set, doc.set_version)
    except UnknownIdError as exc:
        raise exc.located(file=str(path), place="criteria_set") from None
    return cset, doc


@main.command("score")
@click.argument("file", type=click.Path(path_type=Path))
@set_option
@lang_option
@click.option(
    "--json", "as_json", is_flag=True, help="In kết quả dạng JSON / print the result as JSON."
)
@export_option
def score_cmd(
    file: Path, set_paths: tuple[Path, ...], lang: str, as_json: bool, export: Path | None
) -> None:
    """Chấm điểm một bản tự đánh giá / score one unit's self-assessment FILE.

    FILE is a YAML or JSON assessment file, or a filled self-assessment workbook (.xlsx).
    """
    check_export(export, json=as_json)
    reg = registry(set_paths)
    cset, doc = score_file(reg, file)
    result = run_score(reg, cset, doc, file)
    if as_json:
        click.echo(result.model_dump_json(indent=2))
        return
    title = f"{result.unit} {result.year} — {cset.title.get(lang)}"
    show(score_report(result, lang_of(lang)), export, title=title, lang=lang)


def run_score(reg: Registry, cset: CriteriaSet, doc: AssessmentFile, file: Path) -> Result:
    """Score a loaded file; an error names the file and, for YAML/JSON, the line."""
    try:
        return score(cset, *doc.parts(), rules=cset.compile_rules(reg.rule_kinds))
    except CchcScoreError as exc:
        if file.suffix.lower() in WORKBOOK_SUFFIXES:  # no lines to point at in a workbook
            raise exc.located(file=str(file)) from None
        raise locate(exc, read_document(file)) from None


@main.command("sets")
@set_option
@lang_option
def sets_cmd(set_paths: tuple[Path, ...], lang: str) -> None:
    """Liệt kê các bộ chỉ số / list the criteria sets loaded."""
    console().print(sets_table(registry(set_paths), lang_of(lang)))


@main.command("show")
@click.argument("set_id")
@click.option("--version", "version", default=None, help="Phiên bản / version (default: newest).")
@set_option
@export_option
@lang_option
def show_cmd(
    set_id: str, version: str | None, set_paths: tuple[Path, ...], export: Path | None, lang: str
) -> None:
    """Cây tiêu chí và cách chấm / a criteria set's tree with each rule explained."""
    reg = registry(set_paths)
    path = Path(set_id)
    if path.suffix.lower() in {".yaml", ".yml", ".json"} or path.is_dir():
        cset = load_criteria_set(criteria_files(path)[0], reg.rule_kinds)
    else:
        cset = resolve_set(reg, set_id, version)
    title = f"{cset.title.get(lang)} ({cset.id} {cset.version})"
    report = show_set(cset, cset.compile_rules(reg.rule_kinds), lang_of(lang))
    show(report, export, title=title, lang=lang)


@main.command("check-pack")
@click.argument("path", type=click.Path(path_type=Path))
@lang_option
def check_pack_cmd(path: Path, lang: str) -> None:
    """Kiểm tra bộ chỉ số và chạy các tình huống kiểm thử / validate a criteria-set file or pack
    folder and run its test cases (cases/*.yaml beside the pack)."""
    reg = registry()
    files = criteria_files(path)
    if not files:
        from cchc_score.errors import InputFileError

        raise InputFileError(
            "no criteria set found (no pack.yaml, no file with 'nodes')", file=str(path)
        )
    out = console()
    checked: list[tuple[Path, CriteriaSet]] = []
    for file in files:
        cset = load_criteria_set(file, reg.rule_kinds)
        areas = len(cset.nodes)
        nodes = len(cset.index)
        leaves = len(cset.leaves())
        word = "hợp lệ" if lang == "vi" else "valid"
        out.print(
            Text(
                f"{file}: {cset.id} {cset.version} {word} — {areas} areas, {nodes} nodes,"
                f" {leaves} leaves, {cset.total_max} points",
                style="green",
            )
        )
        checked.append((file, cset))
    if check_cases(reg, checked, lang_of(lang)):
        click.get_current_context().exit(1)


def check_cases(reg: Registry, checked: list[tuple[Path, CriteriaSet]], lang: Lang) -> int:
    """Run the cases in ``cases/`` beside the checked pack files, print a report per case file;
    the number of cases that failed.

    Cases test the files just checked, not the installed copies of the same sets: a case file
    that names no set tests the one pack beside it; one that names a set finds it among the
    checked files first, then among the installed sets.
    """
    sets = [cset for _, cset in checked] + [r.criteria_set for r in reg.all_sets()]
    only = checked[0][1] if len(checked) == 1 else None
    failed = 0
    for case_file in dict.fromkeys(f for pack_file, _ in checked for f in case_files(pack_file)):
        outcomes = run_case_file(case_file, pack=only, sets=sets, rule_kinds=reg.rule_kinds)
        console().print(cases_report(case_file, outcomes, lang))
        failed += sum(1 for o in outcomes if not o.passed)
    return failed


@main.command("plugins")
@lang_option
def plugins_cmd(lang: str) -> None:
    """Plug-in đã nạp và lỗi / plug-ins loaded and those that failed."""
    console().print(plugins_report(registry(), lang_of(lang)))


@main.command("demo")
@lang_option
def demo_cmd(lang: str) -> None:
    """Chạy ví dụ mẫu / run the shipped example."""
    from cchc_score.render.story import story_report
    from cchc_score.story import DI_LINH_FOLDER, load_story

    # The set comes from the installed plug-in, as it would for a user, not from a path.
    story = load_story(registry(), examples_dir() / DI_LINH_FOLDER)
    last = story.years[-1]
    console().print(story_report(story, last, lang_of(lang), illustrative=True))
    from .simulate import print_demo_plan

    print_demo_plan(lang_of(lang))
