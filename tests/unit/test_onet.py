"""Unit tests of exposure.onet on hand-written fixtures (tests/data/onet)."""

from __future__ import annotations

import dataclasses

import openpyxl
import pandas as pd
import pytest

from exposure import onet, sources
from exposure.errors import DataFormatError, ExposureError, SchemaError


@pytest.fixture()
def onet_dir(fixtures):
    return fixtures / "onet"


@pytest.fixture()
def bad(fixtures):
    return fixtures / "onet" / "bad"


# --------------------------------------------------------------------------------------
# 29.1 text layout
# --------------------------------------------------------------------------------------


def test_read_tasks_values_quotes_and_crlf(onet_dir):
    raw = (onet_dir / "Task Statements.txt").read_bytes()
    assert b"\r\n" in raw  # the fixture has CRLF line endings, as O*NET publishes
    tasks = onet.read_tasks(onet_dir / "Task Statements.txt")
    assert list(tasks.columns) == [
        "onetsoc_code", "task_id", "task", "task_type", "incumbents_responding", "date",
        "domain_source",
    ]
    assert len(tasks) == 5
    # double quotes survive verbatim, no stray \r at line ends
    assert tasks.loc[0, "task"] == 'Conduct "head counts" before board votes.'
    assert tasks.loc[2, "task"] == 'Draft "green" policies; review "the" plan.'
    assert tasks.loc[4, "task"] == 'Test code, "end-to-end".'
    assert not tasks["domain_source"].str.contains("\r").any()
    assert tasks["task_id"].tolist() == [101, 102, 103, 104, 105]
    assert tasks["task_type"].isna().tolist() == [False, False, True, False, False]
    assert tasks["task_type"].dropna().tolist() == ["Core", "Supplemental", "Core", "Supplemental"]
    assert tasks["incumbents_responding"].tolist() == [95, 95, pd.NA, 120, pd.NA]
    assert str(tasks["incumbents_responding"].dtype) == "Int64"


def test_read_occupations_keeps_quotes_and_has_empty_job_zone(onet_dir):
    occ = onet.read_occupations(onet_dir / "Occupation Data.txt")
    assert occ["onetsoc_code"].tolist() == ["11-1011.00", "11-1011.03", "15-1252.00", "15-1299.00"]
    assert occ.loc[2, "description"] == 'Write "clean" code for made-up products.'
    assert occ["job_zone"].isna().all()


def test_read_reference_tables(onet_dir):
    td = onet.read_task_dwas(onet_dir / "Tasks to DWAs.txt")
    assert td[["onetsoc_code", "task_id", "dwa_id"]].values.tolist()[2] == [
        "15-1252.00", 104, "4.A.3.b.1.I01.D01"
    ]
    dwas = onet.read_dwas(onet_dir / "DWA Reference.txt")
    assert list(dwas.columns) == ["dwa_id", "dwa_title", "iwa_id", "element_id"]
    assert dwas.set_index("dwa_id").loc["4.A.4.b.4.I09.D02", "iwa_id"] == "4.A.4.b.4.I09"
    iwas = onet.read_iwas(onet_dir / "IWA Reference.txt")
    assert iwas["element_id"].tolist() == ["4.A.3.b.1", "4.A.4.b.4"]
    jz = onet.read_job_zones(onet_dir / "Job Zones.txt")
    assert jz["job_zone"].tolist() == [5, 5, 4]
    et = onet.read_emerging_tasks(onet_dir / "Emerging Tasks.txt")
    assert et["original_task_id"].tolist() == [102, pd.NA]
    assert et["original_task"].isna().tolist() == [False, True]
    assert et["category"].tolist() == ["Revision", "New"]


def test_read_task_ratings_scales(onet_dir):
    tr = onet.read_task_ratings(onet_dir / "Task Ratings.txt")
    assert len(tr) == 11
    im = tr[(tr["scale_id"] == "IM") & (tr["task_id"] == 101)].iloc[0]
    assert im["data_value"] == 4.5 and pd.isna(im["category"]) and im["n"] == 60
    ft = tr[tr["scale_id"] == "FT"]
    assert ft["category"].tolist() == [1, 2, 3, 4, 5, 6, 7]
    assert ft["data_value"].sum() == pytest.approx(100.0)
    # n/a standard error and CI bounds are missing; Y/N -> boolean
    last = tr.iloc[-1]
    assert pd.isna(last["standard_error"]) and pd.isna(last["upper_ci_bound"])
    assert tr["recommend_suppress"].tolist().count(True) == 2


