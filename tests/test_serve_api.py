"""cchc-score serve over HTTP: every page and API endpoint, bad input (400 with a located
message, nothing written), the OpenAPI description, and one user's edits unseen by another."""

from __future__ import annotations

import hashlib
import json
import re
import warnings
from decimal import Decimal
from pathlib import Path

import pytest

from cchc_score.app import open_context, run_simulation, score_path
from cchc_score.i18n import number as num
from cchc_score.simulate import TargetRank

from .conftest import EXAMPLES

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note on its httpx-based client
    from fastapi.testclient import TestClient

DI_LINH = EXAMPLES / "di_linh"
OWN = DI_LINH / "2021" / "di_linh.yaml"
KEY = "2021/di_linh.yaml"


@pytest.fixture(scope="module")
def client() -> TestClient:
    from cchc_score.web import create_app

    return TestClient(create_app([DI_LINH]))


@pytest.fixture(scope="module")
def cli_plan_cost() -> Decimal:
    """What `cchc-score simulate di_linh.yaml --peers 2021 --costs costs.yaml --target-rank 3`
    plans (the command prints this plan)."""
    sim = run_simulation(
        open_context(), OWN, OWN.parent, DI_LINH / "costs.yaml", objective=TargetRank(3)
    )
    assert sim.plan is not None
    return sim.plan.total_cost


def text_of(html: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}"[^>]*>(.*?)</(span|p|b)>', html, re.S)
    assert found is not None, element_id
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


def folder_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


# Pages


def test_league_page_shows_di_linh_8th_of_12_in_2021_with_vietnamese_commas(
    client: TestClient,
) -> None:
    html = client.get("/").text
    block = html[html.index('id="block-district-2021"') :]
    block = block[: block.index("</section>")]
    assert len(re.findall(r"<tr data-unit=", block)) == 12
    row = re.search(r'<tr data-unit="di_linh">(.*?)</tr>', block, re.S)
    assert row is not None
    assert re.search(r'class="num rank">8<', row.group(1))
    assert "83,27" in row.group(1) and "Khá" in row.group(1)
    assert "Số đơn vị theo xếp loại" in block


def test_english_on_the_toggle_with_decimal_points(client: TestClient) -> None:
    client = TestClient(client.app)  # its own cookies
    moved = client.get("/lang/en?next=/unit/2021/di_linh.yaml", follow_redirects=False)
    assert moved.status_code == 303 and moved.headers["location"] == "/unit/2021/di_linh.yaml"
    assert "lang=en" in moved.headers["set-cookie"]
    html = client.get("/").text
    assert "League tables" in html and "83.27" in html
    # Only a path of this server is followed.
    away = client.get("/lang/en?next=//evil.example/", follow_redirects=False)
    assert away.headers["location"] == "/"


def test_unit_breakdown_and_unknown_unit(client: TestClient) -> None:
    html = client.get(f"/unit/{KEY}").text
    assert "Huyện Di Linh" in html and "1.3.3" in html and "83,27" in html
    assert f'href="/whatif/{KEY}"' in html
    assert "/compare?old=2020/di_linh.yaml&new=2021/di_linh.yaml" in html
    missing = client.get("/unit/2021/nowhere.yaml")
    assert missing.status_code == 404 and "nowhere.yaml" in missing.text


def test_editor_lists_each_leaf_with_evidence_and_reachable_outcomes(client: TestClient) -> None:
    html = client.get(f"/whatif/{KEY}").text
    row = html[html.index('id="row-1_3_3"') :]
    row = row[: row.index('id="row-1_4')]
    assert 'name="v.1.3.3"' in row and 'value="2"' in row
    assert 'data-value="4"' in row  # 4 quarters can still be reached
    assert 'name="lock.1.3.3"' in row
    assert text_of(html, "rank-now") == "8"


def test_an_edit_updates_points_total_rank_and_odds(client: TestClient) -> None:
    html = client.post(f"/update/{KEY}", data={"v.1.3.3": "4"}).text
    assert text_of(html, "sum-total") == "83,27 → 84,27"
    assert text_of(html, "sum-changes") == "1.3.3"
    assert 'id="pts-1_3_3" class="points changed" hx-swap-oob="true"' in html
    assert text_of(html, "rank-now") == "8"  # one point is not enough to pass the 7th
    both = client.post(f"/update/{KEY}", data={"v.1.3.3": "4", "v.3.5": "plan_and_proposal"})
    assert text_of(both.text, "rank-now") == "6"
    assert "%" in text_of(both.text, "sum-odds")


