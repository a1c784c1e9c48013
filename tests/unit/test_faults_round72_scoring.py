"""Round 72: the frames and files given to ``score_tasks``, the category tagger and ``exposure score``.

Faults found (each test below failed before its fix, but for the check of 7):

1. A column of O*NET-SOC codes under a name that is not read (``onet_code``) was warned
   of by two functions in two wordings: ``score_tasks: the column 'onet_code' holds
   O*NET-SOC codes (first: ...) but is not read: ..., so the rows were scored as if they
   had none; ...`` (``exposure.scoring._inputs.warn_codes_not_read``) and, by
   ``tag_categories`` / ``explain_categories``, ``..., so the rows are tagged as free
   text; ...`` (``categories._warn_codes_not_read``, a copy). Now one function and one
   wording, the verb given: the tagger says ``..., so the rows were tagged as if they
   had none; name the column 'onetsoc_code' to have it read``.
2. ``exposure score`` on a file whose job zones or titles are under another name
   (``JOB_ZONE``, ``Job Title``, ``Occupation``) warned ``no 'job_zone' column, but the
   frame has 'JOB_ZONE': it is not read (the rows are tagged without it); rename that
   column 'job_zone'``: naming no file (the user gave a file, not a frame) and telling
   of tagging where the file was scored. Now ``t.csv: no 'job_zone' column, but the file
   has 'JOB_ZONE': it is not read (the rows are scored without it); rename that column
   'job_zone'``, as the command's other warnings on the file's columns start with its
   path; the Python API's words for a frame are unchanged.
3. A Stata file (``exposure score tasks.dta``, ``score_file``) whose ``job_zone`` holds
   the job zones with value labels (4 labelled ``Considerable Preparation Needed``, as
   O*NET names the zones) was refused as ``tasks.dta, row 1, column 'job_zone': job zone
   must be a whole number from 1 to 5, got 'Considerable Preparation Needed'``: the file
   holds 4, and nothing said that its labels had been read instead. Now the error goes on
   ``; the file's value labels were read in place of its values (as pandas reads a Stata
   file): remove the labels from the column (Stata: label values job_zone) and save the
   file again`` (following it, the file is scored); a frame with such a categorical
   column (``pd.read_stata``) is told ``pd.read_stata(path, convert_categoricals=False)
   reads the job zones they label``.
4. A frame read without a header (``pd.read_csv(path, header=None)``, columns ``0, 1,
   ...``) holding O*NET-SOC codes in a numbered column was scored and tagged as if it had
   no occupation, without a word: only columns named by a string were looked at. Now
   ``score_tasks: the column 0 holds O*NET-SOC codes (first: '43-6014.00') but is not
   read: ...`` (and the tagger's warning).
5. Codes under another name with spaces around them (`` 43-6014.00 ``, as a hand-typed
   cell or a padded export holds them) were warned of with the advice ``name the column
   'onetsoc_code' to have it read``; following it, the file was refused (``O*NET-SOC code
   ' 43-6014.00 ' is not of the form 00-0000.00``). Now ``name the column 'onetsoc_code'
   and remove the spaces around its codes (' 43-6014.00 ') to have it read``; following
   both, the codes are read.
6. ``score_tasks`` of a frame with its job zones or titles under another name
   (``JOB_ZONE``, ``Job Title``) or as levels of its index warned in the tagger's words,
   ``no 'job_zone' column, but the frame has 'JOB_ZONE': it is not read (the rows are
   tagged without it); ...``: not naming ``score_tasks`` (its other warnings start
   ``score_tasks:``) and telling of tagging where the rows were scored (the zone is the
   rubric's prior too). Now ``score_tasks: no 'job_zone' column, but the frame has
   'JOB_ZONE': it is not read (the rows are scored without it); rename that column
   'job_zone'``; the tagger's words are unchanged.

Checked, not a fault:

7. ``exposure score`` with stderr full (``2>/dev/full``), its note (a workbook of two
   sheets) and warnings unwritable: exit 0, the scores written whole, the summary line on
   stdout (the notes and warnings are dropped: stderr cannot take them). This was never
   tested; the test passes on the old code too.

Tiny made-up frames and files written by the tests.
"""

