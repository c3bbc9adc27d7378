"""cchc-score rank and compare: league tables, published totals, bad files, the Di Linh story."""

from __future__ import annotations

import io
import json
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from rich.console import Console

from cchc_score.cli import main
from cchc_score.model.ranking import LeagueTable
from cchc_score.render.ranking import league_report

from .conftest import EXAMPLES, MINIMAL

CRITERIA = str(MINIMAL / "criteria.yaml")
DI_LINH = EXAMPLES / "di_linh"


def run(*args: str, lang: str | None = None) -> Result:
    env = {"COLUMNS": "160"} | ({"CCHC_SCORE_LANG": lang} if lang else {})
    return CliRunner(env=env).invoke(main, list(args))


def run_en(*args: str) -> Result:
    """As :func:`run`, errors in English (they are Vietnamese by default)."""
    return run(*args, lang="en")


def unit_file(folder: Path, name: str, unit_id: str, year: int = 2021, **values: Any) -> Path:
    """The minimal example's assessment for another unit, some leaves' values changed."""
    data = yaml.safe_load((MINIMAL / "assessment.yaml").read_text(encoding="utf-8"))
    data.update(unit=name, unit_id=unit_id, year=year)
    for leaf, value in values.items():
        data["leaves"][leaf.replace("_", ".").lstrip("l")]["value"] = value
    path = folder / f"{unit_id}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def block(tmp_path: Path) -> Path:
    """Three units: Huyện Mẫu as in the example, one with all reports on time (2 points more),
    one with a higher online share, tied with Huyện Mẫu's index on area 1."""
    unit_file(tmp_path, "Huyện Mẫu", "huyen_mau")
    unit_file(tmp_path, "Huyện Tốt", "huyen_tot", l1_2=4)
    unit_file(tmp_path, "Huyện Khá", "huyen_kha", l2_1=30)
    return tmp_path


def test_rank_prints_the_league_table_with_policy_and_bands(block: Path) -> None:
    result = run("rank", str(block), "--set", CRITERIA, "--lang", "en")
    assert result.exit_code == 0, result.output
    rows = [line.split() for line in result.stdout.splitlines() if "/3" in line]
    assert [r[1:3] for r in rows] == [["Huyện", "Tốt"], ["Huyện", "Khá"], ["Huyện", "Mẫu"]]
    assert [r[0] for r in rows] == ["1/3", "2/3", "3/3"]
    assert "Tie policy: shared — shared ranks, next skipped (1, 2, 2, 4)" in result.stdout
    assert "Good ≥ 80.00, Fair ≥ 65.00, Average ≥ 50.00, Weak ≥ 0.00" in result.stdout
    assert "1: Direction and steering of PAR" in result.stdout


def test_rank_in_vietnamese_by_default(block: Path) -> None:
    result = run("rank", str(block), "--set", CRITERIA)
    assert "Bảng xếp hạng" in result.stdout
    assert "Cách xếp đồng hạng: đồng hạng, bỏ hạng kế tiếp (1, 2, 2, 4)" in result.stdout


def test_rank_json_and_csv_carry_the_policy_and_every_area(block: Path) -> None:
    as_json = json.loads(run("rank", str(block), "--set", CRITERIA, "--json").stdout)
    (table,) = as_json["blocks"]
    assert table["tie_policy"] == "shared"
    assert [s["unit"] for s in table["standings"]] == ["Huyện Tốt", "Huyện Khá", "Huyện Mẫu"]
    first = table["standings"][0]
    assert D(first["total"]) == D("11.49")
    assert [(a["id"], a["rank"]) for a in first["areas"]] == [("1", 1), ("2", 2), ("3", 1)]
    lines = run("rank", str(block), "--set", CRITERIA, "--csv").stdout.splitlines()
    header = lines[0].split(",")
    assert header[:5] == ["block", "year", "rank", "of", "unit"]
    assert "tie_policy" in header and "area:2" in header and "area_rank:2" in header
    row = dict(zip(header, lines[1].split(","), strict=True))
    assert (row["unit"], row["rank"], row["tie_policy"], row["band"]) == (
        "Huyện Tốt",
        "1",
        "shared",
        "trung_binh",
    )


