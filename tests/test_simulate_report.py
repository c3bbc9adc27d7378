"""The simulate report and the demo as a user reads them: alternatives set honestly against the
plan, a plan that only ties says whom it ties, costs in one precision, gains that add up to the
totals shown, the odds' assumptions, and what to do next with one's own file."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from cchc_score.app import open_context
from cchc_score.app.simulation import DEMO_PEER_SD, demo_simulation
from cchc_score.cli import main
from cchc_score.model.criteria import Band
from cchc_score.render.simulate import simulation_report
from cchc_score.render.simulate_choices import alternatives_table
from cchc_score.report import simulation_page, story_page
from cchc_score.simulate import Budget, Simulation, TargetBand, TargetRank, simulate
from cchc_score.simulate.figures import step_gains
from cchc_score.simulate.sentences import assumptions_text

from .conftest import EXAMPLES
from .simulate_strategies import Case, cases

DI_LINH = EXAMPLES / "di_linh"


def run(*args: str, width: int = 160) -> str:
    result = CliRunner().invoke(main, list(args), env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    return result.stdout


def di_linh(*extra: str, width: int = 160) -> str:
    file = str(DI_LINH / "2021" / "di_linh.yaml")
    costs = str(DI_LINH / "costs.yaml")
    return run(
        "simulate", file, "--peers", str(DI_LINH / "2021"), "--costs", costs, *extra, width=width
    )


def text_of(renderable: object, width: int = 200) -> str:
    console = Console(width=width, color_system=None, record=True)
    console.print(renderable)
    return console.export_text()


@pytest.fixture(scope="module")
def demo() -> Simulation:
    found = demo_simulation(open_context())
    assert found is not None
    return found


# --- alternatives against the plan ------------------------------------------------------------


def test_a_budget_plans_alternatives_are_never_shown_as_plus_a_negative_amount() -> None:
    """Di Linh with 40 working days: the plan buys rank 4 with the most points (39.56 days);
    cheaper plans reach rank 4 with fewer points. They used to read "+-4.5552 above the
    minimum"; now they say what they cost less than the chosen plan, with their new total."""
    text = di_linh("--budget", "40", "--lang", "en")
    alternatives = text[text.index("Alternative (rank ≤ 4)") :]
    assert "+-" not in text and "+−" not in text
    assert re.search(r"│\s+35\.00 │\s+−4\.56 │\s+86\.02 │\s+4 │", alternatives)
    assert "buys the most points the budget allows" in alternatives
    data = json.loads(di_linh("--budget", "40", "--json"))
    plan = data["plan"]
    for alt in data["alternatives"]:
        assert Decimal(alt["total_cost"]) <= 40  # an alternative stays within the budget
        if Decimal(alt["total_cost"]) < Decimal(plan["total_cost"]):
            assert Decimal(alt["new_total"]) <= Decimal(plan["new_total"])


def _with_bands(case: Case) -> Case:
    """The case's set with two bands a plan may aim at."""
    bands = (
        Band(code="hi", label_vi="Cao", label_en="High", min_index=Decimal(70)),
        Band(code="lo", label_vi="Thấp", label_en="Low", min_index=Decimal(0)),
    )
    case.cset = case.cset.model_copy(update={"bands": {"*": bands}})
    return case


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(), st.sampled_from(["rank", "band", "budget"]), st.integers(0, 16))
def test_alternatives_cost_no_less_than_the_plan_or_say_so(
    case: Case, kind: str, amount: int
) -> None:
    """Every alternative meets what the plan meets (its rank, or the band a band plan aims at)
    and costs at least as much as the plan; only
    a budget plan (the most points within the budget) may have a cheaper alternative, and then
    it stays within the budget, has no more points than the plan, and the report shows the
    difference with a minus sign (never "+-")."""
    case = _with_bands(case)
    objective = {
        "rank": TargetRank(max(1, len(case.peers))),
        "band": TargetBand("hi"),
        "budget": Budget(Decimal(amount) / 2),
    }[kind]
    sim = simulate(
        case.cset,
        case.submission,
        peers=case.peers,
        costs=case.costs,
        objective=objective,
        alternatives=3,
    )
    plan = sim.plan
    if plan is None:
        return
    table = text_of(alternatives_table(sim, "en"))
    assert "+-" not in table and "+−" not in table
    for alt in sim.alternatives:
        if not isinstance(objective, TargetBand):  # a band plan's alternatives meet the band
            assert alt.new_rank <= plan.new_rank
        if isinstance(objective, Budget):
            assert alt.total_cost <= objective.amount
            if alt.total_cost < plan.total_cost:
                assert alt.new_total <= plan.new_total
        else:
            assert alt.total_cost >= plan.total_cost
        if isinstance(objective, TargetBand):
            assert alt.new_band is not None and alt.new_band.code == "hi"
    shown = re.findall(r"│\s+\d+ │\s+[\d.]+ │\s+([+−]?[\d.]+) │", table)
    expected = [alt.total_cost - plan.total_cost for alt in sim.alternatives]
    assert len(shown) == len(expected)
    for text, difference in zip(shown, expected, strict=True):
        assert text.startswith("−") == (difference < 0) and text.startswith("+") == (difference > 0)


# --- a plan that only ties --------------------------------------------------------------------


