"""Round 16: bad inputs to the release diff, the release layouts, the measure comparison and the crosswalks.

Known faults of earlier hunts:

1. ``diff_outputs`` counted a kept task whose score is ``inf`` as "moved" and left a
   task or occupation whose score is missing in one release out of every count.
2. A manifest with ``{"onet": null}`` wrote the text ``None`` into ``diff_summary.csv``.
3. ``weighted_pearson`` (and ``weighted_spearman``) returned NaN on one missing value.
4. ``soc_major`` of a Series did not name the position of the bad code.
5. ``onet_name("31.0", "Task Statements.txt")`` doubled the extension.

Then, for the public functions of ``reports.diff``, ``releases``, ``measures.compare`` and
``crosswalks``: arguments of the wrong kind (``TypeError``, ``KeyError``,
``AttributeError``, pandas' ``InvalidIndexError``), missing, repeated or out-of-range
values read silently (a task id past 64 bits wrapped to a negative one, two missing
digests counted as a rewording, a negative employment weight dropped, ``key_measures``
read letter by letter), and error messages naming a file that does not exist.

Tiny made-up tables written by the tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from _frames import recompute_outputs

from exposure import crosswalks, releases
from exposure._io import write_parquet
from exposure.errors import DataFormatError, ExposureError
from exposure.measures import compare as cmp
from exposure.reports.diff import ReleaseDiff, diff_outputs, diff_tasks, write_diff_reports

# ---------------------------------------------------------------------------------------
# the release diff
# ---------------------------------------------------------------------------------------

@pytest.fixture
def outputs(tmp_path):
    return (recompute_outputs(tmp_path / "old", "29.1", subsector="522"),
            recompute_outputs(tmp_path / "new", "30.1", subsector="522"))


def _change(d: Path, table: str, change) -> None:
    write_parquet(change(pd.read_parquet(d / f"{table}.parquet")), d / f"{table}.parquet")


def _summary(diff) -> dict:
    return dict(zip(diff.summary["item"], diff.summary["count"]))


# 1. an infinite or missing score ------------------------------------------------------

@pytest.mark.parametrize("value", [np.inf, -np.inf])
def test_diff_refuses_an_infinite_task_score_instead_of_counting_a_move(outputs, value):
    """It was counted in ``tasks_kept_beta_moved_gt_0.01``."""
    old, new = outputs
    _change(new, "task_scores", lambda f: f.assign(beta=[value, 0.0, 0.5]))
    with pytest.raises(DataFormatError, match=r"new/task_scores.parquet, row 1, column 'beta': not a finite "
                                              r"number: -?inf$"):
        diff_outputs(old, new)


def test_diff_reports_a_missing_task_score_apart_from_the_moves(outputs):
    """A score missing in one release was in no count at all."""
    old, new = outputs
    _change(new, "task_scores", lambda f: f.assign(beta=[np.nan, 0.0, 0.5]))
    s = _summary(diff_outputs(old, new))
    assert s["tasks_kept_beta_missing"] == 1
    assert s["tasks_kept_beta_moved_gt_0.01"] == 0 and s["tasks_kept"] == 3


def test_diff_reports_a_missing_occupation_score(outputs):
    old, new = outputs
    _change(old, "occupation_scores", lambda f: f.assign(beta=[0.5, np.nan]))
    s = _summary(diff_outputs(old, new))
    assert s["occupations_beta_missing"] == 1 and s["occupations_beta_moved_gt_0.01"] == 0


@pytest.mark.parametrize("table, column, values, match", [
    ("occupation_scores", "beta", [np.inf, 0.25], "not a finite number: inf"),        # named diff_occupations, row 0
    ("occupation_scores", "beta", [1.5, 0.25], "beta must be a fraction from 0 to 1, got 1.5"),
    ("task_scores", "beta", [2.0, 0.0, 0.5], "beta must be a fraction from 0 to 1, got 2.0"),  # counted as moved
    ("occupation_scores", "n_tasks", [np.inf, 1.0], "not a finite number: inf"),     # written as inf
    ("occupation_scores", "n_tasks", [-1, 1], "n_tasks must be 0 or more, got -1"),  # named diff_occupations
    ("sector_scores", "exposed_workers", [np.inf, 1.0], "not a finite number: inf"),  # written as inf
    ("sector_scores", "level", ["Sector", "sector"], r"level must be 'sector' in this table, got 'Sector'; write each level to its own table"),
    ("subsector_scores", "level", [None], r"level must be 'subsector' in this table, got None; write each level to its own table"),
], ids=["occ-inf", "occ-1.5", "task-2", "n_tasks-inf", "n_tasks-neg", "workers-inf", "level-case", "level-none"])
def test_diff_names_the_input_file_row_and_column_of_a_bad_number(outputs, table, column, values, match):
    """Silently used, or a SchemaError naming ``diff_occupations, row 0`` (no such file)."""
    old, new = outputs
    _change(new, table, lambda f: f.assign(**{column: values}))
    with pytest.raises(DataFormatError, match=rf"new/{table}.parquet, row 1, column '{column}': {match}$"):
        diff_outputs(old, new)


# 2. releases in the manifest and in the summary ----------------------------------------

def test_a_null_release_is_written_empty_not_as_none(outputs, tmp_path):
    old, new = outputs
    (old / "manifest.json").write_text(json.dumps({"releases": {"onet": None, "oews": "2025"}}))
    diff = diff_outputs(old, new)
    write_diff_reports(diff, tmp_path / "r")
    lines = (tmp_path / "r" / "diff_summary.csv").read_text().splitlines()
    assert "old_onet_release," in lines and "new_onet_release,30.1" in lines
    assert not any("None" in line for line in lines)


def test_a_release_that_is_not_text_is_refused_naming_the_manifest(outputs):
    """``['30.1']`` was written as the text ``['30.1']``."""
    old, new = outputs
    (new / "manifest.json").write_text(json.dumps({"releases": {"onet": ["30.1"]}}))
    with pytest.raises(DataFormatError, match=r"new/manifest.json: releases\['onet'\] must be a release such as "
                                              r"'29.1' \(text\) or null, got list \['30.1'\]$"):
        diff_outputs(old, new)


def _diff(**changes) -> ReleaseDiff:
    fields = dict(summary=pd.DataFrame({"item": ["tasks_added"], "count": [0]}), tasks=pd.DataFrame(),
                  occupations=pd.DataFrame({"delta_beta": []}), sectors=pd.DataFrame({"level": []}),
                  old_releases={"onet": "29.1"}, new_releases={"onet": "30.1"})
    return ReleaseDiff(**{**fields, **changes})


@pytest.mark.parametrize("changes, match", [
    (dict(old_releases=None), r"^diff.old_releases must be a dict of release names \(str\) -> releases, "
                              r"got NoneType None$"),                                    # TypeError
    (dict(new_releases="30.1"), r"^diff.new_releases must be a dict .* got str '30.1'$"),  # TypeError
    (dict(old_releases={1: "a", "onet": "29.1"}), r"^diff.old_releases must be a dict .* got dict"),  # TypeError
    (dict(old_releases={"onet": ["29.1"]}), r"^diff.old_releases\['onet'\] must be a release such as '29.1' "
                                            r"\(text\) or None, got list \['29.1'\]$"),  # written as "['29.1']"
    (dict(summary=None), r"^diff.summary must be a pandas DataFrame, got NoneType None$"),  # AttributeError
    (dict(summary=pd.DataFrame({"item": ["a"]})), r"^diff.summary lacks column\(s\) \['count'\]"),  # KeyError
    (dict(occupations=None), r"^diff.occupations must be a pandas DataFrame, got NoneType None$"),
    (dict(sectors=pd.DataFrame({"naics": ["52"]})), r"^diff.sectors lacks column\(s\) \['level'\]"),  # KeyError
], ids=["releases-none", "releases-str", "releases-int-key", "release-list", "summary-none", "summary-count",
        "occupations-none", "sectors-level"])
def test_write_diff_reports_refuses_a_diff_with_bad_parts(tmp_path, changes, match):
    with pytest.raises(DataFormatError, match=match):
        write_diff_reports(_diff(**changes), tmp_path / "r")
    assert not (tmp_path / "r").exists()


# diff_tasks ------------------------------------------------------------------------------

def _digests(ids=(1,), digests=("a",), codes=("11-1011.00",)):
    return pd.DataFrame({"onetsoc_code": list(codes), "task_id": list(ids), "text_digest": list(digests)})


NEW = _digests(digests=["b"])


@pytest.mark.parametrize("old, new, match", [
    (_digests(digests=[None]), _digests(digests=[None]),
     r"^old, row 1, column 'text_digest': missing$"),                                    # counted as reworded
    (_digests(digests=[np.nan]), NEW, r"^old, row 1, column 'text_digest': missing$"),
    (_digests(digests=[5]), _digests(digests=["5"]),
     r"^old, row 1, column 'text_digest': not a text digest \(str\): 5$"),                  # 5 != "5": reworded
    (_digests(ids=[-1]), NEW, r"^old, row 1, column 'task_id': not a task id \(a whole number from 0 to "
                              r"9223372036854775807\): -1$"),
    (_digests(ids=[1e20]), NEW, r"^old, row 1, column 'task_id': not a task id .*: 1e\+20$"),  # wrapped to -2**63
    (pd.concat([_digests(), _digests()[["task_id"]]], axis=1), NEW,
     r"^old, column 'task_id': given more than once: keep one$"),              # "not a task id: array(...)"
], ids=["digest-none", "digest-nan", "digest-int", "id-negative", "id-huge", "column-twice"])
def test_diff_tasks_refuses_bad_cells(old, new, match):
    with pytest.raises(DataFormatError, match=match):
        diff_tasks(old, new)


def test_diff_tasks_of_good_ids_is_unchanged():
    out = diff_tasks(_digests(ids=[1.0]), _digests(ids=[1], digests=["b"]))
    assert out.to_dict("records") == [{"onetsoc_code": "11-1011.00", "task_id": 1, "change": "reworded"}]


# ---------------------------------------------------------------------------------------
# releases
# ---------------------------------------------------------------------------------------

# 5. the name of an O*NET file ------------------------------------------------------------

@pytest.mark.parametrize("base, fmt, name", [
    ("Task Statements.txt", "text", "onet/31.0/Task Statements.txt"),
    ("Job Zones.xlsx", "excel", "onet/31.0/Job Zones.xlsx"),
    ("Task Statements", "text", "onet/31.0/Task Statements.txt"),
])
def test_onet_name_with_its_own_extension_is_right(base, fmt, name):
    """``onet/31.0/Task Statements.txt.txt`` before (it failed later, at the download)."""
    assert releases.onet_name("31.0", base, fmt) == name


@pytest.mark.parametrize("base, fmt, match", [
    ("Task Statements.xlsx", "text", r"^base 'Task Statements.xlsx' ends with .xlsx, the extension of the excel "
                                     r"format, but fmt is 'text'"),
    ("", "text", r"^base must be an O\*NET file name such as 'Task Statements', got ''$"),
    (" Task Statements", "text", r"^base must be an O\*NET file name .*, got ' Task Statements'$"),
    ("db_31_0_text/Task Statements", "text", r"^base must be an O\*NET file name .*, got 'db_31_0_text/Task"),
], ids=["other-extension", "empty", "padded", "slash"])
def test_onet_name_refuses_a_base_that_is_not_a_file_name(base, fmt, match):
    with pytest.raises(DataFormatError, match=match):
        releases.onet_name("31.0", base, fmt)


def test_layout_source_refuses_a_name_with_two_extensions():
    """The member ``db_31_0_text/Task Statements.txt.txt`` was looked for in the archive."""
    with pytest.raises(ExposureError, match=r"^unknown source 'onet/31.0/Task Statements.txt.txt': the file name "
                                            r"has two extensions"):
        releases.source_for("onet/31.0/Task Statements.txt.txt")


def test_a_lock_line_without_a_name_is_refused(tmp_path):
    """It was pinned under the name ''."""
    lock = releases.Lock(tmp_path / "exposure.lock")
    lock.path.write_text("name\tsize\tsha256\turl\tmember\n\t3\t" + "a" * 64 + "\thttp://x\tm\n")
    with pytest.raises(DataFormatError, match=r"exposure.lock, row 2, column 'name': name missing$"):
        lock.entries()


# ---------------------------------------------------------------------------------------
# measures.compare
# ---------------------------------------------------------------------------------------

# 3. missing and infinite values of the weighted correlations -----------------------------

@pytest.mark.parametrize("corr", [cmp.weighted_pearson, cmp.weighted_spearman], ids=["pearson", "spearman"])
@pytest.mark.parametrize("w", [None, [3.0, 1.0, 1.0, 1.0, 1.0]], ids=["plain", "weighted"])
def test_weighted_correlations_drop_pairs_with_a_missing_value(corr, w):
    """NaN before, on one missing value."""
    x, y = [1.0, 2.0, np.nan, 4.0, 3.0], [1.0, 3.0, 3.0, None, 2.0]
    keep = [0, 1, 4]
    expected = corr([x[i] for i in keep], [y[i] for i in keep], None if w is None else [w[i] for i in keep])
    assert not np.isnan(expected)
    assert corr(x, y, w) == pytest.approx(expected)
    assert corr(pd.Series(x, dtype="Float64"), y, w) == pytest.approx(expected)


@pytest.mark.parametrize("corr", [cmp.weighted_pearson, cmp.weighted_spearman], ids=["pearson", "spearman"])
def test_weighted_correlations_refuse_an_infinite_value(corr):
    """NaN (pearson) or 0.8 (spearman, inf ranked as the largest value) before."""
    with pytest.raises(DataFormatError, match=r"^y must hold finite numbers or missing values, got inf at "
                                              r"position 2$"):
        corr([1, 2, 3, 4], [1, 2, np.inf, 5])


@pytest.mark.parametrize("corr", [cmp.weighted_pearson, cmp.weighted_spearman], ids=["pearson", "spearman"])
def test_weighted_correlations_refuse_booleans(corr):
    """True and False were read as 1 and 0 (the table checks of compare refuse them)."""
    with pytest.raises(DataFormatError, match=r"^x must be a list of numbers \(or an array, a Series\), got "
                                              r"True at position 0: a boolean is not a number$"):
        corr([True, False, True], [1, 2, 4])


def test_weighted_pearson_of_huge_values_does_not_overflow():
    """0.0 before (the squares overflowed to inf)."""
    assert cmp.weighted_pearson([1e200, 2e200, 3e200], [1, 2, 4]) == pytest.approx(
        cmp.weighted_pearson([1, 2, 3], [1, 2, 4]))


def test_weighted_correlation_weights_name_the_position():
    with pytest.raises(ExposureError, match=r"^correlation weights must be finite and non-negative, got -1.0 at "
                                            r"position 1 of w$"):
        cmp.weighted_pearson([1, 2, 3], [1, 2, 4], [1, -1, 1])


# correlations ------------------------------------------------------------------------------

TABLE = pd.DataFrame({"soc_code": ["11-1011", "13-1020", "15-1252", "29-1141"], "a": [0.1, 0.2, 0.3, 0.4],
                      "b": [1.0, 3.0, 2.0, 4.0], "tot_emp": [1.0, 2.0, 3.0, 4.0]})


def test_correlations_refuse_a_negative_weight():
    """The row was left out of the weighted correlations without a word."""
    with pytest.raises(DataFormatError, match=r"^table, row 2, column 'tot_emp': tot_emp must be 0 or more "
                                              r"\(a weight\), got -5.0$"):
        cmp.correlations(TABLE.assign(tot_emp=[1.0, -5.0, 1.0, 1.0]), ["a", "b"])


@pytest.mark.parametrize("weight", [0, ""])
def test_correlations_weight_that_is_falsy_is_a_column_name(weight):
    """``weight=0`` (a frame read without a header) was read as no weight."""
    with pytest.raises(DataFormatError, match=rf"^correlations: the table lacks column\(s\) \[{weight!r}\]"):
        cmp.correlations(TABLE, ["a", "b"], weight=weight)
    out = cmp.correlations(TABLE.rename(columns={"tot_emp": weight}), ["a", "b"], weight=weight)
    assert out["pearson_emp"].iloc[0] == pytest.approx(cmp.correlations(TABLE, ["a", "b"])["pearson_emp"].iloc[0])


def test_correlations_of_a_measure_with_the_weight_column():
    """``y must be a list of numbers ... got DataFrame`` (the column selected twice)."""
    out = cmp.correlations(TABLE, ["a", "tot_emp"])
    assert out["pearson"].iloc[0] == pytest.approx(1.0)


def test_correlations_refuse_a_column_given_twice():
    """``not a number: array([0.1, 0.1], dtype=object)``."""
    table = pd.concat([TABLE, TABLE[["a"]]], axis=1)
    with pytest.raises(DataFormatError, match=r"^table, column 'a': given more than once: keep one$"):
        cmp.correlations(table, ["a", "b"])


@pytest.mark.parametrize("measures", [["a"], []])
def test_correlations_of_fewer_than_two_measures_has_the_columns(measures):
    """A frame without columns, which correlation_matrix then refused."""
    out = cmp.correlations(TABLE, measures)
    assert out.empty and out.columns.tolist() == ["measure_a", "measure_b", "n", "pearson", "spearman",
                                                  "n_weighted", "pearson_emp", "spearman_emp"]
    assert cmp.correlation_matrix(out, measures=measures)["measure"].tolist() == measures


# correlation_matrix ---------------------------------------------------------------------------

CORR = pd.DataFrame({"measure_a": ["a"], "measure_b": ["b"], "spearman": [0.5]})


def test_correlation_matrix_leaves_a_missing_pair_missing():
    """A pair absent from ``corr`` was shown as a correlation of 0.0."""
    m = cmp.correlation_matrix(CORR, measures=["a", "b", "c"]).set_index("measure")
    assert m.loc["a", "b"] == 0.5 and m.loc["c", "c"] == 1.0
    assert np.isnan(m.loc["a", "c"]) and np.isnan(m.loc["c", "b"])


@pytest.mark.parametrize("corr, match", [
    (CORR.assign(spearman=["x"]), r"^corr, row 1, column 'spearman': not a number: 'x'$"),  # TypeError
    (CORR.assign(measure_b=["a"]), r"^corr, row 1, column 'measure_b': measure 'a' paired with itself$"),  # diagonal 0.5
    (pd.concat([CORR, CORR.assign(measure_a=["b"], measure_b=["a"], spearman=[0.7])], ignore_index=True),
     r"^corr, row 2, column 'measure_b': the pair 'b', 'a' is given twice \(rows 1 and 2\)$"),  # the last one won
    (CORR.assign(measure_a=[None]), r"^corr, row 1, column 'measure_a': measure name missing$"),  # a NaN row
], ids=["text", "self", "twice", "missing"])
def test_correlation_matrix_refuses_bad_rows(corr, match):
    with pytest.raises(DataFormatError, match=match):
        cmp.correlation_matrix(corr)


# disagreements -----------------------------------------------------------------------------------

def test_disagreements_refuse_titles_with_a_code_twice():
    """It raised pandas' ``InvalidIndexError: Reindexing only valid with uniquely valued Index objects``."""
    titles = pd.Series(["A", "B"], index=["11-1011", "11-1011"])
    with pytest.raises(DataFormatError, match=r"^titles gives SOC code '11-1011' twice$"):
        cmp.disagreements(TABLE, ["a", "b"], titles=titles)


