"""`cchc-score simulate` and the demo: text, JSON, cost and peer tables, and errors."""

from __future__ import annotations

import itertools
import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_score.cli import main
from cchc_score.errors import CchcScoreError
from cchc_score.simulate import Budget, CostTable, TargetRank, load_costs, simulate
from cchc_score.simulate.costs import CostTableError

from .conftest import EXAMPLES, MINIMAL

DI_LINH = EXAMPLES / "di_linh"
PEERS_CSV = "unit,total,sd\nA,11,0.5\nB,12,0.5\nC,12.5,0.5\nD,14,0.5\nE,15,1\nF,16,1\nG,9.6,1\n"


def run_en(*args: str) -> tuple[int, str, str]:
    """As :func:`run`, errors in English (they are Vietnamese by default)."""
    return run(*args, lang="en")


def run(*args: str, lang: str | None = None) -> tuple[int, str, str]:
    env = {"COLUMNS": "160"} | ({"CCHC_SCORE_LANG": lang} if lang else {})
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def peers_csv(tmp_path: Path) -> Path:
    path = tmp_path / "peers.csv"
    path.write_text(PEERS_CSV, encoding="utf-8")
    return path


def minimal(*extra: str) -> list[str]:
    return [
        "simulate",
        str(MINIMAL / "assessment.yaml"),
        "--set",
        str(MINIMAL / "criteria.yaml"),
        *extra,
    ]


def di_linh(peers: Path, *extra: str) -> list[str]:
    """``simulate`` Di Linh 2021 to rank 3 with its cost table, against ``peers``."""
    return [
        "simulate",
        str(DI_LINH / "2021" / "di_linh.yaml"),
        "--peers",
        str(peers),
        "--costs",
        str(DI_LINH / "costs.yaml"),
        "--target-rank",
        "3",
        *extra,
    ]


def test_plan_to_a_rank_as_text(peers_csv: Path) -> None:
    """The text report names the unit's rank among eight, the plan's steps, its cost, the new
    rank and that the plan is proven optimal, in English when asked."""
    code, out, _ = run(*minimal("--peers", str(peers_csv), "--target-rank", "3", "--lang", "en"))
    assert code == 0
    assert "8 of 8" in out
    assert "Plan: cheapest to the target rank" in out
    assert "New rank: 8 → 3" in out
    assert "Proven optimal: yes" in out
    assert "Least cost of each rank" in out
    assert "Chance of rank ≤ 3 as the other units move" in out


def test_plan_as_json_has_the_fields_programs_need(peers_csv: Path) -> None:
    """--json gives the plan's steps (leaf, from, to, gain, cost), total cost, new total, new
    rank and proven_optimal, and the frontier and odds."""
    code, out, _ = run(*minimal("--peers", str(peers_csv), "--target-rank", "3", "--json"))
    assert code == 0
    data = json.loads(out)
    plan = data["plan"]
    assert plan["new_rank"] <= 3 and plan["proven_optimal"] is True
    step = plan["steps"][0]
    assert {"leaf_id", "from_points", "to_points", "to_value", "gain", "cost"} <= set(step)
    assert Decimal(plan["total_cost"]) == sum(Decimal(s["cost"]) for s in plan["steps"])
    assert [p["rank"] for p in data["frontier"]] == sorted(
        (p["rank"] for p in data["frontier"]), reverse=True
    )
    assert data["odds"]["target_rank"] == 3


def test_budget_in_vietnamese_by_default(peers_csv: Path) -> None:
    code, out, _ = run(*minimal("--peers", str(peers_csv), "--budget", "2"))
    assert code == 0
    assert "hạng tốt nhất trong ngân sách" in out
    assert "Tổng chi phí" in out