def test_a_plan_that_only_ties_names_the_unit_it_ties(demo: Simulation) -> None:
    """Di Linh's plan to 3rd reaches 86.79, Đơn Dương's index: it shares 3rd. The terminal, the
    JSON and the HTML page say so and name Đơn Dương."""
    assert demo.plan is not None and demo.plan.ties_with == ("Huyện Đơn Dương",)
    text = text_of(simulation_report(demo, "vi"))
    flat = " ".join(text.split())
    assert "Phương án này chỉ bằng điểm với Huyện Đơn Dương ở hạng 3" in flat
    assert "Huyện Đơn Dương at rank 3" in " ".join(text_of(simulation_report(demo, "en")).split())
    data = json.loads(di_linh("--target-rank", "3", "--json"))
    assert data["plan"]["ties_with"] == ["Huyện Đơn Dương"]
    assert "chỉ bằng điểm với Huyện Đơn Dương ở hạng 3" in simulation_page(demo, "vi").html


def test_a_plan_ahead_of_everyone_at_its_rank_says_nothing_of_ties() -> None:
    """The plan to 1st reaches 90.64, above Bảo Lộc's 90.63: no tie, no note."""
    data = json.loads(di_linh("--target-rank", "1", "--json"))
    assert data["plan"]["new_total"] == "90.64" and data["plan"]["ties_with"] == []
    assert "chỉ bằng điểm" not in di_linh("--target-rank", "1")


# --- costs and gains as printed ---------------------------------------------------------------


def test_costs_print_with_one_precision_in_the_cost_tables_unit() -> None:
    """Every cost of the Di Linh report has two decimals (some costs are not whole days), so
    '20.1952' and '10' no longer stand beside '46.04'."""
    text = di_linh("--target-rank", "3", "--alternatives", "2", "--peer-sd", "1.5", "--lang", "en")
    assert "20.1952" not in text and "113.024" not in text and "0.0552" not in text
    assert "20.20 working days" in text and "Total cost: 46.04 working days" in text
    frontier = text[text.index("Least cost of each rank") :]
    costs = re.findall(r"^│\s+\d+ │\s+(\S+) │\s+\d+\.\d\d │", frontier, re.MULTILINE)
    assert len(costs) == 8 and all(re.fullmatch(r"\d+\.\d\d", c) for c in costs), costs


def test_each_steps_gain_is_the_change_of_the_total_it_reports(demo: Simulation) -> None:
    """The plan's last step (3.3.3, +0.0144 to the leaf) shows +0.02: what the total shown moved
    from 86.77 to 86.79. The gains shown add up to the plan's total gain."""
    assert demo.plan is not None
    text = text_of(simulation_report(demo, "en"), width=80)
    gains = [Decimal(g) for g in re.findall(r"Points gained: \+(\d+\.\d\d)", text)]
    totals = [Decimal(t) for t in re.findall(r"Total after: (\d+\.\d\d)", text)]
    steps = len(demo.plan.steps)
    gains, totals = gains[-steps:], totals[-steps:]  # the plan's, after the opportunities'
    before = [demo.plan.total_before, *totals[:-1]]
    assert gains == [after - b for after, b in zip(totals, before, strict=True)]
    assert gains[-1] == Decimal("0.02") and totals[-2:] == [Decimal("86.77"), Decimal("86.79")]
    assert sum(step_gains(demo.plan)) == demo.plan.new_total - demo.plan.total_before


# --- the demo's odds and next steps -----------------------------------------------------------


def test_the_demo_states_what_its_odds_assume_and_what_to_do_next() -> None:
    """The demo ends with the odds' assumption (the spread each other district is given, read
    from the odds model) and the commands from template to simulate for one's own file."""
    text = run("demo", width=100)
    flat = " ".join(text.split())
    assert "Giả định: 11 đơn vị khác: chỉ số dự kiến giữ nguyên, dao động khoảng ±1,50" in flat
    tail = flat[flat.index("Tiếp theo") :]
    commands = [
        "cchc-score template lam_dong_district_2021 -o don_vi_2022.xlsx",
        "cchc-score score don_vi_2022.xlsx",
        "cchc-score simulate don_vi_2022.xlsx --peers THƯ_MỤC --peers-year 2021 --target-rank 3",
    ]
    positions = [tail.index(c) for c in commands]
    assert positions == sorted(positions)
    english = " ".join(run("demo", "--lang", "en", width=100).split())
    assert "Assumed: 11 other units: index expected to stay where it is" in english
    assert "Next: your own unit" in english


def test_the_assumptions_come_from_the_odds_model(demo: Simulation) -> None:
    """Other spreads and trends read back as given, with how many units each applies to."""
    assert demo.odds is not None
    assert [(m.peers, m.sd) for m in demo.odds.assumptions] == [(11, DEMO_PEER_SD)]
    text = di_linh("--target-rank", "3", "--peer-sd", "2.5", "--peer-trend", "0.8", "--lang", "en")
    flat = " ".join(text.split())
    assert "11 other units: index expected to move by +0.80 index points, give or take 2.50" in flat
    assert assumptions_text(demo.odds, "vi").startswith("Giả định: 11 đơn vị khác")


def test_the_story_page_carries_the_tie_and_the_assumptions(demo: Simulation) -> None:
    from cchc_score.app.demo import demo_story

    html = story_page(demo_story(open_context()), demo, "vi").html
    assert "chỉ bằng điểm với Huyện Đơn Dương" in html
    assert "Giả định: 11 đơn vị khác" in html