@pytest.mark.parametrize("codes, match", [
    (["11-1011", "11-1011", "15-1252", "29-1141"], r"^table, row 2, column 'soc_code': SOC code '11-1011' "
                                                   r"appears twice \(rows 1 and 2\)$"),  # listed twice
    ([None, "13-1020", "15-1252", "29-1141"], r"^table, row 1, column 'soc_code': soc_code missing$"),  # dropped
], ids=["twice", "missing"])
def test_disagreements_refuse_a_repeated_or_missing_code(codes, match):
    with pytest.raises(DataFormatError, match=match):
        cmp.disagreements(TABLE.assign(soc_code=codes), ["a", "b"], top=5)


# to_oews_codes and coverage ---------------------------------------------------------------------

def test_to_oews_codes_names_the_row_of_a_missing_code():
    """It named ``soc_codes``, which is no argument of to_oews_codes."""
    frame = pd.DataFrame({"soc_code": ["11-1011", None], "m": [1.0, 2.0]})
    with pytest.raises(DataFormatError, match=r"^frame, row 2, column 'soc_code': soc_code missing$"):
        cmp.to_oews_codes(frame, ["m"], ["11-1011"])


def test_to_oews_codes_refuses_the_code_column_as_a_value():
    """``not a number: array(['11-1011', '11-1011'], dtype=object)``."""
    frame = pd.DataFrame({"soc_code": ["11-1011"], "m": [1.0]})
    with pytest.raises(DataFormatError, match=r"^columns must not include 'soc_code' \(the code column\)$"):
        cmp.to_oews_codes(frame, ["soc_code"], ["11-1011"])


