"""The founding question: where would this year's draft self-assessment put the unit among the
other units' results of last year, and what is the cheapest way to 3rd? Asked as district staff
ask it, with the Di Linh 2022 draft (examples/di_linh_draft), from the command line and from
Python."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from cchc_score.app import collect, league_of, open_context, run_simulation
from cchc_score.cli import main
from cchc_score.errors import CchcScoreError
from cchc_score.ranking import rank
from cchc_score.simulate import TargetRank

from .conftest import EXAMPLES

DI_LINH = EXAMPLES / "di_linh"
LAST_YEAR = DI_LINH / "2021"
DRAFT = EXAMPLES / "di_linh_draft" / "di_linh_2022.yaml"
COSTS = DI_LINH / "costs.yaml"
NOTE_VI = "so với kết quả năm 2021 của các đơn vị khác"
NOTE_EN = "compared with other units' 2021 results"


def cells(book: Path) -> list[object]:
    """Every cell's value of every sheet of a workbook."""
    wb = openpyxl.load_workbook(book)
    return [c for ws in wb for row in ws.iter_rows(values_only=True) for c in row]


def run(*args: str, lang: str | None = None) -> tuple[int, str, str]:
    env = {"COLUMNS": "160"} | ({"CCHC_SCORE_LANG": lang} if lang else {})
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def founding(draft: Path, *extra: str) -> list[str]:
    """``simulate`` the draft to 3rd place against last year's results, priced."""
    return [
        "simulate",
        str(draft),
        "--peers",
        str(LAST_YEAR),
        "--costs",
        str(COSTS),
        "--target-rank",
        "3",
        *extra,
    ]


def test_the_draft_against_last_years_results_is_refused_with_the_way_to_ask_it() -> None:
    """Without --peers-year, years are never mixed silently: the error says what to add."""
    code, out, err = run(*founding(DRAFT))
    assert code == 2 and out == ""
    assert "--peers-year 2021" in err and "Khối UBND cấp huyện năm 2022" in err
    code, _, err = run(*founding(DRAFT), lang="en")
    assert code == 2
    assert "no peer of block 'district' in 2022 found" in err
    assert "to compare with other units' 2021 results" in err and "--peers-year 2021" in err


def test_the_founding_question_answered_with_peers_year() -> None:
    """The draft (86.50) would stand 4th of 12 among the others' 2021 results, its own 2021
    result replaced by the draft; the cheapest plan reaches 3rd; the report says which year's
    results it is compared with, and shows the draft's own year."""
    code, out, err = run(*founding(DRAFT, "--peers-year", "2021", "--json"))
    assert code == 0, err
    sim = json.loads(out)
    assert (sim["year"], sim["peers_year"], sim["index"]) == (2022, 2021, "86.50")
    assert (sim["rank"], sim["peers"]) == (4, 11)  # Di Linh's own 2021 result is not a peer
    assert sim["plan"]["new_rank"] <= 3
    code, text, _ = run(*founding(DRAFT, "--peers-year", "2021"))
    assert code == 0
    assert NOTE_VI in text and "Huyện Di Linh · Khối UBND cấp huyện · 2022" in text
    text = run(*founding(DRAFT, "--peers-year", "2021", "--lang", "en"))[1]
    assert NOTE_EN in text and "· 2022" in text


def test_the_founding_question_with_the_draft_workbook(tmp_path: Path) -> None:
    """template --from writes the draft as the workbook staff fill; simulate reads it as is."""
    book = tmp_path / "du-thao-2022.xlsx"
    code, _, err = run("template", "lam_dong_district_2021", "--from", str(DRAFT), "-o", str(book))
    assert code == 0, err
    from_yaml = json.loads(run(*founding(DRAFT, "--peers-year", "2021", "--json"))[1])
    code, out, err = run(*founding(book, "--peers-year", "2021", "--json"))
    assert code == 0, err
    from_book = json.loads(out)
    assert from_book["peers_year"] == 2021
    assert (from_book["rank"], from_book["plan"]) == (from_yaml["rank"], from_yaml["plan"])


def test_the_note_is_in_the_html_report_and_the_workbook(tmp_path: Path) -> None:
    page, book = tmp_path / "mo-phong.html", tmp_path / "mo-phong.xlsx"
    code, _, err = run(*founding(DRAFT, "--peers-year", "2021", "--export", str(page)))
    assert code == 0, err
    html = page.read_text(encoding="utf-8")
    assert NOTE_VI in html and "2022" in html
    code, _, err = run(*founding(DRAFT, "--peers-year", "2021", "-o", str(book)))
    assert code == 0, err
    found = cells(book)
    assert NOTE_VI in found and 2022 in found


