"""cchc-score serve's report downloads (the standalone pages of cchc_score.report and the league
workbook) and the pages' independence from other sites (the workspace works offline)."""

from __future__ import annotations

import re
import warnings
from collections import deque
from io import BytesIO
from pathlib import Path

import pytest

from .conftest import EXAMPLES

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note on its httpx-based client
    from fastapi.testclient import TestClient

DI_LINH = EXAMPLES / "di_linh"
KEY = "2021/di_linh.yaml"
#: The edits of the Di Linh story: 1.3.3 reported in 4 quarters, 3.5 with its plan adopted.
EDITS = {"v.1.3.3": "4", "v.3.5": "plan_and_proposal"}


@pytest.fixture(scope="module")
def client() -> TestClient:
    from cchc_score.web import create_app

    return TestClient(create_app([DI_LINH]))


def attachment_name(response: object) -> str:
    header: str = response.headers["content-disposition"]  # type: ignore[attr-defined]
    assert header.startswith("attachment;")
    found = re.search(r'filename="([^"]+)"', header)
    assert found is not None
    return found.group(1)


def test_a_units_breakdown_downloads_as_its_report(client: TestClient) -> None:
    assert 'href="/report/unit/2021/di_linh.yaml"' in client.get(f"/unit/{KEY}").text
    got = client.get(f"/report/unit/{KEY}")
    assert got.status_code == 200 and attachment_name(got) == "di_linh_report.html"
    assert "Huyện Di Linh 2021" in got.text and "83,27" in got.text
    assert "<script" not in got.text  # a page to keep or send: no server needed
    english = client.get(f"/report/unit/{KEY}?lang=en")
    assert '<html lang="en">' in english.text and "83.27" in english.text
    assert client.get("/report/unit/2021/nobody.yaml").status_code == 404


def test_each_appraisal_round_links_its_notice(client: TestClient) -> None:
    """Di Linh 2021 was appraised in two rounds: the unit's page lists them, each with the
    notice `cchc-score notice --round N` gives, in the page's language; a round the file does
    not hold is refused by name."""
    unit = client.get(f"/unit/{KEY}").text
    assert re.search(r'id="notice-1" href="/report/notice/1/2021/di_linh.yaml"', unit)
    assert 'id="notice-2"' in unit and "12/02/2022" in unit
    assert "Thông báo kết quả thẩm định lần 1 (HTML)" in unit
    got = client.get(f"/report/notice/1/{KEY}")
    assert got.status_code == 200 and attachment_name(got) == "di_linh_notice_round1.html"
    flat = " ".join(re.sub(r"<[^>]+>", " ", got.text).split())
    assert "Thông báo kết quả thẩm định lần 1" in flat and "Hạn giải trình" in flat
    assert "22/02/2022" in flat and "57,56" in flat and "<script" not in got.text
    english = client.get(f"/report/notice/2/{KEY}?lang=en")
    assert english.status_code == 200 and "round 2" in english.text.lower()
    missing = client.get(f"/report/notice/3/{KEY}")
    assert missing.status_code == 404
    error = re.search(r'id="page-error">(.*?)</p>', missing.text, re.S)
    assert error is not None
    assert error.group(1) == "Lỗi: phần thẩm định không có lần 3 (các lần có: 1, 2)"
    assert client.get("/report/notice/1/2021/nobody.yaml").status_code == 404


