"""Fault round 57 (score): the texts and titles ``score_tasks`` and ``exposure score`` read.

Faults found (each test below failed before its fix):

1. A task text that is a placeholder for a missing cell, not a task (``N/A``, ``n/a``,
   ``NULL``, ``None``, ``nan``, ``<NA>``, ``TBD``, ``TODO``, Excel's ``(blank)``) was
   scored as a task: ``learned`` gave it a label (``none`` came out E2) with confidence 0
   and a warning, ``rubric`` E0 without a word, and it counted in the roll-ups. pandas'
   ``read_csv`` reads most of them as missing, which ``score_tasks`` refuses, while the
   library's own file readers keep them as text, so ``exposure score FILE`` scored the
   rows that ``score_tasks(pd.read_csv(FILE))`` refused. Now refused as the other
   placeholders for no task (``-``, ``?``) and the spreadsheet error values are: ``row 2,
   column 'task': task text is a placeholder, got 'N/A': the mark of a missing cell, not
   a task statement; give the task statement, or drop such rows``. A sentence that holds
   such a word is a task as before.
2. A task text that is only an HTML character reference (``&nbsp;``: an empty cell of a
   scraped page), which ``tag_categories`` and ``score_rubric`` refuse, went through
   ``score_tasks``' checks (it has letters) and became a blank once normalised: ``learned``
   scored it (confidence 0), and ``rubric`` refused the blank from inside the scorer,
   ``row 2, column 'task': task text must be a non-empty string, got ' '``, counting the
   rows of the batch: ``exposure score`` named ``row 2`` for line 5 of the file, with no
   file name, and a frame's own index label was not named. Now ``score_tasks`` refuses it
   with its other row checks, for every method, naming the input's row (and the file, and
   the index label): ``nb.csv, row 5, column 'task': task text holds no letter or digit
   once its HTML character references are read, got '&nbsp;': ...``.
3. LibreOffice's error value with a space after it (``Err:502 ``) was scored as a task,
   while ``#N/A `` was refused: the quick pass looked for ``Err:502`` as it is only. Now
   refused alike.
4. An occupation title that is a placeholder (``N/A``, ``TBD``, ``none``) was read as a
   title: ``Write press releases for the company.`` under the title ``N/A`` lost its
   ``entry_creative`` tag, which it has with no title (and which ``pd.read_csv`` gives it,
   reading ``N/A`` as missing), without a word. A title without a letter (``-``) was
   refused already. Now refused the same way: ``row 2, column 'title': occupation title
   is a placeholder, got 'N/A': the mark of a missing cell; give the occupation's title
   or leave the cell empty``.
"""

from __future__ import annotations

import pandas as pd
import pytest
from _cli import _no_env  # noqa: F401 (autouse fixture)
from test_faults_cli import cli, one_error_line

from exposure.errors import DataFormatError
from exposure.scoring import score_tasks, tag_categories

WELD = "Weld steel pipes and beams."
PRESS = "Write press releases for the company."


# ------------------------------------------------------------------ 1. placeholder texts
@pytest.mark.parametrize("text", ["N/A", "n/a", "NA", "TBD", "none", "None", "TODO", "NULL", "nan",
                                  "<NA>", " n/a ", "(blank)", "TBD."])
@pytest.mark.parametrize("method", ["learned", "rubric"])
def test_placeholder_text_is_refused(text, method):
    with pytest.raises(DataFormatError) as err:
        score_tasks(pd.DataFrame({"task": [WELD, text]}), method)
    msg = str(err.value)
    assert msg.startswith("row 2, column 'task': task text is a placeholder, got "), msg
    assert "give the task statement, or drop such rows" in msg


def test_placeholder_text_names_the_index_label_and_tag_categories_refuses_it():
    frame = pd.DataFrame({"task": [WELD, "TBD"]}, index=[10, 20])
    with pytest.raises(DataFormatError, match=r"^row 2, column 'task': task text is a placeholder, "
                                              r"got 'TBD': .* \(index 20\)$"):
        score_tasks(frame)
    with pytest.raises(DataFormatError, match="placeholder"):
        tag_categories(frame)
    # a sentence that holds such a word is a task
    out = score_tasks(pd.DataFrame({"task": [WELD, "Mark missing entries as N/A in the log."]}),
                      "rubric")
    assert out["label"].notna().all()


def test_placeholder_text_in_a_file_names_its_line(tmp_path, capsys):
    src = tmp_path / "t.csv"
    src.write_text(f"task,n\n{WELD},1\nN/A,2\n", encoding="utf-8")
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", "--method", "rubric")
    line = one_error_line(err, command="score")
    assert code == 2 and "t.csv, row 3, column 'task': task text is a placeholder, got 'N/A'" in line
    assert not (tmp_path / "o.csv").exists()


