"""What is known of Lâm Đồng's own decisions, as the pack and the Di Linh example state it."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner

from cchc_score.cli import main
from cchc_score.plugins import build_registry

from .conftest import EXAMPLES


def test_the_district_pack_cites_decision_586_of_2017_and_the_published_results() -> None:
    cset = build_registry().get_set("lam_dong_district_2021")
    basis = {ref.number: ref for ref in cset.legal_basis}
    assert basis["586/QĐ-UBND"].date == dt.date(2017, 3, 28)
    assert basis["586/QĐ-UBND"].issuer == "UBND tỉnh Lâm Đồng"
    assert basis["588/QĐ-UBND"].date == dt.date(2020, 3, 31)
    assert "Phụ lục 02" in (basis["588/QĐ-UBND"].title or "")
    shown = CliRunner(env={"COLUMNS": "160"}).invoke(main, ["show", "lam_dong_district_2021"])
    assert shown.exit_code == 0
    assert "586/QĐ-UBND" in shown.stdout and "2017-03-28" in shown.stdout


def test_the_di_linh_readme_says_the_results_were_published_but_not_obtained() -> None:
    readme = (EXAMPLES / "di_linh" / "README.md").read_text(encoding="utf-8")
    assert "were not published" not in readme and "không được công bố" not in readme
    assert "586/QĐ-UBND" in readme and "588/QĐ-UBND" in readme and "Phụ lục 02" in readme
    example = (EXAMPLES / "di_linh" / "2021" / "di_linh.yaml").read_text(encoding="utf-8")
    assert "Phụ lục 02" in example and "not published" not in example
