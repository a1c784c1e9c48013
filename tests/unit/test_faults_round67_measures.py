"""Fault round 67: the readers and aggregations of the published measures (``exposure.measures``).

1. ``microsoft.rebuild_applicability`` and ``anthropic.anthropic_to_soc`` summed each
   code's terms in the caller's row order: the same frames in another order gave scores
   that differed in the last bit (``ai_applicability_score_user`` 0.19999999999999998
   and 0.2 for one SOC code; ``anthropic_usage`` 0.6 and 0.6000000000000001; on the
   registry's files, 360 of the 785 rebuilt Microsoft codes and some 70 Anthropic v2 codes
   moved with a shuffle). Now summed in one order (SOC code and IWA id; the order of
   ``match_tasks``): bit-identical whatever the row order, and the registry's results are
   unchanged (``load_anthropic`` identical, ``load_rebuild``'s ``max_abs_diff`` 2.22e-16
   as before).
2. ``exposure.outcomes.check_soc_scores`` (``_common.check_soc_scores``) given a frame
   holding a column it reads twice (``pd.concat([a, b], axis=1)``) raised pandas'
   ``TypeError: arg must be a list, tuple, 1-d array, or Series`` (a measure) or
   ``AttributeError: 'DataFrame' object has no attribute 'str'`` (``soc_code``); a frame
   of 2-level column names was given back as it came. ``compare.coverage(measure,
   employment)`` and ``compare.compare(employment=..., loaded=...)`` said ``employment,
   row 1, column 'tot_emp': not a number: array([10.0, 10.0], dtype=object)`` (the two
   cells of the row as one value). Now ``soc_scores, column 'beta': column 'beta' appears
   more than once`` (``employment, column 'tot_emp': ...``, ``measure 'x', column 'x':
   ...``), ``soc_scores has 2-level column names (...): flatten them to one level``.
3. ``microsoft.rebuild_applicability`` named no frame and no row when its frames did not
   fit together: ``column 'IWA': IWA 'b' of soc_to_iwas has no row in iwa_metrics`` (a
   column of neither frame), ``column 'b': no weight for SOC 'x' and IWA 'b'`` (an IWA id
   as the column), ``column 'completion_user': IWA 'b' is covered on the user side but
   has no completion/impact scope``, ``column 'weight': SOC 'x' has weight 0 on each of
   its 2 IWAs ...``; a missing ``weight`` in ``weights`` was ``no weight for SOC ...``, as
   if the pair were not there. Now ``soc_to_iwas, row 2, column 'iwa_id': IWA 'b' has no
   row in iwa_metrics``, ``soc_to_iwas, row 2, column 'iwa_id': no weight for SOC 'x' and
   IWA 'b': weights has no row of this pair``, ``iwa_metrics, row 2, column
   'completion_user': IWA 'b' is covered on the user side (share_user 0.01 above the
   threshold 0.0005) but has no completion_user``, ``weights, row 1, column 'weight': SOC
   'x' has weight 0 ...``, ``weights, row 2, column 'weight': missing value``.
4. ``felten.read_felten_occupations`` / ``read_felten_industries`` on a sheet with an
   empty score (or a cell of spaces) said ``SchemaError: lm.xlsx, row 3, column 'aioe':
   aioe is missing (a value is required)``, naming the library's column, not the sheet's
   ``Language Modeling AIOE``. Now ``lm.xlsx, row 3, column 'Language Modeling AIOE':
   missing value`` (the sheet row, blank rows above counted).
5. ``felten.read_felten_occupations(path)`` on the language-modelling (or
   image-generation) workbook, read with the default ``variant="aioe"``, said ``cannot
   read sheet 'Appendix A': Worksheet named 'Appendix A' not found (sheets: ['LM AIOE',
   'LM AIIE'])``, and nothing of ``variant``. Now it adds ``; it is the workbook of
   variant 'lm': read it with variant='lm'``, and following the advice reads it.
6. ``eloundou.read_task_labels`` on a label file with a blank cell (spaces only) in an
   optional column: a ``gpt4_automation`` of ``' '`` was kept as that label, without a
   word; a ``Task Type`` or ``gpt4_exposure_alt_rubric`` of ``' '`` was pandera's
   ``column 'task_type': task_type must be one of 'Core', 'Supplemental', got text ' '
   (check isin)`` (the library's column), and a ``gpt_3_relevant`` of ``' '`` was
   ``expected True or False, got ' '``, while the label checks take a blank cell for an
   empty one. Now a blank cell is empty (missing), as an empty cell is.
7. ``webb.read_webb`` on an empty ``occ1990dd`` cell said ``not an occ1990dd code: nan``
   (a value the file does not hold). Now ``missing occ1990dd code``.
8. ``ilo.read_ilo`` on a sheet with a blank row (its cells cleared, or a row of spaces
   below the table) refused it as ``ilo.xlsx, row 3, column 'ISCO_08': missing ISCO-08
   unit group code``, while Felten's reader skips such rows. Now it is skipped, and the
   errors below it still name the rows of the sheet (``row 5``; ``rows 2 and 5``; ``on
   row 2``).
"""

