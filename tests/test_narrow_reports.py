"""Reports at the width of a laptop terminal (80 columns) and narrower (60), as a user runs
them: the score tree, the league table and the simulate report switch to a narrower or stacked
layout instead of squeezing text columns to a few letters; at 120 columns the wide layout stays."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_score.cli import main

from .conftest import EXAMPLES

DI_LINH = EXAMPLES / "di_linh"
FILE_2021 = DI_LINH / "2021" / "di_linh.yaml"


def run(width: int, *args: str) -> str:
    result = CliRunner().invoke(main, list(args), env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    return result.stdout


def lines(text: str) -> list[str]:
    return text.splitlines()


def fits(text: str, width: int) -> bool:
    return all(len(line) <= width for line in lines(text))


def on_one_line(words: str, text: str) -> bool:
    """``words`` appear on one line of ``text`` (spaces between them as printed)."""
    return any(words in line for line in lines(text))


def leaf_titles(lang: str = "vi") -> list[str]:
    """Every node's label in Di Linh's 2021 result, from the JSON the command prints."""
    import json

    data = json.loads(run(200, "score", str(FILE_2021), "--json"))

    def walk(node: dict[str, object]) -> list[str]:
        out = [str(node[f"label_{lang}"])]
        for child in node.get("children", []):  # type: ignore[union-attr]
            out.extend(walk(child))  # type: ignore[arg-type]
        return out

    return [label for root in data["nodes"] for label in walk(root)]


def opening(label: str, n: int = 3) -> str:
    """A label's first ``n`` words: a column squeezed to a few letters never holds them."""
    return " ".join(label.split()[:n])


@pytest.mark.parametrize("width", [80, 60])
def test_the_score_tree_stays_readable_on_a_narrow_terminal(width: int) -> None:
    """At 80 and 60 columns `score` prints id, title and points side by side, the title in a
    column wide enough for its first words; no line is longer than the terminal."""
    text = run(width, "score", str(FILE_2021))
    assert fits(text, width)
    titles = leaf_titles()
    assert len(titles) > 50
    missing = [t for t in titles if not on_one_line(opening(t), text)]
    assert not missing, missing[:5]
    # What the wide table's columns said is still there, under the title.
    assert "Điểm chưa đạt 2,38" in text  # area 1 lost 2.38 points
    assert "thẩm định điều chỉnh" in text


def test_the_score_tree_keeps_its_columns_at_120() -> None:
    text = run(120, "score", str(FILE_2021))
    header = next(line for line in lines(text) if "Lĩnh vực / tiêu chí" in line)
    for column in ("Điểm", "Điểm chưa đạt", "Tự chấm", "Lưu ý"):
        assert column in header
    assert "█" in text  # the bars


def test_the_demo_at_80_columns_is_within_the_width_and_cuts_no_word() -> None:
    """The demo (breakdown, league table, ranks, plan, odds, next steps) fits 80 columns."""
    text = run(80, "demo")
    assert fits(text, 80)
    assert not re.search(r"│ \S{1,3} +│ \S{1,3} +│", text)  # no two 3-letter columns side by side
    assert "Rà soát, đơn giản hóa thủ tục hành chính" in text


@pytest.mark.parametrize("width", [80, 60])
def test_the_league_table_fits_and_names_every_unit_whole(width: int) -> None:
    """`rank` at 80 columns: the rank, unit, total, index and band side by side (the areas
    left out, said in the caption); at 60, one block per unit with its areas' points."""
    text = run(width, "rank", str(DI_LINH / "2021"))
    assert fits(text, width)
    for unit in ("Thành phố Bảo Lộc", "Huyện Đơn Dương", "Huyện Di Linh", "Huyện Đam Rông"):
        assert on_one_line(unit, text)
    assert text.count("Trung bình") >= 3  # the band, never cut to "Trung bìn"
    if width == 60:
        assert "Chỉ số thành phần: 1: 13,86" in text  # Bảo Lộc's areas, stacked
    else:
        header = next(line for line in lines(text) if "Đơn vị" in line)
        assert "Tổng điểm" in header and "Xếp loại" in header


def test_the_league_table_shows_every_area_at_160() -> None:
    text = run(160, "rank", str(DI_LINH / "2021"))
    header = next(line for line in lines(text) if "Đơn vị" in line)
    assert header.split()[-9:] == [str(i) for i in range(1, 10)]


def simulate(width: int, *extra: str) -> str:
    return run(
        width,
        "simulate",
        str(FILE_2021),
        "--peers",
        str(DI_LINH / "2021"),
        "--costs",
        str(DI_LINH / "costs.yaml"),
        *extra,
    )


@pytest.mark.parametrize("width", [80, 60])
def test_the_simulate_report_is_stacked_on_a_narrow_terminal(width: int) -> None:
    """Opportunities, the plan and the alternatives are stacked: whole titles, labelled
    figures, nothing past the width."""
    text = simulate(width, "--budget", "40", "--alternatives", "2")
    assert fits(text, width)
    assert on_one_line("Điểm tăng: +1,00", text)
    assert on_one_line("Chi phí: 10,00", text)
    assert "so với phương án đã chọn" in text


def test_all_lists_every_single_improvement() -> None:
    """By default the report lists 15 single improvements and says how many more and how to
    see them; --all lists every one."""
    short = simulate(80, "--target-rank", "3")
    more = re.search(r"và (\d+) cải thiện khác \(--all để xem tất cả\)", short)
    assert more is not None
    everything = simulate(80, "--target-rank", "3", "--all")
    assert "cải thiện khác" not in everything
    shown = everything[: everything.index("Phương án:")]
    assert shown.count("Điểm tăng:") == 15 + int(more.group(1))


def test_all_lists_every_single_improvement_in_the_exported_page_too(tmp_path: Path) -> None:
    def rows(*extra: str) -> int:
        page = tmp_path / "sim.html"
        simulate(120, "--target-rank", "3", "--export", str(page), "--force", *extra)
        html = page.read_text(encoding="utf-8")
        section = html[html.index('id="opp-h"') :]
        return section[: section.index("</table>")].count("<tr>") - 1  # less the header

    assert rows() == 15 and rows("--all") > 15


@pytest.mark.parametrize("width", [80, 120])
def test_the_sets_list_stays_readable_on_a_narrow_terminal(width: int) -> None:
    """Eight columns squeezed each set's title to four letters a line: below the wide table's
    width each set is a block, its title on whole lines and its facts under it."""
    text = run(width, "sets")
    assert fits(text, width)
    assert on_one_line("Bộ chỉ số cải cách hành chính của", text)
    assert on_one_line("Cấu trúc: 8 lĩnh vực · 37 TC · 88 TCTP", text)
    assert on_one_line("Năm đánh giá áp dụng: 2025–…", text)
    wide = run(200, "sets")
    assert fits(wide, 200) and "Cấu trúc:" not in wide and "8 lĩnh vực · 37 TC · 88 TCTP" in wide
