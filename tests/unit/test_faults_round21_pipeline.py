"""Round 21: recompute, rollup output directories, the roll-up's matching, and Census codes.

1. An output directory that is a symbolic link looping on itself (``out -> out``, or
   ``a -> b -> a``), or a path under one: ``exposure rollup -o``, ``exposure recompute
   --out`` (and :func:`exposure._outdir.check_output_dir`) ended in Python's
   ``RuntimeError: Symlink loop from ...`` traceback. Refused now, naming the path.
2. ``exposure recompute`` (:func:`exposure.pipeline.run_pipeline`) into a directory without
   a ``manifest.json`` (so not a recompute output) holding a file of the name of one of
   its tables (``task_digests.parquet`` of the user's own, an ``exposure rollup`` output's
   ``occupation_scores.parquet``): the file was replaced without a word. Refused now,
   before any stage runs, naming the file; nothing is touched.
3. ``exposure rollup -o DIR`` (:meth:`exposure.rollup.Rollup.write`) into a directory
   without a ``coverage.json`` (so not a roll-up output) holding a file of the name of
   one of the roll-up's tables in any format (``workforce.xlsx``, ``soc_scores.csv`` of
   the user's own): it was replaced, or removed when the roll-up wrote another format.
   Refused now, before any input is read, naming the file.
4. Task scores none of whose O*NET-SOC codes is in the crosswalk (codes of the
   O*NET-SOC 2010 taxonomy such as ``15-1132.00``), or a crosswalk none of whose SOC
   codes (for the scored occupations) is an OEWS code of the employment file: ``exposure
   rollup`` (and :func:`exposure.rollup.rollup`) wrote seven tables in which no OEWS
   code, sector or worker has a score ("coverage: 0.0000"), exit 0. Refused now, naming
   the file and an example code (``to_census_occ`` refuses the same).
5. :func:`exposure.rollup.national_detailed` (so ``to_soc``) with a cross-industry
   occupation given twice: ``duplicate cross-industry occupation code '11-1011'``, no row
   and no column. Now both rows and the column.
6. :func:`exposure.rollup.to_sectors` with an industry whose "All Occupations" total is
   given twice with different employment (two OEWS releases concatenated): the first was
   kept without a word (its coverage and suppressed employment computed from it).
   Refused now, naming both rows and the column.
7. :func:`exposure.rollup.to_census_occ`: a measure given only for O*NET-SOC codes
   without OEWS employment (military codes, ``**``) came out missing for a Census code
   that also holds a code with employment (but no value of that measure), though the
   same code alone gave the plain mean. Now such a measure takes the plain mean of its
   values, as the documented rule for a Census code without employment says.
8. :func:`exposure.dask.score_dataset` (``exposure score DIR -o OUT --engine dask``) run
   again into its output directory on a dataset of fewer partitions: the earlier run's
   last part files (``part-00001.parquet``, ``part-00002.parquet``) were kept beside the
   new ``part-00000.parquet``, and reading the output gave the rows of both runs, while
   the result said 1 task. The earlier run's part files are replaced or removed now;
   other files there are kept as before.

Tiny made-up files (in the layouts of the O*NET-SOC crosswalk and OEWS files) and frames
written by the tests; no mirror and no network.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from exposure import pipeline
from exposure._outdir import OutputPathError, check_output_dir
from exposure.cli import main
from exposure.errors import DataFormatError
from exposure.pipeline import Stage, run_pipeline
from exposure.rollup import national_detailed, rollup, to_census_occ, to_sectors
from exposure.schemas._catalog import TABLES

SCORES = (
    "onetsoc_code,task_id,label,alpha,beta,gamma,task_type\n"
    "11-1011.00,1,E1,1,1,1,Core\n"
    "11-1011.00,2,E0,0,0,0,Supplemental\n"
    "13-1021.00,3,E2,0,0.5,1,Core\n"
)
CROSSWALK = (
    "O*NET-SOC 2019 Code,O*NET-SOC 2019 Title,2018 SOC Code,2018 SOC Title\n"
    "11-1011.00,Chief Executives,11-1011,Chief Executives\n"
    '13-1021.00,"Buyers and Purchasing Agents, Farm Products",13-1021,'
    '"Buyers and Purchasing Agents, Farm Products"\n'
)
OEWS_HEADER = ("AREA,AREA_TITLE,AREA_TYPE,NAICS,NAICS_TITLE,I_GROUP,OCC_CODE,OCC_TITLE,O_GROUP,"
               "TOT_EMP,EMP_PRSE,H_MEAN,A_MEAN,MEAN_PRSE,H_MEDIAN,A_MEDIAN\n")
OEWS_ROWS = (
    '99,U.S.,1,000000,Cross-industry,cross-industry,00-0000,All Occupations,total,"1,500",0.1,50.00,'
    '"104,000",0.1,40.00,"83,200"\n'
    '99,U.S.,1,000000,Cross-industry,cross-industry,11-1011,Chief Executives,detailed,"1,000",0.1,96.15,'
    '"200,000",0.1,90.00,"187,200"\n'
    "99,U.S.,1,000000,Cross-industry,cross-industry,13-1020,Buyers and Purchasing Agents,detailed,500,0.1,"
    '38.46,"80,000",0.1,35.00,"72,800"\n'
)


def _files(tmp_path, scores=SCORES, crosswalk=CROSSWALK, oews=OEWS_ROWS):
    paths = {"scores": tmp_path / "scores.csv", "xw": tmp_path / "xw.csv", "emp": tmp_path / "oews.csv"}
    paths["scores"].write_text(scores)
    paths["xw"].write_text(crosswalk)
    paths["emp"].write_text(OEWS_HEADER + oews)
    return paths


def _rollup(capsys, files, out, *more) -> tuple[int, str]:
    code = main(["rollup", str(files["scores"]), "-o", str(out), "--crosswalk", str(files["xw"]),
                 "--employment", str(files["emp"]), *map(str, more)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ": error: " in ln]
    return code, (lines[0] if lines else "")


pytestmark = pytest.mark.usefixtures("no_env")


def test_the_fixture_rollup_runs(tmp_path, capsys):
    """The tiny files roll up (the tests below change one thing each)."""
    code, err = _rollup(capsys, _files(tmp_path), tmp_path / "out")
    assert (code, err) == (0, "")
    assert (tmp_path / "out" / "coverage.json").is_file()


# 1. a symbolic link that loops ------------------------------------------------------------

def _loops(tmp_path) -> dict[str, Path]:
    (tmp_path / "loop").symlink_to("loop")
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    return {"self": tmp_path / "loop", "pair": tmp_path / "a", "under": tmp_path / "loop" / "out"}


@pytest.mark.parametrize("which", ["self", "pair", "under"])
def test_an_output_path_through_a_symlink_loop_is_refused(tmp_path, which):
    out = _loops(tmp_path)[which]
    with pytest.raises(OutputPathError, match="symbolic link.*loop") as err:
        check_output_dir(out)
    assert str(out) in str(err.value)


def test_rollup_into_a_symlink_loop_is_one_line(tmp_path, capsys):
    files = _files(tmp_path)
    out = _loops(tmp_path)["self"]
    code, err = _rollup(capsys, files, out)
    assert code == 2
    assert f"{out}" in err and "loop" in err


def test_recompute_into_a_symlink_loop_is_refused_before_any_stage(tmp_path):
    out = _loops(tmp_path)["pair"]
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    with pytest.raises(OutputPathError, match="loop"):
        pipeline.recompute(mirror=mirror, out=out, data_dir=tmp_path / "cache")
    assert sorted(p.name for p in mirror.iterdir()) == []


# 2. recompute over files it did not write -------------------------------------------------

def _digests(code):
    return {"task_digests": pd.DataFrame({
        "onetsoc_code": code, "task_id": [2, 1], "task_type": ["Core", None],
        "text_digest": ["0123456789abcdef"] * 2, "dwa_digest": ["e3b0c44298fc1c14"] * 2})}


def _run(out):
    ran = []

    def make(code):
        ran.append(code)
        return _digests(code)

    run_pipeline([Stage("make", make)], [TABLES["task_digests"]], out,
                 context={"code": "11-1011.00"})
    return ran


def test_recompute_refuses_to_replace_a_table_file_it_did_not_write(tmp_path):
    out = tmp_path / "results"
    out.mkdir()
    mine = out / TABLES["task_digests"].filename
    mine.write_bytes(b"my own digests\n")
    (out / "notes.txt").write_text("mine\n")
    with pytest.raises(OutputPathError) as err:
        _run(out)
    message = str(err.value)
    assert str(mine) in message and "manifest.json" in message
    assert mine.read_bytes() == b"my own digests\n"
    assert sorted(p.name for p in out.iterdir()) == sorted([mine.name, "notes.txt"])
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_recompute_refuses_a_rollup_output(tmp_path, capsys):
    """An ``exposure rollup`` output holds occupation_scores.parquet and coverage.json."""
    out = tmp_path / "roll"
    assert _rollup(capsys, _files(tmp_path), out)[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def make():
        raise AssertionError("no stage may run")

    with pytest.raises(OutputPathError, match="occupation_scores.parquet"):
        run_pipeline([Stage("make", make)], [TABLES["occupation_scores"]], out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_recompute_over_its_own_output_and_foreign_files_still_runs(tmp_path):
    out = tmp_path / "results"
    _run(out)
    (out / "README.md").write_text("kept\n")
    assert _run(out) == ["11-1011.00"]
    assert (out / "README.md").read_text() == "kept\n"
    assert (out / "manifest.json").is_file()


# 3. rollup over files it did not write ----------------------------------------------------

@pytest.mark.parametrize("name", ["workforce.xlsx", "soc_scores.csv", "occupation_scores.parquet"])
def test_rollup_refuses_to_replace_or_remove_a_table_file_it_did_not_write(tmp_path, capsys, name):
    files = _files(tmp_path)
    out = tmp_path / "results"
    out.mkdir()
    (out / name).write_bytes(b"my own table\n")
    code, err = _rollup(capsys, files, out)
    assert code == 2
    assert str(out / name) in err and "coverage.json" in err
    assert sorted(p.name for p in out.iterdir()) == [name]
    assert (out / name).read_bytes() == b"my own table\n"


def test_rollup_write_refuses_a_table_file_it_did_not_write(tmp_path):
    ts = pd.read_csv(pd.io.common.StringIO(SCORES), dtype={"onetsoc_code": str})
    xw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"], "soc_code": ["11-1011", "13-1021"]})
    emp = pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "occ_code": ["11-1011", "13-1020"],
                        "o_group": "detailed", "tot_emp": [100.0, 50.0]})
    result = rollup(ts, xw, emp, weights="equal")
    out = tmp_path / "results"
    out.mkdir()
    (out / "working_time.csv").write_text("mine\n")
    with pytest.raises(OutputPathError, match="working_time.csv"):
        result.write(out)
    assert sorted(p.name for p in out.iterdir()) == ["working_time.csv"]


def test_rollup_over_its_own_output_in_another_format_still_runs(tmp_path, capsys):
    files = _files(tmp_path)
    out = tmp_path / "results"
    assert _rollup(capsys, files, out)[0] == 0
    assert _rollup(capsys, files, out, "--format", "csv") == (0, "")
    assert sorted(p.suffix for p in out.iterdir()) == [".csv"] * 6 + [".json"]


# 4. nothing of the scores matches -----------------------------------------------------------

def test_scores_of_another_taxonomy_are_refused(tmp_path, capsys):
    scores = SCORES.replace("11-1011.00", "15-1132.00").replace("13-1021.00", "15-1133.00")
    files = _files(tmp_path, scores=scores)
    code, err = _rollup(capsys, files, tmp_path / "out")
    assert code == 2
    assert str(files["scores"]) in err and "crosswalk" in err and "'15-1132.00'" in err
    assert not (tmp_path / "out").exists()


def test_a_crosswalk_of_codes_the_employment_file_lacks_is_refused(tmp_path, capsys):
    oews = OEWS_ROWS.replace("11-1011,Chief", "11-9999,Chief").replace("13-1020,Buyers", "13-9999,Buyers")
    files = _files(tmp_path, oews=oews)
    code, err = _rollup(capsys, files, tmp_path / "out")
    assert code == 2
    assert str(files["emp"]) in err and "'11-1011'" in err
    assert not (tmp_path / "out").exists()


def test_rollup_api_refuses_scores_that_match_nothing():
    ts = pd.DataFrame({"onetsoc_code": ["15-1132.00"], "task_id": [1], "label": ["E1"],
                       "alpha": [1.0], "beta": [1.0], "gamma": [1.0]})
    xw = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "soc_code": ["11-1011"]})
    emp = pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "occ_code": ["11-1011"],
                        "o_group": "detailed", "tot_emp": [100.0]})
    with pytest.raises(DataFormatError, match="'15-1132.00' of the task scores is not in the crosswalk"):
        rollup(ts, xw, emp, weights="equal")


# 5. and 6. repeated OEWS rows ------------------------------------------------------------

def test_a_repeated_cross_industry_occupation_is_named_by_its_rows():
    emp = pd.DataFrame({"naics": "000000", "i_group": "cross-industry",
                        "occ_code": ["00-0000", "11-1011", "13-1020", "11-1011"],
                        "o_group": ["total", "detailed", "detailed", "detailed"],
                        "tot_emp": [300.0, 100.0, 100.0, 100.0]})
    with pytest.raises(DataFormatError) as err:
        national_detailed(emp)
    assert "employment frame, row 4, column 'occ_code': duplicate cross-industry occupation code '11-1011' (rows 2 and 4)" \
        in str(err.value)


SOC = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "alpha": [0.5, 0.0], "beta": [0.6, 0.1],
                    "gamma": [0.7, 0.2]})


def _sector(occ, groups, emp):
    return pd.DataFrame({"naics": "11", "naics_title": "Agriculture", "i_group": "sector",
                         "occ_code": occ, "o_group": groups, "tot_emp": emp})


def test_an_industry_total_given_twice_with_other_employment_is_refused():
    emp = _sector(["00-0000", "11-1011", "13-1020", "00-0000"], ["total", "detailed", "detailed", "total"],
                  ["100", "60", "40", "500"])
    with pytest.raises(DataFormatError) as err:
        to_sectors(SOC, emp)
    assert (err.value.row, err.value.column) == (4, "tot_emp")
    assert "100.0 on row 1 and 500.0 on row 4" in str(err.value)


def test_an_industry_total_given_twice_alike_is_read_once():
    emp = _sector(["00-0000", "11-1011", "13-1020", "00-0000"], ["total", "detailed", "detailed", "total"],
                  ["100", "60", "40", "100"])
    assert to_sectors(SOC, emp)["tot_emp"].tolist() == [100.0]


# 7. Census codes: a measure only on codes without employment ------------------------------

def test_a_census_measure_only_on_codes_without_employment_takes_their_mean():
    occ = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-2011.00"], "beta": [None, 0.4],
                        "felten": [0.9, None]})
    xw = pd.DataFrame({"onetsoc_code": occ["onetsoc_code"], "census_occ": "0010"})
    emp = pd.DataFrame({"soc_code": ["11-1011", "11-2011"], "tot_emp": [None, 100.0]})
    out = to_census_occ(occ, xw, emp, measures=["beta", "felten"])
    assert out["felten"].tolist() == [pytest.approx(0.9)]
    assert out["beta"].tolist() == [pytest.approx(0.4)]
    alone = to_census_occ(occ.iloc[:1], xw.iloc[:1], emp, measures=["felten"])
    assert out["felten"].tolist() == alone["felten"].tolist()


def test_a_census_code_with_employment_everywhere_is_unchanged():
    occ = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-2011.00"], "beta": [0.2, 0.4]})
    xw = pd.DataFrame({"onetsoc_code": occ["onetsoc_code"], "census_occ": "0010"})
    emp = pd.DataFrame({"soc_code": ["11-1011", "11-2011"], "tot_emp": [300.0, 100.0]})
    out = to_census_occ(occ, xw, emp)
    assert out["beta"].tolist() == [pytest.approx(0.25)]
    assert out["weighting"].tolist() == ["employment"]



# 8. score_dataset again into its output ----------------------------------------------------

def test_score_dataset_again_into_its_output_drops_the_earlier_parts(tmp_path):
    distributed = pytest.importorskip("distributed")
    from exposure.dask import score_dataset

    first, second, out = tmp_path / "first", tmp_path / "second", tmp_path / "out"
    first.mkdir()
    second.mkdir()
    for i, text in enumerate(["Weld pipes.", "Type letters.", "File records."]):
        pd.DataFrame({"task": [text]}).to_parquet(first / f"{i}.parquet")
    pd.DataFrame({"task": ["Drive a truck."]}).to_parquet(second / "a.parquet")
    with distributed.Client(processes=False, n_workers=1, threads_per_worker=1,
                            dashboard_address=":0") as client:
        score_dataset(first, out, "rubric", client=client, progress=False)
        (out / "README.md").write_text("kept\n")
        done = score_dataset(second, out, "rubric", client=client, progress=False)
    assert sorted(p.name for p in out.iterdir()) == ["README.md", "part-00000.parquet"]
    assert pd.read_parquet(out / "part-00000.parquet")["task"].tolist() == ["Drive a truck."]
    assert done.n_tasks == 1