def test_rank_writes_its_output_to_a_file(block: Path, tmp_path: Path) -> None:
    out = tmp_path / "table.csv"
    result = run("rank", str(block), "--set", CRITERIA, "--csv", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8-sig").startswith("block,year,rank")


def test_a_bad_file_is_named_and_the_rest_are_ranked(block: Path) -> None:
    (block / "broken.yaml").write_text("unit: [unclosed\n", encoding="utf-8")
    result = run_en("rank", str(block), "--set", CRITERIA, "--json")
    assert result.exit_code == 0
    assert "broken.yaml" in result.stderr and "invalid YAML" in result.stderr
    table = json.loads(result.stdout)
    assert len(table["blocks"][0]["standings"]) == 3
    assert table["skipped"][0]["file"].endswith("broken.yaml")


def test_strict_stops_at_a_bad_file_with_exit_code_2(block: Path) -> None:
    unit_file(block, "Huyện Lỗi", "huyen_loi", l2_3="nhiều")
    result = run("rank", str(block), "--set", CRITERIA, "--strict")
    assert result.exit_code == 2
    assert "huyen_loi.yaml" in result.stderr
    assert "Bảng xếp hạng" not in result.stdout


def test_a_unit_given_twice_is_skipped_and_named(
    block: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCHC_SCORE_LANG", "en")  # the errors asserted are the English ones
    copy = block / "zz_copy.yaml"
    copy.write_text((block / "huyen_tot.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run("rank", str(block), "--set", CRITERIA, "--json")
    assert result.exit_code == 0
    assert "zz_copy.yaml" in result.stderr and "already given" in result.stderr
    assert len(json.loads(result.stdout)["blocks"][0]["standings"]) == 3


def test_nothing_to_rank_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_SCORE_LANG", "en")  # the errors asserted are the English ones
    (tmp_path / "broken.yaml").write_text("- a list\n", encoding="utf-8")
    result = run("rank", str(tmp_path))
    assert result.exit_code == 2
    assert "nothing to rank" in result.stderr


PUBLISHED = """unit,block,year,total,appraised,survey
Huyện A,district,2021,16,10,6
Huyện B,district,2021,13.5,8,5.5
Huyện C,district,2021,13.5,9,4.5
Huyện D,district,2021,9.99,6,3.99
Sở X,department,2021,12,8,4
"""


def test_published_totals_rank_with_the_bands_of_the_set_named(tmp_path: Path) -> None:
    table = tmp_path / "totals.csv"
    table.write_text(PUBLISHED, encoding="utf-8")
    args = ["rank", str(table), "--set", CRITERIA, "--set-id", "example_minimal", "--json"]
    league = json.loads(run(*args).stdout)
    district = next(b for b in league["blocks"] if b["block"] == "district")
    got = {s["unit"]: (s["rank"], s["index"], s["band"]["code"]) for s in district["standings"]}
    # 16 of 20 = 80.00 %: exactly the threshold of "Tốt"; 9.99 of 20 = 49.95 %, below 50.
    assert got == {
        "Huyện A": (1, "80.00", "tot"),
        "Huyện B": (2, "67.50", "kha"),
        "Huyện C": (2, "67.50", "kha"),
        "Huyện D": (4, "49.95", "yeu"),
    }
    assert district["tie_policy"] == "shared"
    dense = json.loads(run(*args, "--tie-policy", "appraised_first").stdout)
    ranks = {s["unit"]: s["rank"] for s in dense["blocks"][1]["standings"]}
    assert (ranks["Huyện C"], ranks["Huyện B"]) == (2, 3)  # 9 appraised points beat 8


def test_published_totals_without_a_set_are_out_of_100_and_without_bands(tmp_path: Path) -> None:
    table = tmp_path / "totals.csv"
    table.write_text("đơn vị;khối;năm;chỉ số\nA;district;2021;87,12\nB;district;2021;90\n", "utf-8")
    result = run("rank", str(table), "--csv")
    assert result.exit_code == 0, result.output
    rows = [line.split(",") for line in result.stdout.splitlines()[1:]]
    assert [(r[4], r[2], r[8], r[9]) for r in rows] == [
        ("B", "1", "90", ""),
        ("A", "2", "87.12", ""),
    ]


def test_a_bad_published_cell_is_named_by_line_and_column(tmp_path: Path) -> None:
    table = tmp_path / "totals.csv"
    table.write_text("unit,block,year,total\nA,district,2021,16\nB,district,2021,x\n", "utf-8")
    result = run_en("rank", str(table), "--strict")
    assert result.exit_code == 2
    assert "totals.csv, line 3, column total: 'x' is not a number of points" in result.stderr


def test_published_total_and_index_must_agree(tmp_path: Path) -> None:
    table = tmp_path / "totals.csv"
    table.write_text("unit,block,year,total,index\nA,district,2021,16,81\n", "utf-8")
    result = run_en("rank", str(table), "--set", CRITERIA, "--set-id", "example_minimal")
    assert result.exit_code == 2
    assert "index 81 does not match total 16 of 20 (80.00)" in result.stderr
    result = run("rank", str(table), "--set", CRITERIA, "--set-id", "example_minimal")
    assert "chỉ số 81 không khớp với tổng điểm 16 trên 20 (80,00)" in result.stderr


def test_compare_reports_and_adds_up(tmp_path: Path) -> None:
    old_dir, new_dir = tmp_path / "2020", tmp_path / "2021"
    old_dir.mkdir()
    new_dir.mkdir()
    old = unit_file(old_dir, "Huyện Mẫu", "huyen_mau", l1_2=4)
    new = unit_file(new_dir, "Huyện Mẫu", "huyen_mau")
    unit_file(old_dir, "Huyện Khá", "huyen_kha", l2_1=5)
    unit_file(new_dir, "Huyện Khá", "huyen_kha", l2_1=30)
    text = run("compare", str(old), str(new), "--set", CRITERIA, "--peers", "--lang", "en")
    assert text.exit_code == 0, text.output
    row = next(line for line in text.stdout.splitlines() if "All PAR reports sent on time" in line)
    assert [cell.strip() for cell in row.split("│")[3:6]] == ["2.00/2.00", "0.00/2.00", "-2.00"]
    assert "1/2 → 2/2" in text.stdout  # Huyện Mẫu fell behind Huyện Khá
    data = json.loads(
        run("compare", str(old), str(new), "--set", CRITERIA, "--peers", "--json").stdout
    )
    leaves = [n for a in data["areas"] for n in _walk(a) if not n["children"]]
    total = sum(D(n["difference"]) for n in leaves) + D(data["rounding_and_caps"])
    assert total == D(data["total_difference"]) == D("-2.00")
    rank = data["rank"]
    assert D(rank["own_effect"]) + D(rank["others_effect"]) == rank["change"] == 1


def _walk(node: dict[str, Any]) -> list[dict[str, Any]]:
    return [node, *(n for c in node["children"] for n in _walk(c))]


def test_compare_refuses_two_different_units(block: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_SCORE_LANG", "en")  # the errors asserted are the English ones
    result = run(
        "compare", str(block / "huyen_mau.yaml"), str(block / "huyen_tot.yaml"), "--set", CRITERIA
    )
    assert result.exit_code == 2
    assert "compare one unit" in result.stderr


def test_di_linh_is_8th_of_12_in_2021() -> None:
    result = run("rank", str(DI_LINH / "2021"), "--lang", "en")
    assert result.exit_code == 0, result.output
    row = next(line for line in result.stdout.splitlines() if "Di Linh" in line)
    assert row.split()[0] == "8/12"


@pytest.mark.parametrize(
    ("old", "new", "before", "after", "overtaken_by", "others_mean"),
    [
        (2019, 2020, 3, 6, ["Huyện Lâm Hà", "Huyện Đơn Dương", "Huyện Đức Trọng"], "6.17"),
        (2020, 2021, 6, 8, ["Huyện Bảo Lâm", "Huyện Lạc Dương"], "5.22"),
    ],
)
def test_di_linh_fall_is_explained_with_numbers_that_add_up(
    old: int, new: int, before: int, after: int, overtaken_by: list[str], others_mean: str
) -> None:
    """The figures examples/di_linh/README.md quotes."""
    files = [str(DI_LINH / str(y) / "di_linh.yaml") for y in (old, new)]
    data = json.loads(run("compare", *files, "--peers", "--json").stdout)
    leaves = [n for a in data["areas"] for n in _walk(a) if not n["children"]]
    explained = sum(D(n["difference"]) for n in leaves) + D(data["rounding_and_caps"])
    assert explained == D(data["total_difference"])
    assert D(data["method_effect"]) + D(data["performance_effect"]) == sum(
        D(n["difference"]) for n in leaves
    )
    rank = data["rank"]
    assert (rank["rank_old"], rank["rank_new"], rank["of_new"]) == (before, after, 12)
    # Di Linh's own index rose: the whole fall is the others improving.
    assert D(data["index_difference"]) > 0
    assert (D(rank["own_effect"]), D(rank["others_effect"])) == (0, after - before)
    assert (rank["rank_own_only"], rank["rank_others_only"]) == (before, after)
    assert sorted(rank["overtaken_by"]) == sorted(overtaken_by)
    assert rank["peers_mean_index_change"] == others_mean
    if new == 2021:
        changes = {n["id"]: D(n["difference"]) for a in data["areas"] for n in _walk(a)}
        assert changes["3.2.5"] == -1 and changes["7.5"] == D("-0.75") and changes["1.3"] == -1
        assert changes["3.3.1"] == changes["3.3.2"] == D("-0.5")
    assert rank["direction"] == "down"
    text = run("compare", *files, "--peers", "--lang", "en").stdout
    assert f"{before}/12 → {after}/12  (down {after - before} places)" in text
    assert "+" not in text[text.index("Rank change") :].split("Others' mean")[0]
    assert "The other units' change" in text
    vi = run("compare", *files, "--peers").stdout
    assert f"{before}/12 → {after}/12  (giảm {after - before} bậc)" in vi


def test_the_progress_bar_stays_off_stdout(block: Path) -> None:
    result = run("rank", str(block), "--set", CRITERIA, "--json", "--progress")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["blocks"][0]["standings"]) == 3


def test_a_narrow_terminal_keeps_rank_index_and_band_and_says_areas_are_left_out(
    block: Path,
) -> None:
    result = CliRunner(env={"COLUMNS": "60"}).invoke(
        main, ["rank", str(block), "--set", CRITERIA, "--lang", "en"]
    )
    row = next(line for line in result.stdout.splitlines() if "Huyện Tốt" in line)
    assert row.split()[0] == "1/3" and row.split()[-1] == "Average"
    assert "Areas left out for lack of width" in result.stdout


def test_compare_takes_published_totals_as_peers(tmp_path: Path) -> None:
    old = unit_file(tmp_path, "Huyện Mẫu", "huyen_mau", l1_2=4)  # 11.49 of 20: 57.45
    new_dir = tmp_path / "new"
    new_dir.mkdir()
    new = unit_file(new_dir, "Huyện Mẫu", "huyen_mau")  # 9.49 of 20: 47.45
    (tmp_path / "2020.csv").write_text(
        "unit,block,year,index\nA,district,2021,50\nB,district,2021,40\n", encoding="utf-8"
    )
    (tmp_path / "2021.csv").write_text(
        "unit,block,year,index\nA,district,2021,58\nB,district,2021,48\n", encoding="utf-8"
    )
    args = ["compare", str(old), str(new), "--set", CRITERIA, "--json"]
    peers = ["--peers-old", str(tmp_path / "2020.csv"), "--peers-new", str(tmp_path / "2021.csv")]
    rank = json.loads(run(*args, *peers).stdout)["rank"]
    # 1st of 3, then 3rd: its own fall alone (47.45 against 50, 40) puts it 2nd; the others'
    # rise alone (57.45 against 58, 48) too; both, 3rd.
    assert (rank["rank_old"], rank["rank_own_only"], rank["rank_others_only"]) == (1, 2, 2)
    assert rank["rank_new"] == 3
    assert (D(rank["own_effect"]), D(rank["others_effect"])) == (1, 1)
    assert rank["overtaken_by"] == ["A", "B"]


def test_scoring_in_worker_processes_gives_the_same_table(block: Path) -> None:
    (block / "broken.yaml").write_text("unit: [unclosed\n", encoding="utf-8")
    args = ["rank", str(block), "--set", CRITERIA, "--json"]
    alone, shared = run(*args, "--jobs", "1"), run(*args, "--jobs", "2")
    assert shared.exit_code == 0, shared.output
    assert json.loads(shared.stdout) == json.loads(alone.stdout)
    assert "broken.yaml" in shared.stderr


@pytest.mark.parametrize(
    "target",
    [
        lambda block: block / "huyen_mau.yaml",  # a file found inside the folder ranked
        lambda block: Path(str(block) + "/./huyen_tot.yaml"),  # the same file, spelt otherwise
        lambda block: block / "totals.csv",  # the published table ranked
        lambda block: Path(CRITERIA),  # the criteria set loaded
    ],
)
def test_rank_never_writes_over_an_input_file(block: Path, target: Any) -> None:
    (block / "totals.csv").write_text("unit,block,year,index\nZ,commune,2021,50\n", "utf-8")
    out = target(block)
    before = out.read_bytes()
    args = ["rank", str(block), str(block / "totals.csv"), "--set", CRITERIA, "--csv"]
    result = run_en(*args, "-o", str(out), "--force")
    assert result.exit_code == 2
    assert "the output would overwrite an input file" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert out.read_bytes() == before


def test_rank_replaces_an_existing_output_only_with_force(
    block: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    out = tmp_path_factory.mktemp("out") / "table.json"
    out.write_text("kept", encoding="utf-8")
    refused = run("rank", str(block), "--set", CRITERIA, "--json", "-o", str(out))
    assert refused.exit_code == 2 and "--force" in refused.stderr
    assert out.read_text(encoding="utf-8") == "kept"
    replaced = run("rank", str(block), "--set", CRITERIA, "--json", "-o", str(out), "--force")
    assert replaced.exit_code == 0, replaced.output
    assert json.loads(out.read_text(encoding="utf-8"))["blocks"][0]["block"] == "district"


def test_compare_never_writes_over_new_or_a_peer(tmp_path: Path) -> None:
    old_dir, new_dir = tmp_path / "2020", tmp_path / "2021"
    old_dir.mkdir()
    new_dir.mkdir()
    old = unit_file(old_dir, "Huyện Mẫu", "huyen_mau", l1_2=4)
    new = unit_file(new_dir, "Huyện Mẫu", "huyen_mau")
    peer = unit_file(new_dir, "Huyện Khá", "huyen_kha", l2_1=30)
    unit_file(old_dir, "Huyện Khá", "huyen_kha", l2_1=5)
    for target in (new, peer):
        before = target.read_bytes()
        args = ["compare", str(old), str(new), "--set", CRITERIA, "--peers", "--json"]
        result = run_en(*args, "-o", str(target), "--force")
        assert result.exit_code == 2
        assert "the output would overwrite an input file" in result.stderr
        assert target.read_bytes() == before


def test_rank_refuses_a_block_mixing_criteria_sets(tmp_path: Path) -> None:
    unit_file(tmp_path, "Huyện Mẫu", "huyen_mau")  # the 20-point example set, district 2021
    for name in ("di_linh.yaml", "bao_lam.yaml"):
        (tmp_path / name).write_bytes((DI_LINH / "2021" / name).read_bytes())
    for strict in ((), ("--strict",)):
        result = run("rank", str(tmp_path), "--set", CRITERIA, "--csv", "--lang", "en", *strict)
        assert result.exit_code == 2
        (line,) = result.stderr.strip().splitlines()
        assert "block 'district', 2021 mixes criteria sets example_minimal 1.0 (1 unit" in line
        assert "huyen_mau.yaml" in line and "lam_dong_district_2021" in line
        assert result.stdout == ""
    result = run("rank", str(tmp_path), "--set", CRITERIA, "--csv")
    assert "Khối UBND cấp huyện, năm 2021 trộn lẫn các bộ chỉ số" in result.stderr
    assert "(1 đơn vị: " in result.stderr and "'district'" not in result.stderr


def test_compare_refuses_peers_of_the_wrong_year_or_none(tmp_path: Path) -> None:
    old_dir, new_dir, empty = tmp_path / "2020", tmp_path / "2021", tmp_path / "empty"
    for folder in (old_dir, new_dir, empty):
        folder.mkdir()
    old = unit_file(old_dir, "Huyện Mẫu", "huyen_mau", year=2020)
    new = unit_file(new_dir, "Huyện Mẫu", "huyen_mau")
    unit_file(new_dir, "Huyện Khá", "huyen_kha", l2_1=30)
    args = ["compare", str(old), str(new), "--set", CRITERIA]
    for peers_old, found in ((empty, "no unit at all"), (new_dir, "found: district 2021")):
        result = run(
            *args, "--peers-old", str(peers_old), "--peers-new", str(new_dir), "--lang", "en"
        )
        assert result.exit_code == 2
        assert "Rank" not in result.stdout and "Hạng" not in result.stdout
        # The spelling still works for this release, with one line saying it is deprecated.
        note, line = result.stderr.strip().splitlines()
        assert "--peers-old/--peers-new" in note and "--peers" in note
        assert f"--peers-old: no unit of block 'district' in 2020 ({found})" in line
        assert str(peers_old) in line


def test_rank_csv_rounds_points_from_divisions_to_4_decimals_and_json_keeps_them() -> None:
    lines = run("rank", str(DI_LINH / "2021"), "--csv").stdout.splitlines()
    header = lines[0].split(",")
    rows = [dict(zip(header, line.split(","), strict=True)) for line in lines[1:]]
    numbers = [v for r in rows for k, v in r.items() if k.startswith(("area:", "survey", "total"))]
    assert numbers and all(len(v.partition(".")[2]) <= 4 for v in numbers)
    bao_loc = next(r for r in rows if r["unit_id"] == "bao_loc")
    league = json.loads(run("rank", str(DI_LINH / "2021"), "--json").stdout)
    exact = league["blocks"][0]["standings"][0]
    assert exact["unit_id"] == "bao_loc" and len(exact["survey"]) > 20
    assert bao_loc["survey"] == str(D(exact["survey"]).quantize(D("0.0001")))
    assert bao_loc["total"] == exact["total"]  # already rounded by the set: as it is


def test_a_folder_or_file_given_twice_is_read_once_silently(block: Path) -> None:
    twice = [str(block), str(block), str(block / "huyen_mau.yaml"), f"{block}/./huyen_tot.yaml"]
    result = run("rank", *twice, "--set", CRITERIA, "--json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    league = json.loads(result.stdout)
    assert len(league["blocks"][0]["standings"]) == 3 and league["skipped"] == []


def test_a_table_with_only_its_header_is_named(tmp_path: Path) -> None:
    table = tmp_path / "empty.csv"
    table.write_text("unit,block,year,total\n", encoding="utf-8")
    result = run_en("rank", str(table))
    assert result.exit_code == 2
    assert f"{table}, line 2: no rows under the header" in result.stderr


def test_area_points_are_shown_whole_or_left_out_at_every_width() -> None:
    league = LeagueTable.model_validate_json(run("rank", str(DI_LINH / "2021"), "--json").stdout)
    for width in range(110, 131):
        shown = io.StringIO()
        Console(width=width, color_system=None, file=shown).print(league_report(league, "en"))
        rows = [line for line in shown.getvalue().splitlines() if "/12" in line]
        if "Areas left out" not in shown.getvalue():
            assert all(row.split()[-1].replace(".", "").isdigit() for row in rows), width


def test_a_league_table_csv_reads_back_as_the_same_table(tmp_path: Path) -> None:
    table = tmp_path / "league.csv"
    first = run("rank", str(DI_LINH / "2021"), "--csv", "-o", str(table))
    assert first.exit_code == 0, first.output
    again = run("rank", str(table), "--csv")
    assert again.exit_code == 0, again.output
    assert again.stdout == table.read_text(encoding="utf-8-sig")
    header, *rows = table.read_text(encoding="utf-8-sig").splitlines()
    areas = [i for i, name in enumerate(header.split(",")) if name.startswith("area:")]
    cells = [row.split(",")[i] for row in rows for i in areas]
    assert "6" in cells
    assert not any("." in c and c.endswith("0") for c in cells)


def test_a_set_version_without_a_set_id_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCHC_SCORE_LANG", "en")  # the errors asserted are the English ones
    table = tmp_path / "totals.csv"
    table.write_text("unit,block,year,total\nA,district,2021,90\n", encoding="utf-8")
    result = run("rank", str(table), "--set-version", "9")
    assert result.exit_code == 2
    assert "--set-version 9 needs --set-id" in result.output


def test_output_format_follows_the_extension_without_a_format_flag(tmp_path: Path) -> None:
    old, new = str(DI_LINH / "2020" / "di_linh.yaml"), str(DI_LINH / "2021" / "di_linh.yaml")
    result = run("compare", old, new, "-o", str(tmp_path / "out.json"))
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["unit_id"] == "di_linh"
    result = run("rank", str(DI_LINH / "2021"), "-o", str(tmp_path / "out.csv"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out.csv").read_text(encoding="utf-8-sig").startswith("block,year,rank")
    result = run("rank", str(DI_LINH / "2021"), "-o", str(tmp_path / "league.json"))
    assert json.loads((tmp_path / "league.json").read_text(encoding="utf-8"))["blocks"]
    for args in (("rank", str(DI_LINH / "2021")), ("compare", old, new)):
        result = run(*args, "-o", str(tmp_path / "out.txt"))
        assert result.exit_code == 2 and "out.txt" in result.stderr
        assert result.stderr.count("\n") == 1 and not (tmp_path / "out.txt").exists()