MEASURE = pd.DataFrame({"soc_code": ["11-1011", "31-1122"], "value": [0.1, 0.2]})
EMP = pd.DataFrame({"soc_code": ["11-1011", "31-1120", "15-1252"], "tot_emp": [100.0, 50.0, 850.0]})


@pytest.mark.parametrize("name", ["tot_emp", "soc_code", "n_sources"])
def test_coverage_refuses_a_name_that_is_a_column_of_its_table(name):
    """``tot_emp`` was overwritten by the employment (its coverage counted employment)."""
    with pytest.raises(DataFormatError, match=rf"^name {name!r} is a column of the coverage table: give the "
                                              r"measure another name$"):
        cmp.coverage(MEASURE, EMP, name=name)


@pytest.mark.parametrize("attrs, match", [
    (dict(n_source="3", n_matched=2), r"^measure.attrs\['n_source'\] must be a whole number of 0 or more, "
                                      r"got str '3'$"),                                 # TypeError
    (dict(n_source=1, n_matched=5), r"^measure.attrs: n_matched \(5\) is more than n_source \(1\)$"),  # rate 5.0
], ids=["text", "more-matched"])
def test_coverage_refuses_bad_counts_in_attrs(attrs, match):
    m = MEASURE.copy()
    m.attrs.update(attrs)
    with pytest.raises(DataFormatError, match=match):
        cmp.coverage(m, EMP)


