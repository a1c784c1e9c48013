"""Faults of round 77 (inputs): occupation titles, cells of bytes and flattened column names.

1. The tagger's title check (``tag_categories``, ``explain_categories``, ``score_tasks``,
   ``exposure score``) had a letter rule of its own, on the title as given: ``½``, ``①``,
   ``²³`` and ``ʼʼ`` were accepted as titles (read as digits and an apostrophe: a title no
   occupation has, the row losing the contexts of its words and its entry level), while
   ``12345`` was refused. Now the task texts' rule (the letters of the title as
   normalised, :func:`exposure.scoring._inputs.no_letter_reason`) refuses them:
   ``row 2, column 'title': occupation title holds no letter, got '½': give the
   occupation's title or leave the cell empty``; ``Ｃｌｅｒｋ`` still passes. A long title
   without a letter was written out whole (500 digits); it is cut as other cells are.
2. A title of UTF-8 read as Windows-1252 or Latin-1 (``Clerkâ€™s``) was read as a title no
   occupation has, without a word, where such a task text is refused. Now: ``occupation
   title holds 'â€™' for '’' (UTF-8 read as Windows-1252 or Latin-1), got 'Clerkâ€™s':
   read the source as UTF-8 (encoding='utf-8'); a file saved after such a reading keeps
   the garbled text: mend it there`` (the file named under ``exposure score``).
3. Cells of ``bytearray`` or ``memoryview`` (psycopg2 reads ``bytea`` so) in the text,
   title or ``onetsoc_code`` column got none of the advice a ``bytes`` cell gets, and a
   memoryview was shown as ``<memory at 0x7f...>``: ``task text must be a non-empty
   string, got <memory at 0x7f...>``, ``occupation title must be text or missing, got
   bytearray``. Now ``got memoryview(b'Weld pipes.'): bytes, not text (from a database
   driver or a binary column?): decode them first, df['task'] = df['task'].map(lambda v:
   bytes(v).decode('utf-8') if isinstance(v, memoryview) else v) (or the column's own
   encoding)`` (``.str.decode``, which bytes get, makes a memoryview missing).
4. Column names of flattened levels (``frame.columns.to_flat_index()`` after a
   ``groupby().agg()``: ``('onetsoc_code', '')``, ``('task_id', '')``, ``('title', '')``)
   were passed over: the task keys were neither read nor warned of by ``score_tasks``
   (only the codes, as a column of another name), a title column so named was not read
   by ``tag_categories`` without a word (``Write press releases.`` of public relations
   managers tagged ``entry_creative``), and a text column so named was ``missing text
   column 'task' (columns: [('task', ''), ...])`` and no more. Now the keys are warned of
   (``the frame has no 'onetsoc_code' and 'task_id' column but ('onetsoc_code', ''),
   ('task_id', '') ...``), the title column too (``no 'title' column, but the frame has
   ('title', ''): it is not read (the rows are tagged without it); give
   occupation_column=('title', '')``), and the text column is offered: ``...; the frame
   has ('task', ''), a tuple of flattened column levels: rename it:
   frame.rename(columns={('task', ''): 'task'}) (or give text_column=('task', ''))``.
5. ``tag_categories`` / ``explain_categories`` given an ``occupation_column`` the frame
   lacks listed every column (a frame of 42 columns: all 42 names) and did not say that a
   column so named is a level of the index (``set_index("job")``): ``column 'job':
   missing occupation column 'job' (columns: ['task'])``. Now in ``score_tasks``' words,
   from one function (:func:`exposure.scoring._inputs.missing_occupation_column`):
   ``... (columns: ['task', 'job', 'c0', ..., 'c9', ... (42 columns)])``; ``column 'job':
   missing occupation column 'job' (columns: ['task']); it is a level of the frame's
   index: frame.reset_index() makes it a column again``.
"""

from __future__ import annotations

import logging

import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line

from exposure.errors import DataFormatError
from exposure.scoring import score_tasks
from exposure.scoring.categories import explain_categories, tag_categories

PHONES = "Answer telephones and relay messages."
RELEASES = "Write press releases."
TITLE_ADVICE = "give the occupation's title or leave the cell empty"


def _score(frame):
    return score_tasks(frame, "rubric")


CHECKS = [tag_categories, explain_categories, _score]


# 1. a title's letters as the texts' ---------------------------------------------------------------


