"""Fault round 74, faults found in files no helper held (each test failed before its fix).

1. :func:`exposure.fetch.fetch_many` (``exposure fetch``) on a machine without a network
   tried every file ``retries`` + 1 times with backoff, though the first file of a host
   had found that it cannot be reached (its name does not resolve, the connection is
   refused or times out): the whole registry (88 files, five hosts) took 8 min 22 s
   here, saying nothing until its 88 errors. A host found unreachable is now tried for
   its first file alone: the later files of that host are refused at once, naming the
   file that found it so and why (31 s here). A host that was reached but dropped the
   connection is retried file by file as before, and :func:`~exposure.fetch.fetch` alone
   (one file) is unchanged.
2. A task type of the labels in another case or with spaces around it (``CORE``,
   ``"Supplemental "``) was refused by training (``exposure train``, the agreement
   reports), the rubric's report and the reproduction reports with the rule alone,
   ``labels: task_type 'CORE' is not Core or Supplemental (spelt so) or missing: Core
   tasks weigh 2, others 1``, in two copies of the check, where ``score_tasks`` tells
   what to write since round 74. One check now
   (:func:`exposure.scoring._train.check_label_task_types`) adds ``: write 'Core' (the
   choices are case-sensitive)`` or ``: write 'Supplemental' (without the spaces around
   it)``.
3. An OEWS file (:func:`exposure.oews.read_oews`, ``exposure validate --file oews``,
   ``exposure rollup --employment``) with a number written as a spreadsheet in another
   locale writes it (a wage ``"1.234,50"``, an employment ``"1 500"`` with a no-break
   space) was refused as ``A_MEAN must be a number or a BLS special value (** * # ~), got
   '1.234,50'`` and no more: the reader refuses such cells before the shared reader's
   advice, which the roll-ups' employment frame gives. It adds the number to write now
   (:func:`exposure._tables.number_hint`).
4. The labels of the rubric's and the reproduction reports, given with a release
   (:func:`exposure.reports.rubric.checked_labels`), said only ``O*NET-SOC code
   '15-1252.1' is not of the form 00-0000.00 (e.g. 11-1011.00)`` of a code that lost its
   suffix's zero, a SOC code or a code saved as a number, where the scorers and the
   label check give the code to write: it is given now
   (:func:`exposure.schemas._fields.code_hint`).
5. :func:`exposure.scoring._train.modern_training_rows` (``exposure train``'s modern
   tasks) given a Stata, Parquet or ``.xlsx`` file under a ``.csv`` name said ``row 1:
   file is binary, not text (a NUL byte at offset 3)``, a row of a file read as no rows,
   and no advice: it names the file's kind and says to save it as CSV now, as the
   readers of published measures do since round 74.
6. :func:`exposure.schemas._fields.code_hint` said nothing of a NAICS sector range with
   spaces around its hyphen (``'31 - 33'``, as a document writes it:
   ``read_naics_titles``, the roll-ups' industries), nor of a code saved as a number with
   spaces around it (``' 11.0 '``, ``' 111011 '``; the roll-ups' employment frame kept a
   copy of the advice for the first). It gives the code to write now, in one place.
7. Microsoft's applicability scores (:func:`exposure.measures.microsoft.read_applicability`)
   with a share written as a percentage (``15.55%``, a spreadsheet's percent format saved
   as text) were refused as ``not a number: '15.55%'`` and no more; they are told the
   fraction to write now (``'0.1555'``), as the roll-ups tell a share.
8. The category report's ``task_employment`` refused an OEWS employment written with
   thousands (``"1,300"``, a table read with pandas) as ``not a number: '1,300'``, where
   the roll-ups read it as 1300; it reads it now (``oews_cells``), and BLS's ``**`` is
   said to be BLS's mark of employment not released.
9. ``task_employment`` told a task type in another case what to write but not one with
   spaces around it (``"Core "``): it kept its own ``choice_hint`` beside the shared
   ``task_type_hint`` of round 74, which it calls now.
"""

from __future__ import annotations

import io
import logging
import socket
import threading

import pandas as pd
import pytest
from test_faults_round21_fetch import _clean_env  # noqa: F401 (autouse fixture: no mirror, cache or URL map from the environment)
from test_faults_round64_agreement import PUBLISHED, REPRO

from exposure import fetch as F
from exposure.errors import DataFormatError, DownloadError
from exposure.measures.microsoft import read_applicability
from exposure.oews import read_oews
from exposure.reports import reproduction
from exposure.reports.categories import task_employment
from exposure.reports.rubric import checked_labels, rubric_agreement
from exposure.schemas import _fields as fields
from exposure.scoring._train import modern_training_rows, training_frame

#: Two registry files of one host, downloaded on their own (no archive's members).
FIRST, SECOND = "crosswalks/2010_to_2018_SOC_Crosswalk.xlsx", "crosswalks/2019_Occupations.xlsx"


