"""Round 37: the published measures' readers and crosswalk links (newer releases, users' copies).

1. ``links_from_pairs`` with a code written with a space (``' 15-1252'``) or an empty cell
   (``''``): each was a target of its own, the source's weight split 0.5/0.5 with it (and
   half of a count split went nowhere), without a word. Codes are stripped; empty ones
   are missing now.
2. A Microsoft ``soc_ai_applicability_scores.csv`` with a total or group row (``00-0000 All
   occupations``, ``11-0000`` beside ``11-1011``): read as an occupation of its own.
   Refused now, naming the row and ``SOC Code`` (OEWS's aggregates alone, ``13-1020``, kept).
3. A Felten sheet with an ``00-0000 All occupations`` row: read as an occupation. Refused,
   naming the sheet row.
4. ``felten_to_soc`` with scores on SOC 2018 (a newer release): the codes new in 2018
   (``15-1252``) matched no SOC 2010 link and were dropped (``attrs["unmatched"]`` only).
   Refused now, naming the row and the code.
5. An Anthropic usage file whose ``pct`` adds up to more than 100 (rows of two releases,
   counts): read, every share too large. Refused now.
6. An Eloundou occupation file with alpha above beta or beta above gamma (columns swapped
   or renamed in a newer release): read without a word. Refused, naming row and column.
7. A measure file (CSV or xlsx sheet) with notes above its header: "expected column(s)
   [...] not found (columns are ['Source: ...', 'Unnamed: 1', ...])" without saying where
   the header is. The message now names the header's row.

Tiny made-up files in the real formats, written by the tests.
"""

from __future__ import annotations

import pandas as pd
import pytest
from _frames import write_text as _file

from exposure.errors import DataFormatError
from exposure.measures import anthropic, eloundou, felten, microsoft
from exposure.measures._crosswalk import apply_links, links_from_pairs

APP = "SOC Code,title,ai_applicability_score\n"
OCC = ("O*NET-SOC Code,Title,dv_rating_alpha,dv_rating_beta,dv_rating_gamma,"
       "human_rating_alpha,human_rating_beta,human_rating_gamma\n")


def _sheet(path, rows, sheet="LM AIOE", header=True):
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame(rows).to_excel(writer, sheet_name=sheet, index=False, header=header)
    return path


@pytest.mark.parametrize("odd", [" 15-1252", "15-1252 ", ""])
def test_links_from_pairs_strips_codes(odd):
    pairs = pd.DataFrame({"soc10": ["15-1132", "15-1132"], "soc18": ["15-1252", odd]})
    links = links_from_pairs(pairs, "soc10", "soc18")
    assert links.to_dict("list") == {"source_code": ["15-1132"], "target_code": ["15-1252"],
                                     "crosswalk_weight": [1.0]}
    out = apply_links(pd.DataFrame({"c": ["15-1132"], "n": [10.0]}), links, code="c", values=[], counts=("n",))
    assert out["n"].tolist() == [10.0]


@pytest.mark.parametrize(("row", "code"), [("00-0000,All occupations,0.3\n", "00-0000"),
                                           ("11-0000,Management Occupations,0.3\n", "11-0000")])
def test_microsoft_aggregate_row_refused(tmp_path, row, code):
    path = _file(tmp_path, "app.csv", APP + "11-1011,Chief Executives,0.15\n" + row)
    with pytest.raises(DataFormatError, match=rf"row 3, column 'SOC Code': '{code}'.* includes '11-1011' \(row 2\)"):
        microsoft.read_applicability(path)


def test_microsoft_oews_aggregate_alone_kept(tmp_path):
    path = _file(tmp_path, "app.csv", APP + "11-1011,Chief Executives,0.15\n13-1020,Buyers,0.2\n")
    assert microsoft.read_applicability(path)["soc_code"].tolist() == ["11-1011", "13-1020"]


def test_felten_all_occupations_row_refused(tmp_path):
    path = _sheet(tmp_path / "lm.xlsx", {"SOC Code": ["11-1011", None, "00-0000"],
                                         "Occupation Title": ["CE", None, "All occupations"],
                                         "Language Modeling AIOE": [1.0, None, 0.0]})
    with pytest.raises(DataFormatError, match=r"row 4, column 'SOC Code': '00-0000' \(all occupations\) "
                                              r"includes '11-1011' \(row 2\)"):
        felten.read_felten_occupations(path, "lm")


def test_felten_scores_on_soc2018_refused():
    links = pd.DataFrame({"source_code": ["11-1011", "15-1132"], "target_code": ["11-1011", "15-1252"],
                          "crosswalk_weight": [1.0, 1.0]})
    scores = pd.DataFrame({"soc10_code": ["11-1011", "15-1252"], "title": ["a", "b"], "aioe": [1.0, 2.0]})
    with pytest.raises(DataFormatError, match=r"f.xlsx, row 2, column 'soc10_code': '15-1252' is a SOC 2018 code"):
        felten.felten_to_soc(scores, links, path="f.xlsx")


def test_anthropic_usage_over_100_refused(tmp_path):
    path = _file(tmp_path, "task_pct.csv", "task_name,pct\nact as advisers.,60\ndirect budgets.,70\n")
    with pytest.raises(DataFormatError, match=r"column 'pct': pct adds up to 130, more than 100"):
        anthropic.read_task_usage(path)


@pytest.mark.parametrize(("row", "column"), [("0.5,0.4,0.7,0.2,0.5,0.8", "dv_rating_beta"),
                                             ("0.1,0.4,0.7,0.2,0.9,0.8", "human_rating_gamma")])
def test_eloundou_ratings_out_of_order_refused(tmp_path, row, column):
    path = _file(tmp_path, "occ.csv", OCC + "11-1011.00,CE,0.1,0.4,0.7,0.2,0.5,0.8\n11-1021.00,GM," + row + "\n")
    with pytest.raises(DataFormatError, match=rf"row 3, column '{column}': .*alpha <= beta <= gamma"):
        eloundou.read_occ_level(path)


def test_csv_notes_above_header_named(tmp_path):
    path = _file(tmp_path, "app.csv", "Source: Tomlinson et al. 2025,,\n" + APP + "11-1011,CE,0.15\n")
    with pytest.raises(DataFormatError, match=r"the header is on row 2: remove the rows above it"):
        microsoft.read_applicability(path)


def test_xlsx_notes_above_header_named(tmp_path):
    rows = [["Notes: scores are standardized", None, None], [None, None, None],
            ["SOC Code", "Occupation Title", "Language Modeling AIOE"], ["11-1011", "CE", 1.2]]
    path = _sheet(tmp_path / "lm.xlsx", rows, header=False)
    with pytest.raises(DataFormatError, match=r"the header is on row 3: remove the rows above it"):
        felten.read_felten_occupations(path, "lm")
