"""Fault round 78 (census): the Census crosswalk's warning, and three faults of ``exposure rollup -o`` / ``--bootstrap``.

Faults found (each test below failed before its fix):

1. ``to_census_occ`` warned of scored codes the Census crosswalk does not reach as ``1
   O*NET-SOC codes are not in the Census crosswalk (e.g. '15-1132.00')``: plural for one
   code, not which crosswalk, not what became of their scores, nothing to do (the SOC
   crosswalk's warning was fixed so in wave 2). Now ``1 O*NET-SOC code of the scores is
   not in the Census crosswalk given (e.g. '15-1132.00'), so its scores count for no
   Census code: add it to the crosswalk (unless you cut the crosswalk to some Census
   codes), or give it as the O*NET-SOC 2019 code it stands for (the crosswalk's
   taxonomy, e.g. '11-1011.00')``; with the registered crosswalk ``... is not in the
   registered Census crosswalk (e.g. '11-1011.02'), so its scores count for no Census
   code: it lists every O*NET-SOC 2019 code, so it is none (a code of another O*NET-SOC
   release, or of your own?) and takes no share of its OEWS code's workers; give it as
   the O*NET-SOC 2019 code it stands for (e.g. '11-1011.00')`` (it was ``1 O*NET-SOC
   codes ...: the registered crosswalk lists every O*NET-SOC 2019 code, so they are none
   ... and are left out, ...``); scores by OEWS code say ``1 SOC code of the scores is
   ...``.
2. ``exposure rollup --bootstrap N`` whose draws do not fit in memory ended ``use fewer
   draws (at most K fit)``, naming no option; now ``give a smaller --bootstrap (at most K
   fit)`` (``rollup._run.draws_advice``); ``rollup(n_draws=)`` says ``use fewer draws``
   as before.
3. ``exposure rollup s.csv -o RUN/sub``, ``RUN`` the output of a recompute (it holds
   ``manifest.json`` and ``task_digests.parquet``), wrote the roll-up among its tables,
   exit 0, while ``exposure recompute --out RUN/sub`` is refused. Now ``refusing to write
   the roll-up into RUN/sub: it is inside RUN, the output of a recompute (it holds
   manifest.json and task_digests.parquet): the roll-up's tables would be nested among
   its tables, carried along by the next recompute of RUN; choose an output directory
   outside it, such as PARENT/sub``, before any input is read.
4. ``exposure rollup s.csv -o rollup.xlsx/`` (the slash: a directory is meant) was refused
   as ``-o/--output rollup.xlsx names the directory that gets the roll-up's tables ...,
   but 'rollup.xlsx' is named like a .xlsx file: give a directory; ...``: the command
   passed ``Path(args.output)``, which drops the slash. Now the directory ``rollup.xlsx``
   is written, as ``refuse_file_named_dir`` takes such a path.

Tiny made-up files in the real formats, written by the tests.
"""

from __future__ import annotations

import logging
import re

import pandas as pd
import pytest
from _cli import _no_env  # noqa: F401 (autouse fixture)
from _rollup_files import rollup_files

from exposure.cli import main
from exposure.errors import ExposureError
from exposure.rollup import to_census_occ
from exposure.rollup._run import _check_rollup_memory


def _files(tmp_path, out) -> list[str]:
    return [*rollup_files(tmp_path, "11-1011.00,1,0.1,0.2,0.3\n11-1011.00,2,0.2,0.4,0.6\n", out=out),
            "--weights", "equal"]