# ------------------------------------------------------------------ 2. &nbsp; alone
@pytest.mark.parametrize("method", ["learned", "rubric"])
def test_reference_only_text_is_refused_naming_the_callers_row(method):
    frame = pd.DataFrame({"task": [WELD, "Type letters.", "&nbsp;"]}, index=[10, 20, 30])
    with pytest.raises(DataFormatError) as err:
        score_tasks(frame, method)
    assert str(err.value) == (
        "row 3, column 'task': task text holds no letter or digit once its HTML character references "
        "are read, got '&nbsp;': give the task statement (drop such rows) (index 30)")


def test_reference_only_text_comes_before_a_later_empty_text():
    with pytest.raises(DataFormatError, match=r"^row 2, column 'task': .*'&nbsp;&nbsp;'"):
        score_tasks(pd.DataFrame({"task": [WELD, "&nbsp;&nbsp;", "Sew seams.", ""]}), "rubric")


@pytest.mark.parametrize("method", ["learned", "rubric"])
def test_reference_only_text_in_a_file_names_its_line(tmp_path, capsys, method):
    src = tmp_path / "nb.csv"
    src.write_text(f"task\n{WELD}\nType letters.\nSew seams.\n&nbsp;\nCook food.\n", encoding="utf-8")
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", "--method", method,
                       "--batch-rows", "2")
    line = one_error_line(err, command="score")
    assert code == 2 and line.endswith(
        "nb.csv, row 5, column 'task': task text holds no letter or digit once its HTML character "
        "references are read, got '&nbsp;': give the task statement (drop such rows)"), line
    assert not (tmp_path / "o.csv").exists()


# ------------------------------------------------------------------ 3. Err:502 with a space
@pytest.mark.parametrize("text", ["Err:502 ", "Err:504\t"])
def test_libreoffice_error_with_a_space_after_it_is_refused(text):
    with pytest.raises(DataFormatError, match=r"^row 2, column 'task': task text is a spreadsheet error value"):
        score_tasks(pd.DataFrame({"task": [WELD, text]}), "rubric")


# ------------------------------------------------------------------ 4. placeholder titles
@pytest.mark.parametrize("title", ["N/A", "TBD", "none", "unknown", "<NA>"])
def test_placeholder_title_is_refused(title):
    frame = pd.DataFrame({"task": [WELD, PRESS], "title": ["Welders", title]})
    with pytest.raises(DataFormatError) as err:
        score_tasks(frame, "rubric")
    assert str(err.value) == (
        f"row 2, column 'title': occupation title is a placeholder, got {title!r}: the mark of a missing "
        "cell; give the occupation's title or leave the cell empty")


def test_placeholder_title_of_an_occupation_column_and_in_a_file(tmp_path, capsys):
    frame = pd.DataFrame({"task": [PRESS, WELD], "job": pd.Categorical(["n/a", "Welders"])},
                         index=["a", "b"])
    with pytest.raises(DataFormatError, match=r"^row 1, column 'job': occupation title is a placeholder, "
                                              r"got 'n/a'.* \(index 'a'\)$"):
        score_tasks(frame, "rubric", occupation_column="job")
    # with no title (an empty cell) the text keeps its tag, as before
    ok = score_tasks(pd.DataFrame({"task": [PRESS], "title": [None]}), "rubric")
    assert bool(ok["entry_creative"].iloc[0])
    src = tmp_path / "t.csv"
    src.write_text(f"task,title\n{PRESS},\n{PRESS},N/A\n", encoding="utf-8")
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", "--method", "rubric")
    line = one_error_line(err, command="score")
    assert code == 2 and "t.csv, row 3, column 'title': occupation title is a placeholder, got 'N/A'" in line
    assert not (tmp_path / "o.csv").exists()


# ------------------------------------------------------------------ the same rules for the scorers' own entry points
def test_score_learned_refuses_a_text_that_is_only_a_character_reference():
    """``score_learned`` scored ``&nbsp;`` alone as a task (confidence 0), as score_tasks no longer does."""
    from exposure.scoring.learned import score_learned

    with pytest.raises(DataFormatError, match=r"^x\.csv, row 3, column 'task': task text holds no letter or digit"):
        score_learned(pd.DataFrame({"task": ["Weld pipes.", "&nbsp;"]}), path="x.csv", row_offset=2)


@pytest.mark.parametrize("title", ["N/A", "TBD", "none"])
def test_tag_categories_refuses_a_placeholder_title(title):
    """``tag_categories`` read a title ``N/A`` as a title (the press release lost entry_creative), as score_tasks no longer does."""
    from exposure.scoring.categories import tag_categories

    frame = pd.DataFrame({"task": ["Write press releases for the company."], "title": [title]})
    with pytest.raises(DataFormatError, match=rf"row 1, column 'title': occupation title is a placeholder, got '{title}'"):
        tag_categories(frame)
    assert bool(tag_categories(frame.assign(title=None))["entry_creative"].iloc[0]) == bool(
        tag_categories(frame[["task"]])["entry_creative"].iloc[0])
