"""rank(): ranks within blocks under every tie policy, area ranks, bands, order independence."""

from __future__ import annotations

import random
from decimal import Decimal as D
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_score import CchcScoreError, CriteriaSet, score
from cchc_score.model.criteria import Band
from cchc_score.model.ranking import AreaPoints, Entry
from cchc_score.published import entries_from_rows
from cchc_score.ranking import TIE_POLICIES, position, rank, rank_position, ranks_of
from cchc_score.render.ranking import csv_number


def entry(unit: str, index: str, **kw: Any) -> Entry:
    fields: dict[str, Any] = {"block": "district", "year": 2021, **kw}
    return Entry(unit=unit, index=D(index), **fields)


def ranks(table_units: Any) -> dict[str, int]:
    return {s.unit: s.rank for s in table_units.standings}


FOUR = [entry("A", "90"), entry("B", "85"), entry("C", "85"), entry("D", "80")]


def test_shared_ties_skip_the_next_rank() -> None:
    table = rank(FOUR).block("district")
    assert ranks(table) == {"A": 1, "B": 2, "C": 2, "D": 4}
    assert table.tie_policy == "shared"
    assert all(s.of == 4 for s in table.standings)


def test_dense_ties_skip_nothing() -> None:
    table = rank(FOUR, policy="dense").block("district")
    assert ranks(table) == {"A": 1, "B": 2, "C": 2, "D": 3}
    assert table.tie_policy == "dense"


def test_unrounded_policy_splits_a_rounded_tie_and_keeps_an_exact_one() -> None:
    common = {"total_max": D(100)}
    units = [
        entry("A", "85.00", total=D("85.00"), unrounded_total=D("84.996"), **common),
        entry("B", "85.00", total=D("85.00"), unrounded_total=D("85.004"), **common),
        entry("C", "80.00", total=D("80.00"), unrounded_total=D("80.001"), **common),
        entry("D", "80.00", total=D("80.00"), unrounded_total=D("80.001"), **common),
    ]
    assert ranks(rank(units).block("district")) == {"A": 1, "B": 1, "C": 3, "D": 3}
    table = rank(units, policy="unrounded").block("district")
    assert ranks(table) == {"B": 1, "A": 2, "C": 3, "D": 3}


def test_unrounded_policy_compares_indexes_across_different_maxima() -> None:
    # 17/20 = 85 % exactly, 84.99/100 just below: the maxima must not be compared as points.
    units = [
        entry("A", "85", unrounded_total=D("17"), total_max=D(20)),
        entry("B", "85", unrounded_total=D("84.99"), total_max=D(100)),
    ]
    assert ranks(rank(units, policy="unrounded").block("district")) == {"A": 1, "B": 2}


def test_appraised_first_breaks_an_equal_index_by_the_appraised_part() -> None:
    units = [
        entry("A", "85", appraised=D("55")),
        entry("B", "85", appraised=D("58")),
        entry("C", "85", appraised=D("58")),
        entry("D", "70", appraised=D("70")),
    ]
    table = rank(units, policy="appraised_first").block("district")
    assert ranks(table) == {"B": 1, "C": 1, "A": 3, "D": 4}


def test_appraised_first_shares_the_rank_when_a_tied_unit_has_no_appraised_part() -> None:
    units = [entry("A", "85", appraised=D("55")), entry("B", "85"), entry("C", "90")]
    table = rank(units, policy="appraised_first").block("district")
    assert ranks(table) == {"C": 1, "A": 2, "B": 2}


def test_the_policy_the_set_declares_is_the_one_in_force(minimal_set: CriteriaSet) -> None:
    dense_set = minimal_set.model_copy(update={"tie_policy": "dense"})
    units = [e.model_copy(update={"criteria_set": "example_minimal"}) for e in FOUR]
    table = rank(units, sets=[dense_set]).block("district")
    assert table.tie_policy == "dense"
    assert ranks(table)["D"] == 3
    assert table.criteria_sets == ("example_minimal 1.0",)
    # An explicit policy wins over the set's.
    assert rank(units, sets=[dense_set], policy="shared").block("district").tie_policy == "shared"