def _said(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


# 1. codes not in the Census crosswalk ----------------------------------------------------------

XW = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03"], "census_occ": "0010"})
EMP = pd.DataFrame({"soc_code": ["11-1011"], "tot_emp": [200.0]})
OCC = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03"], "beta": [0.2, 0.4]})


def test_1_one_code_not_in_the_crosswalk_given(caplog):
    with caplog.at_level(logging.WARNING, logger="exposure"):
        to_census_occ(pd.concat([OCC, pd.DataFrame({"onetsoc_code": ["15-1132.00"], "beta": [0.5]})]), XW, EMP)
    assert _said(caplog) == [
        "1 O*NET-SOC code of the scores is not in the Census crosswalk given (e.g. '15-1132.00'), so its scores "
        "count for no Census code: add it to the crosswalk (unless you cut the crosswalk to some Census codes), or "
        "give it as the O*NET-SOC 2019 code it stands for (the crosswalk's taxonomy, e.g. '11-1011.00')"]


def test_1_several_codes_not_in_the_registered_crosswalk(mirror, tmp_path, caplog):
    # the registered crosswalk, read from the real mirror
    extra = pd.DataFrame({"onetsoc_code": ["11-1011.02", "11-1011.05"], "beta": [0.5, 0.6]})
    with caplog.at_level(logging.WARNING, logger="exposure"):
        to_census_occ(pd.concat([OCC, extra]), employment=EMP, mirror=mirror, data_dir=tmp_path / "cache")
    assert _said(caplog) == [
        "2 O*NET-SOC codes of the scores are not in the registered Census crosswalk (e.g. '11-1011.02'), so their "
        "scores count for no Census code: it lists every O*NET-SOC 2019 code, so they are none (codes of another "
        "O*NET-SOC release, or of your own?) and take no share of their OEWS code's workers; give them as the "
        "O*NET-SOC 2019 codes they stand for (e.g. '11-1011.00')"]


def test_1_soc_codes_say_one_code(caplog):
    soc = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "beta": [0.1, 0.5]})
    with caplog.at_level(logging.WARNING, logger="exposure"):
        to_census_occ(soc, XW, EMP)
    [said] = [m for m in _said(caplog) if "Census crosswalk" in m]
    assert said.startswith("1 SOC code of the scores is not in the Census crosswalk given (e.g. '13-1020'), so its "
                           "scores count for no Census code: a crosswalk cut to some Census codes? "), said


# 2. the bootstrap's memory refusal names --bootstrap -------------------------------------------

def test_2_exposure_rollup_bootstrap_advice_names_the_option(tmp_path, capsys):
    assert main([*_files(tmp_path, tmp_path / "o"), "--bootstrap", str(10**15)]) == 2
    err = capsys.readouterr().err
    assert re.search(r"; give a smaller --bootstrap \((at most [0-9,]+|not even 2) fit\)\n\Z", err), err
    assert "use fewer draws" not in err
    assert not (tmp_path / "o").exists()
    # in Python, in its words, as before
    emp = pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "occ_code": ["11-1011"],
                        "o_group": "detailed", "tot_emp": [100.0]})
    with pytest.raises(ExposureError, match=r"; use fewer draws \(at most 1,659 fit\)$"):
        _check_rollup_memory(10**6, 1, 1, emp, memory=2**20)


# 3. an output directory inside a recompute output --------------------------------------------

def test_3_output_inside_a_recompute_output_is_refused(tmp_path, capsys):
    run = tmp_path / "run"
    run.mkdir()
    for name in ("manifest.json", "task_digests.parquet"):
        (run / name).write_bytes(b"")
    assert main(_files(tmp_path, run / "sub")) == 2
    assert capsys.readouterr().err == (
        f"exposure rollup: error: refusing to write the roll-up into {run / 'sub'}: it is inside {run}, the output "
        "of a recompute (it holds manifest.json and task_digests.parquet): the roll-up's tables would be nested "
        "among its tables, carried along by the next recompute of run; choose an output directory outside it, "
        f"such as {tmp_path / 'sub'}\n")
    assert sorted(p.name for p in run.iterdir()) == ["manifest.json", "task_digests.parquet"]
    # a directory that only holds a manifest (no digests) is no recompute output: written into
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "manifest.json").write_text("{}", encoding="utf-8")
    assert main(_files(tmp_path, tmp_path / "other" / "sub")) == 0


# 4. a trailing slash on -o says a directory is meant -----------------------------------------

def test_4_output_named_like_a_file_with_a_slash_is_a_directory(tmp_path, capsys):
    assert main(_files(tmp_path, f"{tmp_path / 'rollup.xlsx'}/")) == 0
    assert (tmp_path / "rollup.xlsx").is_dir() and (tmp_path / "rollup.xlsx" / "coverage.json").is_file()
    # without the slash, refused as before
    assert main(_files(tmp_path, tmp_path / "r.xlsx")) == 2
    assert "'r.xlsx' is named like a .xlsx file: give a directory" in capsys.readouterr().err