def _closed_port() -> int:
    """A local port nothing listens on (a connection to it is refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _store(tmp_path, prefix: str) -> F.DataStore:
    return F.DataStore(cache=tmp_path / "cache", home=tmp_path / "home",
                       url_map=(("https://www.onetcenter.org", prefix),))


def _attempts(caplog) -> list[str]:
    """The files whose download was attempted, one entry per attempt."""
    return [r.args[0] for r in caplog.records if r.getMessage().startswith("downloading ")]


# 1. a host found unreachable is tried for its first file alone


def test_fetch_many_tries_an_unreachable_host_for_its_first_file_alone(tmp_path, caplog):
    prefix = f"http://127.0.0.1:{_closed_port()}"
    caplog.set_level(logging.INFO, logger="exposure.fetch")
    fetched, errors = F.fetch_many([FIRST, SECOND], store=_store(tmp_path, prefix), retries=2, backoff=0)
    assert fetched == {}
    assert _attempts(caplog) == [FIRST] * 3  # the second file was not tried: 6 attempts before
    assert "failed after 3 attempts" in str(errors[FIRST])
    said = str(errors[SECOND])
    assert said == (f"{SECOND}: not downloaded from {prefix}/taxonomy/2019/list/2019_Occupations.xlsx: {prefix} "
                    f"could not be reached for {FIRST} earlier in this run (no connection could be made); "
                    f"{F._NETWORK_HINT}; nothing was written to the cache")
    assert isinstance(errors[SECOND], DownloadError)
    assert not any(p.is_file() for p in (tmp_path / "cache").rglob("*"))


def test_fetch_of_one_file_keeps_its_retries_after_a_fetch_many(tmp_path, caplog):
    prefix = f"http://127.0.0.1:{_closed_port()}"
    store = _store(tmp_path, prefix)
    F.fetch_many([FIRST], store=store, retries=1, backoff=0)
    caplog.set_level(logging.INFO, logger="exposure.fetch")
    for name in (FIRST, SECOND):  # what fetch_many found is not kept beyond its run
        with pytest.raises(DownloadError, match="failed after 2 attempts"):
            F.fetch(name, store=store, retries=1, backoff=0)
    assert _attempts(caplog) == [FIRST, FIRST, SECOND, SECOND]


@pytest.fixture
def dropping_server():
    """A local server that accepts every connection and closes it without an answer."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    stop = threading.Event()

    def serve():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join(timeout=5)
    server.close()


def test_a_host_that_drops_the_connection_is_still_tried_for_every_file(tmp_path, caplog, dropping_server):
    caplog.set_level(logging.INFO, logger="exposure.fetch")
    fetched, errors = F.fetch_many([FIRST, SECOND], store=_store(tmp_path, dropping_server), retries=1,
                                   backoff=0)
    assert fetched == {} and set(errors) == {FIRST, SECOND}
    assert _attempts(caplog) == [FIRST, FIRST, SECOND, SECOND]  # it was reached: no file is skipped
    assert "earlier in this run" not in str(errors[SECOND])


# 2. a task type of the labels in another case or with spaces is told what to write

#: round 64's labels of the reproduction reports, with the statements and titles training reads
LABELS = REPRO.assign(task=["Plan budgets.", "Audit ledgers.", "Write code."],
                      title=["Buyers", "Buyers", "Developers"])


@pytest.mark.parametrize("run", [
    training_frame,
    rubric_agreement,
    lambda labels: reproduction.reproduce_occ_level(labels, PUBLISHED),
])
@pytest.mark.parametrize("value, hint", [
    ("CORE", ": write 'Core' (the choices are case-sensitive)"),
    ("Supplemental ", ": write 'Supplemental' (without the spaces around it)"),
    ("Supp", ""),
])
def test_label_task_types_are_told_what_to_write(run, value, hint):
    labels = LABELS.assign(task_type=["Core", value, "Core"])
    with pytest.raises(DataFormatError) as info:
        run(labels)
    assert str(info.value) == (f"labels, row 2, column 'task_type': task_type {value!r} is not Core or "
                               f"Supplemental (spelt so) or missing (Core tasks weigh 2, others 1){hint}")


# 3. an OEWS number written in another locale is told the number to write

OEWS_HEADER = ("NAICS,NAICS_TITLE,I_GROUP,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,H_MEAN,A_MEAN,"
               "MEAN_PRSE,H_MEDIAN,A_MEDIAN")


