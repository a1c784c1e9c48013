"""Fault round 66, found while landing the round (each test failed before its fix).

1. Round 66 made the tagger warn of titles held under ``Occupation``, ``Position`` or
   ``Role`` (``give occupation_column='Occupation'``). A frame whose ``occupation``
   column holds occupation codes (``27-1011.00``), not titles, got the same advice, which
   the title check would then refuse. Such a column is no longer offered as the titles.
2. :func:`exposure.rollup.rollup` with bootstrap draws said the warnings of the task
   weights (ratings O*NET marks Recommend Suppress = Y, FT percentages summing below 100)
   twice: the bootstrap computed the weights again. It now takes the roll-up's
   (``bootstrap_occupations(..., w=)``).
3. :func:`exposure.score_tasks` of a frame read with :func:`pandas.read_excel` scored
   ``Frame walls and floors_x000D_`` (Excel's escape of a carriage return, which openpyxl
   keeps) as other words: confidence 0.58 against 0.98 for the text with the carriage
   return, another nearest task. ``exposure score`` decoded it (``_files._xlsx_escapes``);
   every scorer now reads it so (``_features.unmarked``, one ``XLSX_ESCAPE`` pattern).
4. ``exposure diff OLD NEW --reports 'r\r'`` (and ``recompute --compare``) refused the
   directory only when writing the reports, after reading and diffing both directories
   (after the whole recompute); it is now refused first, naming ``--reports``.
5. ``exposure score 'caf\\xe9.parquet'`` (a file name that is not UTF-8, copied from a
   Windows share) ended in pyarrow's ``UnicodeEncodeError`` traceback (the stream reader
   gave pyarrow the path, which it encodes as UTF-8); the file is now read through a
   handle, as round 66 made Dask read it.
6. ``exposure score t.csv --text-column ' task'`` (a value with a space) said ``the file
   has 'task': rename it  task (or name it as the text column)``: advice to rename the
   file's column to the value as it was mistyped. It now says the option had spaces
   around the name and to name it ``'task'``.
7. ``exposure diff OLD NEW --top 1`` printed 10 top moves (``--top`` sized only
   ``diff_occupations.csv``) and ``--top 0`` printed a table of 10 under "top moves". The
   first ``min(top, 10)`` rows are printed now, and no table with ``--top 0``.
"""

from __future__ import annotations

import logging
import os

import pandas as pd
from _frames import crosswalk, employment, recompute_outputs
from test_faults_cli import cli, one_error_line

from exposure import score_tasks
from exposure._io import write_parquet
from exposure.rollup import label_scores, rollup
from exposure.scoring.categories import tag_categories


def test_an_occupation_column_of_codes_is_not_offered_as_the_titles(caplog):
    with caplog.at_level(logging.WARNING, logger="exposure.scoring.categories"):
        tag_categories(pd.DataFrame({"task": ["Draft captions."], "occupation": ["27-1011.00"]}))
    assert "occupation_column" not in caplog.text
    with caplog.at_level(logging.WARNING, logger="exposure.scoring.categories"):
        tag_categories(pd.DataFrame({"task": ["Draft captions."], "occupation": ["Art Directors"]}))
    assert "give occupation_column='occupation'" in caplog.text


def test_the_weights_warnings_are_said_once_with_the_bootstrap(caplog):
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": [1, 2], "label": ["E1", "E0"]})
    ts = pd.concat([ts, label_scores(ts["label"])], axis=1)
    ratings = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [1, 2], "scale_id": ["IM"] * 2,
                            "data_value": [4.0, 3.0], "recommend_suppress": [True, False]})
    xw, emp = crosswalk(), employment()
    counts = []
    for n_draws in (0, 20):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="exposure.rollup"):
            rollup(ts, xw, emp, weights="importance", task_ratings=ratings, n_draws=n_draws)
        counts.append(caplog.text.count("Recommend Suppress = Y"))
    assert counts == [1, 1]


def test_a_sheet_read_by_pandas_is_scored_as_exposure_score_reads_it():
    escaped = pd.DataFrame({"task": ["Frame walls and floors_x000D_\nwith lumber."]})
    plain = pd.DataFrame({"task": ["Frame walls and floors\r\nwith lumber."]})
    a, b = score_tasks(escaped), score_tasks(plain)
    cols = ["p_e0", "p_e1", "p_e2", "confidence", "nearest_task_id", "admin", "routine_coding", "entry_creative"]
    pd.testing.assert_frame_equal(a[cols], b[cols])
    assert a["task"].tolist() == escaped["task"].tolist()  # the caller's text, as given


def test_diff_refuses_a_reports_directory_with_a_line_end_before_reading_the_tables(tmp_path, capsys):
    old, new = recompute_outputs(tmp_path / "old", "29.1"), recompute_outputs(tmp_path / "new", "30.1")
    code, _, err = cli(capsys, "diff", old, new, "--reports", str(tmp_path / "r") + "\r")
    line = one_error_line(err, command="diff")
    assert code == 2 and "--reports" in line and "surrounding spaces (or a line end)" in line
    assert new.is_dir() and not (tmp_path / "r\r").exists()


def test_a_parquet_input_whose_name_is_not_utf8_is_scored(tmp_path, capsys):
    name = os.fsdecode(b"caf\xe9.parquet")
    pd.DataFrame({"task": ["Draft emails to customers.", "Lay bricks."]}).to_parquet(tmp_path / "plain.parquet")
    os.rename(tmp_path / "plain.parquet", tmp_path / name)
    code, _, err = cli(capsys, "score", tmp_path / name, "-o", tmp_path / "out.csv")
    assert code == 0, err
    assert pd.read_csv(tmp_path / "out.csv")["task"].tolist() == ["Draft emails to customers.", "Lay bricks."]


def test_a_text_column_option_with_spaces_is_told_so(tmp_path, capsys):
    path = tmp_path / "t.csv"
    path.write_text("task\nWeld pipes.\n")
    code, _, err = cli(capsys, "score", path, "-o", tmp_path / "o.csv", "--text-column", " task")
    assert code == 2 and one_error_line(err, command="score").endswith(
        "the file has 'task': the text column was named ' task', with spaces around the name: name it 'task'")


def test_diff_prints_as_many_top_moves_as_top_asks(tmp_path, capsys):
    old, new = recompute_outputs(tmp_path / "old", "29.1"), recompute_outputs(tmp_path / "new", "30.1")
    path = new / "occupation_scores.parquet"
    write_parquet(pd.read_parquet(path).assign(beta=[0.9, 0.1]), path)  # both occupations move
    printed = {}
    for top in (1, 0, 20):
        code, out, err = cli(capsys, "diff", old, new, "--reports", tmp_path / f"r{top}", "--top", top)
        assert code == 0, err
        printed[top] = [code for code in ("11-1011.00", "13-2011.00") if code in out]
        assert ("top moves of occupation beta:" in out) == bool(top)
        assert len(pd.read_csv(tmp_path / f"r{top}" / "diff_occupations.csv")) == min(top, 2)
    assert printed == {1: ["11-1011.00"], 0: [], 20: ["11-1011.00", "13-2011.00"]}
