"""Simulator benchmarks, run on demand: ``python bench/bench_simulate.py [--quick]``.

1. Single unit: a full pack (the national provincial pack, 95 leaves, and synthetic sets of 90,
   200 and 400 leaves), 12 peers: the plan to a target rank and the frontier, for each of the
   13 units.
2. Province scale: 124 commune-level units, each planned against the 123 others.
3. Nation scale: about 3,300 units scored and ranked, one unit's plan, frontier, alternatives,
   opportunities and odds against the others, and a rank distribution among 10,000 peers.
4. Against a MILP (HiGHS through scipy, ``pip install .[bench]``): the same optimum on every
   instance (each unit, each rank above its own; first, third and the next rank up on the
   200- and 400-leaf sets), and the speed ratio. The planner's time
   includes re-scoring its plan with the engine; HiGHS's is the solver call alone. Skipped with
   a message when scipy is absent.

Times are CPU seconds of this process (``time.process_time``), so that other work on shared
cores inflates them less; a single-unit figure is the least of ``REPEATS`` runs. Other work
still slows this process (shared caches, frequency), so the run also times a fixed pure-Python
workload, the floor, at its start, and prints the single-unit and nation-scale figures as
multiples of it as well: ratios measured in the same run compare across runs on a loaded and a
quiet machine. The floor is timed again at the end, to show how much the load moved during the
run. Prints Markdown tables (the figures in
docs/benchmarks.md come from here).
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from rich.progress import track

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import synthetic_costs, synthetic_set, synthetic_unit

from cchc_score.engine import score
from cchc_score.model.criteria import CriteriaSet
from cchc_score.model.evidence import Assessment
from cchc_score.model.ranking import Entry
from cchc_score.plugins import build_registry
from cchc_score.rules import Rule
from cchc_score.simulate import (
    Problem,
    TargetRank,
    alternatives,
    frontier,
    opportunities,
    plan_for,
    prepare,
    rank_odds,
)
from cchc_score.simulate.odds import Forecast, PeerForecast, p_rank_at_most, rank_distribution
from cchc_score.simulate.simulator import simulate


def floor_work() -> None:
    """A fixed workload of the planner's and the engine's kind, independent of the project:
    dictionary updates over pairs of integers, then exact Decimal sums."""
    best: dict[int, int] = {}
    for a in range(300):
        for b in range(200):
            key, points = a * 7 + b * 13, a * 3 + b * 5
            old = best.get(points)
            if old is None or key < old:
                best[points] = key
    total = Decimal(0)
    for i in range(20_000):
        total += Decimal(i) / 7


class Floor:
    """The floor's CPU time: the median of runs at the start and the end of the benchmark."""

    def __init__(self) -> None:
        self.times: list[float] = []

    def measure(self, runs: int = 7) -> None:
        for _ in range(runs):
            self.times.append(clock(floor_work)[1])

    @property
    def seconds(self) -> float:
        return statistics.median(self.times)

    def ratio(self, seconds: float) -> str:
        return f"{seconds / self.seconds:.1f} ×"


FLOOR = Floor()


def clock(func: Callable[[], Any]) -> tuple[Any, float]:
    start = time.process_time()
    out = func()
    return out, time.process_time() - start


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


class Block:
    """Units of one set, scored, with their ranking entries."""

    def __init__(self, cset: CriteriaSet, rules: dict[str, Rule], size: int, seed: int) -> None:
        self.cset = cset
        self.rules = rules
        rng = random.Random(seed)
        self.units: list[Assessment] = [
            synthetic_unit(cset, f"Unit {i:04d}", rng.uniform(0.45, 0.9), seed * 10_000 + i, rules)
            for i in range(size)
        ]
        self.entries = [Entry.from_result(score(cset, u)) for u in self.units]
        self.costs = synthetic_costs(cset, seed)

    def problem(self, i: int) -> Problem:
        return prepare(self.cset, self.units[i], peers=self.entries, costs=self.costs)


def target_for(rank: int, up: int = 5) -> int:
    return max(1, rank - up)


#: Each single-unit figure is the least of this many runs, each on a freshly prepared problem:
#: other work on the shared cores only ever adds time.
REPEATS = 3


def least_of(block: Block, i: int, func: Callable[[Problem], Any]) -> float:
    """The least CPU time of ``func`` over the runs, each on the unit's problem freshly
    prepared (outside the timing)."""
    times = []
    for _ in range(REPEATS):
        problem = block.problem(i)
        times.append(clock(lambda problem=problem: func(problem))[1])
    return min(times)


