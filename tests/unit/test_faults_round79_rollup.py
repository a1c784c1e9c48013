"""Fault round 79 (rollup): the roll-up's Python write, its memory check and its words.

Faults found (each test below failed before its fix), and one change:

1. ``Rollup.write(RUN / "sub")`` (the Python API), ``RUN`` the output of a recompute
   (it holds ``manifest.json`` and ``task_digests.parquet``), wrote the roll-up among the
   recompute's tables without a word, carried along by the next recompute of ``RUN``;
   only ``exposure rollup -o RUN/sub`` was refused. Now the write refuses it in the
   command's words, ``refusing to write the roll-up into RUN/sub: it is inside RUN, the
   output of a recompute (it holds manifest.json and task_digests.parquet): the roll-up's
   tables would be nested among its tables, carried along by the next recompute of run;
   choose an output directory outside it, such as PARENT/sub``, and nothing is written
   (``rollup._run.check_not_inside_recompute_output``, which the command now calls too).
   A directory holding ``RUN`` (``Rollup.write(data)`` or ``exposure rollup -o data``,
   ``data/processed`` a recompute output) was written too, ``RUN`` carried along into the
   directory that replaced it (a copy under the roll-up's lock, not the recompute's: a
   recompute of ``RUN`` finishing meanwhile was undone by the swap); now ``refusing to
   write the roll-up into data: it holds data/processed, the output of a recompute: the
   roll-up's tables would be written beside it and it carried along as one of data's
   entries; choose an output directory of its own, such as data/rollup``, as
   ``exposure recompute --out`` refuses it.
2. The memory check of the bootstrap read the machine's ``MemAvailable`` alone
   (``/proc/meminfo``): in a container whose control group allows 2 GiB of a 20 GiB
   machine, draws of 10 GiB passed and the kernel killed the process. Now the memory
   available is the smaller of ``MemAvailable`` and each memory control group's limit
   less what it uses (cgroup v2 ``memory.max`` / ``memory.current``, v1
   ``memory.limit_in_bytes`` / ``memory.usage_in_bytes``, page cache it can drop left
   out), read along ``/proc/self/cgroup`` up to the mount's root
   (``rollup._occupations._memory_bytes(root)``, ``_cgroup_bytes``).
3. ``bootstrap_occupations``' memory refusal ended ``use fewer draws or a smaller chunk``
   whoever called it: inside ``rollup(n_draws=...)`` (which takes no ``chunk``) and
   ``exposure rollup --bootstrap N`` (neither option), and its ``MemoryError`` said ``use
   fewer draws``. Now it ends with the caller's words, set in one place
   (``rollup._occupations.draws_advice``: ``use fewer draws`` in ``rollup``, ``give a
   smaller --bootstrap`` in the command); called alone, its own words as before.
4. ``rollup`` (``exposure rollup --employment FILE``) of an employment whose industry rows
   are all 3-digit rows (the by-industry table cut to its 3-digit industries) returned an
   empty sector table and a ``working_time`` without sector rows, and of one with sector
   rows alone an empty subsector table, without a word, where an employment without
   industry rows is warned of. Now ``the employment has 3-digit industry rows (i_group
   '3-digit') but no sector rows (i_group 'sector'): the sector table is empty and
   working_time has no sector rows; give the sector rows of the OEWS by-industry table
   for them`` (``... has sector rows (i_group 'sector') but no 3-digit industry rows
   (i_group '3-digit'): the subsector table is empty; give the 3-digit industry rows of
   the OEWS by-industry table for it``); both levels, as in BLS's file: no warning.
5. (Change) The warnings of scored codes a crosswalk does not list,
   ``rollup._soc.not_in_crosswalk_said`` and ``rollup._census.not_in_census_crosswalk_said``,
   each built the same head (count, one or many, the crosswalk, what becomes of the
   scores) in its own copy; both now fill one template,
   ``rollup._soc.codes_not_reached_said``, with the same words as before.

Tiny made-up files and frames in the real formats, written by the tests.
"""

from __future__ import annotations