@pytest.mark.parametrize("other", [{"id": "other"}, {"version": "2.0"}])
def test_a_block_mixing_criteria_sets_is_refused_naming_block_year_and_sets(
    minimal_set: CriteriaSet, other: dict[str, str]
) -> None:
    second = minimal_set.model_copy(update=other)
    units = [
        entry("A", "90", criteria_set="example_minimal", set_version="1.0", source="a.yaml"),
        entry("B", "80", criteria_set="example_minimal", set_version="1.0", source="b.yaml"),
        entry("C", "70", criteria_set=second.id, set_version=second.version, source="c.yaml"),
    ]
    with pytest.raises(CchcScoreError, match="mixes criteria sets") as info:
        rank(units, sets=[minimal_set, second], policy="dense")
    assert info.value.code == "mixed_criteria_sets"
    message = str(info.value)
    assert "'district', 2021" in message and "rank them separately" in message
    # The stray set comes first, with a file to look at.
    assert message.index(f"{second.id} {second.version} (1 unit: c.yaml)") < message.index(
        "example_minimal 1.0 (2 units: a.yaml)"
    )
    # Another year, or units without a set (published indexes), are no mix.
    moved = [*units[:2], units[2].model_copy(update={"year": 2020}), entry("D", "60")]
    assert len(rank(moved, sets=[minimal_set, second]).blocks) == 2


def test_blocks_and_years_are_ranked_separately() -> None:
    units = [
        entry("A", "90"),
        entry("B", "80"),
        entry("Sở X", "95", block="department"),
        entry("Sở Y", "70", block="department"),
        entry("A", "70", year=2020),
    ]
    table = rank(units)
    assert [(b.year, b.block) for b in table.blocks] == [
        (2020, "district"),
        (2021, "department"),
        (2021, "district"),
    ]
    assert ranks(table.block("district", 2021)) == {"A": 1, "B": 2}
    assert ranks(table.block("department")) == {"Sở X": 1, "Sở Y": 2}
    assert table.block("district", 2020).standings[0].of == 1


def test_a_unit_given_twice_in_a_block_is_an_error_naming_both_files() -> None:
    units = [entry("A", "90", source="a.yaml"), entry("A", "80", source="b.yaml")]
    with pytest.raises(CchcScoreError, match="appears twice") as info:
        rank(units)
    assert info.value.file == "b.yaml"
    assert "a.yaml" in str(info.value)


def test_tied_units_are_listed_by_name() -> None:
    units = [entry("Đức Trọng", "80"), entry("bảo Lâm", "80"), entry("Cát Tiên", "80")]
    table = rank(units).block("district")
    assert [s.unit for s in table.standings] == ["bảo Lâm", "Cát Tiên", "Đức Trọng"]


def area(area_id: str, points: str) -> AreaPoints:
    return AreaPoints(
        id=area_id, label_vi=f"LV {area_id}", label_en=f"Area {area_id}", points=D(points)
    )


def test_per_area_ranks_are_within_the_block() -> None:
    units = [
        entry("A", "90", areas=(area("1", "8"), area("2", "10"))),
        entry("B", "85", areas=(area("1", "9"), area("2", "9"))),
        entry("C", "80", areas=(area("1", "9"), area("2", "5"))),
        entry("D", "99", block="department", areas=(area("1", "1"),)),
    ]
    table = rank(units).block("district")
    by_unit = {s.unit: {a.id: (a.rank, a.of) for a in s.areas} for s in table.standings}
    assert by_unit["A"] == {"1": (3, 3), "2": (1, 3)}
    assert by_unit["B"]["1"] == (1, 3)
    assert by_unit["C"]["1"] == (1, 3)
    assert rank(units).block("department").standings[0].areas[0].rank == 1