def single_unit(name: str, block: Block) -> list[str]:
    plans, frontiers, both = [], [], []
    for i in range(len(block.units)):
        k = 3 if block.problem(i).rank_now > 3 else 1
        plans.append(least_of(block, i, lambda p, k=k: plan_for(p, TargetRank(k))))
        frontiers.append(least_of(block, i, frontier))
        both.append(least_of(block, i, lambda p, k=k: (plan_for(p, TargetRank(k)), frontier(p))))
    leaves = len(block.cset.leaves())
    median, worst = statistics.median(both), max(both)
    return [
        f"| {name} ({leaves} leaves), 12 peers | {ms(statistics.median(plans))} |"
        f" {ms(statistics.median(frontiers))} | {ms(median)} | {ms(worst)} |"
        f" {FLOOR.ratio(median)} | {FLOOR.ratio(worst)} |"
    ]


def province(block: Block) -> list[str]:
    times = []
    for i in track(range(len(block.units)), description="124 units, each planned…"):
        problem, t_setup = clock(lambda i=i: block.problem(i))
        _, t_plan = clock(lambda p=problem: plan_for(p, TargetRank(target_for(p.rank_now))))
        times.append((t_setup, t_plan))
    total = sum(a + b for a, b in times)
    return [
        f"| {len(block.units)} units, {len(block.cset.leaves())} leaves: each unit's cheapest plan"
        f" up 5 ranks against the {len(block.units) - 1} others | {total:.2f} s |"
        f" {ms(statistics.median(a + b for a, b in times))} per unit |"
    ]