import logging
import re

import pandas as pd
import pytest
from _cli import _no_env  # noqa: F401 (autouse fixture)
from _rollup_files import rollup_files

from exposure._outdir import OutputPathError
from exposure.cli import main
from exposure.errors import ExposureError
from exposure.rollup import bootstrap_occupations, rollup
from exposure.rollup._occupations import _memory_bytes
from exposure.rollup._run import draws_advice

GIB = 2**30


def _tiny():
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00", "13-1021.00"], "task_id": [1, 2, 3],
                       "label": ["E1", "E0", "E2"], "alpha": [1.0, 0.0, 0.0], "beta": [1.0, 0.0, 0.5],
                       "gamma": [1.0, 0.0, 1.0]})
    xw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"], "soc_code": ["11-1011", "13-1021"]})
    emp = pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "occ_code": ["11-1011", "13-1020"],
                        "o_group": "detailed", "tot_emp": [100.0, 300.0]})
    return ts, xw, emp


# 1. Rollup.write inside a recompute output -------------------------------------------------------

def test_1_python_write_inside_a_recompute_output_is_refused(tmp_path):
    run = tmp_path / "run"
    run.mkdir()
    for name in ("manifest.json", "task_digests.parquet"):
        (run / name).write_bytes(b"")
    result = rollup(*_tiny(), weights="equal")
    with pytest.raises(OutputPathError) as info:
        result.write(run / "sub")
    assert str(info.value) == (
        f"refusing to write the roll-up into {run / 'sub'}: it is inside {run}, the output of a recompute (it holds "
        "manifest.json and task_digests.parquet): the roll-up's tables would be nested among its tables, carried "
        f"along by the next recompute of run; choose an output directory outside it, such as {tmp_path / 'sub'}")
    assert sorted(p.name for p in run.iterdir()) == ["manifest.json", "task_digests.parquet"]
    # deeper, and through a symbolic link to a directory inside it
    (run / "a").mkdir()
    (tmp_path / "link").symlink_to(run / "a")
    with pytest.raises(OutputPathError, match="it is inside .*run, the output of a recompute"):
        result.write(tmp_path / "link" / "sub", fmt="csv")
    assert list((run / "a").iterdir()) == []
    # beside it, and in a directory that holds a manifest alone (no digests): written
    assert result.write(tmp_path / "beside")[-1].name == "coverage.json"
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "manifest.json").write_text("{}", encoding="utf-8")
    assert (tmp_path / "other" / "sub" / "coverage.json") in result.write(tmp_path / "other" / "sub")


# 2. the memory available: a control group's limit ------------------------------------------------

def _root(tmp_path, available_gib: float, cgroup: str = "0::/\n"):
    (tmp_path / "proc" / "self").mkdir(parents=True)
    (tmp_path / "proc" / "meminfo").write_text(
        f"MemTotal:       24000000 kB\nMemFree:         1000000 kB\nMemAvailable:   {int(available_gib * 2**20)} kB\n",
        encoding="ascii")
    (tmp_path / "proc" / "self" / "cgroup").write_text(cgroup, encoding="ascii")
    return tmp_path


def _write(directory, files: dict):
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(text, encoding="ascii")


def test_2_memory_without_a_limit_is_memavailable(tmp_path):
    root = _root(tmp_path, 20)
    assert _memory_bytes(root) == 20 * GIB
    # a cgroup v2 group without a limit ("max"), a v1 one of the "no limit" number
    _write(root / "sys" / "fs" / "cgroup", {"memory.max": "max\n", "memory.current": str(GIB)})
    _write(root / "sys" / "fs" / "cgroup" / "memory", {"memory.limit_in_bytes": "9223372036854771712\n"})
    assert _memory_bytes(root) == 20 * GIB