def test_ranks_from_scored_results_carry_band_and_areas(
    minimal_set: CriteriaSet, minimal_file: Any
) -> None:
    sub = minimal_file.submission
    assessment = sub.assessment
    better = assessment.model_copy(
        update={
            "unit": "Huyện Tốt",
            "unit_id": "huyen_tot",
            "leaves": {
                **assessment.leaves,
                "1.2": assessment.leaves["1.2"].model_copy(update={"value": 4}),
            },
        }
    )
    results = [
        score(minimal_set, sub),
        score(minimal_set, sub.model_copy(update={"assessment": better})),
    ]
    table = rank(results, sets=[minimal_set]).block("district")
    first, second = table.standings
    assert (first.unit, first.rank, second.unit, second.rank) == ("Huyện Tốt", 1, "Huyện Mẫu", 2)
    assert first.total == second.total + 2  # all four reports on time: the 2 points of 1.2
    assert [a.id for a in first.areas] == ["1", "2", "3"]
    assert first.areas[0].points == second.areas[0].points + 2
    assert table.bands == minimal_set.bands_for("district")
    assert sum(table.band_counts.values()) == 2
    assert first.band is not None and first.band == minimal_set.band_for("district", first.index)


def test_position_ranks_a_unit_among_others_and_skips_itself() -> None:
    own = entry("B", "85")
    assert position(own, FOUR, "shared") == 2
    assert position(own, FOUR, "dense") == 2
    assert position(entry("E", "84"), FOUR, "shared") == 4
    assert position(entry("E", "84"), FOUR, "dense") == 3


@given(
    st.lists(st.integers(min_value=0, max_value=20), max_size=30),
    st.sampled_from(["shared", "dense"]),
)
def test_ranks_of_agrees_with_rank_position(values: list[int], ties: Any) -> None:
    """The table's ranks are those rank_position gives each unit against all the others."""
    got = ranks_of([(D(v),) for v in values], dense=ties == "dense")
    for i, v in enumerate(values):
        others = [D(o) for j, o in enumerate(values) if j != i]
        assert got[i] == rank_position(D(v), others, ties)


names = st.text(alphabet="abcĐđếÔ ", min_size=1, max_size=6).filter(lambda s: s.strip() != "")


@st.composite
def entries(draw: st.DrawFn) -> list[Entry]:
    units = draw(st.lists(names, min_size=1, max_size=12, unique=True))
    out = []
    for unit in units:
        index = D(draw(st.integers(min_value=60, max_value=66)))
        appraised = draw(st.one_of(st.none(), st.integers(40, 42).map(D)))
        unrounded = index + D(draw(st.integers(-4, 4))) / 1000
        areas = (area("1", str(draw(st.integers(0, 3)))), area("2", str(draw(st.integers(0, 3)))))
        block = draw(st.sampled_from(["district", "commune"]))
        out.append(
            entry(
                unit,
                str(index),
                block=block,
                appraised=appraised,
                unrounded_total=unrounded,
                total_max=D(100),
                areas=areas,
            )
        )
    return out


@settings(max_examples=60)
@given(entries(), st.sampled_from(TIE_POLICIES), st.randoms(use_true_random=False))
def test_shuffling_the_input_never_changes_the_table(
    units: list[Entry], policy: Any, rnd: random.Random
) -> None:
    """Whatever order the units come in, the league table is the same, row for row."""
    shuffled = list(units)
    rnd.shuffle(shuffled)
    assert rank(shuffled, policy=policy) == rank(units, policy=policy)


@settings(max_examples=60)
@given(entries(), st.sampled_from(TIE_POLICIES))
def test_a_better_key_never_ranks_lower(units: list[Entry], policy: Any) -> None:
    """Within a block, ranks rise with the index: a higher index never has a worse rank, and
    under shared ties the ranks are those of the index sorted best first (1, 2, 2, 4)."""
    for table in rank(units, policy=policy).blocks:
        rows = table.standings
        assert [s.rank for s in rows] == sorted(s.rank for s in rows)
        for a in rows:
            for b in rows:
                if a.index > b.index:
                    assert a.rank < b.rank
        if policy == "shared":
            for s in rows:
                assert s.rank == 1 + sum(1 for o in rows if o.index > s.index)


