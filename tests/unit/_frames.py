"""Small hand-built frames of the roll-up fault tests (``to_soc``, ``to_sectors`` ...).

Three O*NET-SOC occupations (two children of 11-1011 and the buyers 13-1021.00), the
crosswalk onto their SOC codes, and an OEWS frame with the cross-industry rows and the
cells of one sector (NAICS 11: 60 CEOs and 40 buyers of a total of 120). Also the small
balanced panel and exposures of the outcomes fault tests (:func:`outcome_panel`), a
frame with one cell changed (:func:`with_cell`) and a small output directory of
``exposure recompute`` for the diff tests (:func:`recompute_outputs`). The file writers
and rows shared by the reader fault tests (:func:`write_text`, :func:`write_xlsx`,
:func:`write_csv`, ``COLLAB``, ``ILO_ROW``, ``FELTEN_ROW``) and a Parquet file damaged in
its third row group (:func:`damage_third_row_group`).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd

from exposure._io import write_parquet
from exposure._outdir import replace_directory
from exposure.pipeline import task_digests

#: OEWS code of the buyers (13-1021.00) by default: the aggregate 13-1020 that OEWS publishes.
BUYERS = "13-1020"


def occupation_scores(**changes) -> pd.DataFrame:
    """OccupationScores of the three occupations; ``changes`` replace or add columns."""
    occ = pd.DataFrame({
        "onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00"],
        "alpha": [0.1, 0.5, 0.0], "beta": [0.2, 0.6, 0.3], "gamma": [0.3, 0.7, 0.6],
        "n_tasks": [30, 10, 5],
    })
    return occ.assign(**changes)


def crosswalk(**changes) -> pd.DataFrame:
    """The O*NET-SOC -> SOC 2018 crosswalk of the three occupations; ``changes`` replace columns."""
    return pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00"],
                         "soc_code": ["11-1011", "11-1011", "13-1021"]}).assign(**changes)


def employment(buyers: str = BUYERS) -> pd.DataFrame:
    """OEWS rows: cross-industry CEOs (100) and buyers (50), and the cells of sector 11.

    ``buyers`` is the OEWS code of the buyers: the aggregate ``13-1020`` (default) or
    ``13-1021``, as if OEWS published the detailed code.
    """
    cross = pd.DataFrame({"naics": "000000", "naics_title": "Cross-industry", "i_group": "cross-industry",
                          "occ_code": ["11-1011", buyers], "occ_title": ["CEOs", "Buyers"],
                          "o_group": "detailed", "tot_emp": [100.0, 50.0]})
    sector = pd.DataFrame({"naics": "11", "naics_title": "Agriculture", "i_group": "sector",
                           "occ_code": ["00-0000", "11-1011", buyers], "occ_title": ["All", "CEOs", "Buyers"],
                           "o_group": ["total", "detailed", "detailed"], "tot_emp": [120.0, 60.0, 40.0]})
    return pd.concat([cross, sector], ignore_index=True)


def soc_scores(buyers: str = BUYERS, **changes) -> pd.DataFrame:
    """SocScores of the CEOs and the buyers (OEWS code ``buyers``); ``changes`` replace columns."""
    soc = pd.DataFrame({"soc_code": ["11-1011", buyers], "alpha": [0.3, 0.0],
                        "beta": [0.4, 0.3], "gamma": [0.5, 0.6]})
    return soc.assign(**changes)


def outcome_panel() -> pd.DataFrame:
    """A balanced panel of 8 occupations (majors 11 and 13), 2021-2023, for the outcomes tests."""
    rows = [(f"{mj}-10{i}1", t, 100.0 * (i + 1) * (1.0 - 0.02 * i * (t > 2022))
             * (1 + 0.005 * ((3 * i + t) % 4)), f"{mj}-0000")
            for mj in ("11", "13") for i in range(4) for t in (2021, 2022, 2023)]
    return pd.DataFrame(rows, columns=["soc_code", "year", "tot_emp", "soc_major"]).assign(
        a_mean=1.0, balanced=True)


def outcome_exposures(panel: pd.DataFrame) -> pd.DataFrame:
    """One ``beta`` per occupation of :func:`outcome_panel`."""
    return pd.DataFrame({"soc_code": list(panel["soc_code"].unique()), "beta": [0.1, 0.2, 0.3, 0.4] * 2})


#: The tasks of :func:`recompute_outputs`: two occupations, three Core tasks.
DIFF_TASKS = pd.DataFrame({
    "onetsoc_code": ["11-1011.00", "11-1011.00", "13-2011.00"],
    "task_id": [1, 2, 10],
    "task": ["Direct operations.", "Confer with board members.", "Audit accounts."],
    "task_type": ["Core", "Core", "Core"],
})


def recompute_outputs(d: Path, release: str, subsector: str = "522000") -> Path:
    """A small output directory of ``exposure recompute`` (what ``exposure diff`` compares)."""
    d.mkdir()
    write_parquet(task_digests(DIFF_TASKS), d / "task_digests.parquet")
    write_parquet(DIFF_TASKS[["onetsoc_code", "task_id"]].assign(beta=[0.5, 0.0, 0.5]), d / "task_scores.parquet")
    write_parquet(pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-2011.00"], "beta": [0.5, 0.25],
                                "n_tasks": [2, 1]}), d / "occupation_scores.parquet")
    write_parquet(pd.DataFrame({"soc_code": ["11-1011", "13-2011"], "soc_title": ["Chief Executives", "Accountants"]}),
                  d / "soc_scores.parquet")
    for level, naics in (("sector", ["52", "62"]), ("subsector", [subsector])):
        write_parquet(pd.DataFrame({"naics": naics, "naics_title": [f"title {n}" for n in naics], "level": level,
                                    "beta": 0.4, "exposed_workers": 100.0}), d / f"{level}_scores.parquet")
    (d / "manifest.json").write_text(json.dumps({"releases": {"onet": release, "oews": "2025"}}))
    return d


def with_cell(frame: pd.DataFrame, column, pos: int, value, dtype=object) -> pd.DataFrame:
    """``frame`` with the cell at position ``pos`` of ``column`` set to ``value``."""
    cells = list(frame[column])
    cells[pos] = value
    return frame.assign(**{column: pd.Series(cells, dtype=dtype, index=frame.index)})


#: Header of an Anthropic collaboration file (``automation_vs_augmentation_by_task``).
COLLAB = "task_name,directive,feedback_loop,learning,filtered,task_iteration,validation,pct\n"
#: One row of the ILO 2025 workbook.
ILO_ROW = {"ISCO_08": "2512", "Title": "Software developers", "taskID": 1, "mean_score_2025": 0.5,
           "SD_2025": 0.1, "mean_score_2023": 0.4, "SD_2023": 0.1, "potential25": "Exposed: Gradient 3",
           "potential23": "Automation Potential"}
#: One row of Felten's occupation sheet.
FELTEN_ROW = {"SOC Code": "11-1011", "Occupation Title": "Chief Executives", "AIOE": 1.3}


def write_text(tmp_path: Path, name: str, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``tmp_path / name``; return the path."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def write_csv(tmp_path: Path, text: str, name: str = "m.csv") -> Path:
    """:func:`write_text` with the file name last (default ``m.csv``)."""
    return write_text(tmp_path, name, text)


def write_xlsx(tmp_path: Path, name: str, rows) -> Path:
    """Write ``rows`` (lists of cells) to the first sheet of a new workbook ``tmp_path / name``."""
    import openpyxl

    path = tmp_path / name
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def damage_third_row_group(good: Path, bad: Path) -> Path:
    """Write to ``bad`` the Parquet file ``good`` with the page header of its third row group overwritten (8 bytes 0xff).

    The file's footer is intact: it opens, and fails when that row group is read.
    """
    import pyarrow.parquet as pq

    column = pq.ParquetFile(good).metadata.row_group(2).column(0)
    at = column.dictionary_page_offset or column.data_page_offset
    data = bytearray(good.read_bytes())
    data[at:at + 8] = b"\xff" * 8
    bad.write_bytes(bytes(data))
    return bad


def tiny_digests() -> dict:
    """One stage's output of a made-up recompute: a ``task_digests`` table of one task.

    For the tests of the output machinery (``run_pipeline``, ``exposure recompute`` with its
    recipe replaced by the ``tiny_recipe`` fixture of ``tests/unit/conftest.py``).
    """
    return {"task_digests": pd.DataFrame({
        "onetsoc_code": ["11-1011.00"], "task_id": [1], "task_type": ["Core"],
        "text_digest": ["0123456789abcdef"], "dwa_digest": ["e3b0c44298fc1c14"]})}


def four_task_scores(flags=None) -> pd.DataFrame:
    """Four consistent task scores of two occupations (two per partition with npartitions=2).

    Probabilities, alpha/beta/gamma that follow them, and a 2-digit ``naics``; ``flags``
    (a bool or four of them) is the value of each category flag column, None for no flag
    columns. The frame of the Dask roll-up tests (rounds 78 and 79).
    """
    out = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00", "43-9061.00", "43-9061.00"],
                        "task_id": [1, 2, 3, 4], "naics": ["52", "52", "23", "23"],
                        "p_e0": [0.1, 0.5, 0.2, 0.3], "p_e1": [0.45, 0.25, 0.6, 0.3],
                        "p_e2": [0.45, 0.25, 0.2, 0.4]})
    out["alpha"] = out["p_e1"]
    out["beta"] = out["p_e1"] + out["p_e2"] / 2
    out["gamma"] = out["p_e1"] + out["p_e2"]
    if flags is not None:
        for flag in ("admin", "routine_coding", "entry_creative"):
            out[flag] = flags
    return out


#: The files of a recompute output that :func:`recompute_output_written` writes (``owned`` of its swap).
RECOMPUTE_TABLES = ["task_digests.parquet", "task_scores.parquet", "occupation_scores.parquet", "soc_scores.parquet",
                    "sector_scores.parquet", "subsector_scores.parquet", "manifest.json"]


def recompute_output_written(out: Path, release: str, subsector: str) -> Path:
    """A recompute output ``out`` written as exposure recompute writes it (``replace_directory``, its lock file)."""
    made = recompute_outputs(out.parent / f"made-{out.name}", release, subsector)
    with replace_directory(out, owned=RECOMPUTE_TABLES) as tmp:
        for path in made.iterdir():
            shutil.copy(path, tmp / path.name)
    shutil.rmtree(made)
    return out