def test_a_decimal_comma_is_read_and_a_bad_value_is_one_located_line(client: TestClient) -> None:
    html = client.post(f"/update/{KEY}", data={"v.3.3.3": "98,0"}).text
    assert "3.3.3" in text_of(html, "sum-changes")
    bad = client.post(f"/update/{KEY}", data={"v.1.3.3": "bốn"})
    error = text_of(bad.text, "edit-error")
    assert error.startswith("tiêu chí 1.3.3:") and "bốn" in error and "\n" not in error
    assert "không phải là số" in error and "not a number" not in error
    assert text_of(bad.text, "sum-total") == "83,27"
    english = client.post(f"/update/{KEY}?lang=en", data={"v.1.3.3": "bốn"})
    assert text_of(english.text, "edit-error").startswith("leaf 1.3.3:")
    assert "is not a number" in text_of(english.text, "edit-error")


def test_cheapest_plan_to_third_costs_what_simulate_prints(
    client: TestClient, cli_plan_cost: Decimal
) -> None:
    html = client.post(
        f"/plan/{KEY}", data={"v.1.3.3": "4", "objective": "rank", "target_rank": "3"}
    ).text
    assert text_of(html, "plan-cost") == num(cli_plan_cost, "vi")
    assert text_of(html, "plan-rank-value") == "3"
    assert text_of(html, "rank-now") == "3"
    assert '<svg class="frontier"' in html and 'class="target"' in html
    # The editor now holds the plan: the 1.3.3 field says 4.
    assert re.search(r'name="v\.1\.3\.3" id="v-1_3_3"[^>]*value="4"', html)


def test_a_plan_that_only_ties_says_with_whom_on_the_page(client: TestClient) -> None:
    """As the reports say it: Di Linh's cheapest plan to 3rd reaches Đơn Dương's index and
    shares 3rd with it; the plan to 1st passes everyone and says nothing of ties."""
    third = client.post(f"/plan/{KEY}", data={"objective": "rank", "target_rank": "3"}).text
    assert text_of(third, "plan-rank-value") == "3"
    note = text_of(third, "plan-ties")
    assert "chỉ bằng điểm với Huyện Đơn Dương ở hạng 3" in note
    english = client.post(
        f"/plan/{KEY}?lang=en", data={"objective": "rank", "target_rank": "3"}
    ).text
    assert "ties Huyện Đơn Dương at rank 3" in text_of(english, "plan-ties")
    first = client.post(f"/plan/{KEY}", data={"objective": "rank", "target_rank": "1"}).text
    assert text_of(first, "plan-rank-value") == "1" and 'id="plan-ties"' not in first


def test_plans_to_a_band_within_a_budget_and_with_a_lock(client: TestClient) -> None:
    band = client.post(f"/plan/{KEY}", data={"objective": "band", "target_band": "tot"}).text
    assert 'id="plan-cost"' in band or 'id="no-plan"' in band
    budget = client.post(f"/plan/{KEY}", data={"objective": "budget", "target_budget": "20"})
    cost = text_of(budget.text, "plan-cost")
    assert Decimal(cost.replace(",", ".")) <= 20
    locked = client.post(
        f"/plan/{KEY}",
        data={"objective": "rank", "target_rank": "3", "lock.3.3.3": "1", "v.3.3.3": "96.1"},
    ).text
    steps = locked[
        locked.index('class="steps"') : locked.index("</table>", locked.index('class="steps"'))
    ]
    assert "<td>3.3.3</td>" not in steps
    wrong = client.post(f"/plan/{KEY}", data={"objective": "rank", "target_rank": "ba"})
    assert "ba" in text_of(wrong.text, "edit-error")


def test_downloaded_assessment_scores_as_the_page_said(client: TestClient, tmp_path: Path) -> None:
    before = folder_digest(DI_LINH)
    form = {"v.1.3.3": "4", "v.3.5": "plan_and_proposal"}
    got = client.post(f"/download/yaml/{KEY}", data=form)
    assert got.status_code == 200
    assert "di_linh_whatif.yaml" in got.headers["content-disposition"]
    path = tmp_path / "di_linh_whatif.yaml"
    path.write_bytes(got.content)
    ctx = open_context()
    assert score_path(ctx, path).result.total == Decimal("85.27")
    xlsx = client.post(f"/download/xlsx/{KEY}", data=form)
    book = tmp_path / "di_linh_whatif.xlsx"
    book.write_bytes(xlsx.content)
    assert score_path(ctx, book).result.total == Decimal("85.27")
    assert folder_digest(DI_LINH) == before  # nothing written to the folder served


