"""Tiny input files of ``exposure rollup`` in the real formats, written by the tests that run the command.

One detailed occupation (Chief Executives, 11-1011, O*NET-SOC 11-1011.00): an O*NET-SOC
2019 to SOC 2018 crosswalk, a national OEWS file (its all-occupations total and that
occupation, 1,000 workers each) and task scores of its tasks.
"""

from __future__ import annotations

from pathlib import Path

#: The header of O*NET's crosswalk from O*NET-SOC 2019 to SOC 2018 codes
XW_HEAD = "O*NET-SOC 2019 Code,O*NET-SOC 2019 Title,2018 SOC Code,2018 SOC Title\n"
#: The header of a national OEWS file, as BLS writes it (a CSV export of its workbook)
EMP_HEAD = ("AREA,AREA_TITLE,AREA_TYPE,NAICS,NAICS_TITLE,I_GROUP,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,"
            "H_MEAN,A_MEAN,MEAN_PRSE,H_MEDIAN,A_MEDIAN\n")
EMP_ROWS = ("99,U.S.,1,000000,Cross-industry,cross-industry,00-0000,All Occupations,total,\"1,000\",0.1,"
            "24.04,\"50,000\",0.1,20.00,\"41,600\"\n"
            "99,U.S.,1,000000,Cross-industry,cross-industry,11-1011,Chief Executives,detailed,\"1,000\",0.1,43.27,"
            "\"90,000\",0.1,40.00,\"83,200\"\n")
#: The rows of the scores file (under its header ``onetsoc_code,task_id,alpha,beta,gamma``):
#: two tasks of the occupation, one exposed and one not
SCORES = "11-1011.00,1,1,1,1\n11-1011.00,2,0,0,0\n"


def rollup_files(folder: Path, scores: str = SCORES, *, out: Path | str | None = None) -> list[str]:
    """Write ``xw.csv``, ``emp.csv`` and ``s.csv`` in ``folder``: the arguments of ``exposure rollup`` on them.

    Parameters
    ----------
    folder : Path
        Where the files are written.
    scores : str
        The rows of ``s.csv`` below its header (default :data:`SCORES`).
    out : Path or str, optional
        The ``-o`` of the command, given as it is (a ``str`` keeps a trailing ``/``);
        default ``folder / "o"``.

    Returns
    -------
    list of str
        ``["rollup", S.CSV, "-o", OUT, "--crosswalk", XW.CSV, "--employment", EMP.CSV]``.
    """
    (folder / "xw.csv").write_text(XW_HEAD + "11-1011.00,Chief Executives,11-1011,Chief Executives\n",
                                   encoding="utf-8")
    (folder / "emp.csv").write_text(EMP_HEAD + EMP_ROWS, encoding="utf-8")
    (folder / "s.csv").write_text("onetsoc_code,task_id,alpha,beta,gamma\n" + scores, encoding="utf-8")
    return ["rollup", str(folder / "s.csv"), "-o", str(folder / "o" if out is None else out),
            "--crosswalk", str(folder / "xw.csv"), "--employment", str(folder / "emp.csv")]
