"""Fault round 34: the ``exposure`` command line (parsing, sub-command names, progress bar).

1. An option a sub-command does not know (``exposure report rubric -o x``, ``exposure
   sources --bogus``) printed the usage of ``exposure`` itself and ``exposure: error:
   unrecognized arguments: -o x``: neither the sub-command's options nor its name. Every
   sub-command now refuses it with its own usage and name (``exposure report rubric:
   error: unrecognized arguments: -o x``); an unknown option before the sub-command is
   still ``exposure``'s. ``-v`` after the sub-command says it goes before it.
2. ``exposure recompute`` drew its tqdm bar on stderr when stderr was no terminal (a log
   file, a CI job): the log filled with lines of carriage returns (``\\rrecompute:   0%|
   | 0/10 [00:00<?, ?stage/s]``). The bar is now drawn on a terminal only, as ``exposure
   score`` does.
3. A choice given in another case (``--format TSV``, ``--weights Core``, ``--method
   Rubric``, ``Score``) was refused with the list of choices only; it is still refused, and
   the message says what to write (``: write 'tsv' (the choices are case-sensitive)``), for
   every ``choices=`` option and for ``--method`` of ``evaluate`` and ``report agreement``.
4. The errors of ``exposure report agreement|categories|rubric|reproduction`` said
   ``exposure report: error: ...`` where their usage errors say ``exposure report
   agreement: error: ...``: they now name the report run.
5. ``exposure evaluate --paraphrases P --method Learned`` said ``--paraphrases and --modern
   evaluate the learned method only`` (the user had asked for it, in capitals); an unknown
   method is now refused as such (with the hint), and another method is named (``not
   --method rubric``).
6. ``exposure report agreement --folds 1`` said ``--folds must be at least 2``, without the
   value given (``exposure train`` says ``got 1``).
7. argparse took the start of an option for the option: ``exposure report rubric --out
   r.csv`` (``--out`` is the report file of ``exposure evaluate``) was read as ``--out-dir
   r.csv`` and wrote the report into a new directory ``r.csv`` (exit 0); ``sources
   --release`` was ``--releases``. Options are now written in full: the start of one is
   refused, naming the options it starts (``options are written in full: --out-dir``).

Tiny made-up files written by the tests into ``tmp_path``.
"""

from __future__ import annotations

import io

import pytest

from exposure.cli import main

#: Each sub-command with the arguments it needs, so that the only error is the unknown option.
COMMANDS = [
    (["sources"], []),
    (["fetch"], []),
    (["validate"], []),
    (["score"], ["in.csv", "-o", "out.csv"]),
    (["evaluate"], []),
    (["train"], []),
    (["report", "agreement"], []),
    (["report", "categories"], ["--hand-checked", "h.csv"]),
    (["report", "rubric"], []),
    (["report", "reproduction"], []),
    (["rollup"], ["scores.csv", "-o", "out"]),
    (["recompute"], []),
    (["diff"], ["old", "new"]),
    (["outcomes"], []),
    (["compare"], []),
]


pytestmark = pytest.mark.usefixtures("env_in_tmp")


def run(capsys, *argv) -> tuple[int, list[str]]:
    """``exposure ARGV`` in this process: (exit code, lines of stderr)."""
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:  # a usage error
        code = exc.code
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err.splitlines()


# ------------------------------------------------------------------ 1. unknown options
@pytest.mark.parametrize(("command", "needed"), COMMANDS, ids=[" ".join(c) for c, _ in COMMANDS])
def test_unknown_option_is_refused_by_the_sub_command(tmp_path, capsys, command, needed):
    code, err = run(capsys, *command, *needed, "--bogus")
    name = " ".join(command)
    assert code == 2
    assert err[0].startswith(f"usage: exposure {name} ")
    assert err[-1] == f"exposure {name}: error: unrecognized arguments: --bogus"
    assert list(tmp_path.iterdir()) == []  # nothing read, fetched or written


def test_report_rubric_output_option(capsys):
    code, err = run(capsys, "report", "rubric", "-o", "x")
    assert code == 2
    assert err[-1] == "exposure report rubric: error: unrecognized arguments: -o x"
    assert "--out-dir DIR" in " ".join(err[:-1])  # the usage of report rubric