def test_upload_opens_the_editor_and_bad_uploads_are_one_located_line(
    client: TestClient,
) -> None:
    before = folder_digest(DI_LINH)
    moved = client.post(
        "/upload",
        files={"file": ("mine.yaml", OWN.read_bytes(), "application/yaml")},
        follow_redirects=False,
    )
    assert moved.status_code == 303
    where = moved.headers["location"]
    assert where.startswith("/whatif/upload/")
    html = client.get(where).text
    assert text_of(html, "rank-now") == "8"  # ranked among the folder's 2021 peers
    breakdown = client.get(where.replace("/whatif/", "/unit/"))
    assert breakdown.status_code == 200 and "/compare?" not in breakdown.text
    text = OWN.read_text(encoding="utf-8")
    line = text[: text.index('value: "partly"')].count("\n") + 1  # the line broken below
    broken = text.replace('value: "partly"', "value: [1, 2")
    bad = client.post("/upload", files={"file": ("mine.yaml", broken.encode(), "text/yaml")})
    assert bad.status_code == 400
    error = text_of(bad.text, "page-error")
    # The parser notices the open list on the next line that is not part of it.
    assert f"mine.yaml, dòng {line + 1}" in error and "cchc-serve" not in error
    assert "tệp YAML không hợp lệ" in error and "invalid" not in error
    english = client.post(
        "/upload?lang=en", files={"file": ("mine.yaml", broken.encode(), "text/yaml")}
    )
    error = text_of(english.text, "page-error")
    assert f"mine.yaml, line {line + 1}" in error and "invalid YAML" in error
    assert "cchc-serve" not in error
    odd = client.post("/upload", files={"file": ("notes.txt", b"hello", "text/plain")})
    assert odd.status_code == 400 and "notes.txt" in text_of(odd.text, "page-error")
    assert "loại tệp &#39;.txt&#39; không được hỗ trợ" in text_of(odd.text, "page-error")
    huge = client.post("/upload", files={"file": ("big.yaml", b"#" * (3 << 20), "text/yaml")})
    assert huge.status_code == 400 and "2048 kB" in text_of(huge.text, "page-error")
    nothing = client.post("/upload", data={"note": "no file"})
    assert nothing.status_code == 400 and "chưa chọn tệp" in text_of(nothing.text, "page-error")
    assert folder_digest(DI_LINH) == before


def test_one_users_edits_are_not_seen_by_another(client: TestClient) -> None:
    from cchc_score.web import create_app

    app = client.app
    alice, bob = TestClient(app), TestClient(app)
    alice.post(f"/update/{KEY}", data={"v.1.3.3": "4"})
    alice.post(f"/plan/{KEY}", data={"objective": "rank", "target_rank": "3"})
    html = bob.get(f"/whatif/{KEY}").text
    assert text_of(html, "sum-total") == "83,27" and text_of(html, "rank-now") == "8"
    assert create_app  # one server, two clients: state is in each page's form


def test_compare_two_years(client: TestClient) -> None:
    html = client.get("/compare?old=2020/di_linh.yaml&new=2021/di_linh.yaml").text
    assert "2020 → 2021" in html and "Do thực hiện" in html
    assert client.get("/compare?old=2020/x.yaml&new=2021/di_linh.yaml").status_code == 404


def test_static_htmx_is_served(client: TestClient) -> None:
    assert "htmx" in client.get("/static/htmx.min.js").text[:2000]


# JSON API


def body_of(path: Path) -> dict[str, object]:
    from cchc_score.loading import load_assessment

    data: dict[str, object] = load_assessment(path).model_dump(mode="json", exclude_none=True)
    return data


def test_api_units_is_the_league(client: TestClient) -> None:
    data = client.get("/api/units").json()
    block = next(b for b in data["blocks"] if b["year"] == 2021)
    di_linh = next(s for s in block["standings"] if s["unit_id"] == "di_linh")
    assert (di_linh["rank"], len(block["standings"])) == (8, 12)


def test_api_score(client: TestClient) -> None:
    got = client.post("/api/score", json=body_of(OWN))
    assert got.status_code == 200 and Decimal(got.json()["total"]) == Decimal("83.27")