from __future__ import annotations

import numpy as np
import openpyxl
import pandas as pd
import pytest
from _frames import ILO_ROW, write_csv

from exposure import outcomes
from exposure.errors import DataFormatError
from exposure.measures import _common, anthropic, eloundou, felten, ilo, microsoft, webb
from exposure.measures import compare as cmp

# 1. sums that depended on the row order

_IWA = pd.DataFrame({"iwa_id": ["a", "b", "c"], "share_user": [0.01] * 3, "share_ai": [0.01] * 3,
                     "completion_user": [0.1, 0.2, 0.3], "completion_ai": [0.7, 0.2, 0.3],
                     "impact_scope_user": [1.0] * 3, "impact_scope_ai": [1.0] * 3})
_WEIGHTS = pd.DataFrame({"soc_code": ["x"] * 3, "iwa_id": ["a", "b", "c"], "weight": [1.0] * 3})
_LINKS = pd.DataFrame({"soc_code": ["x"] * 3, "iwa_id": ["a", "b", "c"]})


def test_rebuild_applicability_does_not_depend_on_row_order():
    forward = microsoft.rebuild_applicability(_IWA, _WEIGHTS, _LINKS)
    backward = microsoft.rebuild_applicability(_IWA.iloc[::-1], _WEIGHTS.iloc[::-1], _LINKS.iloc[::-1])
    pd.testing.assert_frame_equal(forward, backward, check_exact=True)  # 0.19999999999999998 and 0.2 before


def test_anthropic_to_soc_does_not_depend_on_row_order():
    matches = pd.DataFrame({"task_name": ["a", "b", "c"], "onetsoc_code": ["11-1011.00"] * 3, "split": [1.0] * 3})
    usage = pd.DataFrame({"task_name": ["a", "b", "c"], "usage_share": [0.1, 0.2, 0.3]})
    collab = pd.DataFrame({"task_name": ["a", "b", "c"], "automation": [0.1, 0.2, 0.3],
                           "augmentation": [0.3, 0.2, 0.1], "usage_share": [0.1, 0.2, 0.3]})
    forward = anthropic.anthropic_to_soc(usage, collab, matches)
    backward = anthropic.anthropic_to_soc(usage.iloc[::-1], collab.iloc[::-1], matches.iloc[::-1])
    pd.testing.assert_frame_equal(forward, backward, check_exact=True)  # 0.6 and 0.6000000000000001 before
    assert forward["anthropic_usage"].tolist() == [0.6]  # a, b, c: the order of match_tasks, as before


def test_rebuild_of_the_registry_files_does_not_depend_on_row_order():
    d = "reference/microsoft_working_with_ai/"
    iwa = microsoft.read_iwa_metrics(_common.resolve(d + "iwa_metrics.csv"))
    weights = microsoft.read_soc_iwa_weights(_common.resolve(d + "soc_iwa_weights.csv"))
    links = microsoft.read_soc_to_iwas(_common.resolve(d + "soc_to_iwas.csv"))
    out = microsoft.rebuild_applicability(iwa, weights, links)
    shuffled = microsoft.rebuild_applicability(*(f.sample(frac=1, random_state=1) for f in (iwa, weights, links)))
    pd.testing.assert_frame_equal(out, shuffled, check_exact=True)  # 360 of 785 codes moved before
    assert microsoft.load_rebuild().attrs["max_abs_diff"] == pytest.approx(2.220446049250313e-16, abs=1e-30)