def test_unknown_option_before_the_command_is_exposure_s(capsys):
    code, err = run(capsys, "--bogus", "sources")
    assert code == 2
    assert err == ["usage: exposure [-h] [--version] [-v] COMMAND ...",
                   "exposure: error: unrecognized arguments: --bogus"]


def test_verbose_after_the_command_says_where_it_goes(capsys):
    code, err = run(capsys, "sources", "-v")
    assert code == 2
    assert err[-1] == ("exposure sources: error: unrecognized arguments: -v (-v is an option of exposure "
                       "itself: give it before the command, e.g. exposure -v sources ...)")


# ------------------------------------------------------------------ 2. progress bar
class _Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def _recompute(tmp_path):
    (tmp_path / "mirror").mkdir()  # an empty mirror: the first stage fails, after the bar is drawn
    return ["recompute", "--mirror", tmp_path / "mirror", "--out", tmp_path / "out"]


def test_recompute_draws_no_bar_into_a_log(tmp_path, capsys):
    code, err = run(capsys, *_recompute(tmp_path))
    assert code == 2
    assert len(err) == 1 and err[0].startswith("exposure recompute: error: stage 'fetch' failed: ")
    assert not any("\r" in line or "%|" in line for line in err)
    assert not (tmp_path / "out").exists()


def test_recompute_draws_its_bar_on_a_terminal(tmp_path, monkeypatch):
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main([str(a) for a in _recompute(tmp_path)]) == 2
    assert "\rrecompute:   0%|" in terminal.getvalue()


def test_recompute_quiet_draws_no_bar_on_a_terminal(tmp_path, monkeypatch):
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main([str(a) for a in _recompute(tmp_path)] + ["--quiet"]) == 2
    assert "\r" not in terminal.getvalue()


# ------------------------------------------------------------------ 3. choices in another case
@pytest.mark.parametrize(("argv", "option", "given", "write"), [
    (["sources", "--format", "TSV"], "--format", "TSV", "tsv"),
    (["validate", "--onet-release", "ALL"], "--onet-release", "ALL", "all"),
    (["rollup", "s.csv", "-o", "out", "--weights", "Core"], "--weights", "Core", "core"),
    (["rollup", "s.csv", "-o", "out", "--format", "CSV"], "--format", "CSV", "csv"),
    (["recompute", "--onet-format", "Excel"], "--onet-format", "Excel", "excel"),
    (["score", "in.csv", "-o", "o.csv", "--engine", "Dask"], "--engine", "Dask", "dask"),
    (["outcomes", "--measure", "Beta"], "--measure", "Beta", "beta"),
])
def test_choice_in_another_case_says_what_to_write(capsys, argv, option, given, write):
    code, err = run(capsys, *argv)
    assert code == 2
    assert err[-1].startswith(f"exposure {argv[0]}: error: argument {option}: invalid choice: {given!r} (choose from ")
    assert err[-1].endswith(f"): write {write!r} (the choices are case-sensitive)")


def test_command_in_another_case_says_what_to_write(capsys):
    code, err = run(capsys, "Score")
    assert code == 2
    assert err[-1].startswith("exposure: error: argument COMMAND: invalid choice: 'Score'")
    assert err[-1].endswith(": write 'score' (the choices are case-sensitive)")


def test_choice_not_a_case_variant_has_no_hint(capsys):
    code, err = run(capsys, "sources", "--format", "csv")
    assert code == 2
    assert err[-1] == ("exposure sources: error: argument --format: invalid choice: 'csv' (choose from "
                       "'table', 'tsv', 'markdown')")


@pytest.mark.parametrize("command", [["evaluate"], ["report", "agreement"]])
def test_method_in_another_case_says_what_to_write(tmp_path, capsys, command):
    code, err = run(capsys, *command, "--method", "Rubric")
    assert code == 2
    assert err == [f"exposure {' '.join(command)}: error: unknown scoring method 'Rubric'; choose one of "
                   "learned, rubric, reference: write 'rubric' (the choices are case-sensitive)"]
    assert not (tmp_path / "cache").exists()


