"""Appraisal rounds and the explanation loop: the files, scoring by the last round, the notice of
round 1, the history in reports and the simulator's explanation step."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from cchc_score import (
    Adjustment,
    Appraisal,
    AppraisalRound,
    AssessmentFile,
    CriteriaSet,
    load_assessment,
    load_criteria_set,
    score,
)
from cchc_score.cli import main
from cchc_score.notice import notice
from cchc_score.schemas import schema_text
from cchc_score.simulate import CostTable, LeafCost, TargetRank, prepare, simulate
from cchc_score.simulate.models import Opportunity
from cchc_score.simulate.problem import Problem
from cchc_score.simulate.questions import opportunities
from cchc_score.workbook import read_workbook, write_workbook

from .conftest import EXAMPLES, ROOT

DI_LINH = EXAMPLES / "di_linh" / "2021" / "di_linh.yaml"
EXPLAIN_VI = "Giải trình, bổ sung tài liệu kiểm chứng"
#: What Di Linh's 2021 round 1 cut (self-score or evidence points above the round's points) and
#: which leaves it asked Di Linh to explain.
ROUND1_CUTS = {
    "1.5": Decimal("0.25"),
    "3.2.5": Decimal("0.5"),
    "3.3.3": Decimal("0.0585"),
    "3.3.4": Decimal(1),
    "7.5": Decimal("0.75"),
}
ROUND1_FLAGGED = {"3.2.5", "3.3.4"}


@pytest.fixture(scope="module")
def district() -> CriteriaSet:
    return load_criteria_set(ROOT / "criteria" / "lam_dong_district_2021" / "pack.yaml")


@pytest.fixture(scope="module")
def di_linh() -> AssessmentFile:
    return load_assessment(DI_LINH)


def run(*args: str, lang: str = "vi") -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env={"COLUMNS": "200", "CCHC_SCORE_LANG": lang})
    return result.exit_code, result.stdout, result.stderr


# ------------------------------------------------------------------------ files


def test_the_example_holds_the_whole_loop(di_linh: AssessmentFile) -> None:
    """Round 1 with its deadline, notes and flags; Di Linh's explanations with supplementary
    documents (number, date, issuer); round 2 deciding."""
    assert di_linh.appraisal is not None
    first, second = di_linh.appraisal.ordered()
    assert (first.round, second.round) == (1, 2)
    assert str(first.explanation_deadline) == "2022-02-22"
    flagged = {k for k, a in first.adjustments.items() if a.explanation_required}
    assert flagged == ROUND1_FLAGGED
    apology = first.adjustments["3.3.4"]
    assert apology.explanation and len(apology.supplementary) == 2
    assert all(d.number and d.date and d.issuer for d in apology.supplementary)
    assert set(second.adjustments) == ROUND1_FLAGGED


def test_yaml_json_workbook_and_back_are_equal(
    tmp_path: Path, district: CriteriaSet, di_linh: AssessmentFile
) -> None:
    """The example goes YAML → JSON → workbook → back without losing a flag, an explanation, a
    supplementary document (two on one leaf) or the deadline."""
    as_json = tmp_path / "di_linh.json"
    as_json.write_text(di_linh.model_dump_json(indent=2), encoding="utf-8")
    from_json = load_assessment(as_json)
    assert from_json == di_linh
    book = tmp_path / "di_linh.xlsx"
    write_workbook(book, district, from_json)
    back = read_workbook(book)
    assert back == di_linh
    assert score(district, back.submission) == score(district, di_linh.submission)


def test_the_workbook_has_the_loop_columns_and_a_row_per_further_document(
    tmp_path: Path, district: CriteriaSet, di_linh: AssessmentFile
) -> None:
    book = tmp_path / "di_linh.xlsx"
    write_workbook(book, district, di_linh)
    ws = openpyxl.load_workbook(book)["Thẩm định"]
    heads = [str(c.value).split("\n")[0] for c in ws[1]]
    for wanted in ("Hạn giải trình", "Yêu cầu giải trình", "Giải trình của đơn vị"):
        assert wanted in heads
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    ids = [r[heads.index("Mã")] for r in rows]
    apology = ids.index("3.3.4")
    # The second supplementary document of 3.3.4 sits on the row below, its id left empty.
    assert ids[apology + 1] is None
    assert rows[apology + 1][heads.index("Số văn bản bổ sung")] == "12/TB-UBND"
    assert rows[apology][heads.index("Yêu cầu giải trình")] == "có"


def test_a_workbook_without_the_loop_columns_still_reads(
    tmp_path: Path, district: CriteriaSet, di_linh: AssessmentFile
) -> None:
    """A workbook written before the loop columns existed (round, appraiser, date, id, score,
    reason) reads as before."""
    book = tmp_path / "old.xlsx"
    write_workbook(book, district, di_linh)
    wb = openpyxl.load_workbook(book)
    ws = wb["Thẩm định"]
    ws.delete_cols(7, ws.max_column - 6)
    ws.delete_rows(2, ws.max_row)
    ws.append([1, "Sở Nội vụ", None, "1.5", 0.75, "Chưa có hình thức tuyên truyền"])
    wb.save(book)
    back = read_workbook(book)
    assert back.appraisal is not None
    (only,) = back.appraisal.rounds
    assert only.explanation_deadline is None
    assert only.adjustments == {
        "1.5": Adjustment(score=Decimal("0.75"), reason="Chưa có hình thức tuyên truyền")
    }


def test_the_assessment_schema_validates_the_example_and_knows_the_loop() -> None:
    schema = json.loads(schema_text("assessment"))
    data = json.loads(load_assessment(DI_LINH).model_dump_json(exclude_none=True))
    jsonschema.validate(data, schema)
    raw = yaml.safe_load(DI_LINH.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(json.dumps(raw, default=str)), schema)
    adjustment = schema["$defs"]["Adjustment"]["properties"]
    assert {"explanation_required", "explanation", "supplementary"} <= set(adjustment)
    assert "explanation_deadline" in schema["$defs"]["AppraisalRound"]["properties"]
    bad = json.loads(json.dumps(raw, default=str))
    bad["appraisal"]["rounds"][0]["adjustments"]["3.3.4"]["explanation_required"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


# ------------------------------------------------------------------------ scoring


def test_scoring_uses_round_2_when_present_else_round_1(
    minimal_set: CriteriaSet, minimal_file: AssessmentFile
) -> None:
    """1.3 is scored in rounds 1 and 2: round 2 decides; 1.1.3 only in round 1: round 1 stands.
    As of round 1, both leaves have their round-1 scores."""
    rounds = (
        AppraisalRound(
            round=1,
            adjustments={
                "1.1.3": Adjustment(score=Decimal(1), reason="tính lại"),
                "1.3": Adjustment(score=Decimal("0.5"), reason="thiếu", explanation_required=True),
            },
        ),
        AppraisalRound(
            round=2, adjustments={"1.3": Adjustment(score=Decimal("1.5"), reason="chấp nhận")}
        ),
    )
    doc = minimal_file.model_copy(update={"appraisal": Appraisal(rounds=rounds)})
    final = score(minimal_set, doc.submission)
    assert final.node("1.3").final_points == Decimal("1.5")
    assert final.node("1.3").appraisal_round == 2
    assert final.node("1.1.3").final_points == 1 and final.node("1.1.3").appraisal_round == 1
    assert [s.round for s in final.node("1.3").appraisal_history] == [1, 2]
    assert "explanation_required" not in final.node("1.3").flags
    first = score(minimal_set, doc.submission.as_of_round(1))
    assert first.node("1.3").final_points == Decimal("0.5")
    assert "explanation_required" in first.node("1.3").flags
    assert final.total - first.total == Decimal(1)


def test_the_example_scores_as_before_with_round_2_deciding(
    district: CriteriaSet, di_linh: AssessmentFile
) -> None:
    """Round 2 restores 3.3.4 and keeps 3.2.5: the published-in-the-example index 83.27; round
    1 alone gives one point less."""
    final = score(district, di_linh.submission)
    assert final.index == Decimal("83.27")
    assert final.node("3.3.4").final_points == 1
    assert final.node("3.2.5").final_points == 0
    first = score(district, di_linh.submission.as_of_round(1))
    assert first.total == final.total - 1


# ------------------------------------------------------------------------ the notice


def test_the_notice_lists_exactly_the_deductions_and_flagged_leaves(
    district: CriteriaSet, di_linh: AssessmentFile
) -> None:
    found = notice(district, di_linh.submission, 1)
    assert {d.leaf_id: d.cut for d in found.deductions} == ROUND1_CUTS
    assert {d.leaf_id for d in found.to_explain} == ROUND1_FLAGGED
    reasons = {d.leaf_id: d.reason_text("vi") for d in found.deductions}
    assert reasons["3.3.4"] == "Chưa có văn bản xin lỗi đối với một số hồ sơ quá hạn"
    assert "thấp hơn điểm tự chấm" in reasons["3.3.3"]  # no appraisal note: the evidence's
    assert str(found.explanation_deadline) == "2022-02-22"
    assert found.self_total is not None and found.difference is not None
    assert found.appraised_total - found.self_total == -sum(ROUND1_CUTS.values())
    second = notice(district, di_linh.submission, 2)
    assert {d.leaf_id for d in second.deductions} == set(ROUND1_CUTS) - {"3.3.4"}
    assert second.to_explain == ()


class _Rows(HTMLParser):
    """The ``data-leaf`` of each row, by the table (its class) it stands in."""

    def __init__(self) -> None:
        super().__init__()
        self.table = ""
        self.leaves: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table":
            self.table = found.get("class") or ""
        if tag == "tr" and found.get("data-leaf"):
            self.leaves.setdefault(self.table, []).append(found["data-leaf"] or "")


def test_the_notice_command_prints_saves_html_and_a_workbook(tmp_path: Path) -> None:
    code, out, err = run("notice", str(DI_LINH))
    assert code == 0, err
    assert "Thông báo kết quả thẩm định lần 1" in out and "22/02/2022" in out
    assert "Tiêu chí yêu cầu giải trình" in out
    page = tmp_path / "tb.html"
    code, _out, err = run("notice", str(DI_LINH), "--export", str(page))
    assert code == 0, err
    parser = _Rows()
    parser.feed(page.read_text(encoding="utf-8"))
    assert parser.leaves["data deductions"] == sorted(ROUND1_CUTS)
    assert parser.leaves["data explain"] == sorted(ROUND1_FLAGGED)
    assert "Thông báo kết quả thẩm định lần 1" in page.read_text(encoding="utf-8")
    book = tmp_path / "tb.xlsx"
    code, _out, err = run("notice", str(DI_LINH), "-o", str(book))
    assert code == 0, err
    wb = openpyxl.load_workbook(book)
    cut = wb["Điểm bị trừ"]
    assert [r[0] for r in cut.iter_rows(min_row=2, values_only=True)] == sorted(ROUND1_CUTS)
    explain = wb["Tiêu chí yêu cầu giải trình"]
    ids = [r[0] for r in explain.iter_rows(min_row=2, values_only=True)]
    assert ids == sorted(ROUND1_FLAGGED)
    summary = {r[0]: r[1] for r in wb["Thông báo"].iter_rows(values_only=True)}
    assert summary["Hạn giải trình"] == "22/02/2022" and summary["Đơn vị"] == "Huyện Di Linh"


def test_the_notice_in_english_and_as_json() -> None:
    code, out, err = run("notice", str(DI_LINH), "--round", "2", "--lang", "en")
    assert code == 0, err
    assert "Notice of the appraisal result, round 2" in out
    code, out, err = run("notice", str(DI_LINH), "--json")
    data = json.loads(out)
    assert data["round"] == 1 and data["explanation_deadline"] == "2022-02-22"
    assert {leaf["leaf_id"] for leaf in data["leaves"]} == set(ROUND1_CUTS)


def test_a_round_the_appraisal_lacks_is_one_line_naming_the_rounds() -> None:
    code, _out, err = run("notice", str(DI_LINH), "--round", "3", lang="en")
    assert code == 2
    assert "no round 3 (rounds: 1, 2)" in err and str(DI_LINH) in err
    assert "Traceback" not in err


# ------------------------------------------------------------------------ history in reports


def test_the_breakdown_and_the_page_show_each_leafs_rounds(tmp_path: Path) -> None:
    code, out, err = run("score", str(DI_LINH), "--lang", "en")
    assert code == 0, err
    # The flags column may wrap a note over lines of the table: read through its borders.
    assert re.search(r"Round 1:[\s│]*0\.00", out) and re.search(r"Round[\s│]*2:[\s│]*1\.00", out)
    page = tmp_path / "score.html"
    code, _out, err = run("score", str(DI_LINH), "--export", str(page))
    assert code == 0, err
    html = page.read_text(encoding="utf-8")
    assert "Thẩm định lần 1: 0,00" in html and "đã giải trình, 2 tài liệu bổ sung" in html
    code, out, _err = run("score", str(DI_LINH), "--json")
    apology = next(
        n for area in json.loads(out)["nodes"] for n in _walk(area) if n["id"] == "3.3.4"
    )
    assert [s["round"] for s in apology["appraisal_history"]] == [1, 2]


def _walk(node: dict[str, object]) -> list[dict[str, object]]:
    children = node.get("children") or []
    assert isinstance(children, list)
    return [node, *(n for c in children for n in _walk(c))]


def test_the_form_workbook_gains_the_rounds_sheet(tmp_path: Path) -> None:
    book = tmp_path / "form.xlsx"
    code, _out, err = run("score", str(DI_LINH), "-o", str(book))
    assert code == 0, err
    rows = list(openpyxl.load_workbook(book)["Các lần thẩm định"].iter_rows(values_only=True))
    apology = [r for r in rows if r[0] == "3.3.4"]
    assert [(r[3], r[4]) for r in apology] == [(1, 0), (2, 1)]
    assert apology[0][6] == "có" and "12/TB-UBND" in str(apology[0][8])


# ------------------------------------------------------------------------ the simulator


def _explanations(problem: Problem) -> dict[str, Opportunity]:
    return {o.leaf_id: o for o in opportunities(problem) if o.action == "explanation"}


def test_explaining_a_cut_is_a_named_step_with_an_exact_gain_and_its_own_cost(
    district: CriteriaSet, di_linh: AssessmentFile
) -> None:
    """As of round 1, every leaf cut below its evidence can be explained: the step is named,
    brings the leaf back to what its evidence scores exactly, and costs the table's
    ``explanation`` (a leaf's own ``explanation`` first)."""
    costs = CostTable(
        explanation=Decimal(2),
        leaves={"7.5": LeafCost(per_point=Decimal(14), explanation=Decimal(5))},
    )
    problem = prepare(district, di_linh.submission.as_of_round(1), costs=costs)
    found = _explanations(problem)
    assert set(found) == {"1.5", "3.2.5", "3.3.4", "7.5"}
    for leaf_id, opp in found.items():
        done = problem.result.node(leaf_id)
        assert opp.to_label_vi == EXPLAIN_VI
        assert opp.to_points == done.evidence_points
        assert opp.gain == done.evidence_points - done.final_points
    assert found["1.5"].cost == 2 and found["7.5"].cost == 5


def test_a_leaf_explained_and_decided_is_not_offered_again(
    district: CriteriaSet, di_linh: AssessmentFile
) -> None:
    """After round 2, 3.2.5 was explained and kept at 0: no second explanation; 1.5 and 7.5,
    never explained, still can be."""
    problem = prepare(district, di_linh.submission, costs=CostTable(explanation=Decimal(2)))
    assert set(_explanations(problem)) == {"1.5", "7.5"}


def test_the_plan_names_the_step_and_rescores_it(
    district: CriteriaSet, di_linh: AssessmentFile
) -> None:
    """A plan to gain a place picks the cheap explanations; each step is named, its gain is
    the leaf's points restored, and the plan's total is the engine's."""
    costs = CostTable(explanation=Decimal("0.5"), default=LeafCost(per_point=Decimal(100)))
    submission = di_linh.submission.as_of_round(1)
    peers = [
        score(district, load_assessment(p).submission)
        for p in sorted(DI_LINH.parent.glob("*.yaml"))
        if p != DI_LINH
    ]
    sim = simulate(district, submission, peers=peers, costs=costs, objective=TargetRank(7))
    assert sim.plan is not None
    steps = [s for s in sim.plan.steps if s.action == "explanation"]
    assert steps and all(s.to_label_vi == EXPLAIN_VI for s in steps)
    assert all(s.gain == s.to_points - s.from_points and s.cost == Decimal("0.5") for s in steps)
    data = json.loads(sim.model_dump_json())
    assert {s["action"] for s in data["plan"]["steps"]} == {"explanation"}
    assert sim.plan.new_total == sim.plan.total_before + sum(s.gain for s in sim.plan.steps)


def test_cost_tables_name_the_explanation_price_in_yaml_and_csv(tmp_path: Path) -> None:
    """``explanation`` per leaf and for the whole table; in a CSV the ``*`` row's explanation
    is the table's."""
    from cchc_score.simulate.inputs import load_costs

    example = load_costs(EXAMPLES / "di_linh" / "costs.yaml")
    assert example.leaves["7.5"].explanation == Decimal("10.5") and example.explanation is None
    csv = tmp_path / "costs.csv"
    csv.write_text("leaf,per_point,explanation\n*,20,2\n1.5,12,3\n", encoding="utf-8")
    table = load_costs(csv)
    assert table.explanation == 2 and table.leaves["1.5"].explanation == 3
    assert table.default is not None and table.default.per_point == 20
    assert table.default.explanation is None


def test_the_notice_stacks_its_tables_on_a_narrow_terminal() -> None:
    result = CliRunner().invoke(
        main, ["notice", str(DI_LINH)], env={"COLUMNS": "80", "CCHC_SCORE_LANG": "vi"}
    )
    assert result.exit_code == 0, result.stderr
    assert "Bị trừ: −0,25" in result.stdout and "Giải trình đã gửi: " in result.stdout
    assert all(len(line) <= 80 for line in result.stdout.splitlines())


def test_a_copy_of_a_file_is_scored_with_what_the_copy_holds(
    minimal_set: CriteriaSet, minimal_file: AssessmentFile
) -> None:
    """A file's submission is built once; a copy with another appraisal scores its own."""
    assert minimal_file.submission.appraisal is not None  # built and kept on the original
    copy = minimal_file.model_copy(update={"appraisal": None})
    assert copy.submission.appraisal is None
    assert score(minimal_set, copy.submission) != score(minimal_set, minimal_file.submission)