@pytest.mark.parametrize("check", CHECKS)
@pytest.mark.parametrize("title", ["½", "①", "²³", "\u02bc\u02bc"])
def test_a_title_of_number_characters_is_refused(check, title):
    frame = pd.DataFrame({"task": [PHONES, RELEASES], "title": ["Clerk", title]})
    with pytest.raises(DataFormatError) as info:
        check(frame)
    assert str(info.value) == f"row 2, column 'title': occupation title holds no letter, got {title!r}: {TITLE_ADVICE}"
    assert len(check(frame.assign(title=["Clerk", "\uff23\uff4c\uff45\uff52\uff4b"]))) == 2  # full-width letters pass


def test_a_long_title_without_a_letter_is_cut():
    frame = pd.DataFrame({"task": [PHONES, RELEASES], "title": ["Clerk", "1" * 500]})
    with pytest.raises(DataFormatError) as info:
        tag_categories(frame)
    assert str(info.value) == ("row 2, column 'title': occupation title holds no letter, got '" + "1" * 59
                               + "..." + "1" * 16 + f"' (str of 500 characters): {TITLE_ADVICE}")


# 2. a garbled title ---------------------------------------------------------------------------------


GARBLED = "Clerk\u00e2\u20ac\u2122s"
GARBLED_SAID = ("occupation title holds 'â€™' for '’' (UTF-8 read as Windows-1252 or Latin-1), got 'Clerkâ€™s': "
                "read the source as UTF-8 (encoding='utf-8'); a file saved after such a reading keeps the "
                "garbled text: mend it there")


@pytest.mark.parametrize("check", CHECKS)
def test_a_garbled_title_is_refused(check):
    frame = pd.DataFrame({"task": [PHONES, RELEASES], "title": ["Clerk", GARBLED]}, index=[5, 6])
    with pytest.raises(DataFormatError) as info:
        check(frame)
    assert str(info.value) == f"row 2, column 'title': {GARBLED_SAID} (index 6)"


def test_exposure_score_names_the_file_of_a_garbled_title(tmp_path, capsys):
    src = tmp_path / "tasks.csv"
    src.write_text(f"task,title\n{PHONES},Clerk\n{RELEASES},{GARBLED}\n", encoding="utf-8")
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "out.csv", "--method", "rubric", "--onet", "none")
    assert code == 2
    assert one_error_line(err, command="score") == f"exposure score: error: {src}, row 3, column 'title': {GARBLED_SAID}"
    assert not (tmp_path / "out.csv").exists()


# 3. cells of bytearray and memoryview ---------------------------------------------------------------


def _advice(column, decode, kind):
    return (f": bytes, not text (from a database driver or a binary column?): decode them first, df[{column!r}] = "
            f"df[{column!r}].map(lambda v: {decode} if isinstance(v, {kind}) else v) (or the column's own encoding)")


BINARY = [(bytearray, "bytearray(b'{}')", "v.decode('utf-8')"),
          (memoryview, "memoryview(b'{}')", "bytes(v).decode('utf-8')")]


@pytest.mark.parametrize("kind, said, decode", BINARY)
@pytest.mark.parametrize("check", CHECKS)
def test_a_binary_task_text_gets_the_advice_of_bytes(check, kind, said, decode):
    frame = pd.DataFrame({"task": [PHONES, kind(RELEASES.encode())]})
    with pytest.raises(DataFormatError) as info:
        check(frame)
    assert str(info.value) == (f"row 2, column 'task': task text must be a non-empty string, got "
                               f"{said.format(RELEASES)}{_advice('task', decode, kind.__name__)}")
    frame["task"] = frame["task"].map(lambda v: bytes(v).decode("utf-8") if isinstance(v, kind) else v)
    assert check(frame).shape[0] == 2  # following the advice


@pytest.mark.parametrize("kind, said, decode", BINARY)
def test_a_binary_title_gets_the_advice_of_bytes(kind, said, decode):
    frame = pd.DataFrame({"task": [PHONES, RELEASES], "title": ["Clerk", kind(b"Writer")]})
    with pytest.raises(DataFormatError) as info:
        tag_categories(frame)
    assert str(info.value) == (f"row 2, column 'title': occupation title must be text or missing, got "
                               f"{said.format('Writer')}{_advice('title', decode, kind.__name__)}")


@pytest.mark.parametrize("kind, said, decode", BINARY)
def test_a_binary_code_gets_the_advice_of_bytes(kind, said, decode):
    frame = pd.DataFrame({"task": [PHONES, RELEASES], "onetsoc_code": ["43-4171.00", kind(b"27-3031.00")]})
    with pytest.raises(DataFormatError) as info:
        tag_categories(frame)
    assert str(info.value) == (f"row 2, column 'onetsoc_code': O*NET-SOC code must be text (like 43-4171.00) or "
                               f"missing, got {said.format('27-3031.00')}"
                               f"{_advice('onetsoc_code', decode, kind.__name__)}")
    with pytest.raises(DataFormatError) as info:
        _score(frame)
    assert str(info.value) == (f"row 2, column 'onetsoc_code': O*NET-SOC code {said.format('27-3031.00')} is not "
                               "of the form 00-0000.00 (e.g. 11-1011.00)"
                               f"{_advice('onetsoc_code', decode, kind.__name__)}")