# 2. a column given twice to the checks of compare and outcomes

_SOC = pd.DataFrame({"soc_code": ["11-1011", "11-1021"], "beta": [0.2, 0.3]})
_EMP = pd.DataFrame({"soc_code": ["11-1011", "11-1021"], "tot_emp": [10.0, 20.0]})


@pytest.mark.parametrize("column", ["beta", "soc_code"])
def test_check_soc_scores_refuses_a_column_given_twice(column):
    twice = pd.concat([_SOC, _SOC[[column]]], axis=1)
    with pytest.raises(DataFormatError, match=rf"^soc_scores, column '{column}': given more than once: keep one$"):
        outcomes.check_soc_scores(twice, ["beta"])  # TypeError / AttributeError before


def test_check_soc_scores_names_the_file_of_a_column_given_twice():
    with pytest.raises(DataFormatError, match=r"^s\.parquet, column 'beta': given more than once: keep one$"):
        outcomes.check_soc_scores(pd.concat([_SOC, _SOC[["beta"]]], axis=1), ["beta"], path="s.parquet")


def test_check_soc_scores_refuses_two_level_column_names():
    wide = _SOC.set_axis(pd.MultiIndex.from_tuples([("soc_code", ""), ("beta", "")]), axis=1)
    with pytest.raises(DataFormatError, match=r"^soc_scores has 2-level column names \(e\.g\. \('soc_code', ''\)\): "
                                              r"flatten them to one level$"):
        outcomes.check_soc_scores(wide, ["beta"])  # given back with its two levels before


def test_coverage_refuses_a_column_given_twice():
    measure = pd.DataFrame({"soc_code": ["11-1011", "11-1021"], "x": [1.0, 2.0]})
    # not a number: array([10.0, 10.0], dtype=object)
    with pytest.raises(DataFormatError, match=r"^employment, column 'tot_emp': given more than once: keep one$"):
        cmp.coverage(measure, pd.concat([_EMP, _EMP[["tot_emp"]]], axis=1), name="x", column="x")
    with pytest.raises(DataFormatError, match=r"^measure, column 'x': given more than once: keep one$"):
        cmp.coverage(pd.concat([measure, measure[["x"]]], axis=1), _EMP, name="x", column="x")


def test_compare_refuses_a_loaded_measure_column_given_twice():
    measure = pd.DataFrame({"soc_code": ["11-1011", "11-1021"], "x": [1.0, 2.0]})
    with pytest.raises(DataFormatError, match=r"^measure 'x', column 'x': given more than once: keep one$"):
        cmp.compare(loaded={"x": pd.concat([measure, measure[["x"]]], axis=1)}, employment=_EMP)
    with pytest.raises(DataFormatError, match=r"^employment, column 'soc_code': given more than once: keep one$"):
        _common.check_employment(pd.concat([_EMP, _EMP[["soc_code"]]], axis=1))
    # frames that give each column once are read as before
    assert outcomes.check_soc_scores(_SOC, ["beta"])["beta"].tolist() == [0.2, 0.3]
    assert _common.check_employment(_EMP)["tot_emp"].tolist() == [10.0, 20.0]


# 3. rebuild_applicability names the frame, row and column of what does not fit


@pytest.mark.parametrize(("args", "message"), [
    ((_IWA.iloc[:2], _WEIGHTS, _LINKS),
     r"^soc_to_iwas, row 3, column 'iwa_id': IWA 'c' has no row in iwa_metrics$"),
    ((_IWA, _WEIGHTS.iloc[[0, 2]], _LINKS),
     r"^soc_to_iwas, row 2, column 'iwa_id': no weight for SOC 'x' and IWA 'b': weights has no row of this pair$"),
    ((_IWA.assign(completion_user=[0.1, np.nan, 0.3]), _WEIGHTS, _LINKS),
     r"^iwa_metrics, row 2, column 'completion_user': IWA 'b' is covered on the user side \(share_user 0\.01 above "
     r"the threshold 0\.0005\) but has no completion_user$"),
    ((_IWA.assign(impact_scope_ai=[1.0, 1.0, np.nan]), _WEIGHTS, _LINKS),
     r"^iwa_metrics, row 3, column 'impact_scope_ai': IWA 'c' is covered on the ai side"),
    ((_IWA, _WEIGHTS.assign(weight=0.0), _LINKS),
     r"^weights, row 1, column 'weight': SOC 'x' has weight 0 on each of its 3 IWAs of soc_to_iwas"),
    ((_IWA, _WEIGHTS.assign(weight=[1.0, np.nan, 1.0]), _LINKS),
     r"^weights, row 2, column 'weight': missing value$"),
])
def test_rebuild_applicability_names_frame_row_and_column(args, message):
    with pytest.raises(DataFormatError, match=message):
        microsoft.rebuild_applicability(*args)


