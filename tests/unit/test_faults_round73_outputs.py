"""Fault round 73, writers and output directories, outcomes and figures (each test failed before its fix).

1. The writers (:func:`exposure._io.write_csv`, ``write_parquet``, ``write_xlsx``,
   ``write_stata``, and :func:`exposure._tables.write_frame` for ``.csv``, ``.tsv``,
   ``.parquet``, ``.xlsx`` and ``.dta``) left out the index, named or not: a frame indexed
   by its codes (``set_index("soc_code")``, ``groupby("soc_code").mean()``) was written
   as its ``beta`` column alone, read back as ``{'beta': [0.5, 0.2]}``, the codes lost
   without a word (``write_parquet`` documented it, the others said "no index"). A named
   index is written as its column(s) now, as ``reset_index()`` makes them
   (:func:`exposure._io.index_as_columns`), by every writer alike; an unnamed one (row
   numbers) is left out as before, so the library's own tables are written byte for byte
   as before. A level named as a column and holding the same values
   (``set_index("soc_code", drop=False)``) is written once; one holding other values is
   refused, naming the row and column (``o.csv, row 3, column 'soc_code': the index is
   named 'soc_code', as a column is, but holds other values ...``). ``check_xlsx`` and
   ``check_stata`` check the index's cells as the columns they become (a date index before
   1900 was written silently: it was left out), and so does the ``.tsv`` writer (a tab in
   an index cell is refused as in any column, not Python's ``csv.Error: need to escape``).
2. :func:`exposure.reports.outcomes.quintile_table` named group 1 the least exposed and
   the last group present the most exposed: when tied values left group 1 (and 2) empty
   (a measure that is 0 for most occupations: ``exposure outcomes`` warns that it fills 3
   of the 5 groups), the columns were ``Q3``, ``Q4``, ``Q5 (most exposed)``, no group
   named the least exposed; a table of group 3 alone was ``Q3 (most exposed)``. The first
   group present is the least exposed now (``Q3 (least exposed)``), and a table of one
   group is ``Q3 (all occupations)``.
3. An artifact the registry does not pin (or pins with another sha256) whose
   ``registry.txt`` beside it pins it was told ``load it with that registry
   (load_model(path, registry='.../registry.txt'), then pass the model)``. Right for
   ``score_tasks(model=...)``; not for a caller that takes the artifact's path and
   verifies it against the package's registry (``exposure.dask.score(...,
   model_path=...)``, :mod:`exposure.spark`), which takes no model and no registry. Such a
   caller now loads within :func:`exposure._io.pinned_argument` (``"model_path"``): the
   advice says that ``model_path=`` is verified against the package's own registry and
   takes no other, and to pass the model loaded with that registry to
   ``exposure.score_tasks(..., model=model)`` (which works); a caller that takes a
   registry too (``pinned_argument("model_path", "registry", call="exposure.dask.score")``)
   is told to pass both (``exposure.dask.score(..., model_path='.../m.npz',
   registry='.../registry.txt')``). Without it the advice is as before.
4. A new figure (:func:`exposure.reports.figures.save_png`, ``write_png`` as
   ``exposure outcomes`` and ``render_results`` write them) was made
   ``0o644`` whatever the umask: under ``umask 077`` the figures of a run were readable by
   every user while its tables were ``0o600``, under ``umask 002`` not writable by the
   group as the tables were. It takes ``0o666`` less the umask now, as every other output
   (``0o644`` under the usual ``022``, as before); a file replaced keeps its own bits, as
   before.
5. ``write_csv(..., formulas=...)`` (and ``exposure._tables.write_frame`` to ``.csv`` or
   ``.tsv``) given a value it does not know raised a bare ``ValueError: formulas must be
   'neutralise' or 'keep', not 'neutralize'`` (not an ``ExposureError``), also for
   ``True`` or a list, with no word on the American spelling or the case. It is a
   ``DataFormatError`` now: ``formulas must be one of neutralise, keep, got 'neutralize':
   write 'neutralise' (British spelling)``, ``... got 'Keep': write 'keep' (the choices
   are case-sensitive)``, ``formulas must be one of neutralise, keep (str), got bool
   True``.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import shutil
import stat
import tempfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

from exposure._io import (
    atomic_paths,
    check_stata,
    check_xlsx,
    index_as_columns,
    pinned_argument,
    write_csv,
    write_parquet,
    write_stata,
    write_xlsx,
)
from exposure._tables import read_frame, write_frame
from exposure.errors import ChecksumMismatchError, DataFormatError
from exposure.reports.figures import plot_distribution, save_png, write_png
from exposure.reports.outcomes import quintile_table
from exposure.scoring import score_tasks
from exposure.scoring.learned import load_model, shipped_model_path

CODES = ["15-1252", "11-1011", "43-4171"]


def _by_code() -> pd.DataFrame:
    """Scores indexed by their SOC codes, as ``set_index("soc_code")`` leaves them."""
    return pd.DataFrame({"beta": [0.5, 0.25, 0.75]}, index=pd.Index(CODES, name="soc_code"))


# ------------------------------------------------ 1. a named index is written as its column
@pytest.mark.parametrize("suffix", ["csv", "tsv", "parquet", "xlsx", "dta"])
def test_write_frame_keeps_the_codes_of_a_named_index(tmp_path, suffix):
    back = read_frame(write_frame(_by_code(), tmp_path / f"scores.{suffix}"))
    assert list(back.columns) == ["soc_code", "beta"]
    assert back["soc_code"].tolist() == CODES
    assert pd.to_numeric(back["beta"]).tolist() == [0.5, 0.25, 0.75]


@pytest.mark.parametrize("writer", [write_csv, write_parquet, write_xlsx, write_stata])
def test_each_writer_writes_a_named_index_as_reset_index_would(tmp_path, writer):
    frame = _by_code()
    a, b = tmp_path / "indexed", tmp_path / "reset"
    a.mkdir(), b.mkdir()
    name = {write_csv: "o.csv", write_parquet: "o.parquet", write_xlsx: "o.xlsx", write_stata: "o.dta"}[writer]
    writer(frame, a / name)
    writer(frame.reset_index(), b / name)
    assert (a / name).read_bytes() == (b / name).read_bytes()


def test_a_groupby_result_keeps_its_keys(tmp_path):
    tasks = pd.DataFrame({"soc_code": ["15-1252", "15-1252", "11-1011"], "year": [2024, 2024, 2023],
                          "beta": [0.4, 0.6, 0.1]})
    means = tasks.groupby(["soc_code", "year"]).mean()  # a MultiIndex of two named levels
    back = pq.read_table(write_parquet(means, tmp_path / "m.parquet")).to_pandas()
    assert back.to_dict("list") == {"soc_code": ["11-1011", "15-1252"], "year": [2023, 2024], "beta": [0.1, 0.5]}


@pytest.mark.parametrize(("suffix", "where"), [("csv", "a CSV file"), ("tsv", "a CSV file"),
                                               ("parquet", "a Parquet file"), ("xlsx", "an .xlsx sheet"),
                                               ("dta", "a Stata .dta file")])
def test_a_level_named_as_a_column_with_other_values_is_refused(tmp_path, suffix, where):
    frame = pd.DataFrame({"soc_code": CODES, "beta": [0.5, 0.25, 0.75]}).set_index("soc_code", drop=False)
    back = read_frame(write_frame(frame, tmp_path / f"once.{suffix}"))  # the same values: written once
    assert list(back.columns) == ["soc_code", "beta"]
    (tmp_path / f"once.{suffix}").unlink()
    frame.index = pd.Index(["15-1252", "11-1011", "99-9999"], name="soc_code")
    path = tmp_path / f"o.{suffix}"
    if suffix == "tsv":
        where = "a .tsv file"
    with pytest.raises(DataFormatError) as info:
        write_frame(frame, path)
    assert str(info.value) == (
        f"{path}, row 4, column 'soc_code': the index is named 'soc_code', as a column is, but holds other "
        f"values ('99-9999' in the index, '43-4171' in the column), and {where} holds one column of a name; "
        "rename the index (frame.rename_axis(...)) or leave it out (frame.reset_index(drop=True))")
    assert list(tmp_path.iterdir()) == []


def test_index_names_that_clash_are_refused(tmp_path):
    frame = pd.DataFrame({"level_1": [1, 2], "v": [3, 4]},
                         index=pd.MultiIndex.from_tuples([("a", 1), ("b", 2)], names=["soc", None]))
    with pytest.raises(DataFormatError, match=r"o\.parquet: the index cannot be written as columns "
                                              r"\(cannot insert level_1, already exists\)"):
        write_parquet(frame, tmp_path / "o.parquet")


def test_an_unnamed_index_is_left_out_as_before(tmp_path):
    frame = pd.DataFrame({"soc_code": CODES, "beta": [0.5, 0.25, 0.75]})
    filtered = frame.set_axis([4, 9, 20])  # what a filter leaves: row labels, not data
    for suffix in ("csv", "parquet", "xlsx", "dta"):
        a, b = tmp_path / f"a.{suffix}", tmp_path / f"b.{suffix}"
        write_frame(filtered, a), write_frame(frame, b)
        assert a.read_bytes() == b.read_bytes()
        assert list(read_frame(a).columns) == ["soc_code", "beta"]
        named = read_frame(write_frame(filtered.rename_axis("row"), tmp_path / f"n.{suffix}"))
        assert list(named.columns) == ["row", "soc_code", "beta"]  # named: data
    assert index_as_columns(filtered, "o.csv", "a CSV file") is filtered


def test_an_index_argument_to_write_csv_is_passed_as_given(tmp_path):
    path = write_csv(_by_code(), tmp_path / "o.csv")
    assert path.read_text() == "soc_code,beta\n15-1252,0.5\n11-1011,0.25\n43-4171,0.75\n"
    write_csv(_by_code(), path, index=False)  # the caller leaves it out
    assert path.read_text() == "beta\n0.5\n0.25\n0.75\n"


def test_the_checks_see_the_index_as_the_column_it_becomes():
    frame = pd.DataFrame({"n": [1]}, index=pd.Index([datetime.date(1899, 12, 31)], name="posted"))
    with pytest.raises(DataFormatError, match=r"o\.xlsx, row 2, column 'posted': a cell holds the date 1899-12-31"):
        check_xlsx(frame, "o.xlsx")
    big = pd.DataFrame({"n": [1]}, index=pd.Index(np.array([2**62], dtype=np.int64), name="posting_id"))
    with pytest.raises(DataFormatError, match=r"o\.dta, row 2, column 'posting_id'"):
        check_stata(big, "o.dta")


def test_a_tab_in_a_named_index_of_a_tsv_output_is_refused(tmp_path):
    frame = pd.DataFrame({"beta": [0.5, 0.25]}, index=pd.Index(["15-1252", "Software\tdevelopers"], name="title"))
    path = tmp_path / "o.tsv"
    with pytest.raises(DataFormatError) as info:  # csv's "need to escape, but no escapechar set" otherwise
        write_frame(frame, path)
    assert str(info.value) == (f"{path}, row 3, column 'title': a cell holds a tab or a line break, which a "
                               ".tsv file cannot hold; write .csv or .parquet")
    assert list(tmp_path.iterdir()) == []


def test_a_named_index_in_a_workbook(tmp_path):
    path = write_xlsx(_by_code(), tmp_path / "o.xlsx")
    rows = [[c.value for c in row] for row in openpyxl.load_workbook(path).active.iter_rows()]
    assert rows == [["soc_code", "beta"], ["15-1252", 0.5], ["11-1011", 0.25], ["43-4171", 0.75]]


# --------------------------------------------- 2. the first group present is the least exposed
@pytest.mark.parametrize(("groups", "names"), [
    ([3, 4, 5], ["Q3 (least exposed)", "Q4", "Q5 (most exposed)"]),
    ([2, 3], ["Q2 (least exposed)", "Q3 (most exposed)"]),
    ([3], ["Q3 (all occupations)"]),
])
def test_quintile_table_names_the_groups_at_both_ends(groups, names):
    growth = pd.DataFrame({"measure": "share_admin", "group": groups, "emp_growth_post": 0.01})
    assert list(quintile_table(growth).columns) == ["measure", *names]


def test_quintile_table_of_measures_filling_other_groups():
    growth = pd.DataFrame({"measure": ["beta"] * 3 + ["share_admin"] * 2, "group": [2, 3, 4, 3, 4],
                           "emp_growth_post": [0.01, 0.02, 0.03, 0.04, 0.05]})
    table = quintile_table(growth)
    assert list(table.columns) == ["measure", "Q2 (least exposed)", "Q3", "Q4 (most exposed)"]
    assert np.isnan(table["Q2 (least exposed)"].iloc[1])
    # group 1 present in one measure: named as before
    growth.loc[0, "group"] = 1
    assert list(quintile_table(growth).columns) == ["measure", "Q1 (least exposed)", "Q3", "Q4 (most exposed)"]


# ------------------------------------------- 3. the advice fits a caller taking model_path=
@pytest.fixture
def own_model(tmp_path):
    """The shipped model copied as ``m.npz`` with its index and vectors, pinned in a registry.txt beside it."""
    shipped = shipped_model_path().parent
    d = tmp_path / "models"
    d.mkdir()
    shutil.copy(shipped / "learned-v1.npz", d / "m.npz")
    for name in ("retrieval-v1.npz", "vectors-v1.npz"):
        shutil.copy(shipped / name, d / name)
    lines = [f"{p.name} {hashlib.sha256(p.read_bytes()).hexdigest()}" for p in sorted(d.iterdir())]
    (d / "registry.txt").write_text("\n".join(lines) + "\n")
    return d / "m.npz"


def test_the_advice_to_a_caller_taking_model_path(own_model):
    registry = own_model.parent / "registry.txt"
    with pinned_argument("model_path"), pytest.raises(DataFormatError) as info:
        load_model(own_model)
    assert str(info.value).endswith(
        f"{registry} beside it pins it: load it with that registry (load_model(path, registry='{registry}'), "
        "then pass the model to exposure.score_tasks(..., model=model): model_path= is verified against the "
        "package's own registry and takes no other)")
    # outside the block, the advice is as before
    with pytest.raises(DataFormatError, match=r"load_model\(path, registry='.*'\), then pass the model\)$"):
        load_model(own_model)
    # the advice works
    model = load_model(own_model, registry=registry)
    out = score_tasks(pd.DataFrame({"task": ["Weld metal parts."]}), model=model)
    assert out["label"].tolist() == ["E0"]


def test_the_advice_to_a_caller_taking_a_registry_too(own_model):
    registry = own_model.parent / "registry.txt"
    with pinned_argument("model_path", "registry"), pytest.raises(DataFormatError) as info:
        load_model(own_model)
    assert str(info.value).endswith(
        f"{registry} beside it pins it: load it with that registry (model_path='{own_model}', "
        f"registry='{registry}')")
    with pinned_argument("model_path", "registry", call="exposure.dask.score"), \
            pytest.raises(DataFormatError) as info:
        load_model(own_model)
    assert str(info.value).endswith(
        f"(exposure.dask.score(..., model_path='{own_model}', registry='{registry}'))")


def test_the_advice_on_a_changed_file_to_a_caller_taking_model_path(tmp_path):
    d = tmp_path / "models"
    d.mkdir()
    path = d / "learned-v1.npz"  # the shipped model's name, retrained
    path.write_bytes(b"not the shipped model")
    (d / "registry.txt").write_text(f"learned-v1.npz {hashlib.sha256(path.read_bytes()).hexdigest()}\n")
    with pinned_argument("model_path"), pytest.raises(ChecksumMismatchError) as info:
        load_model(path)
    assert str(info.value).endswith(
        f"load it with that registry (load_model(path, registry='{d / 'registry.txt'}'), then pass the model to "
        "exposure.score_tasks(..., model=model): model_path= is verified against the package's own registry "
        "and takes no other)")


def test_an_unpinned_file_with_no_registry_beside_it(tmp_path):
    path = tmp_path / "m.npz"
    path.write_bytes(b"x")
    with pinned_argument("model_path"), pytest.raises(DataFormatError) as info:
        load_model(path)
    digest = hashlib.sha256(b"x").hexdigest()
    assert str(info.value).endswith(
        f"write a registry file holding the line 'm.npz {digest}' (as exposure train writes registry.txt "
        "beside the model it trains) and load it with that registry (load_model(path, registry=...), then "
        "pass the model to exposure.score_tasks(..., model=model): model_path= is verified against the "
        "package's own registry and takes no other)")
    assert Path(path).exists()


# ------------------------------------------------ 4. a new figure takes the umask's permissions
SOC = pd.DataFrame({"soc_code": ["15-1252", "11-1011"], "tot_emp": [5.0, 15.0], "alpha": [0.0, 0.4],
                    "beta": [0.1, 0.6], "gamma": [0.2, 0.8]})


@pytest.fixture
def umask():
    """Set the process's umask for the test (restored after)."""
    old = os.umask(0o022)
    yield os.umask
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("mask", "mode"), [(0o077, 0o600), (0o002, 0o664), (0o027, 0o640)])
def test_a_new_figure_is_as_private_as_the_tables(tmp_path, umask, mask, mode):
    umask(mask)
    png = save_png(plot_distribution(SOC), tmp_path / "distribution.png")
    table = write_csv(SOC, tmp_path / "soc.csv")
    assert (_mode(png), _mode(table)) == (mode, mode)
    # a set of files (write_outcomes, render_results)
    with atomic_paths([tmp_path / "set" / "a.png", tmp_path / "set" / "a.csv"]) as (a, b):
        write_png(plot_distribution(SOC), a)
        write_csv(SOC, b)
    assert [_mode(tmp_path / "set" / n) for n in ("a.png", "a.csv")] == [mode, mode]
    # a private temporary file of the caller's (mkstemp) is made readable as a new file is
    fd, name = tempfile.mkstemp(dir=tmp_path, suffix=".tmp")
    os.close(fd)
    write_png(plot_distribution(SOC), Path(name))
    assert _mode(Path(name)) == mode


# ------------------------------------------------- 5. write_csv's formulas: an ExposureError
@pytest.mark.parametrize(("formulas", "said"), [
    ("neutralize", "formulas must be one of neutralise, keep, got 'neutralize': write 'neutralise' (British "
                   "spelling)"),
    ("Keep", "formulas must be one of neutralise, keep, got 'Keep': write 'keep' (the choices are "
             "case-sensitive)"),
    ("yes", "formulas must be one of neutralise, keep, got 'yes'"),
    (True, "formulas must be one of neutralise, keep (str), got bool True"),
    (["keep"], "formulas must be one of neutralise, keep (str), got list ['keep']"),
])
def test_write_csv_refuses_a_formulas_it_does_not_know(tmp_path, formulas, said):
    for write in (write_csv, write_frame):
        with pytest.raises(DataFormatError) as info:
            write(SOC, tmp_path / "o.csv", formulas=formulas)
        assert str(info.value) == said
    assert list(tmp_path.iterdir()) == []
