"""The HTML and SVG reports: their structure, the facts they state, and untrusted text in them."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_score.cli import main
from cchc_score.formal import formal_unit
from cchc_score.report.pages import css_string
from cchc_score.report.words import moved, number, percent, signed

from .conftest import EXAMPLES, MINIMAL

DI_LINH = EXAMPLES / "di_linh"
SET = str(MINIMAL / "criteria.yaml")
SIMULATE = (
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
REPORTS: dict[str, tuple[str, ...]] = {
    "score": ("score", str(DI_LINH / "2021" / "di_linh.yaml")),
    "show": ("show", SET),
    "rank": ("rank", str(DI_LINH / "2021")),
    "compare": (
        "compare",
        str(DI_LINH / "2020" / "di_linh.yaml"),
        str(DI_LINH / "2021" / "di_linh.yaml"),
        "--peers",
    ),
    "simulate": SIMULATE,
    "each": (
        "simulate",
        str(DI_LINH / "2021"),
        "--costs",
        str(DI_LINH / "costs.yaml"),
        "--target-rank",
        "3",
    ),
    "demo": ("demo",),
}
#: The reports that draw a chart in their page.
CHARTED = {"score", "simulate", "demo"}


class Doc(HTMLParser):
    """An HTML page as a list of (tag, attributes) and the text of every element by tag."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.words: list[str] = []
        self.facts: dict[str, str] = {}
        self._fact: str | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in {"meta", "br", "rect", "line", "circle", "polyline"}:
            self.stack.append(tag)
        fact = dict(attrs).get("data-fact")
        if fact:
            self._fact = fact
            self.facts[fact] = ""
        self.words.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
        if tag == "td":
            self._fact = None

    def handle_data(self, data: str) -> None:
        if "style" not in self.stack and "title" not in self.stack[:3]:
            self.words.append(data)
        if self._fact:
            self.facts[self._fact] += data

    def count(self, tag: str) -> int:
        return sum(1 for t, _ in self.tags if t == tag)

    @property
    def text(self) -> str:
        return " ".join("".join(self.words).split())


def export(tmp_path: Path, args: tuple[str, ...], suffix: str = ".html", lang: str = "vi") -> str:
    path = tmp_path / f"report{suffix}"
    result = CliRunner().invoke(main, [*args, "--lang", lang, "--export", str(path)])
    assert result.exit_code == 0, result.stderr
    return path.read_text(encoding="utf-8")