def per_block_set(minimal_set: CriteriaSet) -> CriteriaSet:
    """Departments reach group I at 90, districts at 80 (as in Nam Định 2020), others at 85."""

    def bands(top: int) -> tuple[Band, ...]:
        return (
            Band(code="i", label_vi="Nhóm I", label_en="Group I", min_index=D(top)),
            Band(code="ii", label_vi="Nhóm II", label_en="Group II", min_index=D(0)),
        )

    return minimal_set.model_copy(
        update={"bands": {"department": bands(90), "district": bands(80), "*": bands(85)}}
    )


def test_bands_are_per_block_and_start_at_their_exact_threshold(minimal_set: CriteriaSet) -> None:
    cset = per_block_set(minimal_set)
    header = ["unit", "block", "year", "index"]
    rows = [
        (2, {"unit": "Sở A", "block": "department", "year": "2021", "index": "89.99"}),
        (3, {"unit": "Sở B", "block": "department", "year": "2021", "index": "90.00"}),
        (4, {"unit": "Huyện C", "block": "district", "year": "2021", "index": "80.00"}),
        (5, {"unit": "Huyện D", "block": "district", "year": "2021", "index": "79.99"}),
        (6, {"unit": "Xã E", "block": "commune", "year": "2021", "index": "85"}),
    ]
    units = entries_from_rows(header, rows, file="t.csv", default_set=cset)
    table = rank(units, sets=[cset])
    got = {s.unit: s.band.code for b in table.blocks for s in b.standings if s.band}
    assert got == {"Sở A": "ii", "Sở B": "i", "Huyện C": "i", "Huyện D": "ii", "Xã E": "i"}
    assert table.block("department").bands[0].min_index == 90
    assert table.block("department").band_counts == {"i": 1, "ii": 1}


@pytest.mark.parametrize(
    ("header", "row", "message"),
    [
        (["unit", "block", "year", "score"], {}, "unknown column 'score'"),
        (["unit", "year", "total"], {}, "the column 'block' is missing"),
        (["unit", "block", "year"], {}, "a 'total' or an 'index' column is needed"),
        (
            ["unit", "block", "year", "index"],
            {"unit": "A", "block": "x", "year": "2021", "index": "101"},
            "line 2, column index: index 101 is above 100",
        ),
        (
            ["unit", "block", "year", "index"],
            {"unit": "A", "block": "x", "year": "năm 2021", "index": "80"},
            "line 2, column year: 'năm 2021' is not a year",
        ),
        (
            ["unit", "block", "year", "index", "criteria_set"],
            {"unit": "A", "block": "x", "year": "2021", "index": "80", "criteria_set": "nope"},
            "line 2, column criteria_set: criteria set 'nope' is not loaded",
        ),
    ],
)
def test_a_bad_published_table_is_refused_naming_the_place(
    header: list[str], row: dict[str, str], message: str
) -> None:
    rows = [(2, row)] if row else []
    with pytest.raises(CchcScoreError, match=message.replace("(", r"\(")) as info:
        entries_from_rows(header, rows, file="t.csv")
    assert info.value.file == "t.csv"


def test_published_areas_get_their_labels_from_the_set(minimal_set: CriteriaSet) -> None:
    header = ["unit", "block", "year", "total", "area:1", "area:2"]
    rows = [
        (
            2,
            {
                "unit": "A",
                "block": "district",
                "year": "2021",
                "total": "12",
                "area:1": "5",
                "area:2": "7",
            },
        ),
        (
            3,
            {
                "unit": "B",
                "block": "district",
                "year": "2021",
                "total": "11",
                "area:1": "6",
                "area:2": "5",
            },
        ),
    ]
    units = entries_from_rows(header, rows, file="t.csv", default_set=minimal_set)
    assert units[0].index == D("60.00") and units[0].total_max == 20
    standing = rank(units).block("district").standing("A")
    assert standing is not None
    assert [(a.label_en, a.rank) for a in standing.areas] == [
        ("Direction and steering of PAR", 2),
        ("Administrative procedure reform", 1),
    ]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("25.63944444444444444444444445", "25.6394"),
        ("24.22833333333333333333333334", "24.2283"),
        ("64.74405", "64.7441"),
        ("17.4967", "17.4967"),
        ("6.0", "6.0"),
        ("1E+1", "10"),
    ],
)
def test_csv_numbers_keep_exact_figures_and_round_long_ones(value: str, shown: str) -> None:
    assert csv_number(D(value)) == shown