def _ratings_with(tmp_path, onet_dir, old, new):
    text = (onet_dir / "Task Ratings.txt").read_text()
    assert old in text
    path = tmp_path / "Task Ratings.txt"
    path.write_text(text.replace(old, new, 1))
    return path


def test_task_ratings_im_out_of_range(tmp_path, onet_dir):
    path = _ratings_with(tmp_path, onet_dir, "IM\tn/a\t4.50", "IM\tn/a\t6.50")
    # one failure, naming the value's column (a row-wise check was reported once per column
    # of the row, the first named 'onetsoc_code')
    with pytest.raises(SchemaError, match=r"row \d+, column 'Data Value': IM \(importance\) values lie in \[1, 5\]; got 6.5 \(check im_range\)$") as info:
        onet.read_task_ratings(path)
    assert info.value.column == "Data Value"


def test_task_ratings_category_by_scale_names_the_category(tmp_path, onet_dir):
    path = _ratings_with(tmp_path, onet_dir, "IM\tn/a\t4.50", "IM\t3\t4.50")
    with pytest.raises(SchemaError, match=r"column 'Category': FT rows have a category, IM/RT rows none; got 3 \(check category_by_scale\)") as info:
        onet.read_task_ratings(path)
    assert info.value.column == "Category"


def test_task_ratings_rt_over_100(tmp_path, onet_dir):
    path = _ratings_with(tmp_path, onet_dir, "RT\tn/a\t95.00", "RT\tn/a\t195.00")
    with pytest.raises(SchemaError) as err:
        onet.read_task_ratings(path)
    assert err.value.row == 3 and err.value.column == "Data Value"


def test_task_ratings_ft_category_out_of_range(tmp_path, onet_dir):
    path = _ratings_with(tmp_path, onet_dir, "FT\t7\t", "FT\t8\t")
    with pytest.raises(SchemaError) as err:
        onet.read_task_ratings(path)
    assert err.value.column == "Category" and err.value.row == 10


def test_task_ratings_bad_suppress_flag(tmp_path, onet_dir):
    path = _ratings_with(tmp_path, onet_dir, "4.70\tN\t", "4.70\tmaybe\t")
    with pytest.raises(DataFormatError) as err:
        onet.read_task_ratings(path)
    assert err.value.row == 2 and err.value.column == "Recommend Suppress"


# --------------------------------------------------------------------------------------
# bad input: each case names the file, and the row and column where it applies
# --------------------------------------------------------------------------------------
# (the generic reader's cases in detail: tests/unit/test_tables.py)


@pytest.mark.parametrize(
    "name, row, column, message",
    [
        ("truncated.txt", 4, "Task Type", "too few fields: expected 7, got 3"),
        ("extra_field.txt", 3, None, "too many fields: expected 7, got 8"),
        ("non_utf8.txt", 4, "Task", "0xe9"),
        ("error_page.txt", None, None, "HTML"),
        ("empty.txt", None, None, "empty"),
    ],
)
def test_unreadable_task_files(bad, name, row, column, message):
    with pytest.raises(DataFormatError, match=message) as err:
        onet.read_tasks(bad / name)
    e = err.value
    assert e.path.endswith(name) and e.row == row and e.column == column




def test_renamed_column(bad):
    with pytest.raises(DataFormatError) as err:
        onet.read_tasks(bad / "renamed_column.txt")
    msg = str(err.value)
    assert "renamed_column.txt" in msg and "'Task ID'" in msg and "Task Identifier" in msg


def test_missing_column(tmp_path, onet_dir):
    lines = (onet_dir / "Job Zones.txt").read_text().splitlines()
    path = tmp_path / "Job Zones.txt"
    path.write_text("\n".join("\t".join(x.split("\t")[:1] + x.split("\t")[2:]) for x in lines))
    with pytest.raises(DataFormatError, match="missing column.*'Job Zone'"):
        onet.read_job_zones(path)


def test_malformed_code(bad):
    with pytest.raises(SchemaError) as err:
        onet.read_tasks(bad / "malformed_code.txt")
    e = err.value
    assert e.row == 3 and e.column == "O*NET-SOC Code" and "11-101.00" in str(e)
    assert e.path.endswith("malformed_code.txt")