# compare --------------------------------------------------------------------------------------------

A = pd.DataFrame({"soc_code": ["11-1011", "15-1252", "43-9021", "53-3032"], "a": [0.3, 0.9, 0.8, 0.1]})
B = pd.DataFrame({"soc_code": ["11-1011", "15-1252", "43-9021", "31-1122"], "b": [0.2, 0.7, 0.9, 0.1]})
EMP2 = pd.DataFrame({"soc_code": ["11-1011", "15-1252", "43-9021", "53-3032", "31-1120"],
                     "tot_emp": [200.0, 1000.0, 50.0, 900.0, 300.0]})


@pytest.mark.parametrize("kwargs, match", [
    (dict(key_measures="ab"), r"^key_measures must be a list of measure names, got str 'ab': write \['ab'\]$"),
    (dict(key_measures=None), r"^key_measures must be a list of measure names, got NoneType None$"),  # TypeError
    (dict(measures=5), r"^measures must be a list of measure names \(or None: all\), got int 5$"),    # TypeError
    (dict(loaded={5: A.rename(columns={"a": 5})}), r"^loaded: a measure name must be text, got int 5$"),
    (dict(loaded={"tot_emp": A.rename(columns={"a": "tot_emp"})}),
     r"^loaded: 'tot_emp' is a column of the comparison table: give the measure another name$"),
    (dict(loaded={"soc_code": A}), r"^loaded: 'soc_code' is a column of the comparison table"),
    (dict(soc_scores=A.rename(columns={"a": "beta"}), loaded={"beta": B.rename(columns={"b": "beta"})}),
     r"^loaded: 'beta' is also a column of soc_scores \(our own scores\): give the measure another name$"),
], ids=["key-str", "key-none", "measures-int", "loaded-int", "loaded-tot_emp", "loaded-soc_code", "loaded-ours"])
def test_compare_refuses_bad_names(kwargs, match):
    args = {**dict(measures=[], employment=EMP2, loaded={"a": A, "b": B}), **kwargs}
    with pytest.raises(DataFormatError, match=match):
        cmp.compare(**args)


