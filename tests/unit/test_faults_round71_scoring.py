"""Round 71: the frames and files given to ``score_tasks``, the category tagger and ``exposure score``.

Faults found (each test below failed before its fix):

1. ``exposure score`` on a file with its titles under ``Job Title`` (or ``Occupation``,
   ``Position``) warned ``no 'title' column, but the frame has 'Job Title': it is not read
   (the rows are tagged without it); give occupation_column='Job Title'``: the Python
   argument, which the command does not take (``--occupation-column`` is its option).
   Now the advice is ``give --occupation-column 'Job Title'`` (quoted for a shell as
   needed), and following it scores the file without the warning; the Python API keeps
   ``occupation_column='Job Title'``.
2. An occupation column named in another case or spelling than the frame's or file's
   (``occupation_column='Title'`` on a frame with ``title``; ``--occupation-column "Job
   Title"`` on a file with ``job_title``) was refused as ``missing occupation column
   'Title'``, with no word of the column that is there (the text column's error names
   it). Now ``...; the frame has 'title': give occupation_column='title'``, and for a
   file ``t.csv, column 'Title': missing occupation column 'Title'; the file has
   'title': give --occupation-column title`` (``score_file``: ``occupation_column=``). A
   file with O*NET's own header ``Title`` (read as ``title``) is named as the file names
   it: ``the file has 'Title'``, not ``'title'``.
3. An O*NET release made up of the caller's own frames (``SimpleNamespace(task_dwas=...,
   dwas=...)``) whose table lacked a column that is read raised a bare ``KeyError:
   'dwa_id'`` (``'iwa_id'``, ``'onetsoc_code'``) from ``tag_categories`` and
   ``explain_categories``, and from ``score_tasks`` (all methods) for ``job_zones`` or
   ``occupations`` with a ``job_zone`` column but no ``onetsoc_code``; a table that is
   not a frame (``occupations=5``) raised ``AttributeError: 'int' object has no
   attribute 'columns'``. Now ``onet.task_dwas lacks column(s) ['dwa_id'] (columns:
   ['onetsoc_code', 'task_id']): onet must be an O*NET release, e.g.
   exposure.load_onet('29.1')`` (the words of the learned scorer's check), and
   ``onet.occupations must be a pandas DataFrame, got int: ...``.
4. The check for UTF-8 read as Windows-1252 (mojibake) refused task statements that are
   right as they are, with no way to have them read: ``Report surface areas in Å² per
   molecule.`` (``task text holds 'Å²' for 'Ų' (UTF-8 read as Windows-1252 or
   Latin-1)``; also ``Å³``, square and cubic ångströms) and ``Cut 2×½ inch boards.``
   (``'×½' for '\u05fd'``, a code point that is no character). Now a run is taken for
   mojibake only when its bytes are the UTF-8 of a character Unicode assigns, and a
   unit's power (``Å²``, ``Å³``, ``×²``, ``×³``) is text; such texts are scored, and
   mojibake is refused as before (``PoznaÅ„``, ``customerâ€™s``).

Checked: the leads of U+00B4 (``client´s``), whose fix is in ``_features.normalise_text``
(not edited here): no O*NET 29.1 or 30.1 task statement, no label file of the mirror, no
file of ``tests/data`` (the two blind sets not opened) holds U+00B4.

Tiny made-up frames, releases and files written by the tests.
"""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pandas as pd
import pytest
from _cli import _no_env  # noqa: F401 (autouse fixture)
from test_faults_cli import cli, one_error_line  # tests/unit is on sys.path

from exposure.errors import DataFormatError
from exposure.scoring import score_tasks
from exposure.scoring._files import score_file
from exposure.scoring._inputs import mojibake
from exposure.scoring.categories import explain_categories, tag_categories

SCORE = ["--method", "rubric", "--onet", "none"]
TITLED_CSV = ("task,{header}\n"
              "Write ad copy for a campaign.,Senior Art Directors\n"
              "Lay bricks for a wall.,Brickmasons\n")


def warnings_said(caplog, text: str) -> list[str]:
    """The warnings logged that hold ``text``."""
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and text in r.getMessage()]