def test_duplicate_key(bad):
    with pytest.raises(SchemaError) as err:
        onet.read_tasks(bad / "duplicate_key.txt")
    e = err.value
    assert "uniqueness" in str(e) and e.row == 2
    assert "row 4" in str(e)  # the repeated line is listed too






def test_bad_number_names_row_and_column(bad):
    with pytest.raises(DataFormatError) as err:
        onet.read_tasks(bad / "bad_number.txt")
    assert err.value.row == 3 and err.value.column == "Incumbents Responding"





# --------------------------------------------------------------------------------------
# 30.1 Excel layout (adds Title columns)
# --------------------------------------------------------------------------------------


def _txt_to_xlsx(src, dest, extra: dict | None = None):
    """Write an O*NET text fixture as a 30.1-style workbook, inserting extra columns."""
    frame = pd.read_csv(src, sep="\t", dtype=str, keep_default_na=False, quoting=3)
    for pos, (name, value) in enumerate((extra or {}).items(), start=1):
        frame.insert(pos, name, value)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = src.stem
    ws.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        ws.append([None if v in ("", "n/a") else v for v in row])
    wb.save(dest)
    return dest


@pytest.fixture()
def xlsx_release(tmp_path, onet_dir):
    out = tmp_path / "30.1"
    out.mkdir()
    title = {"Title": "Some Title"}
    for name, extra in [
        ("Occupation Data", None),
        ("Task Statements", title),
        ("Tasks to DWAs", title),
        ("DWA Reference", {"Element Name": "GWA"}),
        ("IWA Reference", {"Element Name": "GWA"}),
        ("Job Zones", title),
        ("Emerging Tasks", title),
        ("Task Ratings", title),
    ]:
        _txt_to_xlsx(onet_dir / f"{name}.txt", out / f"{name}.xlsx", extra)
    return out


def test_xlsx_layout_matches_text_layout(xlsx_release, onet_dir):
    for name, reader in [
        ("Occupation Data", onet.read_occupations),
        ("Task Statements", onet.read_tasks),
        ("Tasks to DWAs", onet.read_task_dwas),
        ("DWA Reference", onet.read_dwas),
        ("IWA Reference", onet.read_iwas),
        ("Job Zones", onet.read_job_zones),
        ("Emerging Tasks", onet.read_emerging_tasks),
        ("Task Ratings", onet.read_task_ratings),
    ]:
        from_xlsx = reader(xlsx_release / f"{name}.xlsx")
        from_txt = reader(onet_dir / f"{name}.txt")
        pd.testing.assert_frame_equal(from_xlsx, from_txt, check_dtype=True, obj=name)



def test_xlsx_malformed_code_names_sheet_row(xlsx_release):
    wb = openpyxl.load_workbook(xlsx_release / "Task Statements.xlsx")
    wb.active["A4"] = "11-1011"
    wb.save(xlsx_release / "Task Statements.xlsx")
    with pytest.raises(SchemaError) as err:
        onet.read_tasks(xlsx_release / "Task Statements.xlsx")
    assert err.value.row == 4 and err.value.column == "O*NET-SOC Code"


def test_xlsx_missing_column(xlsx_release):
    wb = openpyxl.load_workbook(xlsx_release / "Job Zones.xlsx")
    wb.active["C1"] = "Zone"
    wb.save(xlsx_release / "Job Zones.xlsx")
    with pytest.raises(DataFormatError, match="missing column.*'Job Zone'"):
        onet.read_job_zones(xlsx_release / "Job Zones.xlsx")


# --------------------------------------------------------------------------------------
# load_onet and referential integrity
# --------------------------------------------------------------------------------------


@pytest.fixture()
def fake_fetch(monkeypatch, onet_dir, xlsx_release):
    """Resolve registry names to the fixture files instead of the verified cache."""
    seen = []

    def fetch(name, *, mirror=None, data_dir=None, store=None):
        name = getattr(name, "name", name)  # fetch_table passes the resolved Source
        seen.append(name)
        release, base = name.split("/")[1], name.split("/")[2]
        return (onet_dir if release == "29.1" else xlsx_release) / base

    monkeypatch.setattr("exposure.fetch.fetch", fetch)
    monkeypatch.setattr("exposure.fetch.fetch_table",
                        lambda name, reader, **kwargs: reader(fetch(name)))
    return seen


