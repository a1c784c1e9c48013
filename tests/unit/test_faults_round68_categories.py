"""Round 68: the category tagger's columns and arguments, and the validation sample's numbers.

Faults found (each test below failed before its fix):

1. ``occupation_column`` naming a column the rows are read by already (``"onetsoc_code"``,
   ``"task_id"``, ``"job_zone"``; ``exposure score --occupation-column onetsoc_code``) was
   refused cell by cell with advice that was wrong there: ``row 1, column 'onetsoc_code':
   occupation title '43-4171.00' is an O*NET-SOC code, not a title: give it in the
   'onetsoc_code' column`` (it is in that column), ``occupation title holds no letter, got
   '2': give the occupation's title or leave the cell empty`` of a job zone or a task ID
   (emptying the job zones). Now the argument is refused as such, in
   ``tag_categories``, ``explain_categories``, ``score_tasks`` and ``exposure score``:
   ``column 'onetsoc_code': occupation_column 'onetsoc_code' is the column of O*NET-SOC
   codes, read as such already: give the column of occupation titles, or None (no
   titles)``.
2. ``nearest_occupations(titles, occupations)`` read a title that is not text (bytes
   ``b'Clerk'``, a number) as no title (None), without a word; returned ``'None'`` or
   ``'nan'`` as the code of an occupation whose code is missing (a title added to the
   release's occupations without one) to every title nearest to it; and raised pandas'
   ``AttributeError: 'DataFrame' object has no attribute 'tolist'`` for ``occupations``
   with its ``title`` column twice. Now ``titles must be occupation titles (str) or
   missing, got bytes b'Clerk' at position 1``, ``row 2, column 'onetsoc_code':
   occupations: O*NET-SOC code is missing: give each occupation its code`` and
   ``column 'title': occupations has the column 'title' twice: keep one``.
3. A frame with its O*NET-SOC codes under another name (``onet_code``, ``occ_code``:
   names other tools give them), or, with ``onet``, with O*NET task IDs in ``task_id`` but
   no code column, was tagged as free text by ``tag_categories`` and ``explain_categories``,
   without a word (``score_tasks`` warned of the first): ``Design and edit promotional
   publications, such as brochures.``, a task of the public relations managers (job zone
   4), came out ``entry_creative`` (with its code it is not); 914 of the 18,796 O*NET 29.1
   statements keyed by their task IDs alone were tagged otherwise than with their codes.
   Now one warning line: ``the column 'onet_code' holds O*NET-SOC codes (first:
   '11-2032.00') but is not read: the occupation is read from a column 'onetsoc_code'
   only, so the rows are tagged as free text; name the column 'onetsoc_code' to have it
   read``, or ``no 'onetsoc_code' column: the task IDs of 'task_id' are not read (O*NET
   29.1's work activities are keyed by onetsoc_code and task_id), so the 1 row(s) with a
   task ID are tagged as free text; add the rows' O*NET-SOC codes as a column
   'onetsoc_code' to have them read``. The tags are unchanged.
4. A design number of the blind validation sample (``sample.csv``: ``inclusion_prob``,
   ``weight``) written with a decimal comma (``"0,5"``, as a spreadsheet in a European
   locale writes it), left blank or written ``50%`` was refused as ``inclusion_prob must
   be a positive number``: of a positive number, naming neither the cell nor what is
   wrong with it; a weight with a thousands separator (``"1,250"``, the other readers
   read it) too. Now ``inclusion_prob must be a number, got '0,5': a comma must separate
   thousands (1,234); write decimals with a point (0.5), not a comma``, ``weight is
   missing: give each sampled task its weight``, ``... must be a number, got '50%'`` (exit 2
   on the command line, before O*NET), and ``1,250`` is read as 1250.

Checked: the O*NET 29.1 statements (with codes and ``onet``, with codes alone, as text
alone, with titles in place of codes, by task IDs alone) tag and explain bit-identically before and after these fixes,
and ``exposure report categories`` writes the shipped reports byte for byte.

Tiny made-up frames and files written by the tests, and O*NET 29.1 from the real mirror.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest
from _cli import _no_env  # noqa: F401 (autouse fixture)
from test_faults_cli import cli, one_error_line  # tests/unit is on sys.path
from test_faults_round57_categories import LABELS, SAMPLE

from exposure import load_onet
from exposure.errors import DataFormatError
from exposure.reports.categories import (
    read_validation_sample,
)
from exposure.scoring import score_tasks
from exposure.scoring.categories import explain_categories, nearest_occupations, tag_categories

LOGGER = "exposure.scoring.categories"
#: A task of the public relations managers (11-2032.00, job zone 4), O*NET 29.1 task 21228.
BROCHURES = "Design and edit promotional publications, such as brochures."


@pytest.fixture(scope="module")
def onet(shared_data, tmp_path_factory):
    """O*NET 29.1 from the real data mirror."""
    return load_onet("29.1", mirror=shared_data, data_dir=tmp_path_factory.mktemp("onet"))


def warnings_of(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == LOGGER and r.levelno == logging.WARNING]


# ------------------------------------------------------------------ 1. occupation_column of a read column
KEYED = pd.DataFrame({"task": ["Answer telephones.", "Draft captions for posts."],
                      "onetsoc_code": ["43-4171.00", "27-3043.00"], "task_id": ["744", "21"],
                      "job_zone": ["2", "4"]})
WHAT = {"onetsoc_code": "O*NET-SOC codes", "task_id": "task IDs", "job_zone": "job zones"}


def read_column_message(column: str) -> str:
    return (f"column '{column}': occupation_column '{column}' is the column of {WHAT[column]}, read as such "
            "already: give the column of occupation titles, or None (no titles)")


@pytest.mark.parametrize("func", [tag_categories, explain_categories])
@pytest.mark.parametrize("column", list(WHAT))
def test_occupation_column_naming_a_read_column_is_refused_as_an_argument(func, column):
    """'give it in the 'onetsoc_code' column' of that column; 'leave the cell empty' of a job zone."""
    with pytest.raises(DataFormatError) as info:
        func(KEYED, occupation_column=column)
    assert str(info.value) == read_column_message(column)
    # a column of titles is read as before
    frame = KEYED.assign(onetsoc_code=None, job_zone=None, role=["Receptionist", "Junior copywriter"])
    assert func(frame, occupation_column="role")["entry_creative"].tolist() == [False, True]


@pytest.mark.parametrize("column", list(WHAT))
def test_score_tasks_occupation_column_naming_a_read_column(column):
    with pytest.raises(DataFormatError) as info:
        score_tasks(KEYED, "rubric", occupation_column=column)
    assert str(info.value) == read_column_message(column)


@pytest.mark.parametrize("column", ["onetsoc_code", "job_zone"])
def test_exposure_score_occupation_column_naming_a_read_column(tmp_path, capsys, column):
    src = tmp_path / "my tasks.csv"
    KEYED.to_csv(src, index=False)
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "out.csv", "--method", "rubric",
                       "--occupation-column", column)
    line = one_error_line(err, command="score")
    # in the command's words since round 71 (--occupation-column None named a column 'None')
    said = (f"column '{column}': --occupation-column {column} is the column of {WHAT[column]}, read as such "
            "already: give the column of occupation titles, or leave --occupation-column out (no titles)")
    assert code == 2 and line.endswith(f"my tasks.csv, {said}")
    assert not (tmp_path / "out.csv").exists()


# ------------------------------------------------------------------ 2. nearest_occupations' inputs
OCC = pd.DataFrame({"onetsoc_code": ["43-9061.00", "15-1252.00"],
                    "title": ["Office Clerks, General", "Software Developers"]})


@pytest.mark.parametrize("bad, shown", [(b"Clerk", "bytes b'Clerk'"), (911, "int 911"), (2.5, "float 2.5"),
                                        (["Clerk"], "list ['Clerk']")])
def test_nearest_occupations_title_that_is_not_text_is_refused(bad, shown):
    """It was read as no title: None, without a word."""
    with pytest.raises(DataFormatError) as info:
        nearest_occupations(["Office clerk", bad], OCC)
    assert str(info.value) == f"titles must be occupation titles (str) or missing, got {shown} at position 1"
    # a missing title is no title, as before; titles in any sequence or iterator
    titles = pd.Series([None, np.nan, pd.NA, "Office clerk", "Software developer"], index=[5, 4, 3, 2, 1])
    assert nearest_occupations(titles, OCC) == [None, None, None, "43-9061.00", "15-1252.00"]
    assert nearest_occupations((t for t in ["Software developer"]), OCC) == ["15-1252.00"]


@pytest.mark.parametrize("code, message", [
    (None, "O*NET-SOC code is missing: give each occupation its code"),
    (np.nan, "O*NET-SOC code is missing: give each occupation its code"),
    (pd.NA, "O*NET-SOC code is missing: give each occupation its code"),
    (151252, "O*NET-SOC code must be text (like 43-4171.00), got int 151252"),
])
def test_nearest_occupations_occupation_without_a_text_code_is_refused(code, message):
    """Its code was returned as 'None', 'nan' or '151252' to the titles nearest to it."""
    occ = pd.concat([OCC.iloc[:1], pd.DataFrame({"onetsoc_code": [code], "title": ["Software Developers"]})],
                    ignore_index=True)
    with pytest.raises(DataFormatError) as info:
        nearest_occupations(["Software developer"], occ)
    assert str(info.value) == f"occupations, row 2, column 'onetsoc_code': {message}"


@pytest.mark.parametrize("column", ["title", "onetsoc_code"])
def test_nearest_occupations_column_given_twice_is_refused(column):
    """It was pandas' AttributeError: 'DataFrame' object has no attribute 'tolist'."""
    occ = pd.concat([OCC, OCC[[column]]], axis=1)
    with pytest.raises(DataFormatError) as info:
        nearest_occupations(["Software developer"], occ)
    assert str(info.value) == f"occupations, column '{column}': given more than once: keep one"


