"""Long work shows its progress on standard error, and only when that is a terminal: the helper, and the commands
that use it (an import's check, a board pack) seen from a terminal and from a capture."""

from __future__ import annotations

import io
import sys

from tests.conftest import TABLES
from tracker.cli import main
from tracker.core.progress import Progress, progress


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_progress_rewrites_one_line_on_a_terminal_and_clears_it_at_the_end():
    stream = Terminal()
    with progress("Import", 3, stream=stream) as shown:
        shown(1)
        shown(2)
        shown.step("writing")
        shown(1_200, 2_000)
    assert stream.getvalue() == ("\rImport: 1/3\rImport: 2/3\rImport: writing\rImport: 1,200/2,000"
                                 "\r" + " " * len("Import: 1,200/2,000") + "\r")


def test_a_shorter_line_covers_what_a_longer_one_left():
    stream = Terminal()
    shown = Progress("Pack", stream=stream)
    shown.step("gathering the figures")
    shown.step("drawing")
    assert stream.getvalue().split("\r")[-1] == "Pack: drawing".ljust(len("Pack: gathering the figures"))


def test_progress_writes_nothing_to_a_stream_that_is_not_a_terminal():
    stream = io.StringIO()
    with progress("Import", 3, stream=stream) as shown:
        shown(1)
        shown.step("writing")
    assert stream.getvalue() == ""


def test_progress_goes_to_standard_error_as_it_is_when_called(monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with progress("Demo") as shown:
        shown.step("making 10 recommendations")
    assert terminal.getvalue().startswith("\rDemo: making 10 recommendations")


def test_a_command_under_capture_prints_no_progress(fixture_db_master, tmp_path, capsys):
    out = tmp_path / "kent.pptx"
    args = ["--db", str(fixture_db_master), "pack", "--format", "pptx", "-o", str(out), "--as-of", "2023-06-30",
            "--force", "Kent"]
    assert main(args) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out.startswith(f"Board pack written to {out}")


def test_the_same_commands_on_a_terminal_show_their_steps(fixture_db_master, tmp_path, monkeypatch, capsys):
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["--db", str(fixture_db_master), "pack", "--format", "pptx", "-o", str(tmp_path / "kent.pptx"),
                 "--as-of", "2023-06-30", "--force", "Kent"]) == 0
    shown = terminal.getvalue()
    assert "\rBoard pack: gathering the figures" in shown and "\rBoard pack: drawing the PPTX" in shown
    assert shown.endswith("\r") and "\n" not in shown  # the line goes once the pack is written
    terminal.truncate(0)
    terminal.seek(0)
    assert main(["--db", str(fixture_db_master), "check", str(TABLES)]) == 0
    assert "\rCheck: 2/2" in terminal.getvalue()
    assert capsys.readouterr().out.splitlines()[-1].startswith("OK: ")  # the answer itself on standard output