def test_rebuild_applicability_names_the_first_row_in_the_callers_order():
    links = pd.DataFrame({"soc_code": ["y", "x", "x"], "iwa_id": ["z", "a", "b"]})
    with pytest.raises(DataFormatError, match=r"^soc_to_iwas, row 1, column 'iwa_id': IWA 'z' has no row"):
        microsoft.rebuild_applicability(_IWA, _WEIGHTS, links)


# 4 and 5. Felten's sheets


def _workbook(tmp_path, name, sheets) -> str:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


_LM_OCC = [["SOC Code", "Occupation Title", "Language Modeling AIOE"], ["11-1011", "Chief Executives", 1.3],
           ["11-1021", "General and Operations Managers", 0.7]]
_LM_IND = [["NAICS", "NAICS Description", "Language Modeling AIIE"], ["611100", "Elementary Schools", 1.4],
           ["551100", "Management of Companies", 1.6]]


@pytest.mark.parametrize("cell", [None, "  "])
def test_felten_missing_score_names_the_sheets_column(tmp_path, cell):
    rows = [_LM_OCC[0], _LM_OCC[1], [None, None, None], ["11-1021", "General and Operations Managers", cell]]
    path = _workbook(tmp_path, "lm.xlsx", {"LM AIOE": rows, "LM AIIE": _LM_IND})
    with pytest.raises(DataFormatError, match=r"lm\.xlsx, row 4, column 'Language Modeling AIOE': missing value$"):
        felten.read_felten_occupations(path, "lm")  # "column 'aioe': aioe is missing" before


def test_felten_missing_industry_score_names_the_sheets_column(tmp_path):
    rows = [*_LM_IND[:2], ["551100", "Management of Companies", None]]
    path = _workbook(tmp_path, "lm.xlsx", {"LM AIOE": _LM_OCC, "LM AIIE": rows})
    with pytest.raises(DataFormatError, match=r"lm\.xlsx, row 3, column 'Language Modeling AIIE': missing value$"):
        felten.read_felten_industries(path, "lm")


def test_felten_workbook_of_another_variant_names_the_variant(tmp_path):
    path = _workbook(tmp_path, "lm.xlsx", {"LM AIOE": _LM_OCC, "LM AIIE": _LM_IND})
    for read in (felten.read_felten_occupations, felten.read_felten_industries):
        with pytest.raises(DataFormatError, match=r"\(sheets: \['LM AIOE', 'LM AIIE'\]\); it is the workbook of "
                                                  r"variant 'lm': read it with variant='lm'$"):
            read(path)
    assert felten.read_felten_occupations(path, variant="lm")["aioe"].tolist() == [1.3, 0.7]  # the advice works
    assert felten.read_felten_industries(path, variant="lm")["naics"].tolist() == ["6111", "5511"]
    other = _workbook(tmp_path, "d.xlsx", {"Data": _LM_OCC})  # the sheets of no variant: no advice
    with pytest.raises(DataFormatError, match=r"\(sheets: \['Data'\]\)$"):
        felten.read_felten_occupations(other, "lm")


# 6. Eloundou's labels with a blank cell

_HEADER = ("\tO*NET-SOC Code\tTask ID\tTask\tTask Type\tTitle\thuman_exposure_agg\tgpt4_exposure\t"
           "gpt4_exposure_alt_rubric\tgpt_3_relevant\tgpt4_automation\n")
_ROW = "0\t11-1011.00\t8823.0\tDirect budgets.\tCore\tChief Executives\tE2\tE1\tE1\tFalse\tT2\n"


@pytest.mark.parametrize(("field", "column"), [(4, "task_type"), (8, "gpt4_exposure_alt_rubric"),
                                               (9, "gpt_3_relevant"), (10, "gpt4_automation")])