def test_2_a_cgroup_v2_limit_is_the_memory_available(tmp_path):
    root = _root(tmp_path, 20, "0::/box\n")
    group = root / "sys" / "fs" / "cgroup" / "box"
    _write(group, {"memory.max": f"{2 * GIB}\n", "memory.current": f"{GIB // 2}\n",
                   "memory.stat": f"anon 1000\ninactive_file {GIB // 4}\nactive_file 0\n"})
    # 2 GiB less the 0.5 GiB used, of which 0.25 GiB is page cache it can drop
    assert _memory_bytes(root) == 2 * GIB - GIB // 4
    # a tighter limit on the parent group holds for the group inside it
    _write(root / "sys" / "fs" / "cgroup", {"memory.max": f"{GIB}\n"})
    assert _memory_bytes(root) == GIB
    # a group using more than its limit (page cache counted) has nothing left, not a negative size
    _write(group, {"memory.current": f"{3 * GIB}\n", "memory.stat": "inactive_file 0\n"})
    assert _memory_bytes(root) == 0


def test_2_a_cgroup_v1_limit_is_the_memory_available(tmp_path):
    root = _root(tmp_path, 20, "5:cpu,cpuacct:/\n4:memory:/docker/abc\n0::/\n")
    _write(root / "sys" / "fs" / "cgroup" / "memory" / "docker" / "abc",
           {"memory.limit_in_bytes": f"{2 * GIB}\n", "memory.usage_in_bytes": "0\n"})
    assert _memory_bytes(root) == 2 * GIB
    # more memory allowed than the machine has available: MemAvailable
    _write(root / "sys" / "fs" / "cgroup" / "memory" / "docker" / "abc", {"memory.limit_in_bytes": f"{64 * GIB}\n"})
    assert _memory_bytes(root) == 20 * GIB


# 3. the bootstrap's memory refusal in the caller's words ----------------------------------------

def test_3_bootstrap_refusal_says_the_callers_advice():
    ts = _tiny()[0]
    with draws_advice("give a smaller --bootstrap"), pytest.raises(ExposureError) as info:
        bootstrap_occupations(ts, "equal", n_draws=10**15)
    assert re.search(r"; give a smaller --bootstrap \(at most [0-9,]+ fit\)\Z", str(info.value)), info.value
    assert "chunk=50" in str(info.value)  # the working arrays are still said
    assert "smaller chunk" not in str(info.value)
    # called alone: its own arguments, as before
    with pytest.raises(ExposureError, match=r"; use fewer draws or a smaller chunk \(at most [0-9,]+ fit\)$"):
        bootstrap_occupations(ts, "equal", n_draws=10**15)


# 4. an employment of one industry level alone ------------------------------------------------

def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def test_4_employment_of_one_industry_level_alone_is_said(caplog):
    ts, xw, emp = _tiny()
    rows = pd.DataFrame({"naics": ["113000", "113000", "110000", "110000"], "i_group": ["3-digit"] * 2 + ["sector"] * 2,
                         "occ_code": ["11-1011", "13-1020"] * 2, "o_group": "detailed",
                         "tot_emp": [40.0, 30.0, 40.0, 30.0]})
    with caplog.at_level(logging.WARNING):
        r = rollup(ts, xw, pd.concat([emp, rows[rows["i_group"] == "3-digit"]], ignore_index=True), weights="equal")
    assert r.sectors["level"].tolist() == ["subsector"] and "sector" not in r.working_time["level"].tolist()
    assert [m for m in _warnings(caplog) if "industry rows" in m] == [
        "the employment has 3-digit industry rows (i_group '3-digit') but no sector rows (i_group 'sector'): the "
        "sector table is empty and working_time has no sector rows; give the sector rows of the OEWS by-industry "
        "table for them"]
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        r = rollup(ts, xw, pd.concat([emp, rows[rows["i_group"] == "sector"]], ignore_index=True), weights="equal")
    assert r.sectors["level"].tolist() == ["sector"]
    assert [m for m in _warnings(caplog) if "industry rows" in m] == [
        "the employment has sector rows (i_group 'sector') but no 3-digit industry rows (i_group '3-digit'): the "
        "subsector table is empty; give the 3-digit industry rows of the OEWS by-industry table for it"]
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        rollup(ts, xw, pd.concat([emp, rows], ignore_index=True), weights="equal")
    assert not [m for m in _warnings(caplog) if "industry rows" in m], _warnings(caplog)


