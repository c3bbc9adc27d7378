"""Options as users type them: labels as well as codes, an unknown value refused with what is
accepted, -o and --peers meaning the same in every command (the old spellings still working
for a release, with a note), and --json where a program reads what is loaded."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from cchc_score.cli import main
from cchc_score.labels import fold

from .conftest import EXAMPLES, MINIMAL

DI_LINH = EXAMPLES / "di_linh"
OWN = DI_LINH / "2021" / "di_linh.yaml"
COSTS = DI_LINH / "costs.yaml"


def cells(book: Path) -> list[object]:
    """Every cell's value of every sheet of a workbook."""
    wb = openpyxl.load_workbook(book)
    return [c for ws in wb for row in ws.iter_rows(values_only=True) for c in row]


def run(*args: str, lang: str | None = None) -> tuple[int, str, str]:
    env = {"COLUMNS": "160"} | ({"CCHC_SCORE_LANG": lang} if lang else {})
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def plan_json(*extra: str) -> dict[str, object]:
    code, out, err = run(
        "simulate", str(OWN), "--peers", str(OWN.parent), "--costs", str(COSTS), "--json", *extra
    )
    assert code == 0, err
    data = json.loads(out)
    assert isinstance(data, dict)
    return data


def test_fold_ignores_case_diacritics_and_separators() -> None:
    assert fold("TỐT") == fold("Tốt") == fold("tot") == "tot"
    assert fold("Khối UBND cấp huyện") == "khoi ubnd cap huyen"
    assert fold("phu-luc") == fold("Phụ  lục") == fold("PHU_LUC") == "phu luc"
    assert fold("Đạ Huoai") == "da huoai"


@pytest.mark.parametrize("band", ["Tốt", "TỐT", "tot", "Tot", "good"])
def test_target_band_takes_the_label_users_see(band: str) -> None:
    """Di Linh 2021 (Khá) to Tốt: the same plan whichever way the band is typed."""
    assert plan_json("--target-band", band)["plan"] == plan_json("--target-band", "tot")["plan"]


def test_an_unknown_band_lists_the_bands_by_their_labels() -> None:
    code, out, err = run("simulate", str(OWN), "--peers", str(OWN.parent), "--target-band", "Giỏi")
    assert code == 2 and out == ""
    assert "'Giỏi' không phải xếp loại của Khối UBND cấp huyện" in err
    assert "Tốt (tot); Khá (kha); Trung bình (trung_binh); Yếu (yeu)" in err


@pytest.mark.parametrize(
    "policy", ["dense", "DENSE", "đồng hạng, không bỏ hạng", "dong hang khong bo hang"]
)
def test_tie_policy_takes_its_label(policy: str) -> None:
    code, out, err = run("rank", str(DI_LINH / "2021"), "--json", "--tie-policy", policy)
    assert code == 0, err
    assert {b["tie_policy"] for b in json.loads(out)["blocks"]} == {"dense"}


def test_an_unknown_tie_policy_is_refused_listing_the_labels() -> None:
    code, _, err = run("rank", str(DI_LINH / "2021"), "--tie-policy", "ngang nhau")
    assert code == 2
    assert "--tie-policy 'ngang nhau': không có lựa chọn này; chọn một trong:" in err
    assert "đồng hạng, không bỏ hạng (dense)" in err and len(err.strip().splitlines()) == 1


def test_layout_and_against_take_their_labels(tmp_path: Path) -> None:
    book = tmp_path / "phu-luc.xlsx"
    code, _, err = run("rank", str(DI_LINH / "2021"), "-o", str(book), "--layout", "Phụ lục")
    assert code == 0, err
    text = " ".join(str(c) for c in cells(book) if c)
    assert "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH" in text
    by_label = plan_json("--target-rank", "3", "--against", "dự kiến", "--peer-trend", "0.5")
    by_code = plan_json("--target-rank", "3", "--against", "expected", "--peer-trend", "0.5")
    assert by_label["plan"] == by_code["plan"]


@pytest.mark.parametrize(
    "block", ["district", "Khối UBND cấp huyện", "huyện", "HUYEN", "cấp huyện"]
)
def test_template_block_takes_its_label(tmp_path: Path, block: str) -> None:
    book = tmp_path / "mau.xlsx"
    args = ["template", str(MINIMAL / "criteria.yaml"), "-o", str(book), "--block", block]
    code, _, err = run(*args)
    assert code == 0, err
    info = {
        r[0]: r[2] for r in openpyxl.load_workbook(book)["Thông tin"].iter_rows(values_only=True)
    }
    assert info["block"] == "Khối UBND cấp huyện"  # shown by name, read back as its code


def test_an_unknown_block_is_an_error_listing_the_blocks(tmp_path: Path) -> None:
    """`--block Huyệnn` never makes a league of one: it is refused, naming the blocks."""
    book = tmp_path / "mau.xlsx"
    code, _, err = run(
        "template", str(MINIMAL / "criteria.yaml"), "-o", str(book), "--block", "Huyệnn"
    )
    assert code == 2 and not book.exists()
    assert "không có khối 'Huyệnn'" in err
    assert "Khối UBND cấp huyện (district)" in err and "Khối UBND cấp xã (commune)" in err