# ------------------------------------------------------------------ 3. codes or task IDs not read
@pytest.mark.parametrize("func", [tag_categories, explain_categories])
@pytest.mark.parametrize("name", ["onet_code", "occ_code", "O*NET Code"])
def test_codes_under_another_name_are_warned_of(caplog, func, name):
    frame = pd.DataFrame({"task": [BROCHURES, "Lay bricks."], name: ["11-2032.00", "47-2021.00"]})
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        got = func(frame)
    assert warnings_of(caplog) == [
        f"the column {name!r} holds O*NET-SOC codes (first: '11-2032.00') but is not read: the occupation is "
        "read from a column 'onetsoc_code' only, so the rows were tagged as if they had none; name the column "
        "'onetsoc_code' to have it read"]
    assert got["entry_creative"].tolist() == [True, False]  # tagged as free text, as before
    caplog.clear()
    named = frame.rename(columns={name: "onetsoc_code"})
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        assert tag_categories(named)["entry_creative"].tolist() == [False, False]  # following the advice
    assert warnings_of(caplog) == []


#: Frames that leave nothing unread: no warning of task IDs (with the release or not).
READ_ALL = [
    (pd.DataFrame({"task_id": [21228], "task": [BROCHURES]}), False),  # no release: IDs are never read
    (pd.DataFrame({"task_id": [None], "task": [BROCHURES]}), True),  # no ID given
    (pd.DataFrame({"task_id": [21228], "task": [BROCHURES], "onetsoc_code": [None]}), True),  # a code column
]