from __future__ import annotations

import io
import logging
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from _cli import _no_env  # noqa: F401 (autouse fixture)
from test_faults_cli import cli, one_error_line  # tests/unit is on sys.path

from exposure.errors import DataFormatError
from exposure.scoring import score_tasks
from exposure.scoring._files import score_file
from exposure.scoring.categories import explain_categories, tag_categories

SCORE = ["--method", "rubric", "--onet", "none"]
EMAILS = "Draft replies to routine customer emails."
BROCHURES = "Design and edit promotional publications, such as brochures."


def warnings_said(caplog, text: str) -> list[str]:
    """The warnings logged that hold ``text``."""
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and text in r.getMessage()]


# ------------------------------------------------------------------ 1. one wording of codes not read
@pytest.mark.parametrize("func", [tag_categories, explain_categories])
def test_1_tagger_warns_of_codes_in_the_scorers_words(caplog, func):
    frame = pd.DataFrame({"task": [BROCHURES, "Lay bricks."], "onet_code": ["11-2032.00", "47-2021.00"]})
    with caplog.at_level(logging.WARNING, logger="exposure"):
        got = func(frame)
        scored = score_tasks(frame)
    tagged, said = warnings_said(caplog, "holds O*NET-SOC codes")
    assert tagged == ("the column 'onet_code' holds O*NET-SOC codes (first: '11-2032.00') but is not read: the "
                      "occupation is read from a column 'onetsoc_code' only, so the rows were tagged as if they "
                      "had none; name the column 'onetsoc_code' to have it read")
    assert said == "score_tasks: " + tagged.replace("were tagged", "were scored")  # one wording, two verbs
    assert got["entry_creative"].tolist() == scored["entry_creative"].tolist() == [True, False]


# ------------------------------------------------------------------ 2. exposure score names the file
NEAR_CSV = ("task,Job Title,JOB_ZONE\n"
            "Write ad copy for a campaign.,Senior Art Directors,4\n"
            "Lay bricks for a wall.,Brickmasons,2\n")


def test_2_near_named_columns_warned_of_naming_the_file(tmp_path, capsys, caplog):
    src = tmp_path / "near tasks.csv"
    src.write_text(NEAR_CSV)
    with caplog.at_level(logging.WARNING, logger="exposure"):
        code, _, err = cli(capsys, "score", src, "-o", tmp_path / "out.csv", *SCORE)
    assert code == 0, err
    assert warnings_said(caplog, "no '") == [
        f"{src}: no 'title' column, but the file has 'Job Title': it is not read (the rows are scored without "
        "it); give --occupation-column 'Job Title'",
        f"{src}: no 'job_zone' column, but the file has 'JOB_ZONE': it is not read (the rows are scored "
        "without it); rename that column 'job_zone'"]
    caplog.clear()  # a frame: the Python API's words, as before
    with caplog.at_level(logging.WARNING, logger="exposure"):
        tag_categories(pd.read_csv(src))
    assert warnings_said(caplog, "no 'job_zone'") == [
        "no 'job_zone' column, but the frame has 'JOB_ZONE': it is not read (the rows are tagged without it); "
        "rename that column 'job_zone'"]


# ------------------------------------------------------------------ 3. Stata value labels of job_zone
ZONE_LABELS = {1: "Little or No Preparation Needed", 4: "Considerable Preparation Needed"}
LABELS_NOTE = ("; the file's value labels were read in place of its values (as pandas reads a Stata file): "
               "remove the labels from the column (Stata: label values job_zone) and save the file again")


def labelled_dta(path: Path, labels: bool = True) -> Path:
    """A Stata file of two tasks whose ``job_zone`` (4, 1) has value labels (``labels``)."""
    frame = pd.DataFrame({"task": [BROCHURES, BROCHURES], "job_zone": [4, 1]})
    frame.to_stata(path, write_index=False, value_labels={"job_zone": ZONE_LABELS} if labels else None)
    return path