def test_a_column_of_memoryviews_alone_is_mapped_not_str_decoded():
    frame = pd.DataFrame({"task": [memoryview(PHONES.encode()), None]})
    with pytest.raises(DataFormatError) as info:
        tag_categories(frame)
    assert str(info.value).endswith(_advice("task", "bytes(v).decode('utf-8')", "memoryview"))
    assert frame["task"].str.decode("utf-8").isna().all()  # what .str.decode makes of them


# 4. flattened column levels -------------------------------------------------------------------------


def _flattened(frame, by, agg):
    out = frame.groupby(by).agg(agg).reset_index()
    out.columns = out.columns.to_flat_index()
    return out


def test_score_tasks_warns_of_keys_under_flattened_names(caplog):
    frame = pd.DataFrame({"onetsoc_code": ["43-4171.00"], "task_id": [1], "task": [PHONES]})
    flat = _flattened(frame, ["onetsoc_code", "task_id"], {"task": ["first"]}).rename(columns={("task", "first"): "task"})
    with caplog.at_level(logging.WARNING):
        score_tasks(flat, "rubric")
    said = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(said) == 1 and said[0].startswith(
        "score_tasks: the frame has no 'onetsoc_code' and 'task_id' column but ('onetsoc_code', ''), "
        "('task_id', '')"), said
    assert said[0].endswith("df.rename(columns={('onetsoc_code', ''): 'onetsoc_code', ('task_id', ''): 'task_id'}))")
    renamed = flat.rename(columns={("onetsoc_code", ""): "onetsoc_code", ("task_id", ""): "task_id"})
    assert renamed.columns.tolist() == ["onetsoc_code", "task_id", "task"]  # following the advice


def test_tag_categories_warns_of_a_title_column_under_a_flattened_name(caplog):
    frame = pd.DataFrame({"task": [RELEASES], "title": ["Public Relations Managers"]})
    flat = _flattened(frame, "title", {"task": ["first"]}).rename(columns={("task", "first"): "task"})
    with caplog.at_level(logging.WARNING):
        tags = tag_categories(flat)
    said = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert said == ["no 'title' column, but the frame has ('title', ''): it is not read (the rows are tagged "
                    "without it); give occupation_column=('title', '')"]
    assert tags["entry_creative"].tolist() == [True]
    assert tag_categories(flat, occupation_column=("title", ""))["entry_creative"].tolist() == [False]


@pytest.mark.parametrize("check", [tag_categories, explain_categories])
def test_a_text_column_under_a_flattened_name_is_offered(check):
    frame = pd.DataFrame({"task": [RELEASES], "job_zone": [4]})
    flat = _flattened(frame, "task", {"job_zone": ["max"]})
    with pytest.raises(DataFormatError) as info:
        check(flat)
    assert str(info.value) == (
        "column 'task': missing text column 'task' (columns: [('task', ''), ('job_zone', 'max')]); the frame has "
        "('task', ''), a tuple of flattened column levels: rename it: frame.rename(columns={('task', ''): "
        "'task'}) (or give text_column=('task', ''))")
    assert check(flat.rename(columns={("task", ""): "task"})).shape[0] == 1  # following the advice
    assert check(flat, text_column=("task", "")).shape[0] == 1


# 5. a missing occupation column in score_tasks' words ------------------------------------------------


JOBS = pd.DataFrame({"task": [RELEASES], "job": ["Public Relations Managers"]})


@pytest.mark.parametrize("check", [tag_categories, explain_categories])
def test_a_missing_occupation_column_in_the_index_is_named_so(check):
    with pytest.raises(DataFormatError) as info:
        check(JOBS.set_index("job"), occupation_column="job")
    assert str(info.value) == ("column 'job': missing occupation column 'job' (columns: ['task']); it is a level of "
                               "the frame's index: frame.reset_index() makes it a column again")


@pytest.mark.parametrize("check", [tag_categories, explain_categories])
def test_the_columns_of_a_wide_frame_are_cut(check):
    wide = JOBS.assign(**{f"c{i}": 1 for i in range(40)})
    with pytest.raises(DataFormatError) as info:
        check(wide, occupation_column="title ")
    shown = ", ".join(repr(c) for c in wide.columns[:12])
    assert str(info.value) == (f"column 'title ': missing occupation column 'title ' (columns: [{shown}, ... "
                               "(42 columns)])")