def test_api_score_bad_input_is_400_with_a_located_message(client: TestClient) -> None:
    body = body_of(OWN)
    body["leaves"]["1.3.3"]["value"] = "four"  # type: ignore[index]
    got = client.post("/api/score", json=body)
    assert got.status_code == 400 and "1.3.3" in got.json()["error"]
    unknown = client.post("/api/score", json={**body_of(OWN), "criteria_set": "nope"})
    assert unknown.status_code == 400 and "criteria_set" in unknown.json()["error"]
    shape = client.post("/api/score", json={**body_of(OWN), "year": "last year"})
    assert shape.status_code == 400 and shape.json()["error"].startswith("body.year:")
    broken = client.post(
        "/api/score", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert broken.status_code == 400 and broken.json()["code"] == "invalid_request"


def test_api_rank(client: TestClient) -> None:
    files = sorted((DI_LINH / "2021").glob("*.yaml"))
    got = client.post("/api/rank", json=[body_of(f) for f in files])
    assert got.status_code == 200
    (block,) = got.json()["blocks"]
    assert next(s for s in block["standings"] if s["unit_id"] == "di_linh")["rank"] == 8
    assert client.post("/api/rank", json={"not": "a list"}).status_code == 400


def test_api_simulate_plans_to_third_like_the_command(
    client: TestClient, cli_plan_cost: Decimal
) -> None:
    got = client.post("/api/simulate", json={"assessment": body_of(OWN), "target_rank": 3})
    assert got.status_code == 200
    plan = got.json()["plan"]
    assert Decimal(plan["total_cost"]) == cli_plan_cost and plan["new_rank"] == 3
    two = client.post(
        "/api/simulate", json={"assessment": body_of(OWN), "target_rank": 3, "budget": 5}
    )
    assert two.status_code == 400 and "one objective" in two.json()["error"]
    zero = client.post("/api/simulate", json={"assessment": body_of(OWN), "target_rank": 0})
    assert zero.status_code == 400 and "target_rank" in zero.json()["error"]
    costs = {"leaves": {"99.9": {"per_point": 1}}}
    bad = client.post("/api/simulate", json={"assessment": body_of(OWN), "costs": costs})
    assert bad.status_code == 400 and "99.9" in bad.json()["error"]


def test_openapi_describes_the_api_with_the_project_models(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/score", "/api/rank", "/api/simulate", "/api/units"} <= set(spec["paths"])
    schemas = set(spec["components"]["schemas"])
    assert {"AssessmentFile", "Result", "LeagueTable", "Simulation"} <= {
        s.split("-")[0] for s in schemas
    }
    assert json.dumps(spec)  # serialisable as served


def test_an_untouched_form_is_no_edit(client: TestClient) -> None:
    """Every field sent back as the page showed it changes nothing: the total stays."""
    html = client.get(f"/whatif/{KEY}").text
    form: dict[str, str] = {}
    for name, value in re.findall(
        r'<input type="(?:text|hidden)"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html
    ):
        form[name] = value
    for name, value in re.findall(
        r'<input type="text" inputmode="decimal" name="([^"]+)"[^>]*value="([^"]*)"', html
    ):
        form[name] = value
    for name, body in re.findall(r'<select name="(v\.[^"]+)"[^>]*>(.*?)</select>', html, re.S):
        picked = re.search(r'<option value="([^"]*)" selected', body)
        form[name] = picked.group(1) if picked else re.search(r'value="([^"]*)"', body).group(1)
    for name in re.findall(r'<input type="checkbox" name="(v\.[^"]+)"[^>]* checked', html):
        form[name] = "true"
    assert len([k for k in form if k.startswith("v.")]) > 30
    after = client.post(f"/update/{KEY}", data=form).text
    assert text_of(after, "sum-changes") == "Chưa có thay đổi"
    assert text_of(after, "sum-total") == "83,27"


def test_the_plan_downloads_as_a_workbook_and_a_page(client: TestClient, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    form = {"objective": "rank", "target_rank": "3"}
    book = client.post(f"/download-plan/xlsx/{KEY}", data=form)
    assert book.status_code == 200 and "di_linh_plan.xlsx" in book.headers["content-disposition"]
    path = tmp_path / "plan.xlsx"
    path.write_bytes(book.content)
    sheets = load_workbook(path).worksheets
    facts = {row[0]: row[1] for row in sheets[0].iter_rows(values_only=True)}
    assert (facts["Hạng"], facts["Hạng mới"]) == (8, 3)
    assert facts["Khối"] == "Khối UBND cấp huyện"  # the block by its name, not its code
    assert len(list(sheets[2].iter_rows())) == 1 + 8  # the frontier: a header, ranks 1 to 8
    page = client.post(f"/download-plan/html/{KEY}", data=form)
    assert page.status_code == 200 and "di_linh_plan.html" in page.headers["content-disposition"]
    # The simulation's report, as `cchc-score simulate --export plan.html` writes it.
    assert "<td>8 → 3</td>" in page.text and "Huyện Di Linh 2021" in page.text
    assert "<style>" in page.text and "<script" not in page.text  # no server needed
    bad = client.post(f"/download-plan/xlsx/{KEY}", data={"objective": "rank", "target_rank": "x"})
    assert bad.status_code == 400


def test_a_downloaded_workbook_uploads_back_with_the_edits(client: TestClient) -> None:
    form = {"v.1.3.3": "4", "v.3.5": "plan_and_proposal"}
    book = client.post(f"/download/xlsx/{KEY}", data=form).content
    moved = client.post(
        "/upload", files={"file": ("di_linh_whatif.xlsx", book)}, follow_redirects=False
    )
    assert moved.status_code == 303
    html = client.get(moved.headers["location"]).text
    assert text_of(html, "sum-total") == "85,27" and text_of(html, "rank-now") == "6"


def test_numbers_are_written_as_each_language_writes_them() -> None:
    assert (num(Decimal("83.27"), "vi"), num(Decimal("83.27"), "en")) == ("83,27", "83.27")
    assert (num(Decimal("1234.5"), "vi"), num(Decimal("1234.5"), "en")) == ("1.234,50", "1234.50")
    assert num(Decimal("20.1952"), "vi") == "20,20" and num(None, "vi") == "–"


def test_every_word_a_template_uses_is_in_the_catalogue_in_vietnamese() -> None:
    from cchc_score.i18n import translations
    from cchc_score.web.words import WORDS

    templates = Path(__file__).parents[1] / "src" / "cchc_score" / "web" / "templates"
    used = {
        key
        for page in templates.glob("*.html")
        for key in re.findall(r"\bt\('(\w+)'", page.read_text(encoding="utf-8"))
    }
    assert used and used <= set(WORDS)
    catalogue = translations("vi")
    assert [m for m in WORDS.values() if catalogue.gettext(m) == m and m != "API"] == []


def test_a_unit_given_twice_is_ranked_once_and_named(tmp_path: Path) -> None:
    from cchc_score.web import create_app

    for file in (DI_LINH / "2021").glob("*.yaml"):
        (tmp_path / file.name).write_bytes(file.read_bytes())
    (tmp_path / "zz_di_linh_copy.yaml").write_bytes(OWN.read_bytes())
    client = TestClient(create_app([tmp_path]))
    (block,) = client.get("/api/units").json()["blocks"]
    assert len(block["standings"]) == 12
    html = client.get("/").text
    assert "zz_di_linh_copy.yaml" in html and "already given" in html
    assert text_of(client.get(f"/whatif/{KEY.split('/')[1]}").text, "rank-now") == "8"


def test_a_bad_file_in_a_folder_is_named_with_its_line(tmp_path: Path) -> None:
    from cchc_score.web import create_app

    (tmp_path / "di_linh.yaml").write_bytes(OWN.read_bytes())
    (tmp_path / "broken.yaml").write_text("unit: [\n", encoding="utf-8")
    client = TestClient(create_app([tmp_path]))
    skipped = re.search(r"<li>(broken\.yaml: .*?)</li>", client.get("/").text)
    # Said in the page's language: Vietnamese by default, English on request.
    assert skipped is not None and "dòng 2, cột 1: tệp YAML không hợp lệ" in skipped.group(1)
    skipped = re.search(r"<li>(broken\.yaml: .*?)</li>", client.get("/?lang=en").text)
    assert skipped is not None and "line 2, column 1: invalid YAML" in skipped.group(1)


def test_pages_forbid_htmx_eval_and_scripts_in_fragments(client: TestClient) -> None:
    """htmx is told never to evaluate attribute code or run scripts from swapped fragments."""
    page = client.get("/")
    assert page.status_code == 200
    assert '"allowEval": false' in page.text and '"allowScriptTags": false' in page.text