def test_two_objectives_are_refused(peers_csv: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_SCORE_LANG", "en")  # the errors asserted are the English ones
    code, _, err = run(*minimal("--peers", str(peers_csv), "--budget", "2", "--target-rank", "1"))
    assert code == 2
    assert "one of" in err


def test_unknown_leaf_in_the_cost_table_names_file_and_leaf(
    peers_csv: Path, tmp_path: Path
) -> None:
    costs = tmp_path / "costs.yaml"
    costs.write_text('leaves:\n  "7.7": {per_point: 2}\n', encoding="utf-8")
    code, _, err = run(*minimal("--peers", str(peers_csv), "--costs", str(costs)))
    assert code == 2
    assert "costs.yaml" in err and "7.7" in err
    assert "Traceback" not in err


def test_bad_cost_value_names_the_line(peers_csv: Path, tmp_path: Path) -> None:
    costs = tmp_path / "costs.yaml"
    costs.write_text('unit_en: days\nleaves:\n  "1.2": {per_point: -3}\n', encoding="utf-8")
    code, _, err = run_en(*minimal("--peers", str(peers_csv), "--costs", str(costs)))
    assert code == 2
    assert "line 3" in err


def test_peer_table_without_totals_is_an_error(tmp_path: Path) -> None:
    peers = tmp_path / "peers.csv"
    peers.write_text("unit,sd\nA,1\n", encoding="utf-8")
    code, _, err = run_en(*minimal("--peers", str(peers)))
    assert code == 2
    assert "a 'total' or an 'index' column is needed" in err
    peers.write_text("unit,total,index\nA,,\n", encoding="utf-8")
    code, _, err = run_en(*minimal("--peers", str(peers)))
    assert code == 2
    assert "line 2" in err and "neither a total nor an index" in err


def test_cost_table_from_csv_prices_outcomes_and_locks(tmp_path: Path, minimal_set) -> None:  # type: ignore[no-untyped-def]
    """A CSV cost table: an outcome priced by its value, a leaf locked, a prerequisite."""
    path = tmp_path / "costs.csv"
    path.write_text(
        "leaf,to,cost,per_point,locked,requires,unit\n"
        "1.1.1,on_time,3,,,,ngày công\n"
        "1.2,,,,yes,,\n"
        "2.1,,,5,,1.1.1,\n",
        encoding="utf-8",
    )
    table = load_costs(path)
    assert table.unit_vi == "ngày công"
    assert table.leaves["1.2"].locked
    assert table.leaves["2.1"].requires[0].leaf == "1.1.1"
    table.check_against(minimal_set)


def test_circular_prerequisites_are_refused(minimal_set) -> None:  # type: ignore[no-untyped-def]
    table = CostTable.model_validate(
        {"leaves": {"1.2": {"requires": ["2.1"]}, "2.1": {"requires": ["1.2"]}}}
    )
    with pytest.raises(CostTableError, match="circle"):
        table.check_against(minimal_set)


def test_locked_and_prerequisite_leaves_shape_the_plan(minimal_set, minimal_file) -> None:  # type: ignore[no-untyped-def]
    """A locked leaf is left out of the plan; a prerequisite comes before what needs it."""
    from cchc_score.model.ranking import Entry

    sub = minimal_file.submission
    peers = [
        Entry(
            unit="P",
            block="district",
            year=2021,
            index=Decimal(60),
            total=Decimal(12),
            total_max=Decimal(20),
        )
    ]
    free = simulate(minimal_set, sub, peers=peers, objective=TargetRank(1))
    assert free.plan is not None
    first = next(s.leaf_id for s in free.plan.steps if s.leaf_id not in ("2.1", "1.1.1"))
    costs = CostTable.model_validate(
        {"leaves": {first: {"locked": True}, "2.1": {"per_point": 1, "requires": ["1.1.1"]}}}
    )
    held = simulate(minimal_set, sub, peers=peers, costs=costs, objective=TargetRank(1))
    assert held.plan is not None
    leaves = [s.leaf_id for s in held.plan.steps]
    assert first not in leaves
    if "2.1" in leaves:
        assert "1.1.1" in leaves and leaves.index("1.1.1") < leaves.index("2.1")


def test_demo_shows_di_linh_from_eighth_to_third_with_odds() -> None:
    """The demo brings Di Linh from 8th to 3rd in 2021 with the cheapest plan, in working days,
    and gives the odds of holding 3rd when the other districts move."""
    code, out, _ = run("demo", "--lang", "en")
    assert code == 0
    assert "rank 8 → 3, the cheapest plan" in out
    assert "working days" in out
    assert "Proven optimal: yes" in out
    assert "Chance of rank ≤ 3 as the other units move" in out


def test_demo_odds_rows_say_which_plan_they_are() -> None:
    """Each row of the odds table names what it is: no change, the chosen plan, the cheapest
    plan reaching a given rank (with its cost), so 99.8 % for a rank-2 plan reads as the
    safety of aiming higher, not as a contradiction. The plan of no change shows once."""
    code, out, _ = run("demo", "--lang", "en")
    assert code == 0
    assert "no change (as now)" in out
    assert "the chosen plan (rank 3)" in out
    assert "cheapest plan reaching rank 2 (" in out and "working days)" in out
    assert "reaching rank 8" not in out
    code, out, _ = run("demo")
    assert "phương án chi phí thấp nhất đạt hạng 2 (" in out
    assert "│ hạng 2 " not in out


def test_proving_a_cut_claim_reads_as_appraised_to_claimed_points() -> None:
    """Di Linh's 1.5 was cut by the appraisers from 1 to 0.75: the plan step says appraised
    0.75 → claimed 1.00 points, not '1 → 1'."""
    code, out, _ = run("demo", "--lang", "en")
    assert code == 0
    assert "1 → 1" not in out
    flat = " ".join(out.replace("│", " ").split())
    assert "appraised 0.75 → claimed 1.00 pts" in flat


def test_di_linh_peers_folder_excludes_the_unit_itself() -> None:
    """Given the folder of all twelve districts, the unit's own file is left out: 11 peers."""
    code, out, _ = run(
        "simulate",
        str(DI_LINH / "2021" / "di_linh.yaml"),
        "--peers",
        str(DI_LINH / "2021"),
        "--costs",
        str(DI_LINH / "costs.yaml"),
        "--target-rank",
        "3",
        "--json",
    )
    assert code == 0
    data = json.loads(out)
    assert data["peers"] == 11 and data["rank"] == 8
    assert data["plan"]["new_rank"] <= 3


def test_target_band_plan_reaches_the_band(peers_csv: Path) -> None:
    """--target-band kha gives the cheapest plan whose re-scored index earns 'Khá'."""
    code, out, _ = run(*minimal("--peers", str(peers_csv), "--target-band", "kha", "--json"))
    assert code == 0
    plan = json.loads(out)["plan"]
    assert plan["objective"] == "target_band"
    assert plan["new_band"]["code"] == "kha"
    assert Decimal(plan["new_index"]) >= 65


def test_unknown_band_lists_the_bands(peers_csv: Path) -> None:
    code, _, err = run(*minimal("--peers", str(peers_csv), "--target-band", "xuat_sac"))
    assert code == 2
    assert "xuat_sac" in err and "tot" in err


def test_peers_from_a_yaml_table_with_a_default_spread(tmp_path: Path) -> None:
    """A YAML peers table: a default sd for every peer, which a peer's own sd overrides."""
    peers = tmp_path / "peers.yaml"
    peers.write_text(
        "sd: 1\npeers:\n  - {unit: A, total: 11}\n  - {unit: B, index: 70, sd: 0}\n",
        encoding="utf-8",
    )
    code, out, _ = run(*minimal("--peers", str(peers), "--target-rank", "1", "--json"))
    assert code == 0
    data = json.loads(out)
    assert data["peers"] == 2
    assert data["odds"]["now"] == 0  # B (70, no spread) is sure to stay ahead of 47.45
    assert data["plan"]["new_rank"] == 1
    assert data["odds"]["plans"]["plan"] > 0.99  # A (55 ± 1) is far behind the plan's index


def test_survey_leaves_change_only_when_the_cost_table_says_so(minimal_set, minimal_file) -> None:  # type: ignore[no-untyped-def]
    """By default the survey leaf is never in a plan; with survey_actionable its outcomes are
    options, and a plan using one is scored with the new answer distribution."""
    from cchc_score.model.ranking import Entry

    sub = minimal_file.submission
    peers = [
        Entry(
            unit="P",
            block="district",
            year=2021,
            index=Decimal(100),
            total=Decimal(20),
            total_max=Decimal(20),
        )
    ]
    fixed = simulate(minimal_set, sub, peers=peers, objective=Budget(Decimal(50)))
    assert fixed.plan is not None
    assert "2.2" not in {s.leaf_id for s in fixed.plan.steps}
    free = simulate(
        minimal_set,
        sub,
        peers=peers,
        objective=Budget(Decimal(50)),
        costs=CostTable(survey_actionable=True),
    )
    assert free.plan is not None
    assert "2.2" in {s.leaf_id for s in free.plan.steps}
    assert free.plan.new_total > fixed.plan.new_total


def test_a_folder_gives_every_unit_its_plan_against_the_others() -> None:
    """simulate FOLDER: one row per district, ranked as the league table ranks them; every unit
    below 3rd gets a plan that reaches 3rd, those above need no change."""
    code, out, _ = run(
        "simulate",
        str(DI_LINH / "2021"),
        "--costs",
        str(DI_LINH / "costs.yaml"),
        "--target-rank",
        "3",
        "--json",
    )
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 12
    assert [r["rank"] for r in rows] == sorted(r["rank"] for r in rows)
    di_linh = next(r for r in rows if r["unit_id"] == "di_linh")
    assert di_linh["rank"] == 8 and di_linh["of"] == 12
    for row in rows:
        assert row["plan"]["new_rank"] <= 3
        if row["rank"] <= 3:
            assert row["plan"]["steps"] == []
    code, text, _ = run("simulate", str(DI_LINH / "2021"), "--target-rank", "3", "--lang", "en")
    assert code == 0 and "Each unit's cheapest plan" in text and "8/12" in text


def test_one_file_without_peers_is_a_usage_error() -> None:
    code, _, err = run(*minimal())
    assert code == 2
    assert "--peers" in err


def test_a_pack_ships_default_costs_beside_its_pack_yaml(peers_csv: Path, tmp_path: Path) -> None:
    """Without --costs, the costs.yaml beside the set's pack.yaml prices the plan."""
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text(
        (MINIMAL / "criteria.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (pack / "costs.yaml").write_text(
        "unit_vi: triệu đồng\nunit_en: million VND\ndefault: {per_point: 10}\n", encoding="utf-8"
    )
    code, out, _ = run(
        "simulate",
        str(MINIMAL / "assessment.yaml"),
        "--set",
        str(pack / "pack.yaml"),
        "--peers",
        str(peers_csv),
        "--target-rank",
        "3",
        "--json",
    )
    assert code == 0
    data = json.loads(out)
    assert data["cost_unit_en"] == "million VND"
    plan = data["plan"]
    gained = sum(Decimal(s["to_points"]) - Decimal(s["from_points"]) for s in plan["steps"])
    assert Decimal(plan["total_cost"]) == 10 * gained


def test_an_outcome_the_rule_cannot_take_names_leaf_and_value(
    peers_csv: Path, tmp_path: Path
) -> None:
    costs = tmp_path / "costs.yaml"
    costs.write_text('leaves:\n  "1.1.1": {outcomes: [{to: someday, cost: 2}]}\n', "utf-8")
    code, _, err = run(*minimal("--peers", str(peers_csv), "--costs", str(costs)))
    assert code == 2
    assert "1.1.1" in err and "someday" in err


def test_a_bad_number_in_the_peers_table_names_its_row(tmp_path: Path) -> None:
    peers = tmp_path / "peers.csv"
    peers.write_text("unit,total\nA,11\nB,twelve\n", encoding="utf-8")
    code, _, err = run_en(*minimal("--peers", str(peers)))
    assert code == 2
    assert "peers.csv, line 3, column total" in err and "twelve" in err


def test_unknown_csv_column_and_missing_peers_are_errors(
    peers_csv: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cost table CSV with a column it does not know, and a peers path that does not exist,
    are refused with the file named, rather than read as empty."""
    monkeypatch.setenv("CCHC_SCORE_LANG", "en")  # the errors asserted are the English ones
    costs = tmp_path / "costs.csv"
    costs.write_text("leaf,days\n1.2,4\n", encoding="utf-8")
    code, _, err = run(*minimal("--peers", str(peers_csv), "--costs", str(costs)))
    assert code == 2 and "costs.csv" in err and "'days'" in err
    code, _, err = run(*minimal("--peers", str(tmp_path / "nowhere")))
    assert code == 2 and "nowhere" in err and "not found" in err


def test_the_unit_in_its_own_peers_table_is_left_out(tmp_path: Path) -> None:
    """A published table that lists the unit itself (by name) does not rank it against itself."""
    peers = tmp_path / "peers.csv"
    peers.write_text("unit,total\nHuyện Mẫu,9.49\nA,11\n", encoding="utf-8")
    code, out, _ = run(*minimal("--peers", str(peers), "--json"))
    assert code == 0
    data = json.loads(out)
    assert (data["peers"], data["rank"]) == (1, 2)


def test_a_price_for_an_outcome_the_leaf_cannot_reach_is_refused(tmp_path: Path) -> None:
    """Di Linh's 1.3.1 scores 0, 0.5 or 1: a price for 0.3 points is an error naming the file,
    the leaf, the value and the outcomes the leaf can reach, instead of the leaf silently
    dropping out of the plan."""
    text = (DI_LINH / "costs.yaml").read_text(encoding="utf-8")
    costs = tmp_path / "costs.yaml"
    costs.write_text(text.replace("{points: 1, cost: 12}", "{points: 0.3, cost: 12}"), "utf-8")
    unit = DI_LINH / "2021" / "di_linh.yaml"
    code, _, err = run_en(
        "simulate",
        str(unit),
        "--peers",
        str(unit.parent),
        "--costs",
        str(costs),
        "--target-rank",
        "3",
    )
    assert code == 2
    assert "costs.yaml" in err
    assert "leaf 1.3.1 has no outcome worth 0.3 points (outcomes: 0.5, 1)" in err


def test_a_price_for_an_outcome_already_passed_is_not_an_error(minimal_set, minimal_file) -> None:  # type: ignore[no-untyped-def]
    """1.1.2 is already true (1 point): pricing that outcome is harmless, the plan is made."""
    sub = minimal_file.submission
    costs = CostTable.model_validate(
        {"leaves": {"1.1.2": {"outcomes": [{"points": 1, "cost": 2}]}}}
    )
    sim = simulate(minimal_set, sub, costs=costs, objective=Budget(Decimal(3)))
    assert sim.plan is not None
    assert "1.1.2" not in {s.leaf_id for s in sim.plan.steps}


def test_an_evidence_value_between_the_rule_steps_is_offered_at_its_price(
    minimal_set, minimal_file
) -> None:  # type: ignore[no-untyped-def]
    """2.1 steps by 1 %; a price for 20.5 % is an outcome of its own, not ignored."""
    sub = minimal_file.submission
    costs = CostTable.model_validate(
        {"default": None, "leaves": {"2.1": {"outcomes": [{"to": "20.5", "cost": 1}]}}}
    )
    sim = simulate(minimal_set, sub, costs=costs, objective=Budget(Decimal(1)))
    assert sim.plan is not None
    [step] = sim.plan.steps
    assert (step.leaf_id, step.to_value, step.to_points) == ("2.1", "20.5%", Decimal("1.64"))


def test_a_survey_price_the_unit_cannot_reach_is_refused(minimal_set, minimal_file) -> None:  # type: ignore[no-untyped-def]
    """A survey leaf's outcomes depend on the unit's answers: a price by points none of them
    earns is refused once the unit is known."""
    sub = minimal_file.submission
    costs = CostTable.model_validate(
        {"leaves": {"2.2": {"actionable": True, "outcomes": [{"points": "5.999", "cost": 1}]}}}
    )
    with pytest.raises(CostTableError, match=r"leaf 2\.2 has no outcome worth 5\.999 points"):
        simulate(minimal_set, sub, costs=costs, objective=Budget(Decimal(1)))


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("unit,total\nA,11\nB,-5\n", "line 3, column total: '-5' is negative"),
        ("unit,total\nA,500\n", "line 2, column total: total '500' is above the maximum 20"),
        ("unit,index\nA,101\n", "line 2, column index: index 101 is above 100"),
        ("unit,total,sd\nA,11,-1\n", "line 2, column sd: '-1' is negative"),
        ("unit,total,unrounded_total\nA,11,21\n", "line 2, column unrounded_total"),
    ],
)
def test_peer_figures_out_of_range_are_refused_like_rank_refuses_them(
    tmp_path: Path, text: str, said: str
) -> None:
    """A peers table is checked as a published table is by ``rank``: no negative points, no
    total above the set's maximum (20 for the minimal set), no index above 100; the error
    names the line and the column."""
    peers = tmp_path / "peers.csv"
    peers.write_text(text, encoding="utf-8")
    code, _, err = run_en(*minimal("--peers", str(peers)))
    assert code == 2
    assert said in err


def test_peer_errors_in_yaml_name_the_line(tmp_path: Path) -> None:
    peers = tmp_path / "peers.yaml"
    peers.write_text(
        "sd: 1\npeers:\n  - {unit: A, total: 11}\n  - {unit: B, total: 500}\n", "utf-8"
    )
    code, _, err = run_en(*minimal("--peers", str(peers)))
    assert code == 2
    assert "peers.yaml, line 4, column total" in err and "500" in err
    peers.write_text("- {unit: A, total: 11}\n- {unit: B, total: 12, sd: -2}\n", "utf-8")
    code, _, err = run_en(*minimal("--peers", str(peers)))
    assert code == 2
    assert "peers.yaml, line 2" in err and "-2" in err


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("leaf,per_point\n1.2,4\n1.3,-3\n", "neg.csv, line 3, column per_point"),
        ("leaf,points,cost\n1.2,1,-3\n", "neg.csv, line 2, column cost"),
        ("Leaf,Cost\n1.2,x\n", "neg.csv, line 2, column Cost"),
        ("leaf;per_point\n1.2;4;5\n", "neg.csv, line 2: 3 cells, but the header names 2 columns"),
        ("leaf,per_point\n1.2,4\n7.7,1\n", "neg.csv, line 3, leaf 7.7"),
    ],
)
def test_cost_csv_errors_name_the_line_and_column(
    peers_csv: Path, tmp_path: Path, text: str, said: str
) -> None:
    """Errors in a cost table CSV name the line (and the column, as its header writes it) a
    person sees in a spreadsheet, not a path inside the data."""
    costs = tmp_path / "neg.csv"
    costs.write_text(text, encoding="utf-8")
    code, _, err = run_en(*minimal("--peers", str(peers_csv), "--costs", str(costs)))
    assert code == 2
    assert said in err
    assert "leaves." not in err


def test_cost_yaml_errors_name_the_leaf_line(peers_csv: Path, tmp_path: Path) -> None:
    costs = tmp_path / "costs.yaml"
    costs.write_text(
        'unit_en: days\nleaves:\n  "1.2": {per_point: 3}\n  "7.7": {per_point: 2}\n', "utf-8"
    )
    code, _, err = run_en(*minimal("--peers", str(peers_csv), "--costs", str(costs)))
    assert code == 2
    assert "costs.yaml, line 4, leaf 7.7" in err


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    """A folder holding a criteria set beside two assessments (as examples/minimal does)."""
    folder = tmp_path / "units"
    folder.mkdir()
    text = (MINIMAL / "assessment.yaml").read_text(encoding="utf-8")
    (folder / "assessment.yaml").write_text(text, encoding="utf-8")
    other = text.replace("unit: Huyện Mẫu", "unit: Huyện Khác").replace("huyen_mau", "huyen_khac")
    (folder / "other.yaml").write_text(other, encoding="utf-8")
    (folder / "criteria.yaml").write_text(
        (MINIMAL / "criteria.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return folder


def test_a_file_that_is_no_assessment_is_skipped_with_a_note(mixed_folder: Path) -> None:
    """Like rank, simulate skips a file in a folder that is not an assessment, naming it in
    one line on stderr, whether the folder is the peers or the units to plan."""
    setpath = str(MINIMAL / "criteria.yaml")
    own = mixed_folder / "assessment.yaml"
    code, out, err = run_en(
        "simulate", str(own), "--peers", str(mixed_folder), "--set", setpath, "--json"
    )
    assert code == 0, err
    assert json.loads(out)["peers"] == 1
    assert "skipped: " in err and "criteria.yaml" in err
    code, out, err = run_en("simulate", str(mixed_folder), "--set", setpath, "--json")
    assert code == 0, err
    assert {p["unit"] for p in json.loads(out)} == {"Huyện Mẫu", "Huyện Khác"}
    assert "skipped: " in err and "criteria.yaml" in err and len(err.splitlines()) == 1


def test_peers_under_another_criteria_set_are_refused() -> None:
    """A unit of the 20-point minimal set is not ranked 13th among Di Linh's 100-point peers:
    one line names both sets, as rank refuses a block mixing sets."""
    code, out, err = run(
        *minimal("--peers", str(DI_LINH / "2021"), "--target-rank", "1", "--lang", "en")
    )
    assert code == 2
    assert out == ""
    [line] = err.splitlines()
    assert "mixes criteria sets example_minimal 1.0" in line
    assert "lam_dong_district_2021" in line


def test_a_peers_table_naming_another_set_is_refused(tmp_path: Path) -> None:
    peers = tmp_path / "peers.csv"
    peers.write_text(
        "unit,total,criteria_set,set_version\nA,70,lam_dong_district_2021,2021.1\n", "utf-8"
    )
    code, _, err = run(*minimal("--peers", str(peers)))
    assert code == 2
    assert "trộn lẫn các bộ chỉ số" in err and "lam_dong_district_2021" in err


def test_simulate_refuses_peers_of_another_set_in_code(minimal_set, minimal_file) -> None:  # type: ignore[no-untyped-def]
    from cchc_score.errors import CchcScoreError
    from cchc_score.model.ranking import Entry

    sub = minimal_file.submission
    peer = Entry(
        unit="P",
        block="district",
        year=2021,
        criteria_set="vn_par_province_2022",
        set_version="2022",
        index=Decimal(80),
        total=Decimal(80),
        total_max=Decimal(100),
    )
    with pytest.raises(CchcScoreError) as caught:
        simulate(minimal_set, sub, peers=[peer], objective=TargetRank(1))
    assert caught.value.code == "mixed_criteria_sets"


@pytest.mark.parametrize("option", ["--budget", "--peer-trend", "--peer-sd"])
@pytest.mark.parametrize("value", ["1e999999999", "-1e30", "1e-999999", "nan"])
def test_numbers_beyond_reason_in_options_are_refused(
    peers_csv: Path, option: str, value: str
) -> None:
    """A number no cost or index could be is refused when the command line is read (one line,
    exit 2, naming the option and the value), as numbers in input files are."""
    code, out, err = run(*minimal("--peers", str(peers_csv), option, value))
    assert code == 2
    assert out == ""
    [line] = err.splitlines()
    assert option in line and repr(value) in line


def test_simulate_refuses_a_budget_beyond_reason_in_code(minimal_set, minimal_file) -> None:  # type: ignore[no-untyped-def]
    from cchc_score.simulate import SimulationError

    sub = minimal_file.submission
    with pytest.raises(SimulationError, match="too large"):
        simulate(minimal_set, sub, objective=Budget(Decimal("1e999999999")))


def test_prices_by_points_accepted_exactly_at_the_rules_outcomes(minimal_set) -> None:  # type: ignore[no-untyped-def]
    """For every leaf of the minimal set but the survey one, a price at each outcome's points
    is accepted and a price halfway between two outcomes is refused, naming the leaf."""
    rules = minimal_set.rules
    for leaf in minimal_set.leaves():
        if leaf.source == "survey":
            continue
        points = sorted(
            {rules[leaf.id].score(None), *(o.points for o in rules[leaf.id].outcomes(None))}
        )
        priced = [{"points": p, "cost": 1} for p in points]
        CostTable.model_validate({"leaves": {leaf.id: {"outcomes": priced}}}).check_against(
            minimal_set
        )
        for low, high in itertools.pairwise(points):
            halfway = CostTable.model_validate(
                {"leaves": {leaf.id: {"outcomes": [{"points": (low + high) / 2, "cost": 1}]}}}
            )
            with pytest.raises(CostTableError, match=f"leaf {leaf.id} has no outcome worth"):
                halfway.check_against(minimal_set)


def test_a_lessened_penalty_is_priced_for_a_unit_below_zero(minimal_set, minimal_file) -> None:  # type: ignore[no-untyped-def]
    """3.1 (bonus and penalty, floor −2, steps of 0.25): a unit at −1 can reach −0.5, so a
    price for −0.5 is used; a price for −0.6, which no step reaches, is refused."""
    from cchc_score.model.evidence import LeafEvidence

    sub = minimal_file.submission

    assessment = sub.assessment
    leaves = dict(assessment.leaves)
    leaves["3.1"] = LeafEvidence(value=[{"points": -1, "reason": "Hai công chức bị kỷ luật"}])
    penalised = assessment.model_copy(update={"leaves": leaves})

    def table(points: str) -> CostTable:
        return CostTable.model_validate(
            {"default": None, "leaves": {"3.1": {"outcomes": [{"points": points, "cost": 1}]}}}
        )

    sim = simulate(
        minimal_set,
        sub.model_copy(update={"assessment": penalised}),
        costs=table("-0.5"),
        objective=Budget(Decimal(1)),
    )
    assert sim.plan is not None
    assert [(s.leaf_id, s.to_points) for s in sim.plan.steps] == [("3.1", Decimal("-0.5"))]
    with pytest.raises(CostTableError, match=r"leaf 3\.1 has no outcome worth -0\.6 points"):
        simulate(
            minimal_set,
            sub.model_copy(update={"assessment": penalised}),
            costs=table("-0.6"),
            objective=Budget(Decimal(1)),
        )


def test_a_plan_is_applied_from_its_json_evidence_values(tmp_path: Path) -> None:
    """Each step's to_evidence, typed into the assessment as its value (the appraisers'
    adjustment of that leaf dropped), scores exactly the plan's new total; to_value stays the
    outcome in words."""
    import yaml

    source = DI_LINH / "2021" / "di_linh.yaml"
    code, out, _ = run(*di_linh(DI_LINH / "2021", "--json"))
    assert code == 0
    plan = json.loads(out)["plan"]
    doc = yaml.safe_load(source.read_text(encoding="utf-8"))
    words = {s["leaf_id"]: s["to_value"] for s in plan["steps"]}
    assert words["3.5"] != "plan_and_proposal"
    for step in plan["steps"]:
        leaf = doc["leaves"].setdefault(step["leaf_id"], {})
        leaf["value"] = step["to_evidence"]
        leaf.pop("self_score", None)
        for rnd in doc["appraisal"]["rounds"]:
            rnd["adjustments"].pop(step["leaf_id"], None)
    assert {s["leaf_id"]: s["to_evidence"] for s in plan["steps"]}["3.5"] == "plan_and_proposal"
    improved = tmp_path / "improved.json"
    improved.write_text(json.dumps(doc, default=str), encoding="utf-8")
    code, out, _ = run("score", str(improved), "--json")
    assert code == 0
    assert json.loads(out)["total"] == plan["new_total"]


@pytest.mark.parametrize(
    ("name", "text", "default"),
    [
        ("costs.csv", "leaf,per_point,unit\n2.1,3,ngày công\n", None),
        ("costs.yaml", "unit_vi: ngày công\nleaves: {'2.1': {per_point: 3}}\n", None),
        ("costs.csv", "leaf,per_point,unit\n2.1,3,ngày công\n*,5,\n", Decimal(5)),
        ("costs.yaml", "default: {per_point: 5}\nleaves: {'2.1': {per_point: 3}}\n", Decimal(5)),
    ],
)
def test_a_cost_table_file_prices_only_the_leaves_it_names_unless_it_sets_a_default(
    minimal_set, minimal_file, tmp_path: Path, name: str, text: str, default: Decimal | None
) -> None:  # type: ignore[no-untyped-def]
    """A table in working days that names only 2.1 gives no plan step priced at '1 per point'
    for another leaf: unnamed leaves are held fixed (status not_priced), unless the table sets a
    default (YAML ``default``, CSV row ``*``), which then prices them."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    costs = load_costs(path)
    sub = minimal_file.submission
    sim = simulate(minimal_set, sub, costs=costs, objective=Budget(Decimal(100)))
    assert sim.plan is not None
    others = [s for s in sim.plan.steps if s.leaf_id != "2.1"]
    fixed = {n.leaf_id: n.status for n in sim.fixed_leaves}
    if default is None:
        assert others == [] and fixed["1.2"] == "not_priced"
    else:
        assert others and all(s.cost == default * s.gain for s in others)
        assert "1.2" not in fixed


@pytest.mark.parametrize(
    ("table", "bought"),
    [
        (None, False),
        ({"default": {"per_point": 1}}, False),
        ({"leaves": {"3.1": {"per_point": 1}}}, True),
        ({"default": {"per_point": 1}, "leaves": {"3.1": {"actionable": True}}}, True),
    ],
)
def test_bonus_leaves_are_held_fixed_unless_the_cost_table_prices_them(
    minimal_set, minimal_file, table: dict[str, object] | None, bought: bool
) -> None:  # type: ignore[no-untyped-def]
    """A commendation is earned, not bought: with no table or only a default price, the bonus
    leaf 3.1 never enters a plan and is listed as held fixed (bonus); priced by name, or marked
    actionable (then priced by the default), it may."""
    sub = minimal_file.submission
    costs = CostTable.model_validate(table) if table is not None else None
    sim = simulate(minimal_set, sub, costs=costs, objective=Budget(Decimal(100)))
    assert sim.plan is not None
    in_plan = "3.1" in {s.leaf_id for s in sim.plan.steps}
    held = {n.leaf_id: n.status for n in sim.fixed_leaves}
    assert in_plan == bought
    assert (held.get("3.1") == "bonus") == (not bought)
    assert held.get("2.2") == "survey"


def test_the_report_says_which_leaves_were_held_fixed_and_why(
    peers_csv: Path, tmp_path: Path
) -> None:
    """Under the plan, the terminal report counts and names the leaves no plan could change,
    grouped by reason (locked, not priced, survey, bonus), in either language."""
    table = tmp_path / "costs.csv"
    table.write_text("leaf,per_point,locked\n2.1,2,\n1.2,,true\n", encoding="utf-8")
    code, out, _ = run(
        *minimal("--peers", str(peers_csv), "--costs", str(table), "--budget", "9", "--lang", "en")
    )
    assert code == 0
    flat = " ".join(out.split())
    line = flat[flat.index("Held fixed, left out of every plan") :].split("Least cost")[0]
    assert "locked by the cost table: 1 (1.2)" in line
    assert "survey: 1 (2.2)" in line and "bonus/penalty: 1 (3.1)" in line
    assert "not priced by the cost table: " in line and "1.3" in line
    code, out, _ = run(*minimal("--peers", str(peers_csv), "--costs", str(table), "--budget", "9"))
    flat = " ".join(out.split())
    assert "Giữ nguyên, không đưa vào phương án" in flat and "điều tra xã hội học: 1 (2.2)" in flat


DI_LINH_PEERS = [
    ("bao_loc", "90.63", "0"),
    ("da_lat", "90.52", "0"),
    ("don_duong", "86.79", "0.5"),
    ("duc_trong", "85.94", "1.0"),
    ("lam_ha", "85.80", "0"),
    ("lac_duong", "85.06", "0.3"),
    ("bao_lam", "84.55", "0"),
    ("cat_tien", "81.68", "0"),
]


def _peers_table(path: Path, shift: Decimal = Decimal(0), expected: bool = False) -> Path:
    """Di Linh's peers as a totals table; ``shift`` (and each one's expected change when
    ``expected``) added to every total, or else written as the expected_change column."""
    rows = ["unit,unit_id,total,expected_change"]
    for uid, total, change in DI_LINH_PEERS:
        moved = Decimal(total) + shift + (Decimal(change) if expected else 0)
        rows.append(f"{uid},{uid},{moved},{0 if expected else change}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _di_linh_plan(peers: Path, *extra: str) -> dict[str, object]:
    code, out, err = run(*di_linh(peers, "--alternatives", "0", "--json", *extra))
    assert code == 0, err
    plan = json.loads(out)["plan"]
    assert isinstance(plan, dict)
    return plan


@pytest.mark.parametrize(
    ("options", "shift", "expected"),
    [
        (("--margin", "1"), Decimal(1), False),
        (("--against", "expected"), Decimal(0), True),
        (("--against", "expected", "--margin", "0.5"), Decimal("0.5"), True),
    ],
)
def test_a_safer_target_costs_what_the_plain_plan_costs_against_the_moved_peers(
    tmp_path: Path, options: tuple[str, ...], shift: Decimal, expected: bool
) -> None:
    """Planning rank 3 with a margin M, or against the expected indexes, costs exactly what the
    plain plan costs against peers whose totals were moved by M (and their expected change); it
    costs more than the plain plan, says what it was planned against, and is proven optimal."""
    given = _peers_table(tmp_path / "peers.csv")
    moved = _peers_table(tmp_path / "moved.csv", shift, expected)
    safer = _di_linh_plan(given, *options)
    plain = _di_linh_plan(given)
    reference = _di_linh_plan(moved)
    assert Decimal(str(safer["total_cost"])) == Decimal(str(reference["total_cost"]))
    assert Decimal(str(safer["total_cost"])) > Decimal(str(plain["total_cost"]))
    assert safer["proven_optimal"] is True
    assert safer["against"] == ("expected" if expected else "current")
    assert Decimal(str(safer["margin"])) == shift
    assert Decimal(str(safer["new_index"])) >= Decimal(str(safer["target_index"]))
    assert plain["against"] == "current" and plain["target_index"] is None


def test_a_margin_needs_a_target_rank_and_is_stated_under_the_plan(tmp_path: Path) -> None:
    given = _peers_table(tmp_path / "peers.csv")
    code, _, err = run(*minimal("--peers", str(given), "--budget", "3", "--margin", "1"))
    assert code == 2 and "--target-rank" in err
    code, out, _ = run(*di_linh(given, "--margin", "1"))
    assert code == 0
    flat = " ".join(out.split())
    assert "Lập so với chỉ số hiện tại của các đơn vị khác + 1 điểm chỉ số an toàn" in flat


def test_the_report_shows_long_starts_claims_and_gains_unambiguously() -> None:
    """The plan table shows a long starting value in full (not '…'); the frontier and the
    alternatives write a proved claim as the plan does ('1.5: thẩm định 0,75 → kê khai 1,00
    điểm'); both the opportunities' and the plan's gains are what the total gains ("Điểm
    tăng"), so no gain is named after the leaf."""
    args = di_linh(DI_LINH / "2021", "--alternatives", "1")
    result = CliRunner().invoke(main, args, env={"COLUMNS": "400"})
    assert result.exit_code == 0
    out = result.stdout
    assert "Chỉ có kế hoạch rà soát → Có kế hoạch và phương án đơn giản hóa" in out
    assert "… →" not in out
    frontier = out[out.index("Chi phí tối thiểu cho mỗi hạng") :]
    assert "1.5: thẩm định 0,75 → kê khai 1,00 điểm" in frontier
    assert "7.5: thẩm định 0,75 → kê khai 1,50 điểm" in frontier
    assert "1.5 → 1," not in frontier and "→ chứng minh mức đã kê khai" not in frontier
    assert "Điểm tăng" in out and "Tiêu chí tăng" not in out and "Tổng tăng" not in out
    english = CliRunner().invoke(main, [*args, "--lang", "en"], env={"COLUMNS": "400"}).stdout
    assert "Points gained" in english and "Leaf gain" not in english
    assert "1.5: appraised 0.75 → claimed 1.00 pts" in english


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_o_writes_the_improved_assessment_which_scores_the_plans_total(
    tmp_path: Path, suffix: str
) -> None:
    """-o writes the unit's assessment with the plan applied; `score` gives it the plan's new
    total. The input is never overwritten, and an existing file only with --force."""
    source = DI_LINH / "2021" / "di_linh.yaml"
    before = source.read_bytes()
    improved = tmp_path / f"di_linh_2022{suffix}"
    code, out, err = run_en(*di_linh(DI_LINH / "2021", "--json", "-o", str(improved)))
    assert code == 0, err
    plan = json.loads(out)["plan"]
    code, scored, _ = run_en("score", str(improved), "--json")
    assert code == 0
    assert json.loads(scored)["total"] == plan["new_total"] == "86.79"
    assert source.read_bytes() == before
    code, _, err = run_en(*di_linh(DI_LINH / "2021", "-o", str(improved)))
    assert code == 2 and str(improved) in err
    assert run_en(*di_linh(DI_LINH / "2021", "-o", str(improved), "--force"))[0] == 0
    code, _, err = run_en(*di_linh(DI_LINH / "2021", "-o", str(source), "--force"))
    assert code == 2 and "input" in err
    assert source.read_bytes() == before


def test_a_unit_given_twice_in_the_folder_is_skipped_as_rank_skips_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An improved copy written into the folder (``simulate -o``) is the same unit: it is named
    on stderr and skipped, so every rank is still out of 12 and Di Linh is listed once."""
    monkeypatch.setenv("CCHC_SCORE_LANG", "en")  # the errors asserted are the English ones
    folder = tmp_path / "2021"
    folder.mkdir()
    for file in (DI_LINH / "2021").glob("*.yaml"):
        (folder / file.name).write_bytes(file.read_bytes())
    (folder / "di_linh_improved.yaml").write_bytes((DI_LINH / "2021" / "di_linh.yaml").read_bytes())
    code, out, err = run("simulate", str(folder), "--target-rank", "3", "--json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 12 and {r["of"] for r in rows} == {12}
    assert [r["unit_id"] for r in rows].count("di_linh") == 1
    assert "di_linh_improved.yaml" in err and "already given in" in err


def test_a_unit_twice_in_the_peers_table_is_refused_naming_both_lines(tmp_path: Path) -> None:
    """``A,90`` and ``A,91`` are one unit: counted twice it would cost the unit a rank."""
    peers = tmp_path / "peers.csv"
    peers.write_text("unit,total\nA,11\nB,12\nA,12.5\n", encoding="utf-8")
    code, _, err = run_en(*minimal("--peers", str(peers), "--target-rank", "1"))
    assert code == 2
    assert "line 4" in err and "unit 'A'" in err and "already given in" in err
    assert f"{peers}:2" in err


def test_a_bad_cell_in_the_default_row_names_its_own_line_and_column(tmp_path: Path) -> None:
    """The ``*`` row is reported like any other row: its line and the bad cell's column."""
    costs = tmp_path / "costs.csv"
    costs.write_text("leaf,per_point\n1.1,2\n*,lots\n", encoding="utf-8")
    with pytest.raises(CchcScoreError) as caught:
        load_costs(costs)
    assert "line 3, column per_point" in str(caught.value)


@pytest.mark.parametrize(
    "extra",
    [
        ("--peers", str(DI_LINH / "2021")),
        ("--alternatives", "2"),
        ("--peer-sd", "1"),
        ("--peer-trend", "0.5"),
        ("--target-rank", "3", "--margin", "1"),
        ("--force",),
    ],
)
def test_a_folder_refuses_options_only_one_unit_can_use(extra: tuple[str, ...]) -> None:
    """Options a folder cannot use are refused by name, not silently ignored."""
    code, out, err = run("simulate", str(DI_LINH / "2021"), *extra)
    assert code == 2 and out == ""
    named = next(x for x in extra if x.startswith("-") and x != "--target-rank")
    assert named in err and "chỉ dùng cho tệp của một đơn vị" in err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "leaf,Per_Point\n1.1,2\n1.1,3\n",
            "line 3, column Per_Point: leaf 1.1: per_point is already given on line 2",
        ),
        (
            "leaf,cost,fixed\n1.1,2,\n1.1,,3\n",
            "line 3, column fixed: leaf 1.1: fixed is already given on line 2",
        ),
        ("", "prices nothing"),
        ("leaf,per_point\n", "prices nothing"),
        (
            "leaf,max_points\n1.1,-1\n",
            "line 2, column max_points: Input should be greater than or equal to 0",
        ),
    ],
)
def test_cost_csv_checks_name_the_line(tmp_path: Path, text: str, expected: str) -> None:
    """A leaf priced twice, a table pricing nothing and a negative maximum are refused."""
    costs = tmp_path / "costs.csv"
    costs.write_text(text, encoding="utf-8")
    with pytest.raises(CchcScoreError) as caught:
        load_costs(costs)
    assert expected in str(caught.value)


