"""Output files: written whole or not at all, through links, never over special files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cchc_score import InputFileError
from cchc_score.writing import check_output, check_outputs, write_text


def test_a_file_is_written_whole_and_replaces_the_old_one(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    write_text(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left


def test_a_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    from cchc_score.writing import write_with

    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")

    def half(tmp: Path) -> None:
        tmp.write_text("ha", encoding="utf-8")
        raise InputFileError("stopped half way")

    with pytest.raises(InputFileError):
        write_with(target, half)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_writing_through_a_link_updates_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "target.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    write_text(link, "new")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new"


def test_a_pipe_or_a_folder_is_never_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(InputFileError, match="not a regular file"):
        write_text(fifo, "x")
    with pytest.raises(InputFileError, match="not a regular file"):
        write_text(tmp_path, "x")
    assert fifo.exists() and not fifo.is_file()


def test_an_unwritable_folder_is_named_not_the_temporary_file(tmp_path: Path) -> None:
    with pytest.raises(InputFileError) as err:
        write_text(tmp_path / "missing" / "out.json", "x")
    assert str(err.value).startswith(str(tmp_path / "missing" / "out.json"))
    assert ".tmp" not in str(err.value)


def test_an_output_that_is_an_input_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "a.yaml"
    source.write_text("x", encoding="utf-8")
    with pytest.raises(InputFileError, match="overwrite an input"):
        check_output(tmp_path / "." / "a.yaml", inputs=[source], overwrite=True)


def test_an_output_is_checked_before_any_work(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="folder to write into does not exist"):
        check_output(tmp_path / "missing" / "out.json")
    with pytest.raises(InputFileError, match="not a regular file"):
        check_output(tmp_path, overwrite=True)


# ---------------------------------------------------------------- outputs never reach inputs


def _copy_minimal(tmp_path: Path) -> tuple[Path, Path]:
    from .conftest import MINIMAL

    assessment = tmp_path / "assessment.yaml"
    assessment.write_bytes((MINIMAL / "assessment.yaml").read_bytes())
    return assessment, MINIMAL / "criteria.yaml"


def _cli(*args: str) -> tuple[int, str]:
    from click.testing import CliRunner

    from cchc_score.cli import main

    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stderr


def test_an_export_linked_to_the_assessment_is_refused_even_with_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCHC_SCORE_LANG", "en")  # the errors asserted are the English ones
    assessment, criteria = _copy_minimal(tmp_path)
    before = assessment.read_bytes()
    link = tmp_path / "r.html"
    link.symlink_to(assessment)
    for args in (
        ("score", str(assessment), "--set", str(criteria)),
        ("rank", str(tmp_path), "--set", str(criteria)),
    ):
        code, err = _cli(*args, "--export", str(link), "--force")
        assert code == 2 and "overwrite an input" in err, (args, err)
    assert assessment.read_bytes() == before and link.is_symlink()


def test_an_output_hard_linked_to_an_input_is_refused(tmp_path: Path) -> None:
    assessment, _ = _copy_minimal(tmp_path)
    os.link(assessment, tmp_path / "r.html")
    with pytest.raises(InputFileError, match="overwrite an input"):
        check_outputs([tmp_path / "r.html"], [assessment], overwrite=True)


def test_o_and_export_naming_one_file_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCHC_SCORE_LANG", "en")  # the errors asserted are the English ones
    assessment, criteria = _copy_minimal(tmp_path)
    plan = tmp_path / "plan.yaml"
    (tmp_path / "r.html").symlink_to(plan)  # only a link can give both suffixes
    code, err = _cli(
        "simulate", str(assessment), "--peers", str(tmp_path), "--set", str(criteria),
        "--target-rank", "1", "-o", str(plan), "--export", str(tmp_path / "r.html"),
    )  # fmt: skip
    assert code == 2 and "two outputs cannot be one file" in err, err
    assert not plan.exists()
    # The same check, as every command makes it, directly and with both files present.
    with pytest.raises(InputFileError, match="two outputs cannot be one file"):
        check_outputs([plan, plan], [assessment])
    plan.write_text("x", encoding="utf-8")
    with pytest.raises(InputFileError, match="two outputs cannot be one file"):
        check_outputs([plan, tmp_path / "r.html"], [assessment], overwrite=True)


def test_of_two_writers_of_one_new_file_exactly_one_succeeds(tmp_path: Path) -> None:
    """Both checked before the file existed; the second finds it at the final step."""
    from cchc_score.writing import write_with

    target = tmp_path / "out.json"
    check_outputs([target])
    check_outputs([target])  # the other writer's check, at the same moment

    def rival(tmp: Path) -> None:
        tmp.write_text("mine", encoding="utf-8")
        write_text(target, "theirs", overwrite=False)  # lands between check and rename

    with pytest.raises(InputFileError, match="already exists"):
        write_with(target, rival, overwrite=False)
    assert target.read_text(encoding="utf-8") == "theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left
    with pytest.raises(InputFileError, match="already exists"):
        write_text(target, "again", overwrite=False)
    write_text(target, "forced", overwrite=True)
    assert target.read_text(encoding="utf-8") == "forced"


def test_without_hard_links_a_new_file_is_still_not_written_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    def no_links(src: object, dst: object) -> None:
        raise OSError(errno.EPERM, "hard links not supported")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "out.json"
    write_text(target, "first", overwrite=False)
    with pytest.raises(InputFileError, match="already exists"):
        write_text(target, "second", overwrite=False)
    assert target.read_text(encoding="utf-8") == "first"
