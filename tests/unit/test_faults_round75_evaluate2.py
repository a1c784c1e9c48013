"""Fault round 75 (second wave): evaluation and training.

1. An output name with surrounding spaces or a line end (``"$OUT"`` read from a file saved
   with CRLF line ends, or pasted with a space after it) was told to end in ``.npz`` or
   ``.csv``, which it seemed to: ``exposure train --out "m.npz\\r"`` said ``exposure train:
   error: --out m.npz\\r: the artifact is a .npz file (a zip of .npy arrays); give a name
   ending in .npz, e.g. m.npz`` (with ``\\n`` the error was two lines, with ``\\r`` the
   terminal wrote its second half over the first); ``check_train_output("m.npz\\r")``
   ``m.npz\\r: cannot write: the artifact is an uncompressed .npz file ...; give a name
   ending in .npz, e.g. m.npz``; ``write_agreement_report(table, rel, "r.csv\\n")``
   ``r.csv\\n: the report is written as CSV; give a file name ending in .csv``, and
   ``write_agreement_report(table, rel, " r.csv")`` wrote ``' r.csv'`` and
   ``' r_calibration.csv'``, without a word. Now all are refused before anything is read
   or written, in the words of the other output paths
   (``exposure._outdir.refuse_spaces``): ``exposure train: error: output path 'm.npz\\r' has
   surrounding spaces (or a line end): remove them ('m.npz\\r' and 'm.npz' are different
   files)``, one line (``output path ' r.csv' has surrounding spaces ...`` from the API).
2. ``exposure.scoring._evaluate.onehot(labels)`` (how a rater's labels, e.g. the GPT-4
   labels of a file of one's own, become probabilities for ``agreement`` and
   ``exposed_figures``) made a NaN row of any value that is not ``E0``, ``E1`` or ``E2``:
   ``'e1'``, ``' E1'``, ``'E5'`` or the class ``1`` was a task without a label, left out of
   the figures without a word (``agreement(onehot(["E0", "e1", "E2"]), ...)`` gave
   ``n_tasks`` 2 for 3 tasks). Now a missing label (None, NaN, ``pd.NA``, a blank text)
   is still a NaN row and anything else is refused, naming the row and what to write:
   ``labels row 2 is 'e1': a label must be E0, E1 or E2 (or missing): write 'E1' (the
   choices are case-sensitive)``.
3. A modern task (``exposure evaluate --modern``, ``check_modern_tasks``,
   ``modern_training_rows``) whose label is written as its class (``1``, ``2.0``: a file of
   classes, or of labels saved as numbers) was refused with no word of the label to write
   (``m.csv, row 2, column 'label': label must be E0, E1 or E2, got '1'``), where ``'e1'``
   was told ``write 'E1'``. Now ``... got '1': a class? write its label, 'E1'``, from one
   helper (``exposure.scoring._evaluate.label_hint``) that ``onehot`` uses too; following
   the advice works.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line

from exposure._outdir import OutputPathError
from exposure.errors import DataFormatError
from exposure.reports.agreement import check_modern_tasks, exposed_figures, write_agreement_report
from exposure.scoring._evaluate import agreement, onehot
from exposure.scoring._train import check_train_output, modern_training_rows


# ---------------------------------------------------------------- 1. names with spaces or line ends
@pytest.mark.parametrize("end", ["\r", "\n", " "])
def test_train_out_with_a_line_end_is_named_so_on_one_line(tmp_path, capsys, end):
    out = f"{tmp_path / 'm.npz'}{end}"
    code, _, err = cli(capsys, "train", "--out", out)
    assert code == 2
    line = one_error_line(err, command="train")
    assert line == (f"exposure train: error: output path {out!r} has surrounding spaces (or a line end): remove them "
                    f"({out!r} and {str(tmp_path / 'm.npz')!r} are different files)")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("end", ["\r", " "])
def test_check_train_output_names_the_line_end(tmp_path, end):
    out = f"{tmp_path / 'm.npz'}{end}"
    with pytest.raises(OutputPathError, match=r"has surrounding spaces \(or a line end\): remove them"):
        check_train_output(out)
    assert check_train_output(tmp_path / "m.npz") == tmp_path / "m.npz"  # the name without them


@pytest.mark.parametrize("name", [" r.csv", "r.csv\n", "r.csv "])
def test_agreement_report_out_with_spaces_is_refused_and_nothing_written(tmp_path, monkeypatch, name):
    table = pd.DataFrame({"scorer": ["x"], "kappa": [0.5]})
    monkeypatch.chdir(tmp_path)  # the name as given, relative to the working directory
    with pytest.raises(OutputPathError, match=r"has surrounding spaces \(or a line end\): remove them"):
        write_agreement_report(table, table, name)
    assert list(tmp_path.iterdir()) == []  # " r.csv" and " r_calibration.csv" were written
    written = write_agreement_report(table, table, tmp_path / name.strip())
    assert [p.name for p in written] == ["r.csv", "r_calibration.csv"]


# ---------------------------------------------------------------- 2. onehot of unknown labels
@pytest.mark.parametrize(("labels", "message"), [
    (["E0", "e1", "E2"], "labels row 2 is 'e1': a label must be E0, E1 or E2 (or missing): write 'E1' "
                         "(the choices are case-sensitive)"),
    (["E0", " E1", "E2"], "labels row 2 is ' E1': a label must be E0, E1 or E2 (or missing): write 'E1' "
                          "(without the spaces around it)"),
    (pd.Series(["E0", "E1", "E5"]), "labels row 3 is 'E5': a label must be E0, E1 or E2 (or missing)"),
    (np.array([0, 1, 2]), "labels row 1 is 0: a label must be E0, E1 or E2 (or missing): a class? write its "
                          "label, 'E0'"),
])
def test_onehot_refuses_what_is_not_a_label(labels, message):
    with pytest.raises(DataFormatError) as info:
        onehot(labels)
    assert str(info.value) == message


def test_onehot_refuses_a_label_misspelt_but_keeps_missing_labels_as_nan_rows():
    labels = ["E0", "e1", "E2"]
    with pytest.raises(DataFormatError, match=r"^labels row 2 is 'e1': "):  # agreement's n_tasks was 2
        agreement(onehot(labels), [0, 1, 2], ["a", "b", "c"], [1, 1, 1])
    got = onehot(pd.Series(["E1", None, np.nan, pd.NA, "  ", "E0"], dtype=object))
    np.testing.assert_array_equal(got[[0, 5]], [[0, 1, 0], [1, 0, 0]])
    assert np.isnan(got[1:5]).all()
    assert np.isnan(onehot(pd.Series(["E2", pd.NA], dtype="string"))[1]).all()
    # written as the advice says, the three tasks are counted
    y = [0, 1, 2]
    figures = agreement(onehot(["E0", "E1", "E2"]), y, ["a", "b", "c"], [1, 1, 1])
    assert figures["n_tasks"] == 3 and figures["accuracy"] == 1.0
    assert exposed_figures(onehot(["E0", "E1", "E2"]), y) == {"exposed_right_label": 1.0,
                                                               "exposed_right_gamma": 1.0}


# ---------------------------------------------------------------- 3. a class written for a label
def test_modern_tasks_cli_names_the_label_of_a_class(tmp_path, capsys):
    path = tmp_path / "m.csv"
    path.write_text("task,label,exposed\nDraft replies to customer emails.,1,true\n")
    code, _, err = cli(capsys, "evaluate", "--modern", path, "--out", tmp_path / "out" / "r.csv")
    assert code == 2
    assert one_error_line(err, command="evaluate") == (
        f"exposure evaluate: error: {path}, row 2, column 'label': label must be E0, E1 or E2, got '1': "
        "a class? write its label, 'E1'")
    # following the advice works
    frame = pd.DataFrame({"task": ["Draft replies to customer emails."], "label": ["E1"], "exposed": ["true"]})
    assert check_modern_tasks(frame)["label"].tolist() == ["E1"]


@pytest.mark.parametrize(("cell", "label"), [("2", "E2"), ("0.0", "E0")])
def test_modern_training_rows_names_the_label_of_a_class(tmp_path, cell, label):
    path = tmp_path / "m.csv"
    path.write_text(f"task,label\nDraft replies.,E1\nWeld pipes.,{cell}\n")
    with pytest.raises(DataFormatError) as info:
        modern_training_rows(path)
    assert str(info.value) == (f"{path}, row 3, column 'label': label must be E0, E1 or E2, got {cell!r}: "
                               f"a class? write its label, {label!r}")
    path.write_text(f"task,label\nDraft replies.,E1\nWeld pipes.,{label}\n")
    assert modern_training_rows(path)["label"].tolist() == ["E1", label]


def test_checked_labels_frame_of_numbers_names_the_label():
    frame = pd.DataFrame({"task": ["Weld pipes."], "label": [0], "exposed": [False]})
    with pytest.raises(DataFormatError, match=r"^row 1, column 'label': label must be E0, E1 or E2, got 0: "
                                              r"a class\? write its label, 'E0'$"):
        check_modern_tasks(frame)