def test_load_onet_merges_job_zone_and_skips_absent_ratings(fake_fetch):
    rel = onet.load_onet("29.1")
    assert rel.release == "29.1"
    assert rel.task_ratings is None  # not in the registry for 29.1
    assert not any("Task Ratings" in n for n in fake_fetch)
    assert rel.occupations["job_zone"].tolist() == [5, 5, 4, pd.NA]
    assert rel.row_counts() == {
        "occupations": 4, "tasks": 5, "task_ratings": None, "task_dwas": 4, "dwas": 2,
        "iwas": 2, "job_zones": 3, "emerging_tasks": 2,
    }
    with pytest.raises(dataclasses.FrozenInstanceError):
        rel.release = "x"


def test_load_onet_xlsx_release(fake_fetch):
    rel = onet.load_onet("30.1")
    assert len(rel.tasks) == 5 and rel.tasks.loc[0, "task"].startswith('Conduct "head')
    assert all(n.endswith(".xlsx") for n in fake_fetch)


def test_load_onet_reads_ratings_when_registered(fake_fetch, monkeypatch):
    names = set(sources.SOURCES) | {"onet/29.1/Task Ratings.txt"}
    monkeypatch.setattr(onet, "_registry_names", lambda: names)
    rel = onet.load_onet("29.1")
    assert len(rel.task_ratings) == 11


def test_load_onet_malformed_release():
    with pytest.raises(ExposureError, match="O\\*NET release '28' is not of the form"):
        onet.load_onet("28")


def _release(onet_dir, **override):
    tables = {
        "occupations": onet.read_occupations(onet_dir / "Occupation Data.txt"),
        "tasks": onet.read_tasks(onet_dir / "Task Statements.txt"),
        "task_dwas": onet.read_task_dwas(onet_dir / "Tasks to DWAs.txt"),
        "dwas": onet.read_dwas(onet_dir / "DWA Reference.txt"),
        "iwas": onet.read_iwas(onet_dir / "IWA Reference.txt"),
        "job_zones": onet.read_job_zones(onet_dir / "Job Zones.txt"),
        "emerging_tasks": onet.read_emerging_tasks(onet_dir / "Emerging Tasks.txt"),
        "task_ratings": onet.read_task_ratings(onet_dir / "Task Ratings.txt"),
    }
    tables.update(override)
    return onet.OnetRelease(release="t", **tables)


def test_check_references_passes_on_fixture(onet_dir):
    onet.check_references(_release(onet_dir))


@pytest.mark.parametrize(
    "table, column, value, expect",
    [
        ("tasks", "onetsoc_code", "19-9999.00", "tasks.*onetsoc_code.*occupations.*19-9999.00"),
        ("task_dwas", "dwa_id", "4.A.1.a.1.I01.D99", "task_dwas.*dwa_id.*dwas.*4.A.1.a.1.I01.D99"),
        ("dwas", "iwa_id", "4.A.1.a.1.I77", "dwas.*iwa_id.*iwas.*4.A.1.a.1.I77"),
        ("task_dwas", "task_id", 999, "task_dwas.*task_id.*tasks"),
        ("task_ratings", "task_id", 999, "task_ratings.*tasks"),
        ("job_zones", "onetsoc_code", "19-9999.00", "job_zones.*occupations"),
    ],
)
def test_check_references_names_table_column_value(onet_dir, table, column, value, expect):
    rel = _release(onet_dir)
    frame = getattr(rel, table).copy()
    frame.loc[len(frame) - 1, column] = value
    with pytest.raises(SchemaError, match=expect) as err:
        onet.check_references(_release(onet_dir, **{table: frame}))
    assert err.value.path == table and column in err.value.column
    assert err.value.row == len(frame) - 1



def test_the_quick_reference_look_leaves_what_it_cannot_decide_to_pandas():
    """Sets of str/int keys say "all found"; missing keys and mixed types go to pandas."""
    codes = pd.DataFrame({"k": pd.Series(["a", "b"], dtype="str"), "n": [1, 2]})
    assert onet._all_found(codes.iloc[:1], ["k", "n"], codes, ["k", "n"])
    assert not onet._all_found(codes.assign(n=[1, 3]), ["k", "n"], codes, ["k", "n"])
    with_na = codes.assign(k=pd.Series(["a", None], dtype="str"))
    assert not onet._all_found(with_na, ["k"], with_na, ["k"])
    as_text = codes.assign(n=["1", "2"])
    assert not onet._all_found(as_text, ["n"], codes, ["n"])
    with pytest.raises(SchemaError, match="first: \\('a', '1'\\)"):
        onet._check_subset(as_text, "child", ["k", "n"], codes, "parent")