def test_simulate_o_yaml_still_writes_the_improved_assessment_with_a_note(tmp_path: Path) -> None:
    """-o FILE.yaml is the old spelling of --improved FILE.yaml: it works, and says so once."""
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    base = ["simulate", str(OWN), "--peers", str(OWN.parent), "--costs", str(COSTS)]
    code, _, err = run(*base, "--target-rank", "3", "-o", str(old))
    assert code == 0
    (note,) = err.strip().splitlines()
    assert f"-o {old} sắp bị bỏ ở bản phát hành sau: dùng --improved {old}" in note
    code, _, err = run(*base, "--target-rank", "3", "-o", str(old), "--force", lang="en")
    assert "is deprecated and will be removed in the next release: use --improved" in err
    code, _, err = run(*base, "--target-rank", "3", "--improved", str(new))
    assert code == 0 and err == ""
    assert old.read_bytes() == new.read_bytes()
    scored = json.loads(run("score", str(new), "--json")[1])
    assert scored["total"] == "86.79"


def test_simulate_o_is_the_simulation_and_improved_needs_a_plan(tmp_path: Path) -> None:
    base = ["simulate", str(OWN), "--peers", str(OWN.parent)]
    code, _, err = run(*base, "-o", str(tmp_path / "x.txt"), lang="en")
    assert code == 2 and "name an .xlsx file" in err
    code, _, err = run(*base, "--improved", str(tmp_path / "x.yaml"), lang="en")
    assert code == 2 and "--improved writes the plan" in err
    code, _, _ = run(*base, "--target-rank", "3", "-o", str(tmp_path / "s.xlsx"))
    assert code == 0 and (tmp_path / "s.xlsx").is_file()


def test_compare_peers_takes_folders_like_simulate_and_the_old_spelling_still_works() -> None:
    old, new = DI_LINH / "2020" / "di_linh.yaml", DI_LINH / "2021" / "di_linh.yaml"
    base = ["compare", str(old), str(new), "--json"]
    alone = run(*base, "--peers")
    folders = run(*base, "--peers", str(old.parent), "--peers", str(new.parent))
    everything = run(*base, "--peers", str(DI_LINH))  # both years in one folder, cost table too
    deprecated = run(*base, "--peers-old", str(old.parent), "--peers-new", str(new.parent))
    ranks = [json.loads(r[1])["rank"] for r in (alone, folders, everything, deprecated)]
    assert (ranks[0]["rank_old"], ranks[0]["rank_new"], ranks[0]["of_new"]) == (6, 8, 12)
    assert ranks.count(ranks[0]) == 4
    assert alone[2] == folders[2] == everything[2] == ""
    (note,) = deprecated[2].strip().splitlines()
    assert "--peers-old/--peers-new sắp bị bỏ" in note and "dùng --peers" in note


def test_rank_strict_accepts_a_folder_holding_its_cost_table() -> None:
    """examples/di_linh keeps costs.yaml beside the years' folders, as simulate reads it."""
    code, out, err = run("rank", str(DI_LINH), "--strict", "--json")
    assert code == 0, err
    assert err == "" and len(json.loads(out)["blocks"]) == 3


def test_sets_json_counts_the_structure_as_practitioners_do() -> None:
    code, out, err = run("sets", "--json")
    assert code == 0, err
    sets = {s["id"]: s for s in json.loads(out)["sets"]}
    province = sets["vn_par_province_2022"]
    assert province["structure"] == {"areas": 8, "criteria": 37, "sub_criteria": 88, "leaves": 95}
    assert province["version"] == "2022" and province["plugin"]
    text = run("sets")[1]
    assert "8 lĩnh vực · 37 TC · 88 TCTP" in text
    assert "8 areas · 37 criteria · 88 sub-criteria" in run("sets", "--lang", "en")[1]


def test_plugins_json() -> None:
    code, out, err = run("plugins", "--json")
    assert code == 0, err
    plugins = {p["name"]: p for p in json.loads(out)["plugins"]}
    builtin = plugins["cchc_score.builtin"]
    assert builtin["status"] == "loaded" and "levels" in builtin["rule_kinds"]
    assert "lam_dong_district_2021 2021.1" in plugins["lam_dong_district_2021"]["sets"]


def test_show_json_is_the_set_as_a_pack_that_loads_again(tmp_path: Path) -> None:
    code, out, err = run(
        "show", "example_minimal", "--set", str(MINIMAL / "criteria.yaml"), "--json"
    )
    assert code == 0, err
    pack = json.loads(out)
    assert pack["id"] == "example_minimal" and pack["nodes"]
    copy = tmp_path / "pack.json"
    copy.write_text(out, encoding="utf-8")
    assert run("check-pack", str(copy))[0] == 0