def as_json(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(main, [*args, "--json"])
    assert result.exit_code == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


@pytest.mark.parametrize("report", sorted(REPORTS))
def test_every_report_is_a_page_of_tables_with_header_cells(tmp_path: Path, report: str) -> None:
    text = export(tmp_path, REPORTS[report])
    doc = Doc(text)
    assert doc.tags[0][0] == "html" and doc.tags[0][1]["lang"] == "vi"
    assert doc.count("pre") == 0 and doc.count("script") == 0 and doc.count("link") == 0
    assert doc.count("table") >= 2 and doc.count("thead") >= 1
    scopes = {a.get("scope") for t, a in doc.tags if t == "th"}
    assert {"row", "col"} <= scopes
    # Numbers are right-aligned: every header cell of a figure column says so.
    assert any(a.get("class") == "num" for t, a in doc.tags if t == "td")
    # The summary comes first: its heading precedes every other section's.
    assert doc.text.index("Tóm tắt") < min(
        doc.text.index(h) for h in ("Chi tiết", "Mã", "Xếp hạng", "Thay đổi") if h in doc.text
    )
    assert "http://" not in text.replace("http://www.w3.org/2000/svg", "")  # nothing to fetch
    if report in CHARTED:
        charts = [a for t, a in doc.tags if t == "svg"]
        assert charts and all(a.get("role") == "img" and a.get("aria-labelledby") for a in charts)


def test_the_score_page_states_the_json_facts(tmp_path: Path) -> None:
    args = ("score", str(DI_LINH / "2021" / "di_linh.yaml"))
    facts = Doc(export(tmp_path, args)).facts
    data = as_json(*args)
    assert facts["total"] == f"{number(Decimal(str(data['total'])), 'vi')} / 100,00"
    assert facts["index"] == number(Decimal(str(data["index"])), "vi")
    band = data["band"]
    assert isinstance(band, dict) and facts["band"] == band["label_vi"]


def test_the_simulate_page_states_the_json_facts(tmp_path: Path) -> None:
    doc = Doc(export(tmp_path, SIMULATE, lang="en"))
    data = as_json(*SIMULATE)
    assert doc.facts["total"] == number(Decimal(str(data["total"])), "en")
    assert doc.facts["rank"] == f"{data['rank']} of {int(str(data['peers'])) + 1}"
    band = data["band"]
    assert isinstance(band, dict) and doc.facts["band"] == band["label_en"]
    assert "Least cost of each rank" in doc.text and "Probability of each rank" in doc.text


def test_the_rank_page_keeps_every_area_and_prints_in_landscape(tmp_path: Path) -> None:
    text = export(tmp_path, REPORTS["rank"])
    doc = Doc(text)
    assert "size: A4 landscape" in text
    assert "Chỉ số thành phần" in doc.text
    league = as_json(*REPORTS["rank"])
    block = league["blocks"][0]  # type: ignore[index]
    areas = {a["id"] for s in block["standings"] for a in s["areas"]}
    area_headers = {
        a.get("title") for t, a in doc.tags if t == "th" and a.get("class") == "num area"
    }
    assert len(areas) == len(area_headers) == 9
    first = block["standings"][0]
    # A formal table names a district by its People's Committee ("UBND thành phố Bảo Lộc").
    name = formal_unit(first["unit"], block["block"], "vi")
    assert f"{first['rank']}/{first['of']} {name}" in doc.text


def test_untrusted_names_are_shown_as_text_never_markup(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    source = (MINIMAL / "assessment.yaml").read_text(encoding="utf-8")
    evil = '<script>alert(1)</script> [red]Đỏ[/red] "quote" </style>'
    named = source.replace("unit: Huyện Mẫu", f"unit: '{evil}'").replace(
        "unit_id: huyen_mau", "unit_id: evil"
    )
    (folder / "evil.yaml").write_text(named, encoding="utf-8")
    (folder / "plain.yaml").write_text(source, encoding="utf-8")
    (folder / "broken.yaml").write_text("unit: [<b>", encoding="utf-8")
    for args in (("score", str(folder / "evil.yaml")), ("rank", str(folder))):
        for suffix in (".html", ".svg"):
            out = tmp_path / f"{args[0]}-{suffix[1:]}"
            out.mkdir()
            text = export(out, (*args, "--set", SET), suffix)
            assert "<script" not in text, (args[0], suffix)
            assert text.count("</style>") == (suffix == ".html"), (args[0], suffix)
            if suffix == ".html":
                assert evil in Doc(text).text
                assert "[red]Đỏ[/red]" in text  # rich markup is not interpreted either


def test_running_header_is_a_css_string_that_cannot_escape() -> None:
    assert css_string('Huyện "A" </style>\n') == '"Huyện \\22 A\\22  \\3c /style\\3e \\a "'


def test_numbers_take_the_languages_decimal_mark_exactly() -> None:
    assert number(Decimal("83.265"), "vi") == "83,27"  # half up, from the Decimal
    assert number(Decimal("83.27"), "en") == "83.27"
    assert number(Decimal("113.0240"), "vi", None) == "113,024"
    assert number(Decimal("10"), "en", None) == "10"
    # Thousands grouped as Vietnamese readers write them (costs in đồng run to millions).
    assert number(Decimal("15000000"), "vi") == "15.000.000,00"
    assert number(Decimal("-1234.5"), "vi", None) == "−1.234,5"
    assert number(Decimal("999.5"), "vi", 1) == "999,5"
    assert number(Decimal("15000000"), "en") == "15000000.00"
    assert signed(Decimal("-0.5"), "vi") == "−0,50" and signed(Decimal("1.25"), "en") == "+1.25"
    assert percent(0.425, "vi") == "42,5 %" and percent(0.1, "en") == "10.0%"
    assert moved(2, "vi") == "giảm 2 bậc" and moved(Decimal("-0.5"), "vi") == "tăng 0,5 bậc"


def test_the_compare_page_says_the_rank_move_in_words(tmp_path: Path) -> None:
    text = Doc(export(tmp_path, REPORTS["compare"])).text
    assert "6/12 → 8/12 (giảm 2 bậc)" in text


@pytest.mark.parametrize("report", ["rank", "show", "compare", "simulate", "each", "demo"])
def test_svg_export_is_a_chart_or_a_table_not_a_screenshot(tmp_path: Path, report: str) -> None:
    root = ET.fromstring(export(tmp_path, REPORTS[report], ".svg"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    words = "".join(root.itertext())
    assert "█" not in words and "│" not in words and "━" not in words
    assert root.find("{http://www.w3.org/2000/svg}title") is not None


def test_pdf_without_a_browser_is_refused_before_any_work(tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    result = CliRunner().invoke(
        main, ["score", SET, "--export", str(path)], env={"PATH": str(tmp_path)}
    )
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and ".html" in result.stderr
    assert not path.exists()