@pytest.mark.parametrize("func", [tag_categories, explain_categories])
def test_task_ids_without_codes_are_warned_of(caplog, onet, func):
    frame = pd.DataFrame({"task_id": [21228, None], "task": [BROCHURES, "Lay bricks."]})
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        got = func(frame, onet=onet)
    assert warnings_of(caplog) == [
        "no 'onetsoc_code' column: the task IDs of 'task_id' are not read (O*NET 29.1's work activities are "
        "keyed by onetsoc_code and task_id), so the 1 row(s) with a task ID are tagged as free text; add the "
        "rows' O*NET-SOC codes as a column 'onetsoc_code' to have them read"]
    assert got["entry_creative"].tolist() == [True, False]
    coded = frame.assign(onetsoc_code=["11-2032.00", None])
    assert tag_categories(coded, onet=onet)["entry_creative"].tolist() == [False, False]
    for quiet, with_onet in READ_ALL:
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger=LOGGER):
            func(quiet, onet=onet if with_onet else None)
        assert not [m for m in warnings_of(caplog) if "not read" in m], quiet
    # a spelling of the code column is _warn_near_columns' (rename it): said once, not twice
    caplog.clear()
    spelt = frame.assign(**{"O*NET-SOC Code": ["11-2032.00", None]})
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        func(spelt, onet=onet)
    said = [m for m in warnings_of(caplog) if "onetsoc_code" in m]
    assert len(said) == 1 and "but the frame has 'O*NET-SOC Code'" in said[0]