# ------------------------------------------------------------------ 1. advice in the command's words
@pytest.mark.parametrize("header, option", [("Job Title", "'Job Title'"), ("Occupation", "Occupation")])
def test_score_advises_the_option_for_a_title_column_under_another_name(tmp_path, capsys, caplog, header, option):
    src = tmp_path / "titled tasks.csv"
    src.write_text(TITLED_CSV.format(header=header))
    with caplog.at_level(logging.WARNING, logger="exposure"):
        code, _, err = cli(capsys, "score", src, "-o", tmp_path / "out.csv", *SCORE)
    assert code == 0, err
    said = warnings_said(caplog, "no 'title' column")
    assert len(said) == 1 and said[0].endswith(f"give --occupation-column {option}")  # was occupation_column=
    assert "occupation_column=" not in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="exposure"):  # following the advice
        code, _, err = cli(capsys, "score", src, "-o", tmp_path / "out.csv", *SCORE,
                           "--occupation-column", header)
    assert code == 0, err
    assert warnings_said(caplog, "no 'title' column") == []
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="exposure"):  # the Python API keeps its words
        score_file(src, tmp_path / "out.csv", "rubric", onet=None)
        tag_categories(pd.read_csv(src))
    said = warnings_said(caplog, "no 'title' column")
    assert len(said) == 2 and all(m.endswith(f"give occupation_column={header!r}") for m in said)


# ------------------------------------------------------------------ 2. an occupation column in another case
FRAME = pd.DataFrame({"task": ["Write ad copy for a campaign."], "title": ["Senior Art Directors"]})


@pytest.mark.parametrize("func", [score_tasks, tag_categories, explain_categories])
def test_missing_occupation_column_names_the_one_in_another_case(func):
    with pytest.raises(DataFormatError) as info:
        func(FRAME, occupation_column="Title")
    assert str(info.value).endswith("; the frame has 'title': give occupation_column='title'")
    func(FRAME, occupation_column="title")  # following the advice


@pytest.mark.parametrize("header, given, hint", [
    ("title", "Title", "the file has 'title': give --occupation-column title"),
    ("job_title", "Job Title", "the file has 'job_title': give --occupation-column job_title"),
    ("Title", "TITLE", "the file has 'Title': give --occupation-column Title"),  # O*NET's header, as the file has it
])
@pytest.mark.parametrize("batch_rows", ["1", "0"])
def test_score_missing_occupation_column_names_the_files_column(tmp_path, capsys, header, given, hint, batch_rows):
    src = tmp_path / "tasks.csv"
    src.write_text(TITLED_CSV.format(header=header))
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "out.csv", *SCORE, "--batch-rows", batch_rows,
                       "--occupation-column", given)
    line = one_error_line(err, command="score")
    assert code == 2
    assert line == (f"exposure score: error: {src}, column {given!r}: missing occupation column {given!r} "
                    f"(columns: ['task', {header!r}]); {hint}")  # was: no hint; the columns listed since round 77
    following = hint.split("--occupation-column ")[1]
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "out.csv", *SCORE, "--batch-rows", batch_rows,
                       "--occupation-column", following)
    assert code == 0, err


def test_score_file_missing_occupation_column_names_the_argument(tmp_path):
    src = tmp_path / "tasks.csv"
    src.write_text(TITLED_CSV.format(header="title"))
    with pytest.raises(DataFormatError) as info:
        score_file(src, tmp_path / "out.csv", "rubric", onet=None, occupation_column="Title")
    assert str(info.value) == (f"{src}, column 'Title': missing occupation column 'Title' (columns: ['task', "
                               "'title']); the file has 'title': give occupation_column='title'")


# ------------------------------------------------------------------ 3. a made-up release lacking a column
CODE, TASK_ID, DWA, IWA = "27-1011.00", 5001, "4.A.2.b.2.I13.D01", "4.A.2.b.2.I13"


def made_up(**changes) -> SimpleNamespace:
    """A tiny release of one art directors' task, in the tables' real columns; ``changes`` replace tables."""
    tables = {
        "tasks": pd.DataFrame({"onetsoc_code": [CODE], "task_id": [TASK_ID],
                               "task": ["Write ad copy for a campaign."], "task_type": ["Core"]}),
        "task_dwas": pd.DataFrame({"onetsoc_code": [CODE], "task_id": [TASK_ID], "dwa_id": [DWA]}),
        "dwas": pd.DataFrame({"dwa_id": [DWA], "dwa_title": ["Write advertising copy."], "iwa_id": [IWA]}),
        "occupations": pd.DataFrame({"onetsoc_code": [CODE], "title": ["Art Directors"],
                                     "description": ["Direct art."], "job_zone": [4]}),
        "job_zones": pd.DataFrame({"onetsoc_code": [CODE], "job_zone": [4]}),
    }
    tables.update(changes)
    return SimpleNamespace(release="29.1", **tables)