def nation(cset: CriteriaSet, rules: dict[str, Rule], size: int) -> list[str]:
    rng = random.Random(3)
    start = time.process_time()
    entries, units = [], []
    for i in track(range(size), description=f"scoring {size} units…"):
        unit = synthetic_unit(cset, f"Xã {i:05d}", rng.uniform(0.45, 0.9), 900_000 + i, rules)
        units.append(unit)
        entries.append(Entry.from_result(score(cset, unit)))
    t_score = time.process_time() - start
    middle = sorted(range(size), key=lambda i: entries[i].index)[size // 2]
    own = entries[middle]
    costs = synthetic_costs(cset, 5)
    forecast = Forecast(expected_change=Decimal("0.5"), sd=Decimal("1.5"))
    problem = prepare(cset, units[middle], peers=entries, costs=costs, default_forecast=forecast)
    aim = TargetRank(max(1, size // 2 - 100))
    parts = []
    plan, took = clock(lambda: plan_for(problem, aim))
    parts.append(("plan", took))
    points, took = clock(lambda: frontier(problem))
    parts.append((f"frontier ({len(points)} ranks)", took))
    others, took = clock(lambda: alternatives(problem, plan, 2) if plan is not None else [])
    parts.append(("2 alternatives", took))
    _, took = clock(lambda: opportunities(problem))
    parts.append(("opportunities", took))
    _, took = clock(lambda: rank_odds(problem, aim.rank, plan, others, points))
    parts.append(("odds", took))
    sim, t_sim = clock(
        lambda: simulate(
            cset,
            units[middle],
            peers=entries,
            costs=costs,
            objective=aim,
            alternatives=2,
            default_forecast=forecast,
        )
    )
    peers = [PeerForecast(e.index, Decimal("0.5"), Decimal("1.5")) for e in entries if e is not own]
    k = 100
    _, t_odds = clock(lambda: p_rank_at_most(own.index, k, peers, cset, cset.tie_policy))
    _, t_dist = clock(lambda: rank_distribution(own.index, peers, cset, cset.tie_policy))
    # 10,000 peers: indexes drawn like the scored ones (scoring 10,000 units adds nothing here).
    many = [
        PeerForecast(
            rng.choice(entries).index + Decimal(rng.randint(-50, 50)) / 100,
            Decimal("0.5"),
            Decimal("1.5"),
        )
        for _ in range(10_000)
    ]
    _, t_many = clock(lambda: rank_distribution(own.index, many, cset, cset.tie_policy))
    breakdown = ", ".join(f"{name} {ms(t)}" for name, t in parts)
    return [
        f"| {size} units, {len(cset.leaves())} leaves: score all | {t_score:.2f} s |",
        f"| P(rank ≤ {k}) for one unit against {size - 1} normal peers (exact) | {ms(t_odds)} |",
        f"| the unit's whole rank distribution (exact, {size} ranks) | {t_dist:.2f} s |",
        f"| `simulate()` for that unit against the {size - 1} others: plan 100 ranks up,"
        f" frontier ({len(sim.frontier)} ranks), 2 alternatives, opportunities, odds"
        f" | {t_sim:.2f} s |",
        f"| the same, prepared once, each part: {breakdown} | {ms(sum(t for _, t in parts))}"
        f" ({FLOOR.ratio(sum(t for _, t in parts))}) |",
        f"| a whole rank distribution among 10,000 peers (exact) | {t_dist_many(t_many)}"
        f" ({FLOOR.ratio(t_many)}) |",
    ]


def t_dist_many(seconds: float) -> str:
    return ms(seconds) if seconds < 1 else f"{seconds:.2f} s"


def every_rank(rank_now: int) -> list[int]:
    """Every rank above the unit's own."""
    return list(range(1, rank_now))


def some_ranks(rank_now: int) -> list[int]:
    """First place, third place and the next rank up (the larger sets: HiGHS takes long)."""
    return sorted({k for k in (1, 3, rank_now - 1) if 1 <= k < rank_now})


def against_milp(
    blocks: Sequence[tuple[str, Block, Callable[[int], list[int]]]],
) -> list[str]:
    try:
        from milp import solve_milp
    except ImportError:
        return ["scipy is not installed (pip install '.[bench]'): the MILP comparison is skipped."]
    lines = []
    for name, block, ranks in blocks:
        same = instances = 0
        t_dp = t_milp = 0.0
        worst = Decimal(0)
        for i in range(len(block.units)):
            for k in ranks(block.problem(i).rank_now):
                problem = block.problem(i)  # scoring and options, outside both timings
                plan, took = clock(lambda p=problem, k=k: plan_for(p, TargetRank(k)))
                cost, solver_time = solve_milp(block.problem(i), k)
                instances += 1
                t_dp += took
                t_milp += solver_time
                if plan is None and cost is None:
                    same += 1
                elif plan is not None and cost is not None:
                    gap = abs(plan.total_cost - Decimal(repr(cost)))
                    worst = max(worst, gap)
                    same += gap < Decimal("1e-6")
        lines.append(
            f"| {name} | {instances} | {same} | {worst:.1E} | {t_dp:.2f} s | {t_milp:.2f} s |"
            f" {t_milp / t_dp:.2f} |"
        )
    return lines


PARTS = ("single", "province", "nation", "milp")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller nation scale")
    parser.add_argument(
        "--parts", nargs="+", choices=PARTS, default=list(PARTS), help="the parts to run"
    )
    args = parser.parse_args()
    reg = build_registry()
    national = reg.get_set("vn_par_province_2022", None)
    synthetic = synthetic_set(90)
    FLOOR.measure()
    national_block = Block(national, national.rules, 13, 1)
    synthetic_block = Block(synthetic, synthetic.rules, 13, 2)
    big_blocks = {n: Block(big, big.rules, 13, 2) for n in (200, 400) for big in [synthetic_set(n)]}
    print(f"Python {platform.python_version()}, {platform.machine()}, one core\n")
    if "single" in args.parts:
        print(
            "| Single unit | plan | frontier | plan + frontier (median) | (worst) |"
            " median × floor | worst × floor |"
        )
        print("|---|---|---|---|---|---|---|")
        for name, block in [
            ("national provincial pack", national_block),
            ("synthetic set", synthetic_block),
            *(("synthetic set", big_blocks[n]) for n in (200, 400)),
        ]:
            for line in single_unit(name, block):
                print(line, flush=True)
    if "province" in args.parts:
        print("\n| Province scale | total | median |")
        print("|---|---|---|")
        for line in province(Block(synthetic, synthetic.rules, 124, 4)):
            print(line)
    if "nation" in args.parts:
        print("\n| Nation scale | time |")
        print("|---|---|")
        for line in nation(synthetic, synthetic.rules, 330 if args.quick else 3300):
            print(line)
    if "milp" in args.parts:
        print(
            "\n| Against the MILP | instances | same optimum | largest gap | planner | HiGHS |"
            " HiGHS / planner |"
        )
        print("|---|---|---|---|---|---|---|")
        for line in against_milp(
            [
                ("national provincial pack", national_block, every_rank),
                ("synthetic 90 leaves", synthetic_block, every_rank),
                *((f"synthetic {n} leaves", big_blocks[n], some_ranks) for n in (200, 400)),
            ]
        ):
            print(line, flush=True)
    FLOOR.measure()
    print(
        f"\nFloor (a fixed pure-Python workload, median of {len(FLOOR.times)} runs at the start"
        f" and the end): {ms(FLOOR.seconds)}; runs from {ms(min(FLOOR.times))}"
        f" to {ms(max(FLOOR.times))}"
    )


if __name__ == "__main__":
    main()