def test_3_score_names_stata_value_labels_of_job_zones(tmp_path, capsys):
    src = labelled_dta(tmp_path / "tasks.dta")
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "out.csv", *SCORE)
    assert code == 2
    assert one_error_line(err, command="score") == (
        f"exposure score: error: {src}, row 1, column 'job_zone': job zone must be a whole number from 1 to 5, "
        f"got 'Considerable Preparation Needed'{LABELS_NOTE}")
    with pytest.raises(DataFormatError, match=r"got 'Considerable Preparation Needed'; the file's value labels"):
        score_file(src, tmp_path / "out.csv", "rubric", onet="none")
    # following the advice: the same file without the labels
    code, _, err = cli(capsys, "score", labelled_dta(tmp_path / "plain.dta", labels=False), "-o",
                       tmp_path / "plain.csv", *SCORE)
    assert code == 0, err
    out = pd.read_csv(tmp_path / "plain.csv")
    assert out["job_zone"].tolist() == [4, 1] and out["entry_creative"].tolist() == [False, True]
    # a text job zone of a Stata file without value labels: refused as before, with no note
    pd.DataFrame({"task": [BROCHURES], "job_zone": ["Four"]}).to_stata(tmp_path / "t.dta", write_index=False)
    code, _, err = cli(capsys, "score", tmp_path / "t.dta", "-o", tmp_path / "out.csv", *SCORE)
    assert one_error_line(err, command="score").endswith("job zone must be a whole number from 1 to 5, got 'Four'")
    assert code == 2


def test_3_a_stata_frame_is_told_how_to_read_the_numbers(tmp_path):
    frame = pd.read_stata(labelled_dta(tmp_path / "tasks.dta"))
    with pytest.raises(DataFormatError) as info:
        score_tasks(frame)
    assert str(info.value) == (
        "row 1, column 'job_zone': job zone must be a whole number from 1 to 5, got 'Considerable Preparation "
        "Needed'; the column's categories are text: a Stata file's value labels? pd.read_stata(path, "
        "convert_categoricals=False) reads the job zones they label")
    numbers = pd.read_stata(tmp_path / "tasks.dta", convert_categoricals=False)
    assert tag_categories(numbers)["entry_creative"].tolist() == [False, True]


# ------------------------------------------------------------------ 4. codes in a numbered column
def test_4_codes_in_a_numbered_column_are_warned_of(caplog):
    frame = pd.read_csv(io.StringIO(f"43-6014.00,{EMAILS}\n47-2021.00,Lay bricks.\n"), header=None)
    with caplog.at_level(logging.WARNING, logger="exposure"):
        scored = score_tasks(frame, text_column=1)
        tag_categories(frame, text_column=1)
    assert warnings_said(caplog, "holds O*NET-SOC codes") == [
        "score_tasks: the column 0 holds O*NET-SOC codes (first: '43-6014.00') but is not read: the occupation "
        "is read from a column 'onetsoc_code' only, so the rows were scored as if they had none; name the "
        "column 'onetsoc_code' to have it read",
        "the column 0 holds O*NET-SOC codes (first: '43-6014.00') but is not read: the occupation is read from "
        "a column 'onetsoc_code' only, so the rows were tagged as if they had none; name the column "
        "'onetsoc_code' to have it read"]
    read = score_tasks(frame.rename(columns={0: "onetsoc_code"}), text_column=1)
    assert not read["beta"].equals(scored["beta"])  # the codes matter: following the advice reads them
    caplog.clear()  # numbered columns of numbers or other text: nothing said
    with caplog.at_level(logging.WARNING, logger="exposure"):
        score_tasks(pd.DataFrame({0: [EMAILS], 1: [3], 2: ["15-1252.00 and more"]}), text_column=0)
    assert warnings_said(caplog, "holds O*NET-SOC codes") == []