# ------------------------------------------------------------------ 4. design numbers of sample.csv
def sample_dir(d, prob: str, weight: str):
    d.mkdir(parents=True, exist_ok=True)
    (d / "sample.csv").write_text(SAMPLE + f'43-9061.00,1,uniform,False,"{prob}","{weight}",False\n'
                                  "47-2021.00,3,enriched,True,0.25,4,False\n")
    (d / "labels_annotator_a.csv").write_text(LABELS + "43-9061.00,1,True,False,False,phones\n"
                                              "47-2021.00,3,False,False,False,bricks\n")
    (d / "labels_annotator_b.csv").write_text(LABELS)
    return d


COMMA = ": a comma must separate thousands (1,234); write decimals with a point ({}), not a comma"  # (round 74)


@pytest.mark.parametrize("prob, weight, column, message", [
    ("0,5", "2", "inclusion_prob", "inclusion_prob must be a number, got '0,5': a decimal comma? write decimals "
                                   "with a point: '0.5'"),  # a probability: the advice of a share (round 74)
    ("0.5", "2,0", "weight", "weight must be a number, got '2,0'" + COMMA.format("2.0")),
    ("50%", "2", "inclusion_prob", "inclusion_prob must be a number, got '50%': a percentage? write it as a "
                                   "fraction of 1: '0.5'"),  # (round 74)
    ("0.5", "", "weight", "weight is missing: give each sampled task its weight"),
    ("0.5", " ", "weight", "weight is missing: give each sampled task its weight"),
    ("-0.5", "2", "inclusion_prob", "inclusion_prob must be a positive number, got '-0.5'"),
])
def test_design_number_that_is_not_one_is_named(tmp_path, prob, weight, column, message):
    """Each was 'inclusion_prob must be a positive number' (or weight), of '0,5' too."""
    d = sample_dir(tmp_path / "v2", prob, weight)
    with pytest.raises(DataFormatError) as info:
        read_validation_sample(d)
    assert str(info.value) == f"{d / 'sample.csv'}, row 2, column '{column}': {message}"


def test_design_number_with_thousands_separator_is_read(tmp_path):
    """'1,250' was refused as not a positive number; the shared readers read it as 1250."""
    got = read_validation_sample(sample_dir(tmp_path / "v2", "0.0008", "1,250"))
    assert got["weight"].tolist() == [1250.0, 4.0]
    assert got["inclusion_prob"].tolist() == [0.0008, 0.25]


def test_design_number_with_decimal_comma_on_the_command_line(tmp_path, capsys):
    d = sample_dir(tmp_path / "v2", "0,5", "2")
    hand = tmp_path / "h.csv"
    hand.write_text("onetsoc_code,task_id,stratum,admin,routine_coding,entry_creative,note\n"
                    "43-9061.00,1,random,True,False,False,phones\n")
    code, _, err = cli(capsys, "report", "categories", "--hand-checked", hand, "--validation", d,
                       "--out-dir", tmp_path / "out", "--mirror", tmp_path / "no mirror")
    line = one_error_line(err, command="report categories")
    assert code == 2
    assert line.endswith("sample.csv, row 2, column 'inclusion_prob': inclusion_prob must be a number, got "
                         "'0,5': a decimal comma? write decimals with a point: '0.5'")  # (round 74)
    assert not list(tmp_path.glob("**/categories_*.csv"))