def test_rank_puts_the_draft_among_last_years_results_only_when_asked() -> None:
    """Without --peers-year the draft ranks 1 of 1 and stderr says how to compare it; with it,
    the draft stands 4th of the 12, with its own year, and Di Linh's 2021 result leaves."""
    code, out, err = run("rank", str(DRAFT), str(LAST_YEAR), "--json")
    assert code == 0
    assert "--peers-year 2021" in err and "Huyện Di Linh" in err
    assert len(json.loads(out)["blocks"]) == 2
    code, out, err = run("rank", str(DRAFT), str(LAST_YEAR), "--peers-year", "2021", "--json")
    assert code == 0 and err == ""
    league = json.loads(out)
    assert league["peers_year"] == 2021
    (block,) = league["blocks"]
    assert block["year"] == 2021 and len(block["standings"]) == 12
    di_linh = [s for s in block["standings"] if s["unit_id"] == "di_linh"]
    assert [(s["year"], s["rank"], s["index"]) for s in di_linh] == [(2022, 4, "86.50")]
    text = run("rank", str(DRAFT), str(LAST_YEAR), "--peers-year", "2021")[1]
    assert "Huyện Di Linh (2022)" in text and NOTE_VI in text
    csv = run("rank", str(DRAFT), str(LAST_YEAR), "--peers-year", "2021", "--csv")[1]
    row = next(line for line in csv.splitlines() if ",di_linh," in line)
    assert row.startswith("district,2022,4,12,")


def test_rank_peers_year_with_no_unit_of_that_year_is_refused() -> None:
    code, _, err = run("rank", str(DRAFT), str(LAST_YEAR), "--peers-year", "2020", lang="en")
    assert code == 2
    assert "no unit of block 'district' in 2020 to compare Huyện Di Linh with" in err
    assert "2021, 2022" in err


def test_the_league_workbook_and_page_say_so(tmp_path: Path) -> None:
    book, page = tmp_path / "bang.xlsx", tmp_path / "bang.html"
    args = ["rank", str(DRAFT), str(LAST_YEAR), "--peers-year", "2021"]
    assert run(*args, "-o", str(book))[0] == 0
    found = cells(book)
    assert "Huyện Di Linh (2022)" in found
    assert f"Huyện Di Linh (2022): {NOTE_VI}" in found
    appendix = tmp_path / "phu-luc.xlsx"
    assert run(*args, "-o", str(appendix), "--layout", "phụ lục")[0] == 0
    found = cells(appendix)
    # The printable appendix names units formally, as the People's Committee.
    assert "UBND huyện Di Linh (2022)" in found and f"Huyện Di Linh (2022): {NOTE_VI}" in found
    assert run(*args, "--export", str(page))[0] == 0
    html = page.read_text(encoding="utf-8")
    assert "Huyện Di Linh (2022)" in html and NOTE_VI in html


def test_the_python_api_takes_peers_year() -> None:
    """run_simulation and league_of take peers_year; rank() too; a simulation whose peers
    are all of one other year records it."""
    ctx = open_context()
    sim = run_simulation(ctx, DRAFT, LAST_YEAR, COSTS, objective=TargetRank(3), peers_year=2021)
    assert (sim.year, sim.peers_year, sim.rank, sim.peers) == (2022, 2021, 4, 11)
    with pytest.raises(CchcScoreError, match="--peers-year 2021"):
        run_simulation(ctx, DRAFT, LAST_YEAR, COSTS)
    got = collect(ctx, [DRAFT, LAST_YEAR])
    league = league_of(got, peers_year=2021)
    assert league.peers_year == 2021 and [b.year for b in league.blocks] == [2021]
    standing = league.standing("di_linh")
    assert standing is not None and (standing.year, standing.rank) == (2022, 4)
    assert rank(got.entries).peers_year is None  # the years stay apart unless asked
    same_year = run_simulation(ctx, DI_LINH / "2021" / "di_linh.yaml", LAST_YEAR, COSTS)
    assert same_year.peers_year is None


def test_peers_takes_several_paths_and_alone_the_units_folder() -> None:
    """--peers repeated adds files; --peers alone is the unit's own folder."""
    own = str(LAST_YEAR / "di_linh.yaml")
    base = ["simulate", own, "--costs", str(COSTS), "--json"]
    folder = json.loads(run(*base, "--peers", str(LAST_YEAR))[1])
    alone = json.loads(run(*base, "--peers")[1])
    assert (alone["rank"], alone["peers"]) == (folder["rank"], folder["peers"]) == (8, 11)
    files = [str(LAST_YEAR / f"{u}.yaml") for u in ("don_duong", "bao_loc", "da_lat")]
    code, out, err = run(*base, *(x for f in files for x in ("--peers", f)))
    assert code == 0, err
    assert (json.loads(out)["rank"], json.loads(out)["peers"]) == (4, 3)