# ------------------------------------------------------------------ 5. codes with spaces around them
def test_5_spaced_codes_advice_works(tmp_path, capsys, caplog):
    src = tmp_path / "t.csv"
    src.write_text(f"onet_code,task\n 43-6014.00 ,{EMAILS}\n47-2021.00,Lay bricks.\n")
    with caplog.at_level(logging.WARNING, logger="exposure"):
        code, _, err = cli(capsys, "score", src, "-o", tmp_path / "s.csv", *SCORE)
    assert code == 0, err
    assert warnings_said(caplog, "holds O*NET-SOC codes") == [
        f"{src}: the column 'onet_code' holds O*NET-SOC codes (first: ' 43-6014.00 ') but is not read: the "
        "occupation is read from a column 'onetsoc_code' only, so the rows were scored as if they had none; "
        "name the column 'onetsoc_code' and remove the spaces around its codes (' 43-6014.00 ') to have it read"]
    # renaming alone is refused; renaming and removing the spaces reads the codes
    renamed = tmp_path / "renamed.csv"
    renamed.write_text(src.read_text().replace("onet_code", "onetsoc_code"))
    code, _, err = cli(capsys, "score", renamed, "-o", tmp_path / "r.csv", *SCORE)
    assert code == 2 and "is not of the form 00-0000.00" in one_error_line(err, command="score")
    renamed.write_text(renamed.read_text().replace(" 43-6014.00 ", "43-6014.00"))
    code, _, err = cli(capsys, "score", renamed, "-o", tmp_path / "r.csv", *SCORE)
    assert code == 0, err


def test_5_spaced_codes_in_a_frame(caplog):
    frame = pd.DataFrame({"task": [EMAILS, "Lay bricks."], "soc_code": ["43-6014.00", "47-2021.00\t"]})
    with caplog.at_level(logging.WARNING, logger="exposure"):
        tag_categories(frame)
    said = warnings_said(caplog, "holds O*NET-SOC codes")
    assert len(said) == 1 and said[0].endswith(
        "name the column 'onetsoc_code' and remove the spaces around its codes ('47-2021.00\\t') to have it read")


# ------------------------------------------------------------------ 6. score_tasks' near-named columns
def test_6_score_tasks_warns_of_near_named_columns_in_its_name(caplog):
    frame = pd.read_csv(io.StringIO(NEAR_CSV))
    with caplog.at_level(logging.WARNING, logger="exposure"):
        score_tasks(frame, "rubric")
        score_tasks(frame.rename(columns={"JOB_ZONE": "job_zone"}).set_index("job_zone"), "rubric")
    assert warnings_said(caplog, "no '") == [
        "score_tasks: no 'title' column, but the frame has 'Job Title': it is not read (the rows are scored "
        "without it); give occupation_column='Job Title'",
        "score_tasks: no 'job_zone' column, but the frame has 'JOB_ZONE': it is not read (the rows are scored "
        "without it); rename that column 'job_zone'",
        "score_tasks: no 'title' column, but the frame has 'Job Title': it is not read (the rows are scored "
        "without it); give occupation_column='Job Title'",
        "score_tasks: no 'job_zone' column, but the frame's index has a level 'job_zone': it is not read (the "
        "rows are scored without it); frame.reset_index() makes it a column"]


# ------------------------------------------------------------------ 7. stderr full (checked)
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_7_notes_and_warnings_with_stderr_full(tmp_path):
    src = tmp_path / "tasks.xlsx"
    with pd.ExcelWriter(src) as book:  # two sheets: a note; onet_code: a warning
        pd.DataFrame({"task": [EMAILS, "Lay bricks."], "onet_code": ["43-6014.00", None]}).to_excel(
            book, sheet_name="Data", index=False)
        pd.DataFrame({"about": ["made up"]}).to_excel(book, sheet_name="Notes", index=False)
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "exposure.cli", "score", src.name, "-o", "out.csv", *SCORE],
                              cwd=tmp_path, stderr=full, stdout=subprocess.PIPE, text=True, check=False)
    assert done.returncode == 0
    assert done.stdout == "scored 2 tasks with rubric -> out.csv\n"
    out = pd.read_csv(tmp_path / "out.csv")
    assert out["task"].tolist() == [EMAILS, "Lay bricks."] and out["beta"].notna().all()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "tasks.xlsx"]  # no temporary file left