ROW = {"unit": "A", "block": "district", "year": "2021"}


@pytest.mark.parametrize(
    ("header", "cells", "message"),
    [
        (
            ["unit", "block", "year", "total", "total_max"],
            {"total": "16", "total_max": "0"},
            "line 2, column total_max: '0': a maximum must be above 0",
        ),
        (
            ["unit", "block", "year", "total", "area:99"],
            {"total": "16", "area:99": "3"},
            "line 2, column area:99: unknown area '99': example_minimal 1.0 has areas 1, 2, 3",
        ),
        (
            ["unit", "block", "year", "total", "Tổng điểm"],
            {"total": "16", "tổng điểm": "12"},
            "line 1, column Tổng điểm: columns 'total' and 'Tổng điểm' both give 'total'",
        ),
        (
            ["unit", "block", "year", "Total", "total"],
            {"total": "16"},
            "line 1, column total: column 'total' is given twice",
        ),
        (
            ["unit", "block", "year", "total"],
            {"total": "-5"},
            "line 2, column total: '-5' is negative",
        ),
        (
            ["unit", "block", "year", "tổng điểm"],
            {"tổng điểm": "150"},
            "line 2, column tổng điểm: total '150' is above the maximum 20",
        ),
        (["unit", "block", "year", "index"], None, "line 2: no rows under the header"),
        (
            ["unit", "block", "year", "total", "total_max"],
            {"total": "16", "total_max": "80"},
            "line 2, column total_max: '80' is not the maximum 20 of example_minimal 1.0",
        ),
        (
            ["unit", "block", "year", "total", "area:1"],
            {"total": "16", "area:1": "9"},
            "line 2, column area:1: '9' is above the maximum 8 of area 1",
        ),
        (
            ["unit", "block", "year", "total", "area:1"],
            {"total": "5", "area:1": "6"},
            "line 2, column area:1: '6' is above the unit's total 5",
        ),
    ],
)
def test_a_published_table_names_the_line_column_and_value_of_what_is_wrong(
    minimal_set: CriteriaSet, header: list[str], cells: dict[str, str] | None, message: str
) -> None:
    rows = [] if cells is None else [(2, {**ROW, **cells})]
    with pytest.raises(CchcScoreError) as info:
        entries_from_rows(header, rows, file="t.csv", default_set=minimal_set)
    assert info.value.file == "t.csv"
    assert message in str(info.value)


def test_a_published_total_above_100_without_a_set_names_the_total_column() -> None:
    with pytest.raises(CchcScoreError) as info:
        entries_from_rows(
            ["unit", "block", "year", "total"], [(2, {**ROW, "total": "150"})], file="t.csv"
        )
    assert "line 2, column total: total '150' is above 100" in str(info.value)
    # Without a set an area column is taken at its word.
    header = ["unit", "block", "year", "total", "area: 9"]
    (entry_,) = entries_from_rows(header, [(2, {**ROW, "total": "80", "area: 9": "4"})], file="t")
    assert [(a.id, a.points) for a in entry_.areas] == [("9", 4)]


def test_a_published_row_naming_no_set_gets_the_band_of_its_blocks_set(
    minimal_set: CriteriaSet,
) -> None:
    cset = per_block_set(minimal_set)
    scored = entry("Huyện B", "70", criteria_set=cset.id, set_version=cset.version)
    scored = scored.model_copy(update={"band": cset.band_for("district", D(70))})
    (published,) = entries_from_rows(
        ["unit", "block", "year", "index"],
        [(2, {"unit": "Huyện A", "block": "district", "year": "2021", "index": "90.00"})],
        file="t.csv",
    )
    table = rank([published, scored], sets=[cset])
    bands = {s.unit: s.band.code if s.band else None for s in table.block("district").standings}
    assert bands == {"Huyện A": "i", "Huyện B": "ii"}
    assert table.block("district").band_counts == {"i": 1, "ii": 1}