# ------------------------------------------------------------------ 4. the report named
def test_report_errors_name_the_report(tmp_path, capsys):
    (tmp_path / "file").write_text("not a directory\n")
    code, err = run(capsys, "report", "rubric", "--out-dir", tmp_path / "file" / "r")
    assert code == 2
    # the output path named in the words of every writer since round 77 (it was "PATH: cannot write ...")
    assert err == [f"exposure report rubric: error: output path {tmp_path / 'file' / 'r'} lies under "
                   f"{tmp_path / 'file'}, which is a file, not a directory"]


def test_report_categories_error_names_the_report(tmp_path, capsys):
    code, err = run(capsys, "report", "categories", "--hand-checked", "")
    assert code == 2
    assert err == ["exposure report categories: error: --hand-checked is empty: give the hand-checked "
                   "sample's CSV file"]


# ------------------------------------------------------------------ 5. evaluate --paraphrases --method
def test_evaluate_paraphrases_method_in_capitals(tmp_path, capsys):
    para = tmp_path / "p.csv"
    para.write_text("onetsoc_code,task_id,paraphrase\n11-1011.00,8823,Direct the budget.\n")
    code, err = run(capsys, "evaluate", "--paraphrases", para, "--method", "Learned")
    assert code == 2
    assert err == ["exposure evaluate: error: unknown scoring method 'Learned'; choose one of learned, "
                   "rubric, reference: write 'learned' (the choices are case-sensitive)"]


def test_evaluate_paraphrases_other_method_is_named(tmp_path, capsys):
    para = tmp_path / "p.csv"
    para.write_text("onetsoc_code,task_id,paraphrase\n11-1011.00,8823,Direct the budget.\n")
    code, err = run(capsys, "evaluate", "--paraphrases", para, "--method", "rubric")
    assert code == 2
    assert err == ["exposure evaluate: error: --paraphrases and --modern evaluate the learned method only, "
                   "not --method rubric: give --method learned, or leave --paraphrases and --modern out"]


# ------------------------------------------------------------------ 6. --folds named with its value
def test_report_agreement_folds_names_the_value(tmp_path, capsys):
    code, err = run(capsys, "report", "agreement", "--folds", "1")
    assert code == 2
    assert err == ["exposure report agreement: error: --folds must be at least 2, got 1"]
    assert not (tmp_path / "cache").exists()


# ------------------------------------------------------------------ 7. options written in full
@pytest.mark.parametrize(("argv", "error"), [
    (["report", "rubric", "--out", "r.csv"],
     "exposure report rubric: error: unrecognized arguments: --out r.csv (options are written in full: --out-dir)"),
    (["report", "categories", "--hand-checked", "h.csv", "--out", "r.csv"],
     "exposure report categories: error: unrecognized arguments: --out r.csv (options are written in full: "
     "--out-dir)"),
    (["sources", "--release"],
     "exposure sources: error: unrecognized arguments: --release (options are written in full: --releases)"),
    (["recompute", "--onet", "29.1"],
     "exposure recompute: error: unrecognized arguments: --onet 29.1 (options are written in full: "
     "--onet-format or --onet-release)"),
])
def test_the_start_of_an_option_is_not_taken_for_it(tmp_path, capsys, argv, error):
    # a mirror that does not exist: read as before, nothing is downloaded either
    code, err = run(capsys, *argv, *(["--mirror", tmp_path / "none"] if argv[0] != "sources" else []))
    assert code == 2
    assert err[-1] == error
    assert list(tmp_path.iterdir()) == []  # no directory r.csv


def test_an_option_in_full_with_equals_is_read(capsys):
    code, err = run(capsys, "sources", "--format=TSV")
    assert code == 2
    assert err[-1].endswith("invalid choice: 'TSV' (choose from 'table', 'tsv', 'markdown'): write 'tsv' "
                            "(the choices are case-sensitive)")


def test_score_method_in_another_case_says_what_to_write(tmp_path, capsys):
    # exposure score --method Rubric listed the methods without the hint the other
    # commands give (its check is exposure.scoring's, not the parser's)
    src = tmp_path / "in.csv"
    src.write_text("task\nWeld steel beams.\n")
    assert main(["score", str(src), "-o", str(tmp_path / "o.csv"), "--method", "Rubric"]) == 2
    assert "unknown scoring method 'Rubric'" in (err := capsys.readouterr().err) and "write 'rubric'" in err