def test_compare_key_measures_by_name_is_unchanged():
    res = cmp.compare(measures=[], employment=EMP2, loaded={"a": A, "b": B}, key_measures=["a", "b"], top=1)
    assert len(res.disagreements) == 1


# ---------------------------------------------------------------------------------------
# crosswalks
# ---------------------------------------------------------------------------------------

# 4. soc_major of a Series --------------------------------------------------------------

@pytest.mark.parametrize("codes, shown, pos", [
    (["11-1011", "111011"], "'111011'", 1),
    (["11-1011", "15-1252.00", None], "a missing value", 2),  # nan, with no position
    ([111011], "111011", 0),            # np.int64(111011)
], ids=["text", "missing", "number"])
def test_soc_major_names_the_position_of_a_bad_code(codes, shown, pos):
    with pytest.raises(DataFormatError, match=rf"^not a SOC or O\*NET-SOC code: {shown} at position {pos}$"):
        crosswalks.soc_major(pd.Series(codes))


def test_soc_major_of_an_empty_series_is_empty():
    """``AttributeError: Can only use .str accessor with string values`` for an empty float Series."""
    assert crosswalks.soc_major(pd.Series([], dtype=float)).tolist() == []
    assert crosswalks.soc_major(pd.Series(["29-2010"], dtype="string")).tolist() == ["29-0000"]


def test_soc_major_of_a_frame_is_named_in_one_line():
    """The message held the frame's repr, over several lines."""
    with pytest.raises(DataFormatError, match=r"^not a SOC or O\*NET-SOC code: DataFrame \(give a code as "
                                              r"text, or a pandas Series of codes\)$"):
        crosswalks.soc_major(pd.DataFrame({"soc_code": ["11-1011"]}))


def test_code_list_refuses_an_unknown_kind():
    """``kind="isco"`` was read as O*NET-SOC codes."""
    with pytest.raises(DataFormatError, match=r"^kind must be one of soc, onetsoc \(str\), got str 'isco'$"):
        crosswalks.code_list(["11-1011"], "codes", "isco")