KEYED = pd.DataFrame({"task": ["Write ad copy for a campaign."], "onetsoc_code": [CODE], "task_id": [TASK_ID]})
RELEASE = made_up()


@pytest.mark.parametrize("table, column", [("task_dwas", "dwa_id"), ("task_dwas", "task_id"),
                                           ("dwas", "iwa_id"), ("occupations", "onetsoc_code"),
                                           ("job_zones", "onetsoc_code")])
@pytest.mark.parametrize("func", [tag_categories, explain_categories])
def test_tagger_names_a_column_a_made_up_release_lacks(func, table, column):
    frame = getattr(RELEASE, table).drop(columns=[column])
    with pytest.raises(DataFormatError) as info:  # was KeyError: 'dwa_id'
        func(KEYED, onet=made_up(**{table: frame}))
    assert str(info.value) == (f"onet.{table} lacks column(s) [{column!r}] (columns: {list(frame.columns)}): "
                               "onet must be an O*NET release, e.g. exposure.load_onet('29.1')")


@pytest.mark.parametrize("method, table", [("rubric", "occupations"), ("rubric", "job_zones"),
                                           ("reference", "occupations"), ("reference", "job_zones"),
                                           ("learned", "job_zones")])  # learned checked its occupations
def test_score_tasks_names_a_job_zone_table_without_codes(method, table):
    frame = getattr(RELEASE, table).drop(columns=["onetsoc_code"])
    with pytest.raises(DataFormatError) as info:  # was KeyError: 'onetsoc_code'
        score_tasks(KEYED, method=method, onet=made_up(**{table: frame}))
    assert str(info.value).startswith(f"onet.{table} lacks column(s) ['onetsoc_code'] (columns: ")


@pytest.mark.parametrize("table, value, shown", [("occupations", 5, "int"), ("job_zones", "job_zones.txt", "str")])
def test_tagger_refuses_a_release_table_that_is_no_frame(table, value, shown):
    with pytest.raises(DataFormatError) as info:  # was AttributeError: 'int' object has no attribute 'columns'
        tag_categories(KEYED, onet=made_up(**{table: value}))
    assert str(info.value) == (f"onet.{table} must be a pandas DataFrame, got {shown}: onet must be an "
                               "O*NET release, e.g. exposure.load_onet('29.1')")
    assert len(tag_categories(KEYED, onet=RELEASE)) == 1  # the complete release is read
    assert len(tag_categories(KEYED, onet=made_up(**{table: None}))) == 1  # no table: not read


# ------------------------------------------------------------------ 4. text refused as mojibake
RIGHT = ["Report surface areas in Å² per molecule.", "Refine unit cell volumes in Å³.",
         "Cut 2×½ inch boards.", "Cut 2×¼ inch battens and 1×¾ inch trim."]


#: Mojibake, still refused: (text, the run named).
GARBLED = [("Visit the PoznaÅ„ office.", "Å„"), ("Process a customerâ€™s refund.", "â€™"),
           ("Screen rÃ©sumÃ©s.", "Ã©"), ("Inspect the Å½ilina plant.", "Å½")]


@pytest.mark.parametrize("text", RIGHT)
def test_units_and_fractions_are_not_mojibake(text):
    assert mojibake(text) is None
    scores = score_tasks(pd.DataFrame({"task": [text]}), method="rubric")  # was: refused
    assert len(scores) == 1
    for garbled, run in GARBLED:  # as before
        assert mojibake(garbled)[0] == run
        with pytest.raises(DataFormatError, match="UTF-8 read as Windows-1252 or Latin-1"):
            score_tasks(pd.DataFrame({"task": [text, garbled]}), method="rubric")


def test_score_reads_a_file_with_angstroms(tmp_path, capsys):
    src = tmp_path / "lab tasks.csv"
    src.write_text("task\n" + "\n".join(RIGHT[:3]) + "\n", encoding="utf-8")
    code, out, err = cli(capsys, "score", src, "-o", tmp_path / "out.csv", *SCORE)
    assert code == 0, err  # was: exposure score: error: ..., row 2, column 'task': task text holds 'Å²' ...
    assert pd.read_csv(tmp_path / "out.csv")["task"].tolist() == RIGHT[:3]