def test_blank_optional_label_cell_is_empty(tmp_path, field, column):
    cells = _ROW.rstrip("\n").split("\t")
    blank = [*cells[:field], "  ", *cells[field + 1:]]
    empty = [*cells[:field], "", *cells[field + 1:]]
    second = [v.replace("8823.0", "8824.0") for v in cells]
    read = [eloundou.read_task_labels(write_csv(tmp_path, _HEADER + "\t".join(row) + "\n" + "\t".join(second) + "\n",
                                                f"l{i}.tsv"))
            for i, row in enumerate((blank, empty))]
    pd.testing.assert_frame_equal(read[0], read[1])  # ' ' kept (gpt4_automation) or refused before
    assert pd.isna(read[0][column].iloc[0])


def test_blank_label_is_missing_in_every_column(tmp_path):
    blank = write_csv(tmp_path, _HEADER + _ROW.replace("\tFalse\tT2\n", "\tFalse\t \n"), "b.tsv")
    assert eloundou.read_task_labels(blank)["gpt4_automation"].isna().all()  # the label ' ' before
    required = write_csv(tmp_path, _HEADER + _ROW.replace("\tE2\tE1\tE1", "\t \tE1\tE1"), "l.tsv")
    with pytest.raises(DataFormatError, match=r"row 2, column 'human_exposure_agg': missing label \(E0, E1 or E2\)$"):
        eloundou.read_task_labels(required)


# 7. Webb's messages

_WEBB = "occ1990dd,occ1990dd_title,lswt2010,pct_software,pct_robot,pct_ai\n"


def test_webb_empty_occ1990dd_is_named_missing(tmp_path):
    path = write_csv(tmp_path, _WEBB + ",Chiefs,10.5,30,9,28\n7,Financial managers,3,20,2,67\n")
    with pytest.raises(DataFormatError, match=r"m\.csv, row 2, column 'occ1990dd': missing occ1990dd code$"):
        webb.read_webb(path)  # "not an occ1990dd code: nan" before


# 8. the ILO sheet with a blank row


def _ilo(tmp_path, rows) -> str:
    header = list(ILO_ROW)
    return _workbook(tmp_path, "ilo.xlsx", {"Scores": [header, *([row.get(c) for c in header] if row else
                                                                  [None] * len(header) for row in rows)]})


_TASKS = [ILO_ROW, {**ILO_ROW, "taskID": 2}, {**ILO_ROW, "ISCO_08": "2511", "Title": "Systems analysts"}]


@pytest.mark.parametrize("blank", [None, " "])
def test_ilo_blank_row_is_skipped(tmp_path, blank):
    plain = ilo.read_ilo(_ilo(tmp_path, _TASKS))
    spaced = [_TASKS[0], {c: blank for c in ILO_ROW}, *_TASKS[1:], {c: blank for c in ILO_ROW}]
    pd.testing.assert_frame_equal(ilo.read_ilo(_ilo(tmp_path, spaced)), plain)  # "missing ISCO-08 ..." before
    assert plain["n_tasks"].tolist() == [1, 2]


@pytest.mark.parametrize(("bad", "message"), [
    ({"mean_score_2025": 50}, r"row 5, column 'mean_score_2025': mean_score_2025 \(a score from 0 to 1\) must be "
                              r"at most 1\.0; got 50\.0$"),
    ({"taskID": 1}, r"row 5, column 'taskID': task 1 of occupation 2512 appears twice \(rows 2 and 5\)$"),
    ({"SD_2025": 0.2}, r"row 5, column 'SD_2025': occupation 2512 has more than one SD_2025 across its tasks "
                       r"\(0\.1 on row 2, 0\.2 here\)$"),
])
def test_ilo_errors_below_a_blank_row_name_the_sheet_row(tmp_path, bad, message):
    rows = [_TASKS[0], {}, {}, {**_TASKS[1], **bad}]
    with pytest.raises(DataFormatError, match=message):
        ilo.read_ilo(_ilo(tmp_path, rows))
    with pytest.raises(DataFormatError, match=r"ilo\.xlsx: no rows below the header \(row 1\)$"):
        ilo.read_ilo(_ilo(tmp_path, [{c: " " for c in ILO_ROW}]))