def test_a_target_rank_beyond_the_number_of_units_is_an_error() -> None:
    """Rank 13 of 12 districts is no goal: it is refused, not answered with "no change"."""
    code, out, err = run(*di_linh(DI_LINH / "2021")[:-1], "13")
    assert code == 2 and out == ""
    assert "hạng mục tiêu 13 vượt quá số đơn vị (12)" in err
    code, out, err = run("simulate", str(DI_LINH / "2021"), "--target-rank", "13", "--lang", "en")
    assert code == 2 and "target rank 13 is beyond the number of units (12)" in err


def test_a_cost_table_beside_the_peers_is_not_read_as_an_assessment(tmp_path: Path) -> None:
    """examples/di_linh keeps costs.yaml beside the years' folders: no "skipped" warning for it,
    in peers mode or folder mode."""
    code, _, err = run(*di_linh(DI_LINH))
    assert code == 0
    assert "costs.yaml" not in err
    folder = tmp_path / "2021"
    folder.mkdir()
    for file in (DI_LINH / "2021").glob("*.yaml"):
        (folder / file.name).write_bytes(file.read_bytes())
    (folder / "costs.yaml").write_bytes((DI_LINH / "costs.yaml").read_bytes())
    code, _, err = run("simulate", str(folder), "--costs", str(folder / "costs.yaml"))
    assert code == 0 and "costs.yaml" not in err


def test_a_folder_takes_force_to_replace_its_export(tmp_path: Path) -> None:
    """--force belongs to --export too: with it, a folder's existing export is replaced."""
    export = tmp_path / "plans.html"
    export.write_text("old", encoding="utf-8")
    code, _, err = run("simulate", str(DI_LINH / "2021"), "--export", str(export), "--force")
    assert code == 0, err
    assert export.read_text(encoding="utf-8") != "old"