# 5. one template for both crosswalks' warnings ---------------------------------------------------

def test_5_both_crosswalk_warnings_fill_one_template():
    from exposure.rollup._census import not_in_census_crosswalk_said
    from exposure.rollup._soc import (
        ADD_OR_GIVE,
        codes_not_reached_said,
        crosswalk_named,
        not_in_crosswalk_said,
    )

    with crosswalk_named("the crosswalk xw.csv"):
        assert not_in_crosswalk_said(2, "11-2011.00") == codes_not_reached_said(
            2, "11-2011.00", "the crosswalk xw.csv", "OEWS code, sector or worker", ADD_OR_GIVE)
    assert not_in_census_crosswalk_said(1, "15-1132.00") == codes_not_reached_said(
        1, "15-1132.00", "the Census crosswalk given", "Census code", ADD_OR_GIVE,
        aside=" (unless you cut the crosswalk to some Census codes)")
    # the words pinned before, kept
    assert not_in_census_crosswalk_said(1, "15-1132.00") == (
        "1 O*NET-SOC code of the scores is not in the Census crosswalk given (e.g. '15-1132.00'), so its scores "
        "count for no Census code: add it to the crosswalk (unless you cut the crosswalk to some Census codes), or "
        "give it as the O*NET-SOC 2019 code it stands for (the crosswalk's taxonomy, e.g. '11-1011.00')")
    assert not_in_census_crosswalk_said(3, "13-1020", "soc_code").startswith(
        "3 SOC codes of the scores are not in the Census crosswalk given (e.g. '13-1020'), so their scores count "
        "for no Census code: a crosswalk cut to some Census codes? Scores by OEWS code (soc_code)")


def test_1_a_directory_holding_a_recompute_output_is_refused(tmp_path):
    data = tmp_path / "data"
    run = data / "processed"
    run.mkdir(parents=True)
    for name in ("manifest.json", "task_digests.parquet"):
        (run / name).write_bytes(b"")
    (run / "soc_scores.parquet").write_bytes(b"the recompute's")
    result = rollup(*_tiny(), weights="equal")
    with pytest.raises(OutputPathError) as info:
        result.write(data)
    assert str(info.value) == (
        f"refusing to write the roll-up into {data}: it holds {run}, the output of a recompute: the roll-up's tables "
        f"would be written beside it and it carried along as one of {data}'s entries; choose an output directory of "
        f"its own, such as {data / 'rollup'}")
    assert sorted(p.name for p in data.iterdir()) == ["processed"]
    # the advice, followed, is written
    assert (data / "rollup" / "coverage.json") in result.write(data / "rollup")
    # a hidden directory (a killed run's temporary one) is not looked at
    other = tmp_path / "other"
    (other / ".processed.x.tmp").mkdir(parents=True)
    for name in ("manifest.json", "task_digests.parquet"):
        (other / ".processed.x.tmp" / name).write_bytes(b"")
    assert (other / "coverage.json") in result.write(other)


def test_1_exposure_rollup_into_a_directory_holding_a_recompute_output_is_refused(tmp_path, capsys):
    data = tmp_path / "data"
    (data / "processed").mkdir(parents=True)
    for name in ("manifest.json", "task_digests.parquet"):
        (data / "processed" / name).write_bytes(b"")
    assert main([*rollup_files(tmp_path, out=data), "--weights", "equal"]) == 2
    assert capsys.readouterr().err == (
        f"exposure rollup: error: refusing to write the roll-up into {data}: it holds {data / 'processed'}, the output "
        f"of a recompute: the roll-up's tables would be written beside it and it carried along as one of {data}'s "
        f"entries; choose an output directory of its own, such as {data / 'rollup'}\n")
    assert sorted(p.name for p in data.iterdir()) == ["processed"]
    assert main([*rollup_files(tmp_path, out=data / "rollup"), "--weights", "equal"]) == 0
