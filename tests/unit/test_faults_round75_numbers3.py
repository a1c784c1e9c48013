"""Faults of round 75 (second wave), numbers3: OEWS counts, columns given twice, signalling NaNs.

1. A ``TOT_EMP`` written as text that is no whole number of workers had three wordings,
   and two of them gave no number to write. ``exposure.oews.read_oews`` of a file whose
   ``TOT_EMP`` is ``1.200`` (1,200 workers, as a spreadsheet in a German locale saves it)
   said ``TOT_EMP must be a whole number of workers, got '1.200'``, and
   ``outcomes.build_panel`` of a frame holding the text ``'1.200'`` said
   ``frames[2021], row 1, column 'tot_emp': tot_emp must be a whole number of workers
   (OEWS counts jobs), got '1.200'``; a ``'2.000'`` (2 workers, or 2,000 so written) was
   read as 2 by both without a word. Now both call the shared
   ``_tables.check_whole_workers``, as the roll-ups' employment frame and ``compare`` do:
   ``... got '1.200' (write 1200 for 1,200 workers: a point is read as the decimal
   point)``, and ``'2.000'`` is read as 2 with one warning naming the file (or frame),
   row and column and the number to write if the points separate thousands. The real
   OEWS files read as before (no warning).
2. A column given twice was named twice and the frame second:
   ``column 'beta': soc_scores has the column 'beta' more than once: keep one`` (the
   roll-ups, ``rollup._soc._refuse_repeated_column``) and
   ``column 'title': occupations has the column 'title' twice: keep one``
   (``scoring.categories.nearest_occupations``), whose code errors put the frame after
   the row (``row 2, column 'onetsoc_code': occupations: O*NET-SOC code is missing``).
   Now the frame first and the column once: ``soc_scores, column 'beta': given more
   than once: keep one``, ``occupations, row 2, column 'onetsoc_code': O*NET-SOC code is
   missing: ...``.
3. A ``Decimal('sNaN')`` (a ``NUMERIC`` column of a database) raised from inside pandas:
   in an employment frame's ``TOT_EMP`` (``rollup.employment_frame``, so ``to_sectors``)
   and in the ``tot_emp`` of ``outcomes.build_panel``'s frames,
   ``decimal.InvalidOperation: [<class 'decimal.InvalidOperation'>]``; in a panel's
   ``tot_emp`` (``event_study``, ``group_growth``, ``run_outcomes``) and among the values of
   ``exposure_groups``, ``TypeError: Cannot hash a signaling NaN value``. Now each is
   refused naming the frame, row and column (the position for ``exposure_groups``), as
   ``a_mean`` and the exposures already were.
4. ``measures.microsoft.rebuild_applicability(threshold=)`` took a threshold of 1 or more
   (``5``, a percentage?, or ``inf``): no IWA's share (at most 1) is above it, and every
   SOC code's score was 0 without a word. Now refused: ``threshold must be below 1 (an
   activity share: no share is above 1, so every score would be 0), got int 5``.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from _frames import employment, outcome_exposures, outcome_panel, soc_scores
from _frames import with_cell as _cell

from exposure import outcomes
from exposure.errors import DataFormatError
from exposure.measures import microsoft
from exposure.oews import read_oews
from exposure.rollup import employment_frame, to_sectors
from exposure.scoring.categories import nearest_occupations

#: The header of an OEWS national file (May 2023) and its all-occupations row, ``TOT_EMP`` left to fill.
OEWS_HEADER = ("AREA,AREA_TITLE,AREA_TYPE,PRIM_STATE,NAICS,NAICS_TITLE,I_GROUP,OWN_CODE,OCC_CODE,OCC_TITLE,O_GROUP,"
               "TOT_EMP,EMP_PRSE,JOBS_1000,LOC_QUOTIENT,PCT_TOTAL,PCT_RPT,H_MEAN,A_MEAN,MEAN_PRSE,H_PCT10,H_PCT25,"
               "H_MEDIAN,H_PCT75,H_PCT90,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,A_PCT90,ANNUAL,HOURLY\n")
OEWS_TOTAL = ('99,U.S.,1,US,000000,Cross-industry,cross-industry,1235,00-0000,All Occupations,total,"{}",0.1,,,,,'
              "31.48,65470,0.1,14.13,17.42,23.11,36.98,57.13,29390,36230,48060,76920,118830,,\n")

#: An OEWS frame with wages, as ``build_panel`` reads it, and its detailed codes.
OEWS = employment().assign(a_mean=[200e3, 80e3, 60e3, 210e3, 75e3], a_median=[190e3, 78e3, 55e3, 200e3, 70e3])
DETAILED = ["11-1011", "13-1021", "13-1022"]

#: What a text count written with points is told (the shared ``_tables.check_whole_workers``).
POINT = r" \(write 1200 for 1,200 workers: a point is read as the decimal point\)"


def _oews_file(tmp_path: Path, emp: str) -> Path:
    path = tmp_path / "national_M2023_dl.csv"
    path.write_text(OEWS_HEADER + OEWS_TOTAL.format(emp), encoding="utf-8")
    return path


# 1 ---------------------------------------------------------------------------------------
def test_1_read_oews_tells_the_number_to_write_for_a_point_grouped_count(tmp_path):
    path = _oews_file(tmp_path, "1.200")
    with pytest.raises(DataFormatError, match=r"^.*national_M2023_dl\.csv, row 2, column 'TOT_EMP': TOT_EMP must be a "
                                              r"whole number of workers \(OEWS counts jobs\), got '1\.200'" + POINT + "$"):
        read_oews(path)
    # a count with decimals that is no thousands: refused in the same words, without the advice
    with pytest.raises(DataFormatError, match=r"TOT_EMP must be a whole number of workers \(OEWS counts jobs\), "
                                              r"got '12\.5'$"):
        read_oews(_oews_file(tmp_path, "12.5"))


def test_1_read_oews_warns_once_of_a_whole_count_written_with_points(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        got = read_oews(_oews_file(tmp_path, "2.000"))
    assert got["tot_emp"].tolist() == [2]
    said = [r.getMessage() for r in caplog.records if "'2.000'" in r.getMessage()]
    assert len(said) == 1
    assert said[0].endswith("national_M2023_dl.csv, row 2, column 'TOT_EMP': '2.000' is read as 2 worker(s), the "
                            "point as the decimal point (1 cell(s) written so): if the points separate thousands, "
                            "write 2000")
    # thousands as BLS writes them: read, without a word
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        assert read_oews(_oews_file(tmp_path, "2,000"))["tot_emp"].tolist() == [2000]
    assert not caplog.records


def test_1_build_panel_tells_the_number_to_write_for_a_point_grouped_count():
    frames = {2021: _cell(OEWS, "tot_emp", 0, "1.200"), 2022: OEWS}
    with pytest.raises(DataFormatError, match=r"^frames\[2021\], row 1, column 'tot_emp': tot_emp must be a whole "
                                              r"number of workers \(OEWS counts jobs\), got '1\.200'" + POINT + "$"):
        outcomes.build_panel(frames, DETAILED)
    # a number with decimals (not text): refused as before
    with pytest.raises(DataFormatError, match=r"^frames\[2021\], row 1, column 'tot_emp': tot_emp must be a whole "
                                              r"number of workers \(OEWS counts jobs\), got 0\.5$"):
        outcomes.build_panel({2021: _cell(OEWS, "tot_emp", 0, 0.5), 2022: OEWS}, DETAILED)


def test_1_build_panel_warns_of_a_whole_count_written_with_points(caplog):
    frames = {2021: _cell(OEWS, "tot_emp", 0, "2.000"), 2022: OEWS}
    with caplog.at_level(logging.WARNING):
        panel = outcomes.build_panel(frames, DETAILED)
    said = [r.getMessage() for r in caplog.records if "'2.000'" in r.getMessage()]
    assert said == ["frames[2021], row 1, column 'tot_emp': '2.000' is read as 2 worker(s), the point as the decimal "
                    "point (1 cell(s) written so): if the points separate thousands, write 2000"]
    ceos = panel[(panel["soc_code"] == "11-1011") & (panel["year"] == 2021)]
    assert ceos["tot_emp"].tolist() == [2.0]


# 2 ---------------------------------------------------------------------------------------
def test_2_a_rollup_names_the_frame_first_of_a_column_given_twice():
    soc = soc_scores()
    with pytest.raises(DataFormatError) as info:
        to_sectors(pd.concat([soc, soc[["beta"]]], axis=1), employment())
    assert str(info.value) == "soc_scores, column 'beta': given more than once: keep one"
    assert info.value.column == "beta"


OCC = pd.DataFrame({"onetsoc_code": ["43-9061.00", "15-1252.00"], "title": ["Office Clerks", "Software Developers"]})


@pytest.mark.parametrize("column", ["title", "onetsoc_code"])
def test_2_nearest_occupations_names_the_frame_first_of_a_column_given_twice(column):
    with pytest.raises(DataFormatError) as info:
        nearest_occupations(["Software developer"], pd.concat([OCC, OCC[[column]]], axis=1))
    assert str(info.value) == f"occupations, column '{column}': given more than once: keep one"


@pytest.mark.parametrize("code, what", [
    (None, "is missing: give each occupation its code"),
    (151252, "must be text (like 43-4171.00), got int 151252"),
])
def test_2_nearest_occupations_names_the_frame_first_of_a_bad_code(code, what):
    with pytest.raises(DataFormatError) as info:
        nearest_occupations(["Software developer"], _cell(OCC, "onetsoc_code", 1, code))
    assert str(info.value) == f"occupations, row 2, column 'onetsoc_code': O*NET-SOC code {what}"


# 3 ---------------------------------------------------------------------------------------
def test_3_a_signalling_nan_in_the_employment_frame_is_named():
    emp = _cell(employment(), "tot_emp", 1, Decimal("sNaN"))
    message = ("employment frame, row 2, column 'tot_emp': tot_emp must be a number or a BLS special value "
               "(** * # ~), got Decimal('sNaN')")
    with pytest.raises(DataFormatError) as info:
        employment_frame(emp)
    assert str(info.value) == message
    with pytest.raises(DataFormatError) as info:
        to_sectors(soc_scores(), emp)
    assert str(info.value) == message
    # a quiet NaN is missing, as before
    assert np.isnan(employment_frame(_cell(employment(), "tot_emp", 1, Decimal("NaN")))["tot_emp"].iloc[1])


def test_3_a_signalling_nan_in_build_panel_frames_is_named():
    frames = {2021: _cell(OEWS, "tot_emp", 1, Decimal("sNaN")), 2022: OEWS}
    with pytest.raises(DataFormatError) as info:
        outcomes.build_panel(frames, DETAILED)
    assert str(info.value) == ("frames[2021], row 2, column 'tot_emp': tot_emp must be a number or a BLS special value "
                               "(** * # ~), got Decimal('sNaN')")


@pytest.mark.parametrize("call", [outcomes.event_study, outcomes.group_growth, outcomes.run_outcomes])
def test_3_a_signalling_nan_in_a_panel_is_named(call):
    panel = outcome_panel()
    bad = _cell(panel, "tot_emp", 3, Decimal("sNaN"))
    with pytest.raises(DataFormatError) as info:
        call(bad, outcome_exposures(panel), ["beta"])
    assert str(info.value) == "panel, row 4, column 'tot_emp': tot_emp must be a number of workers, got Decimal('sNaN')"


def test_3_a_signalling_nan_among_exposure_values_is_named():
    values = pd.Series([0.1, Decimal("sNaN"), 0.3], dtype=object)
    with pytest.raises(DataFormatError) as info:
        outcomes.exposure_groups(values, q=2)
    assert str(info.value) == "exposure values must be numbers, got Decimal('sNaN') at position 1"
    # Decimal values are numbers, as before
    assert outcomes.exposure_groups(pd.Series([Decimal("0.1"), Decimal("0.2")]), q=2).tolist() == [1, 2]


# 4 ---------------------------------------------------------------------------------------
IWA = pd.DataFrame({"iwa_id": ["a", "b"], "share_user": [0.01, 0.01], "share_ai": [0.01, 0.0001],
                    "completion_user": [0.8, 0.5], "completion_ai": [1.0, 1.0],
                    "impact_scope_user": [0.5, 0.4], "impact_scope_ai": [0.2, 0.9]})
IWA_WEIGHTS = pd.DataFrame({"soc_code": ["x", "x"], "iwa_id": ["a", "b"], "weight": [1.0, 3.0]})
IWA_LINKS = pd.DataFrame({"soc_code": ["x", "x"], "iwa_id": ["a", "b"]})


@pytest.mark.parametrize("threshold, shown", [(5, "int 5"), (1.0, "float 1.0"), (float("inf"), "float inf")])
def test_4_a_threshold_no_share_is_above_is_refused(threshold, shown):
    with pytest.raises(DataFormatError) as info:
        microsoft.rebuild_applicability(IWA, IWA_WEIGHTS, IWA_LINKS, threshold=threshold)
    assert str(info.value) == ("threshold must be below 1 (an activity share: no share is above 1, so every score "
                               f"would be 0), got {shown}")
    # a share below 1 is read as before
    out = microsoft.rebuild_applicability(IWA, IWA_WEIGHTS, IWA_LINKS, threshold=0.0005).round(4)
    assert [float(v) for v in out.iloc[0, 1:]] == [0.25, 0.05, 0.15]