@pytest.mark.parametrize("tot_emp, a_mean, column, cell, hint", [
    ("211850", '"1.234,50"', "A_MEAN", "1.234,50", ": a comma must separate thousands (1,234); write decimals with "
                                                   "a point (1234.50), not a comma"),
    ("1\u00a0500", "80000", "TOT_EMP", "1\u00a0500", ": a no-break space does not separate thousands here: write "
                                                     "'1500'"),
])
def test_an_oews_number_of_another_locale_is_told_the_number_to_write(tmp_path, tot_emp, a_mean, column, cell,
                                                                      hint):
    path = tmp_path / "oews.csv"
    path.write_text(f"{OEWS_HEADER}\n000000,Cross-industry,cross-industry,11-1011,Chief Executives,detailed,"
                    f"{tot_emp},1.2,*,{a_mean},0.5,*,#\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        read_oews(path)
    assert str(info.value) == (f"{path}, row 2, column '{column}': {column} must be a number or a BLS special "
                               f"value (** * # ~), got {cell!r}{hint}")


# 4. the rubric report's labels give the code to write


@pytest.mark.parametrize("code, hint", [
    ("15-1252.1", ": a suffix of one digit? an O*NET-SOC code has two (a trailing zero lost?): write '15-1252.10'"),
    ("15-1252", ": a SOC code? an O*NET-SOC code has a two-digit suffix: write '15-1252.00' (the SOC occupation "
                "itself) or the O*NET-SOC code meant"),
    ("abc", ""),
])
def test_the_rubric_reports_labels_give_the_code_to_write(code, hint):
    labels = REPRO.assign(onetsoc_code=[code, "13-1021.00", "15-1252.00"])
    with pytest.raises(DataFormatError) as info:
        checked_labels(labels, ["human_exposure_agg"])
    assert str(info.value) == (f"labels, row 1, column 'onetsoc_code': O*NET-SOC code {code!r} is not of the form "
                               f"00-0000.00 (e.g. 11-1011.00){hint}")


# 5. a modern-task file of another format is named


@pytest.mark.parametrize("write, kind", [
    (lambda f, p: f.to_stata(p, write_index=False), "a Stata .dta file"),
    (lambda f, p: f.to_parquet(p), "a Parquet file"),
    (lambda f, p: f.to_excel(p, index=False), "a zip archive (an .xlsx workbook?)"),
])
def test_a_modern_task_file_of_another_format_is_named(tmp_path, write, kind):
    path = tmp_path / "modern.csv"
    write(pd.DataFrame({"task": ["Triage support tickets in Zendesk."], "label": ["E1"]}), path)
    with pytest.raises(DataFormatError) as info:
        modern_training_rows(path)
    assert str(info.value) == f"{path}: file is {kind}, not delimited text: save it as CSV ('CSV UTF-8')"


# 6. spaces around a range's hyphen, or around a code saved as a number


@pytest.mark.parametrize("value, pattern, hint", [
    ("31 - 33", "NAICS_PATTERN", ": spaces around the hyphen: write '31-33'"),
    ("11 -1011.00", "ONETSOC_PATTERN", ": spaces around the hyphen: write '11-1011.00'"),
    (" 11.0 ", "OEWS_NAICS_PATTERN", ": spaces around the code: a code saved as a number? write it without its "
                                     "decimals: '11'"),
    (" 111011 ", "SOC_PATTERN", ": spaces around the code: a code saved as a number? write it as text with its "
                                "hyphen: '11-1011'"),
])
def test_spaces_in_or_around_a_code_get_the_code_to_write(value, pattern, hint):
    assert fields.code_hint(value, getattr(fields, pattern)) == hint
    if pattern == "SOC_PATTERN":  # a check that uses it says it
        assert fields.first_bad_soc_code(pd.Series([value]))[1].endswith(hint)


# 7. a share of a published measure written as a percentage


def test_a_microsoft_share_written_as_a_percentage_is_told_the_fraction():
    text = "SOC Code,title,ai_applicability_score\n11-1011,Chief Executives,15.55%\n"
    with pytest.raises(DataFormatError) as info:
        read_applicability(io.StringIO(text))
    assert str(info.value).endswith("row 2, column 'ai_applicability_score': not a number: '15.55%': a percentage? "
                                    "write it as a fraction of 1: '0.1555'")


# 8. the category report reads OEWS's thousands


def test_task_employment_reads_oews_thousands():
    tasks = pd.DataFrame({"onetsoc_code": ["43-9061.00"], "task_id": [1], "task_type": ["Core"]})
    xw = pd.DataFrame({"onetsoc_code": ["43-9061.00"], "soc_code": ["43-9061"]})

    def soc(value):
        return pd.DataFrame({"soc_code": ["43-9061"], "tot_emp": [value]}, dtype=object)

    assert task_employment(tasks, soc("1,300"), xw).tolist() == task_employment(tasks, soc(1300.0), xw).tolist()
    with pytest.raises(DataFormatError) as info:
        task_employment(tasks, soc("**"), xw)
    assert str(info.value) == ("soc_scores, row 1, column 'tot_emp': tot_emp is missing ('**', BLS's mark of "
                               "employment not released): give each code its employment (0 for none)")


# 9. task_employment reads task types by the shared hint


@pytest.mark.parametrize("value, hint", [("core", "(the choices are case-sensitive)"),
                                         ("Core ", "(without the spaces around it)")])
def test_task_employment_tells_a_padded_task_type_what_to_write(value, hint):
    tasks = pd.DataFrame({"onetsoc_code": ["43-9061.00"], "task_id": [1], "task_type": [value]})
    xw = pd.DataFrame({"onetsoc_code": ["43-9061.00"], "soc_code": ["43-9061"]})
    with pytest.raises(DataFormatError) as info:
        task_employment(tasks, pd.DataFrame({"soc_code": ["43-9061"], "tot_emp": [3.0]}), xw)
    assert str(info.value).endswith(f"nor missing, blank or n/a: write 'Core' {hint}")
