"""Round 30: ``exposure report`` (categories, rubric, reproduction), the figures, ``exposure train``.

Faults found (each test below failed before its fix):

1. ``exposure report categories --hand-checked DIR/hand_checked_holdout_v1.csv`` (the
   holdout file, without ``--holdout``): the file was taken as the development sample
   *and*, as the default holdout beside it, as the holdout: refused after O*NET with
   ``task (...) is also in the development sample (..., row 2)``: the holdout alone could
   not be reported. ``--holdout`` naming the ``--hand-checked`` file (also through
   another spelling of the path) was refused that way only after O*NET 29.1 was loaded.
2. A task in two samples (``--hand-checked`` and ``--holdout``, or ``dev_v2.csv`` beside
   them) was refused only after O*NET 29.1 and the crosswalk were loaded (downloaded when
   not cached), although every sample is read before them.
3. ``--hand-checked ''`` (or ``.``) raised ``ValueError: PosixPath('.') has an empty name``
   (a traceback); ``--holdout ''`` said ``.: is a directory``; ``--validation ''`` read
   ``sample.csv`` of the current directory (``sample.csv: file not found``, or whatever
   sample sat there).
4. ``write_category_reports`` with ``out_dir=""`` wrote the reports into the current
   directory without a word; ``None`` raised ``TypeError`` (after the tags were computed);
   ``samples`` ``{}`` raised ``ValueError: No objects to concatenate``, ``None`` and a list
   ``TypeError``.
5. ``write_reproduction_reports``: an ``out_dir`` that is a file (or ``None``) was refused
   only after every input was read and the reports computed (about 15 s; ``None`` a
   ``TypeError``); ``n_draws=0`` wrote ``workforce_2021_bootstrap.csv`` without a single
   interval column, silently; ``n_draws="5"`` was refused after the labels were read.
6. ``figures.read_results(None)`` and ``render_results(None, ...)`` raised pathlib's
   ``TypeError: expected str, bytes or os.PathLike object, not NoneType``.
7. ``exposure train --distill --model-dir DIR`` with a directory that lacks the model's
   files (``config.json``, ``model.safetensors``, ``tokenizer.json``): refused only after
   the labels and O*NET were read (downloaded when not cached).
8. ``rubric_agreement`` computed the occupation-level Pearson r from two occupations (r is
   then always +1 or -1: reported as a perfect 1.0) and, for one occupation or a constant
   measure, printed numpy's ``invalid value encountered`` warnings; the agreement report
   (:func:`exposure.scoring._evaluate.agreement`) gives NaN below three occupations.
9. ``read_validation_sample``: a task marked ``double`` in ``sample.csv`` that annotator B
   did not label was read with B's flags missing: it dropped out of the annotator
   agreement (``n`` 1 of 2 double tasks) without a word, while a B label of a task not
   marked double is refused.
10. A report path that is a directory (``categories_shares.csv/``, ``rubric_agreement.csv/``,
    ``workforce_2021.csv/`` in the report directory): ``exposure report categories`` refused
    it only after O*NET 29.1 and the crosswalk were loaded and every report computed,
    ``exposure report rubric`` after the labels, O*NET and the rubric's scoring, and
    ``write_reproduction_reports`` after every input was read (about 15 s).

Tiny made-up files written by the tests (tasks of the real O*NET 29.1 where the real mirror
is needed).
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from _frames import write_text
from test_faults_cli import cli_lines as cli

from exposure.errors import ExposureError
from exposure.reports import figures
from exposure.reports.categories import write_category_reports
from exposure.reports.reproduction import write_reproduction_reports
from exposure.reports.rubric import rubric_agreement

HEAD = "onetsoc_code,task_id,stratum,admin,routine_coding,entry_creative,note\n"
#: Tasks of O*NET 29.1.
ROW_A = "11-1031.00,15294,random,False,False,False,x\n"
ROW_B = "11-3071.00,21347,random,False,False,False,y\n"


def _categories(tmp_path, *args, mirror=None):
    """``exposure report categories`` on an empty mirror (O*NET not found) unless ``mirror``."""
    if mirror is None:
        mirror = tmp_path / "mirror"
        mirror.mkdir(exist_ok=True)
    return ["report", "categories", "--mirror", mirror, "--data-dir", tmp_path / "cache",
            "--out-dir", tmp_path / "out", *args]


pytestmark = pytest.mark.usefixtures("no_env")


# ---------------------------------------------------------------------------------------
# 1. the holdout file paired with itself
# ---------------------------------------------------------------------------------------
def test_holdout_file_as_hand_checked_is_not_its_own_holdout(tmp_path, capsys, shared_data):
    h = write_text(tmp_path, "hand_checked_holdout_v1.csv", HEAD + ROW_A)
    code, err = cli(capsys, *_categories(tmp_path, "--hand-checked", h, mirror=shared_data))
    assert code == 0, err
    table = pd.read_csv(tmp_path / "out" / "categories_precision_recall.csv")
    assert table["sample"].unique().tolist() == ["development"]
    assert table["n"].unique().tolist() == [1]


@pytest.mark.parametrize("spelling", ["same", "dotted"])
def test_holdout_naming_the_hand_checked_file_is_refused_before_onet(tmp_path, capsys, spelling):
    h = write_text(tmp_path, "h.csv", HEAD + ROW_A)
    holdout = h if spelling == "same" else tmp_path / "." / "h.csv"
    code, err = cli(capsys, *_categories(tmp_path, "--hand-checked", h, "--holdout", holdout))
    assert code == 2
    assert err == [f"exposure report categories: error: --holdout {holdout} is the --hand-checked file: give the "
                   "holdout sample's own file, or leave --holdout out"]
    assert not (tmp_path / "cache").exists()


# ---------------------------------------------------------------------------------------
# 2. a task in two samples: refused before O*NET
# ---------------------------------------------------------------------------------------
def test_task_in_hand_checked_and_holdout_is_refused_before_onet(tmp_path, capsys):
    h = write_text(tmp_path, "h.csv", HEAD + ROW_A)
    holdout = write_text(tmp_path, "hold.csv", HEAD + ROW_B + ROW_A)
    code, err = cli(capsys, *_categories(tmp_path, "--hand-checked", h, "--holdout", holdout))
    assert code == 2
    assert err == [f"exposure report categories: error: {holdout}, row 3, column 'task_id': task (11-1031.00, 15294) is "
                   f"also in the development sample ({h}, row 2): the pooled figures would count it twice; "
                   "give each task to one sample"]
    assert not (tmp_path / "cache").exists()


def test_task_in_hand_checked_and_dev_v2_beside_is_refused_before_onet(tmp_path, capsys):
    h = write_text(tmp_path, "h.csv", HEAD + ROW_A)
    dev = write_text(tmp_path, "dev_v2.csv", HEAD + ROW_A)
    code, err = cli(capsys, *_categories(tmp_path, "--hand-checked", h))
    assert code == 2
    assert err == [f"exposure report categories: error: {dev}, row 2, column 'task_id': task (11-1031.00, 15294) is "
                   f"also in the development sample ({h}, row 2): the pooled figures would count it twice; "
                   "give each task to one sample"]


# ---------------------------------------------------------------------------------------
# 3. empty (or '.') sample options
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("option, value, message", [
    ("--hand-checked", "", "--hand-checked is empty: give the hand-checked sample's CSV file"),
    ("--hand-checked", ".", ".: is a directory, not a file (the hand-checked sample's CSV is expected)"),
    ("--holdout", "", "--holdout is empty: give the holdout sample's CSV file, or leave --holdout out"),
    ("--validation", "", "--validation is empty: give the blind validation sample's directory, or "
                         "leave --validation out"),
])
def test_empty_sample_options_are_refused_by_name(tmp_path, capsys, monkeypatch, option, value, message):
    h = write_text(tmp_path, "h.csv", HEAD + ROW_A)
    other = tmp_path / "cwd"
    other.mkdir()
    # a sample.csv in the current directory was read as --validation ''
    write_text(other, "sample.csv", "onetsoc_code,task_id\n")
    monkeypatch.chdir(other)
    args = ["--hand-checked", value] if option == "--hand-checked" else ["--hand-checked", h, option, value]
    code, err = cli(capsys, *_categories(tmp_path, *args))
    assert code == 2
    assert err == [f"exposure report categories: error: {message}"]


# ---------------------------------------------------------------------------------------
# 4. write_category_reports: out_dir and samples
# ---------------------------------------------------------------------------------------
def _tiny_onet():
    from types import SimpleNamespace
    tasks = pd.DataFrame({"onetsoc_code": ["43-9061.00", "47-2021.00"], "task_id": [1, 2],
                          "task": ["Answer telephones.", "Lay bricks."]})
    return SimpleNamespace(tasks=tasks, task_dwas=pd.DataFrame(columns=["onetsoc_code", "task_id", "dwa_id"]),
                           dwas=pd.DataFrame(columns=["dwa_id", "iwa_id"]))


def test_write_category_reports_empty_out_dir_is_refused(tmp_path, monkeypatch):
    h = write_text(tmp_path, "h.csv", HEAD + "43-9061.00,1,random,True,False,False,phones\n")
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    with pytest.raises(ExposureError, match="^out_dir is empty"):
        write_category_reports({"development": h}, "", onet=_tiny_onet())
    assert list(cwd.iterdir()) == []  # nothing written into the current directory
    with pytest.raises(ExposureError, match="^out_dir must be"):
        write_category_reports({"development": h}, None, onet=_tiny_onet())


@pytest.mark.parametrize("samples, got", [({}, "an empty dict"), (None, "NoneType None"), ([], "list")])
def test_write_category_reports_samples_must_be_a_dict_of_files(tmp_path, samples, got):
    with pytest.raises(ExposureError, match=f"^samples must be a dict of sample names to hand-checked files.*{got}"):
        write_category_reports(samples, tmp_path / "out", onet=_tiny_onet())


# ---------------------------------------------------------------------------------------
# 5. write_reproduction_reports: checked before any input is read
# ---------------------------------------------------------------------------------------
def _empty_mirror(tmp_path):
    (tmp_path / "mirror").mkdir(exist_ok=True)
    return {"mirror": tmp_path / "mirror", "data_dir": tmp_path / "cache"}


def test_reproduction_out_dir_that_is_a_file_is_refused_before_reading(tmp_path):
    f = write_text(tmp_path, "afile", "x")
    with pytest.raises(ExposureError, match="output exists and is not a directory"):
        write_reproduction_reports(f, **_empty_mirror(tmp_path))  # the labels were 'not found' first
    with pytest.raises(ExposureError, match="^out_dir must be"):
        write_reproduction_reports(None, **_empty_mirror(tmp_path))


@pytest.mark.parametrize("n_draws, match", [(0, "n_draws must be 2 or more"), (1, "n_draws must be 2 or more"),
                                            ("5", "n_draws must be a whole number"),
                                            (2.5, "n_draws must be a whole number")])
def test_reproduction_bad_n_draws_is_refused_before_reading(tmp_path, n_draws, match):
    with pytest.raises(ExposureError, match=match):
        write_reproduction_reports(tmp_path / "out", n_draws=n_draws, **_empty_mirror(tmp_path))
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------------------------------
# 6. figures: a processed directory None
# ---------------------------------------------------------------------------------------
def test_read_results_and_render_results_none(tmp_path):
    with pytest.raises(ExposureError, match="^processed_dir must be"):
        figures.read_results(None)
    with pytest.raises(ExposureError, match="^processed_dir must be"):
        figures.render_results(None, tmp_path / "figs")
    with pytest.raises(ExposureError, match="^processed_dir is empty"):
        figures.read_results("")


# ---------------------------------------------------------------------------------------
# 7. train --distill --model-dir without the model's files
# ---------------------------------------------------------------------------------------
def test_train_model_dir_without_the_model_files_is_refused_before_the_labels(tmp_path, capsys):
    model_dir = tmp_path / "minilm"
    model_dir.mkdir()
    write_text(model_dir, "config.json", "{}")
    (tmp_path / "mirror").mkdir()
    code, err = cli(capsys, "train", "--distill", "--model-dir", model_dir, "--mirror", tmp_path / "mirror",
                    "--data-dir", tmp_path / "cache", "--out", tmp_path / "m.npz")
    assert code == 2
    assert err == [f"exposure train: error: --model-dir {model_dir}: model.safetensors and tokenizer.json not "
                   "found (a sentence-transformers all-MiniLM-L6-v2 directory is expected: config.json, "
                   "model.safetensors, tokenizer.json)"]
    assert not (tmp_path / "cache").exists()


# ---------------------------------------------------------------------------------------
# 8. rubric_agreement: Pearson r of fewer than three occupations
# ---------------------------------------------------------------------------------------
def _labels(codes):
    n = len(codes)
    return pd.DataFrame({"onetsoc_code": codes, "task_id": range(1, n + 1),
                         "task": ["Write reports.", "Cut lumber with saws.", "Enter data into databases.",
                                  "Nail boards using hammers."][:n],
                         "task_type": ["Core"] * n, "human_exposure_agg": ["E1", "E0", "E2", "E0"][:n]})


@pytest.mark.parametrize("codes", [["a", "a", "b", "b"], ["a", "a", "a", "a"]])
def test_rubric_pearson_r_of_fewer_than_three_occupations_is_nan(codes):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy's 'invalid value encountered' before
        table = rubric_agreement(_labels(codes))
    r = table[table["metric"].str.startswith("pearson_r")]
    assert len(r) == 3
    assert r["value"].isna().all(), r
    assert r["n"].tolist() == [len(set(codes))] * 3


def test_rubric_pearson_r_of_three_occupations_is_kept():
    table = rubric_agreement(_labels(["a", "b", "c", "c"]))
    r = table[table["metric"].str.startswith("pearson_r")]
    assert r["value"].notna().all()


# ---------------------------------------------------------------------------------------
# 9. a double-labelled task without annotator B's label
# ---------------------------------------------------------------------------------------
def test_double_task_without_annotator_b_label_is_refused(tmp_path):
    from exposure.reports.categories import read_validation_sample

    sample = write_text(tmp_path, "sample.csv",
                        "onetsoc_code,task_id,stratum,enriched_population,inclusion_prob,weight,double\n"
                        "43-9061.00,1,uniform,True,0.5,2.0,True\n"
                        "11-1011.00,2,uniform,False,0.25,4.0,True\n")
    head = "onetsoc_code,task_id,admin,routine_coding,entry_creative,note\n"
    write_text(tmp_path, "labels_annotator_a.csv",
               head + "43-9061.00,1,True,False,False,filing\n11-1011.00,2,False,False,False,x\n")
    write_text(tmp_path, "labels_annotator_b.csv", head + "43-9061.00,1,True,False,False,x\n")
    with pytest.raises(ExposureError) as err:
        read_validation_sample(tmp_path)  # annotator_agreement counted n 1 of the 2 double tasks
    assert str(err.value) == (f"{sample}, row 3, column 'double': task (11-1011.00, 2) is double-labelled but "
                              "has no label in labels_annotator_b.csv: label it there, or set double to False")


# ---------------------------------------------------------------------------------------
# 10. a report path that is a directory: refused before the inputs
# ---------------------------------------------------------------------------------------
def test_categories_report_path_that_is_a_directory_is_refused_before_onet(tmp_path, capsys):
    h = write_text(tmp_path, "h.csv", HEAD + ROW_A)
    (tmp_path / "out" / "categories_shares.csv").mkdir(parents=True)
    code, err = cli(capsys, *_categories(tmp_path, "--hand-checked", h))
    assert code == 2
    assert err == [f"exposure report categories: error: {tmp_path / 'out' / 'categories_shares.csv'}: cannot write: is a "
                   "directory; give a file name"]  # 'not found in mirror' (O*NET) before


def test_rubric_report_path_that_is_a_directory_is_refused_before_the_labels(tmp_path, capsys):
    (tmp_path / "out" / "rubric_agreement.csv").mkdir(parents=True)
    (tmp_path / "mirror").mkdir()
    code, err = cli(capsys, "report", "rubric", "--mirror", tmp_path / "mirror", "--data-dir", tmp_path / "cache",
                    "--out-dir", tmp_path / "out")
    assert code == 2
    assert err == [f"exposure report rubric: error: {tmp_path / 'out' / 'rubric_agreement.csv'}: cannot write: is a "
                   "directory; give a file name"]


def test_reproduction_report_path_that_is_a_directory_is_refused_before_reading(tmp_path):
    (tmp_path / "out" / "workforce_2021.csv").mkdir(parents=True)
    with pytest.raises(ExposureError, match="workforce_2021.csv: cannot write: is a directory"):
        write_reproduction_reports(tmp_path / "out", **_empty_mirror(tmp_path))
