"""Tiny made-up BLS OEWS workbooks, as BLS publishes them in ``oesm26nat.zip`` and ``oesm26in4.zip``.

The publisher tests (``tests/integration/test_publishers.py``) serve them from a local
server; the refresh fault tests (round 53) put them in the data directory.
:func:`bls_workbook` writes one: BLS's columns (:data:`BLS_COLUMNS`), numbers as numbers,
a second sheet of field descriptions.

It imports nothing of ``tests/unit``, so ``tests/integration`` can import it as
``tests.unit._oews_files``.
"""

from __future__ import annotations

import io

import pandas as pd

#: The columns of BLS's OEWS data sheets, in BLS's order.
BLS_COLUMNS = ["AREA", "AREA_TITLE", "AREA_TYPE", "PRIM_STATE", "NAICS", "NAICS_TITLE", "I_GROUP",
               "OWN_CODE", "OCC_CODE", "OCC_TITLE", "O_GROUP", "TOT_EMP", "EMP_PRSE", "PCT_TOTAL",
               "PCT_RPT", "H_MEAN", "A_MEAN", "MEAN_PRSE", "H_PCT10", "H_PCT25", "H_MEDIAN",
               "H_PCT75", "H_PCT90", "A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90",
               "ANNUAL", "HOURLY"]
#: Three major groups of one detailed occupation each: SOC code, title, ``O_GROUP``.
SOC = [("11-0000", "Management Occupations", "major"), ("11-1011", "Chief Executives", "detailed"),
       ("15-0000", "Computer and Mathematical Occupations", "major"),
       ("15-1252", "Software Developers", "detailed"),
       ("43-0000", "Office and Administrative Support Occupations", "major"),
       ("43-9021", "Data Entry Keyers", "detailed")]
#: The employment of each major group's occupation in the first industry (10 more in each next).
_EMPLOYMENT = {"11": 2000, "15": 9000, "43": 1500}


def bls_workbook(industries, i_group: str, own_code: int, occupations=SOC) -> bytes:
    """A made-up BLS OEWS workbook: BLS's columns, numbers as numbers, a second sheet.

    Each industry has the row of all occupations (``00-0000``, the total of the
    detailed ones) and a row of each of ``occupations``; a major group employs as many as
    its one detailed occupation. Wages are numbers, ``#`` where BLS tops them out; Data
    Entry Keyers (``43-9021``) are ``HOURLY``.

    Parameters
    ----------
    industries : iterable of (str, str)
        NAICS code and title of each industry, as BLS writes them (``("000000",
        "Cross-industry")``, ``("51", "Information")``).
    i_group : str
        The ``I_GROUP`` of every row (``cross-industry``, ``sector``, ``3-digit``); the
        data sheet is named after it.
    own_code : int
        The ``OWN_CODE`` of every row (1235 cross-industry, 5 private).
    occupations : list of (str, str, str)
        SOC code, title and ``O_GROUP`` of the occupations (:data:`SOC` or some of its
        groups; only major groups 11, 15 and 43).

    Returns
    -------
    bytes
        The ``.xlsx`` workbook.
    """
    rows = []
    for k, (naics, title) in enumerate(industries):
        emp = {code[:2]: _EMPLOYMENT[code[:2]] + 10 * k for code, _, group in occupations
               if group == "detailed"}
        head = ["99", "U.S.", 1, "US", naics, title, i_group, own_code]
        rows.append(head + ["00-0000", "All Occupations", "total", sum(emp.values()), 0.1, None,
                            None, 30.1, 62610, 0.1, 14.5, 17.2, 23.8, 37.1, 58.9, 30160, 35780,
                            49500, 77170, 122510, None, None])
        for code, occ_title, group in occupations:
            hourly_only = "TRUE" if code == "43-9021" else None
            rows.append(head + [code, occ_title, group, emp[code[:2]], 1.2, None, None, 50.5,
                                105040, 0.8, 20.1, 28.3, 45.2, 64.0, "#", 41810, 58860, 94020,
                                133120, "#", None, hourly_only])
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        pd.DataFrame(rows, columns=BLS_COLUMNS).to_excel(xl, sheet_name=i_group[:20], index=False)
        pd.DataFrame({"Field": BLS_COLUMNS}).to_excel(xl, sheet_name="Field Descriptions",
                                                      index=False)
    return buf.getvalue()