def test_a_unit_never_appraised_lists_no_round(tmp_path: Path) -> None:
    from cchc_score.web import create_app

    text = (DI_LINH / "2021" / "di_linh.yaml").read_text(encoding="utf-8")
    start, end = text.index("\nappraisal:"), text.index("\nsurvey:")
    (tmp_path / "di_linh.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plain = TestClient(create_app([tmp_path])).get("/unit/di_linh.yaml")
    assert plain.status_code == 200 and "Huyện Di Linh" in plain.text
    assert 'id="rounds"' not in plain.text and "/report/notice/" not in plain.text


def test_the_league_tables_download_as_a_report_and_a_workbook(client: TestClient) -> None:
    from openpyxl import load_workbook

    league = client.get("/").text
    assert 'href="/report/league.html"' in league and 'href="/report/league.xlsx"' in league
    page = client.get("/report/league.html")
    assert page.status_code == 200 and attachment_name(page) == "league.html"
    # The report's table names the district as its People's Committee.
    assert "UBND huyện Di Linh" in page.text and "83,27" in page.text
    book = client.get("/report/league.xlsx")
    assert book.status_code == 200 and attachment_name(book) == "league.xlsx"
    assert book.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheets = load_workbook(BytesIO(book.content)).worksheets
    rows = [row for ws in sheets for row in ws.iter_rows(values_only=True)]
    di_linh = [r for r in rows if "Huyện Di Linh" in r]
    assert len(di_linh) == 3  # 2019, 2020 and 2021
    assert any(r[0] == 8 and r[1] == 12 for r in di_linh)  # 8th of 12 in 2021


def test_an_empty_workspace_has_no_league_to_download() -> None:
    from cchc_score.web import create_app

    empty = TestClient(create_app([]))
    assert empty.get("/report/league.html").status_code == 404
    assert empty.get("/report/league.xlsx").status_code == 404


def test_the_edited_assessment_downloads_as_its_report(client: TestClient) -> None:
    assert 'formaction="/report/whatif/2021/di_linh.yaml"' in client.get(f"/whatif/{KEY}").text
    got = client.post(f"/report/whatif/{KEY}", data=EDITS)
    assert got.status_code == 200 and attachment_name(got) == "di_linh_whatif_report.html"
    assert "85,27" in got.text and "6/12" in got.text  # the edited total and its rank
    bad = client.post(f"/report/whatif/{KEY}", data={"v.1.3.3": "many"})
    assert bad.status_code == 400 and "1.3.3" in bad.text


def test_two_years_download_as_the_comparison_report(client: TestClient) -> None:
    query = "old=2020/di_linh.yaml&new=2021/di_linh.yaml"
    assert "/report/compare?old=2020/di_linh.yaml&amp;new=2021/di_linh.yaml" in (
        client.get(f"/compare?{query}").text
    )
    got = client.get(f"/report/compare?{query}")
    assert got.status_code == 200 and attachment_name(got) == "di_linh_2020_2021.html"
    assert "Huyện Di Linh" in got.text and "2020 → 2021" in got.text
    assert client.get("/report/compare?old=2020/x.yaml&new=2021/di_linh.yaml").status_code == 404


def test_a_download_named_in_vietnamese_keeps_its_name() -> None:
    from cchc_score.web.pages import attachment

    header = attachment("Đà Lạt_plan.xlsx")["Content-Disposition"]
    header.encode("latin-1")  # a header must be latin-1: the name goes in RFC 6266's filename*
    assert 'filename="Da Lat_plan.xlsx"' in header
    assert "filename*=UTF-8''%C4%90%C3%A0%20L%E1%BA%A1t_plan.xlsx" in header


#: A reference to another site in a page: src, href, action or formaction to http(s) or //,
#: or a stylesheet's url() or @import.
EXTERNAL = re.compile(
    r"""(?:\b(?:src|href|action|formaction)\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:url\(\s*["']?\s*(?:https?:)?//)|(?:@import\s+["']?(?:https?:)?//)""",
    re.I,
)


#: htmx attributes whose values are run as code (only when allowEval is on).
EVAL_ATTRIBUTES = re.compile(
    r"\b(?:data-)?hx-(?:on\b|on:|vars\b)|\b(?:hx-vals|hx-headers)=[\"']js:"
)


def test_no_page_of_the_server_refers_to_another_site(client: TestClient) -> None:
    """Every page reachable by a link (in both languages), the editor's fragments and the
    reports: the workspace must work without the internet, and send the user nowhere else."""
    seen: dict[str, str] = {}
    for lang in ("vi", "en"):
        queue = deque([f"/?lang={lang}"])
        while queue:
            url = queue.popleft()
            if url in seen or url.startswith("/lang/"):
                continue
            got = client.get(url)
            assert got.status_code == 200, url
            seen[url] = got.text
            if "html" not in got.headers.get("content-type", ""):
                continue
            for link in re.findall(r'href="(/[^"#]*)"', got.text):
                link = link.replace("&amp;", "&")
                if not link.startswith("/static/"):
                    queue.append(link + ("&" if "?" in link else "?") + f"lang={lang}")
    assert any(u.startswith("/whatif/") for u in seen) and any(
        u.startswith("/compare") for u in seen
    )
    assert any(u.startswith("/report/") for u in seen) and "/openapi.json?lang=vi" in seen
    plan = {**EDITS, "objective": "rank", "target_rank": "3"}
    seen["plan"] = client.post(f"/plan/{KEY}", data=plan).text
    seen["update"] = client.post(f"/update/{KEY}", data=EDITS).text
    seen["plan report"] = client.post(f"/download-plan/html/{KEY}", data=plan).text
    seen["edited report"] = client.post(f"/report/whatif/{KEY}", data=EDITS).text
    seen["style.css"] = client.get("/static/style.css").text
    found = {url: EXTERNAL.findall(text) for url, text in seen.items() if EXTERNAL.search(text)}
    assert found == {}
    # The vendored htmx can evaluate code from attributes and run scripts from swapped
    # fragments: every page that loads it turns both off first, and nothing relies on them.
    for url, text in seen.items():
        if "htmx.min.js" in text:
            config = text.index('"allowEval": false, "allowScriptTags": false')
            assert config < text.index("htmx.min.js"), url
        assert not EVAL_ATTRIBUTES.search(text), url


def test_the_vendored_htmx_cannot_run_code_taken_from_a_page() -> None:
    """The vendored htmx is the npm release with two changes (in static/NOTICE): its defaults
    turn evaluation and swapped-in scripts off, and its internal eval helper evaluates
    nothing. Every other place that builds code from text runs through htmx's allowEval
    check. A new htmx release must be audited again: the digest pins this one."""
    import hashlib

    from cchc_score.web import server

    static = Path(server.__file__).parent / "static"
    text = (static / "htmx.min.js").read_text(encoding="utf-8")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert f"sha256 here:     {digest}" in (static / "NOTICE").read_text(encoding="utf-8")
    assert "allowEval:false,allowScriptTags:false" in text
    assert "eval(" not in text
    gate = "function Tn(e,t,n){if(Y.config.allowEval){return t()}"
    assert text.count(gate) == 1
    # Each Function( built from text sits in a callback handed to Tn (the check above).
    sites = [m.start() for m in re.finditer(r"\bFunction\(", text)]
    assert len(sites) == 4
    for at in sites:
        assert "Tn(" in text[max(0, at - 120) : at], text[max(0, at - 120) : at + 20]


def test_the_api_is_described_without_pages_that_need_the_internet(client: TestClient) -> None:
    # FastAPI's /docs and /redoc load Swagger UI and ReDoc from a CDN: not served.
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404
    assert client.get("/openapi.json").json()["info"]["title"] == "cchc-score"
    assert 'href="/openapi.json"' in client.get("/").text
