"""Round 70, area ``load``: the measures table and the release of ``exposure.load``.

1. ``exposure.load("measures", directory=d)`` of a ``reports/measures_table.csv`` whose
   number column holds a whole number of 2**64 or more (pandas reads the column as Python
   ints): ``d/reports/measures_table.csv, row 2, column 'tot_emp': not a number: 5``,
   naming row 2 and its value whatever row held the large number (which is a number). Now
   the column is checked, and returned, as the numbers it holds: a ``tot_emp`` of 1e23 is
   read, an ``alpha`` of 1e23 is told ``row 3, column 'alpha': alpha is a fraction, from 0
   to 1; got 1e+23``. A column of TRUE/FALSE cells was ``not a number: np.True_``; now
   ``not a number: 'True' (the column holds True/False)``.
2. ``exposure.load("measures", directory=d)`` of a table whose header writes one of its
   columns another way (``' alpha'``, ``'Alpha'``, ``'Tot Emp'``: a header edited in a
   spreadsheet): the column was returned under that name, unchecked (an ``alpha`` of 5
   passed validation), and ``alpha`` was missing from the frame without a word. Now a
   ``DataFormatError`` naming the file, row 1 and the column: ``column ' alpha' is 'alpha'
   written another way (case, spaces), which is read by that name only: rename it
   'alpha'`` (``... beside 'alpha' itself: delete one of them`` when both are there).
   ``validate=False`` reads the table as it is. A ``soc_code`` written so (``SOC_CODE``)
   was ``missing column 'soc_code' (columns are ['SOC_CODE', 'alpha'])``; the message now
   ends ``; 'SOC_CODE' is 'soc_code' written another way: rename it 'soc_code'``.
3. ``exposure.load(name, release="2025.0")`` (a year read from a settings file as a float,
   then written; also ``tables_dir`` and ``load_manifest``): ``no processed tables for
   release '2025.0': the shipped tables are {'oews': '2025', 'onet': '29.1'} ...; run
   `exposure recompute ...``` (advice to recompute tables that were there), while the
   number ``2025.0`` was read as the year. Now the text is the year ``'2025'`` too.
4. ``exposure.load("out/reports/measures_table.csv")`` (the file's path given as the
   table's name): ``unknown table ...: did you mean 'measures'?``, and ``load("measures")``
   reads the shipped table, not that file. Now ``give the table's name, 'measures', not its
   file name (for the file in 'out/reports', pass directory='out')``, which reads it; a
   table elsewhere (``out/measures_table.csv``, as ``exposure compare -o out`` writes it)
   is told to be moved into ``out/reports`` first, as ``load("measures", directory=D)``
   reads ``D/reports/measures_table.csv``.
"""

from __future__ import annotations

import pytest

import exposure
from exposure._load import load_manifest, processed_dir, tables_dir
from exposure.errors import DataFormatError, ExposureError
from exposure.fetch import DataStore


def _measures(tmp_path, text: str):
    """An output directory whose ``reports/measures_table.csv`` holds ``text``."""
    (tmp_path / "reports").mkdir(parents=True)
    (tmp_path / "reports" / "measures_table.csv").write_text(text, encoding="utf-8")
    return tmp_path


# 1. a whole number of 2**64 or more, and True/False cells, in a number column

def test_measures_reads_a_whole_number_too_large_for_int64(tmp_path):
    d = _measures(tmp_path, "soc_code,tot_emp,alpha\n11-1011,5,0.5\n11-1021,99999999999999999999999,0.25\n")
    frame = exposure.load("measures", directory=d)
    assert frame["tot_emp"].dtype == "float64"
    assert frame["tot_emp"].tolist() == [5.0, 1e23]
    assert frame["alpha"].tolist() == [0.5, 0.25]


def test_measures_names_the_row_of_a_too_large_fraction(tmp_path):
    d = _measures(tmp_path, "soc_code,alpha\n11-1011,0\n11-1021,99999999999999999999999\n")
    with pytest.raises(DataFormatError) as err:
        exposure.load("measures", directory=d)
    assert (err.value.row, err.value.column) == (3, "alpha")
    assert str(err.value).endswith("row 3, column 'alpha': alpha is a fraction, from 0 to 1; got 1e+23")


def test_measures_names_a_true_false_cell_as_written(tmp_path):
    d = _measures(tmp_path, "soc_code,alpha\n11-1011,TRUE\n11-1021,FALSE\n")
    with pytest.raises(DataFormatError) as err:
        exposure.load("measures", directory=d)
    assert (err.value.row, err.value.column) == (2, "alpha")
    assert str(err.value).endswith("not a number: 'True' (the column holds True/False)")


