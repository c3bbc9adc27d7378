"""Reports people share: --export to standalone HTML or SVG, and the bar charts in them."""

from __future__ import annotations

import html
import io
import xml.etree.ElementTree as ET
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from cchc_score import AssessmentFile, CriteriaSet, score
from cchc_score.cli import main
from cchc_score.render.charts import area_chart, frontier_chart, odds_chart
from cchc_score.simulate.models import FrontierPoint, Plan, RankOdds

from .conftest import MINIMAL

SET = str(MINIMAL / "criteria.yaml")
ASSESSMENT = str(MINIMAL / "assessment.yaml")


class Page(HTMLParser):
    """The text a reader sees in an HTML page, its title and its language."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.lang: str | None = None
        self.title = ""
        self.body: list[str] = []
        self._in_title = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        self._in_title = tag == "title" and not self.title  # the page's, not a chart's
        if tag in {"td", "th", "tr", "li", "p"}:
            self.body.append(" ")  # cells read apart, as a browser shows them

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        else:
            self.body.append(data)

    @property
    def text(self) -> str:
        return "".join(self.body)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env={"COLUMNS": "140"})
    return result.exit_code, result.stdout, result.stderr


def render(renderable: object, width: int = 100) -> str:
    out = io.StringIO()
    Console(file=out, width=width, color_system=None).print(renderable)
    return out.getvalue()


def test_score_export_html_is_a_standalone_vietnamese_page(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.html"
    code, out, err = run("score", ASSESSMENT, "--set", SET, "--export", str(path))
    assert code == 0 and "Kết quả chấm điểm" in out  # the terminal still gets the report
    assert str(path) in err
    page = Page(path.read_text(encoding="utf-8"))
    assert page.lang == "vi"
    assert page.title == "Huyện Mẫu 2021 — Bộ chỉ số mẫu (tối giản)"
    text = page.text
    assert "Kết quả chấm điểm" in text and "Huyện Mẫu" in text
    assert "Ban hành kế hoạch CCHC năm" in text
    # Vietnamese numbers take the decimal comma.
    assert "9,49 / 20,00" in text and "47,45" in text and "Yếu" in text
    assert "Điểm theo lĩnh vực" in text and "3,50 / 8,00" in text
    assert "<script" not in path.read_text(encoding="utf-8")  # nothing to run, fit for email


def test_export_follows_the_report_language(tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    assert run("score", ASSESSMENT, "--set", SET, "--lang", "en", "--export", str(path))[0] == 0
    page = Page(path.read_text(encoding="utf-8"))
    assert page.lang == "en"
    assert "Score breakdown" in page.text and "Points per area" in page.text
    assert "9.49 / 20.00" in page.text  # English numbers keep the decimal point


def test_score_export_svg_is_the_chart_of_points_per_area(tmp_path: Path) -> None:
    path = tmp_path / "report.svg"
    assert run("score", ASSESSMENT, "--set", SET, "--export", str(path))[0] == 0
    root = ET.fromstring(path.read_text(encoding="utf-8"))
    assert root.tag.endswith("svg")
    words = html.unescape("".join(root.itertext())).replace("\xa0", " ")
    assert "3,50 / 8,00" in words and "5,74 / 12,00" in words and "Huyện Mẫu" in words
    assert "█" not in words  # a chart drawn with shapes, not a terminal screenshot
    assert root.find("{http://www.w3.org/2000/svg}rect") is not None


def test_export_refuses_an_unknown_format(tmp_path: Path) -> None:
    code, _, err = run("score", ASSESSMENT, "--set", SET, "--export", str(tmp_path / "r.docx"))
    assert code == 2 and ".html" in err
    assert not (tmp_path / "r.docx").exists()


def test_export_into_a_missing_folder_is_one_line_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCHC_SCORE_LANG", "en")  # the errors asserted are the English ones
    code, _, err = run("score", ASSESSMENT, "--set", SET, "--export", str(tmp_path / "no/r.html"))
    assert code == 2 and err.count("\n") == 1 and "does not exist" in err


def test_area_chart_draws_points_and_losses_on_one_scale(
    minimal_set: CriteriaSet, minimal_file: AssessmentFile
) -> None:
    result = score(minimal_set, minimal_file.submission)
    lines = {
        line.split()[0]: line
        for line in render(area_chart(result, "vi", width=30)).splitlines()
        if line.strip()[:1].isdigit()
    }
    # Area 2 has the largest maximum (12): its bar spans 30 cells; area 1 (max 8) spans 20.
    assert lines["2"].count("█") + lines["2"].count("░") == 30
    assert lines["1"].count("█") + lines["1"].count("░") == 20
    # 3.50 of 12-point scale: 3.5 / 12 × 30 = 8.75 → 9 cells filled.
    assert lines["1"].count("█") == 9 and "3,50 / 8,00" in lines["1"]
    assert "+0,25" in lines["3"] and "█" not in lines["3"]  # bonus area: signed, no bar


def _plan(cost: int, rank: int) -> Plan:
    return Plan(
        objective="frontier",
        steps=(),
        total_cost=Decimal(cost),
        total_before=Decimal(60),
        new_total=Decimal(70),
        new_index=Decimal(70),
        rank_before=5,
        new_rank=rank,
        proven_optimal=True,
    )


def test_frontier_chart_shows_the_cost_of_each_rank_best_first() -> None:
    points = [
        FrontierPoint(rank=r, min_cost=Decimal(c), total=Decimal(70), plan=_plan(c, r))
        for r, c in ((4, 5), (2, 40), (3, 10))
    ]
    lines = [
        row
        for row in render(frontier_chart(points, "ngày công", "vi", width=40)).splitlines()
        if "█" in row
    ]
    assert [row.split()[0] for row in lines] == ["2", "3", "4"]
    assert [row.count("█") for row in lines] == [40, 10, 5]
    assert "40,00" in lines[0]


def test_odds_chart_puts_now_beside_the_plan() -> None:
    odds = RankOdds(
        target_rank=2, now=0.3, distribution_now=(0.1, 0.2, 0.7), distribution_plan=(0.5, 0.4, 0.1)
    )
    text = render(odds_chart(odds, "en", width=20))
    assert "now" in text and "with the plan" in text
    first = next(row for row in text.splitlines() if row.strip().startswith("1 "))
    assert "10.0%" in first and "50.0%" in first
    assert first.count("█") == 2 + 10


DI_LINH = MINIMAL.parent / "di_linh"


def test_rank_compare_and_simulate_export_their_reports(tmp_path: Path) -> None:
    runs = {
        "rank.html": ("rank", str(DI_LINH / "2021")),
        "compare.html": (
            "compare",
            str(DI_LINH / "2020" / "di_linh.yaml"),
            str(DI_LINH / "2021" / "di_linh.yaml"),
        ),
        "simulate.html": (
            "simulate",
            str(DI_LINH / "2021" / "di_linh.yaml"),
            "--peers",
            str(DI_LINH / "2021"),
            "--costs",
            str(DI_LINH / "costs.yaml"),
            "--target-rank",
            "3",
        ),
    }
    for name, args in runs.items():
        path = tmp_path / name
        code, out, err = run(*args, "--export", str(path))
        assert code == 0, err
        page = Page(path.read_text(encoding="utf-8"))
        assert page.lang == "vi" and "Di Linh" in page.text, name
        # The page holds the decimal figures the terminal showed, with the decimal comma (a
        # version such as 2021.1 is not a number and keeps its point).
        strip = "│┃()%+-−"
        words = {w.strip(strip) for w in page.text.split()}
        figures = {
            w.strip(strip)
            for w in out.split()
            if "." in w and w.strip(strip).replace(".", "").isdigit()
        }
        missing = {f for f in figures if f.replace(".", ",") not in words and f not in words}
        # The terminal's bar charts round to 2 places what the page prints exactly (10.5, 113.024).
        exact = {Decimal(w.replace(",", ".")) for w in words if _is_number(w.replace(",", "."))}
        missing = {f for f in missing if not any(round(e, 2) == Decimal(f) for e in exact)}
        assert not missing, name


def _is_number(word: str) -> bool:
    return word.replace(".", "", 1).isdigit()


def test_show_exports_a_criteria_set_to_circulate(tmp_path: Path) -> None:
    path = tmp_path / "bo-chi-so.html"
    assert run("show", SET, "--export", str(path))[0] == 0
    page = Page(path.read_text(encoding="utf-8"))
    assert page.title == "Bộ chỉ số mẫu (tối giản) (example_minimal 1.0)"
    assert "Ban hành muộn: 0,5 điểm" in page.text and "tái dựng" in page.text


def test_the_simulate_report_draws_the_frontier_and_the_odds() -> None:
    code, out, err = run(
        "simulate",
        str(DI_LINH / "2021" / "di_linh.yaml"),
        "--peers",
        str(DI_LINH / "2021"),
        "--costs",
        str(DI_LINH / "costs.yaml"),
        "--target-rank",
        "3",
        "--peer-sd",
        "1.5",
    )
    assert code == 0, err
    assert "Chi phí thấp nhất cho mỗi thứ hạng" in out and "Xác suất đạt mỗi thứ hạng" in out
    frontier = out[out.index("Chi phí thấp nhất cho mỗi thứ hạng") :].splitlines()[2:10]
    bars = [line.count("█") for line in frontier]
    assert bars == sorted(bars, reverse=True) and bars[-1] == 0  # rank 8 (now) costs nothing


def test_export_with_json_or_csv_is_refused_not_silently_dropped(tmp_path: Path) -> None:
    path = tmp_path / "r.html"
    runs = [
        ("score", ASSESSMENT, "--set", SET, "--json"),
        ("rank", str(DI_LINH / "2021"), "--csv"),
        (
            "compare",
            str(DI_LINH / "2020" / "di_linh.yaml"),
            str(DI_LINH / "2021" / "di_linh.yaml"),
            "--json",
        ),
        (
            "simulate",
            str(DI_LINH / "2021" / "di_linh.yaml"),
            "--peers",
            str(DI_LINH / "2021"),
            "--json",
        ),
    ]
    for args in runs:
        code, out, err = run(*args, "--export", str(path))
        assert code == 2 and "--export" in err and out == "", args[0]
    assert not path.exists()


def test_export_replaces_an_existing_file_only_with_force(tmp_path: Path) -> None:
    runs = {
        "score": ("score", ASSESSMENT, "--set", SET),
        "show": ("show", SET),
        "rank": ("rank", str(DI_LINH / "2021")),
        "compare": (
            "compare",
            str(DI_LINH / "2020" / "di_linh.yaml"),
            str(DI_LINH / "2021" / "di_linh.yaml"),
        ),
        "simulate": (
            "simulate",
            str(DI_LINH / "2021" / "di_linh.yaml"),
            "--peers",
            str(DI_LINH / "2021"),
            "--target-rank",
            "3",
        ),
    }
    for name, args in runs.items():
        path = tmp_path / f"{name}.html"
        path.write_text("kept", encoding="utf-8")
        code, out, err = run(*args, "--export", str(path))
        assert code == 2 and out == "", name  # refused before any work
        assert err.count("\n") == 1 and "--force" in err and str(path) in err, name
        assert path.read_text(encoding="utf-8") == "kept", name
        code, _, err = run(*args, "--export", str(path), "--force")
        assert code == 0, err
        assert Page(path.read_text(encoding="utf-8")).lang == "vi", name
