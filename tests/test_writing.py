"""Output files: written whole or not at all, through links, never over special files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cchc_score import InputFileError
from cchc_score.writing import check_output, write_text


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