# 2. a column of the measures table written another way

@pytest.mark.parametrize("header", [" alpha", "Alpha", "ALPHA "])
def test_measures_refuses_a_measure_written_another_way(tmp_path, header):
    d = _measures(tmp_path, f"soc_code,{header}\n11-1011,5\n")
    with pytest.raises(DataFormatError) as err:
        exposure.load("measures", directory=d)
    assert (err.value.row, err.value.column) == (1, header)
    assert str(err.value).endswith(f"column {header!r} is 'alpha' written another way (case, spaces), which is "
                                   "read by that name only: rename it 'alpha'")
    # read as it is without validation
    assert header in exposure.load("measures", directory=d, validate=False).columns


def test_measures_refuses_a_measure_twice_written_two_ways(tmp_path):
    d = _measures(tmp_path, "soc_code,alpha,Tot Emp,tot_emp\n11-1011,0.5,3,4\n")
    with pytest.raises(DataFormatError, match=r"column 'Tot Emp' is 'tot_emp' written another way \(case, "
                       r"spaces\), which is read by that name only, beside 'tot_emp' itself: delete one of them$"):
        exposure.load("measures", directory=d)
    # a column that is none of the table's: read as before, unchecked
    other = _measures(tmp_path / "other", "soc_code,note,alpha\n11-1011,x,0.5\n")
    assert list(exposure.load("measures", directory=other).columns) == ["soc_code", "note", "alpha"]


def test_measures_names_a_soc_code_written_another_way(tmp_path):
    d = _measures(tmp_path, "SOC_CODE,alpha\n11-1011,0.5\n")
    for validate in (True, False):
        with pytest.raises(DataFormatError) as err:
            exposure.load("measures", directory=d, validate=validate)
        assert str(err.value).endswith("missing column 'soc_code' (columns are ['SOC_CODE', 'alpha']); 'SOC_CODE' "
                                       "is 'soc_code' written another way: rename it 'soc_code'")


# 3. a year written as the float it was read as

def test_release_text_of_a_year_read_as_a_float(tmp_path):
    store = DataStore(cache=tmp_path, home=tmp_path)  # no recompute: the shipped tables
    assert tables_dir("2025.0", store=store) == processed_dir()
    assert load_manifest(release="2025.0", store=store)["releases"]["oews"] == "2025"
    frame = exposure.load("soc", release="2025.0", store=store)
    assert frame.attrs["exposure_directory"] == str(processed_dir())
    # an O*NET release is not a year: '29.0' stays the text it is
    with pytest.raises(ExposureError, match="no processed tables for release '29.0'"):
        tables_dir("29.0", store=store)


def test_release_text_of_a_year_checks_a_directory(tmp_path):
    d = tmp_path / "out"
    d.mkdir()
    (d / "manifest.json").write_text('{"releases": {"onet": "29.1", "oews": "2025"}}')
    assert load_manifest(d, release="2025.0")["releases"] == {"onet": "29.1", "oews": "2025"}


# 4. the path of the measures table given as the table's name

def test_load_names_the_directory_of_a_measures_table_path(tmp_path):
    d = _measures(tmp_path / "my out", "soc_code,alpha\n11-1011,0.5\n")
    path = d / "reports" / "measures_table.csv"
    with pytest.raises(ExposureError) as err:
        exposure.load(str(path))
    assert str(err.value) == (f"unknown table {str(path)!r}: give the table's name, 'measures', not its file "
                              f"name (for the file in {str(path.parent)!r}, pass directory={str(d)!r})")
    # following the advice reads that file (it was the shipped table)
    assert exposure.load("measures", directory=str(d))["alpha"].tolist() == [0.5]


def test_load_says_where_a_measures_table_outside_reports_goes(tmp_path):
    with pytest.raises(ExposureError) as err:
        exposure.load("out/measures_table.csv")
    assert str(err.value) == (
        "unknown table 'out/measures_table.csv': give the table's name, 'measures', not its file name "
        "(load('measures', directory=D) reads D/reports/measures_table.csv: for the file in 'out', move it "
        "into 'out/reports' and pass directory='out')")
    with pytest.raises(ExposureError, match="^unknown table 'measures_table.csv': give the table's name, "
                       "'measures', not its file name$"):
        exposure.load("measures_table.csv")
