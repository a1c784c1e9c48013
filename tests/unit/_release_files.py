"""A tiny O*NET 31.0 release in the publisher's formats, put in a data directory as a user puts it.

The refresh fault tests (rounds 26, 44, 50, 51, 53, 59 and 64) read a new O*NET release from
the user's own copy, a mirror or a local server: :func:`onet_release` makes its eight text
files (two occupations, two tasks, one DWA) as O*NET publishes them (:func:`onet_text`:
tab-delimited, CRLF line ends; :func:`release_files` for other rows, :func:`onet_workbook`
for a file of the Excel download); :func:`write_release_folder` writes them as the unzipped
folder ``db_31_0_text/``, :func:`write_mirror_release` in a mirror's layout
(``onet/31.0/``), :func:`release_zip` and :func:`write_release_zip` as the zip
``db_31_0_text.zip``, and :func:`served_release` is a data store whose onetcenter.org is
the local test server, serving that zip where O*NET does (:func:`serve_release`).

It imports nothing of ``tests/unit`` at import time, so ``tests/integration`` can import
it as ``tests.unit._release_files``.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl

from exposure import fetch as F

#: The two tasks of :func:`onet_release`: O*NET-SOC code, task ID, task, task type.
TASKS = [("11-1011.00", 8823, "Direct or coordinate financial activities.", "Core"),
         ("15-1252.00", 16363, "Write, update, and maintain computer programs.", "Core")]
#: The registry name of the release's task statements.
TASK_STATEMENTS = "onet/31.0/Task Statements.txt"
#: Where :func:`served_release`'s server serves ``db_31_0_text.zip`` (O*NET's path below ``/onet``).
ZIP_ROUTE = "/onet/dl_files/database/db_31_0_text.zip"


def onet_text(header, rows) -> bytes:
    """Tab-delimited text with CRLF line ends, as O*NET publishes it.

    Parameters
    ----------
    header : sequence of str
        The column names (the first line).
    rows : iterable of sequences
        The rows; each value is written with ``str``.
    """
    lines = ["\t".join(header)] + ["\t".join(str(v) for v in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode()


def onet_workbook(header, rows) -> bytes:
    """An ``.xlsx`` workbook of one sheet, as O*NET's Excel download has it.

    ``header`` is its first row and ``rows`` the rows below it, as for :func:`onet_text`;
    each cell is written as it is given (a str stays text, ``None`` is an empty cell).
    """
    wb = openpyxl.Workbook()
    for row in [header, *rows]:
        wb.active.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def statements(tasks, task_type: str = "Task Type") -> bytes:
    """``Task Statements.txt`` of ``tasks``, each rated by 20 incumbents in 08/2026.

    Parameters
    ----------
    tasks : iterable of tuple
        O*NET-SOC code, task ID, task, task type (as :data:`TASKS`).
    task_type : str
        The name of the column of task types (O*NET's is ``Task Type``).
    """
    return onet_text(("O*NET-SOC Code", "Task ID", "Task", task_type, "Incumbents Responding",
                      "Date", "Domain Source"),
                     [(c, i, t, ty, 20, "08/2026", "Incumbent") for c, i, t, ty in tasks])


def _with_first(first: str) -> list[tuple]:
    """:data:`TASKS` with ``first`` as the text of the first task."""
    return [(c, i, first if k == 0 else t, ty) for k, (c, i, t, ty) in enumerate(TASKS)]


def task_statements(task_type: str = "Task Type", first: str = TASKS[0][2]) -> bytes:
    """``Task Statements.txt`` of :data:`TASKS`.

    Parameters
    ----------
    task_type : str
        The name of the column of task types (O*NET's is ``Task Type``).
    first : str
        The text of the first task (another text: a corrected publication of the file).
    """
    return statements(_with_first(first), task_type)


def onet_release(task_dwa_id: int = 16363, first: str = TASKS[0][2]) -> dict[str, bytes]:
    """The eight files of a tiny O*NET 31.0 text release, by base name (``"Job Zones"`` ...).

    Parameters
    ----------
    task_dwa_id : int
        The task ID of the one row of ``Tasks to DWAs.txt`` (one not in
        ``Task Statements.txt``: a release refused across its files).
    first : str
        The text of the first task in ``Task Statements.txt`` (another text: a
        corrected publication of the release, :func:`task_statements`).

    Returns
    -------
    dict of str to bytes
        The bytes of each file, keyed by its name without ``.txt``.
    """
    occupations = [("11-1011.00", "Chief Executives", 5), ("15-1252.00", "Software Developers", 4)]
    dwa = ("4.A.3.b.1", "4.A.3.b.1.I08", "4.A.3.b.1.I08.D02", "Write computer programs.",
           "Program computer systems or production equipment.")
    return release_files(occupations, _with_first(first), [dwa], [("15-1252.00", task_dwa_id, dwa[2])])


def release_files(occupations, tasks, dwas, task_dwas) -> dict[str, bytes]:
    """The eight files of an O*NET 31.0 text release of these rows, by base name.

    Every task has an importance (``IM``) rating and seven frequency (``FT``) ratings; the
    one emerging task is of 15-1252.00 (``occupations`` hold it in a release read whole).

    Parameters
    ----------
    occupations : iterable of tuple
        O*NET-SOC code, title, job zone.
    tasks : iterable of tuple
        O*NET-SOC code, task ID, task, task type (as :data:`TASKS`).
    dwas : iterable of tuple
        Element ID, IWA ID, DWA ID, DWA title, IWA title.
    task_dwas : iterable of tuple
        O*NET-SOC code, task ID, DWA ID: the rows of ``Tasks to DWAs.txt``.

    Returns
    -------
    dict of str to bytes
        The bytes of each file, keyed by its name without ``.txt``.
    """
    occupations, tasks, dwas = list(occupations), list(tasks), list(dwas)
    ratings = []
    for code, tid, _, _ in tasks:
        ratings.append((code, tid, "IM", "n/a", "4.10", 20, "0.12", "3.87", "4.33", "N",
                        "08/2026", "Incumbent"))
        for cat, value in zip(range(1, 8), (5, 5, 10, 20, 30, 20, 10)):
            ratings.append((code, tid, "FT", cat, f"{value:.2f}", 20, "3.1", "1.0", "40.0",
                            "N", "08/2026", "Incumbent"))
    return {
        "Occupation Data": onet_text(("O*NET-SOC Code", "Title", "Description"),
                                     [(c, t, f"{t} do their work.") for c, t, _ in occupations]),
        "Task Statements": statements(tasks),
        "Task Ratings": onet_text(
            ("O*NET-SOC Code", "Task ID", "Scale ID", "Category", "Data Value", "N",
             "Standard Error", "Lower CI Bound", "Upper CI Bound", "Recommend Suppress", "Date",
             "Domain Source"), ratings),
        "Tasks to DWAs": onet_text(("O*NET-SOC Code", "Task ID", "DWA ID", "Date", "Domain Source"),
                                   [(c, t, d, "03/2026", "Analyst") for c, t, d in task_dwas]),
        "DWA Reference": onet_text(("Element ID", "IWA ID", "DWA ID", "DWA Title"),
                                   [dwa[:4] for dwa in dwas]),
        "IWA Reference": onet_text(("Element ID", "IWA ID", "IWA Title"),
                                   [(e, i, it) for e, i, _, _, it in dwas]),
        "Job Zones": onet_text(("O*NET-SOC Code", "Job Zone", "Date", "Domain Source"),
                               [(c, z, "08/2026", "Analyst") for c, _, z in occupations]),
        "Emerging Tasks": onet_text(
            ("O*NET-SOC Code", "Task", "Category", "Original Task ID", "Original Task", "Date",
             "Domain Source"),
            [("15-1252.00", "Review code written by AI assistants.", "New", "n/a", "n/a",
              "08/2026", "Incumbent")]),
    }


def _write_files(folder: Path, files: dict[str, bytes], fmt: str) -> Path:
    """Write each of ``files`` as ``folder/<base>.txt`` (``.xlsx`` if ``fmt`` is ``"excel"``)."""
    folder.mkdir(parents=True, exist_ok=True)
    suffix = ".txt" if fmt == "text" else ".xlsx"
    for base, body in files.items():
        (folder / f"{base}{suffix}").write_bytes(body)
    return folder


def write_release_folder(data_dir: Path, files: dict[str, bytes], fmt: str = "text") -> Path:
    """Write ``files`` in ``data_dir`` as O*NET's download unzipped (the folder ``db_31_0_text``).

    Parameters
    ----------
    data_dir : Path
        Where the folder is made (with its parents; an existing folder is added to).
    files : dict of str to bytes
        The bytes of each file by base name (:func:`onet_release`, or a part of it).
    fmt : str
        O*NET's download: ``"text"`` (``db_31_0_text/*.txt``) or ``"excel"``
        (``db_31_0_excel/*.xlsx``).

    Returns
    -------
    Path
        The folder.
    """
    return _write_files(data_dir / f"db_31_0_{fmt}", files, fmt)


def write_mirror_release(mirror: Path, files: dict[str, bytes], release: str = "31.0",
                         fmt: str = "text") -> Path:
    """Write ``files`` in a mirror's layout of O*NET ``release`` (``mirror/onet/31.0/*.txt``).

    Parameters
    ----------
    mirror : Path
        The mirror (made with its parents; an existing release folder is added to).
    files : dict of str to bytes
        The bytes of each file by base name (:func:`onet_release`, or a part of it).
    release : str
        The O*NET release (the folder's name).
    fmt : str
        ``"text"`` (``*.txt``) or ``"excel"`` (``*.xlsx``, the files of
        :func:`onet_workbook`).

    Returns
    -------
    Path
        The release's folder.
    """
    return _write_files(mirror / "onet" / release, files, fmt)


def release_zip(files: dict[str, bytes]) -> bytes:
    """The bytes of O*NET's text download ``db_31_0_text.zip`` holding ``files``.

    Each file is the deflated member ``db_31_0_text/<base>.txt``, as O*NET zips it.

    Parameters
    ----------
    files : dict of str to bytes
        The bytes of each file by base name (:func:`onet_release`, or a part of it).
    """
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for base, body in files.items():
            zf.writestr(f"db_31_0_text/{base}.txt", body)
    return buf.getvalue()


def write_release_zip(data_dir: Path, files: dict[str, bytes],
                      name: str = "db_31_0_text.zip") -> Path:
    """Write :func:`release_zip` of ``files`` (O*NET 31.0) to ``data_dir / name``.

    Parameters
    ----------
    data_dir : Path
        Where the zip is written (made if it is not there).
    files : dict of str to bytes
        The bytes of each file by base name (:func:`onet_release`, or a part of it).
    name : str
        The zip's name: O*NET's, or another (``"db_31_0_text (1).zip"``: a browser's
        second copy).

    Returns
    -------
    Path
        The zip.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    archive = data_dir / name
    archive.write_bytes(release_zip(files))
    return archive


def serve_release(server, files: dict[str, bytes]) -> None:
    """Serve :func:`release_zip` of ``files`` at :data:`ZIP_ROUTE` of ``server`` (from now on).

    Parameters
    ----------
    server
        The ``server`` fixture of ``tests/unit/conftest.py``.
    files : dict of str to bytes
        The release served (:func:`onet_release`, or another date of it).
    """
    server.routes[ZIP_ROUTE] = (200, {"Content-Type": "application/zip"}, release_zip(files))


def served_release(tmp_path: Path, monkeypatch, server, files: dict[str, bytes]) -> F.DataStore:
    """A data store with no mirror whose onetcenter.org is ``server``, serving ``files`` zipped.

    Parameters
    ----------
    tmp_path : Path
        The test's folder (the store of :func:`_fetch_helpers.store_in_tmp`: its cache is
        ``tmp_path / "data"``).
    monkeypatch : pytest.MonkeyPatch
        Takes the mirror variables out for the test.
    server
        The ``server`` fixture of ``tests/unit/conftest.py``: :func:`release_zip` of
        ``files`` is served at :data:`ZIP_ROUTE`, where onetcenter.org serves
        ``db_31_0_text.zip`` (below ``/onet``); :func:`serve_release` serves another.
    files : dict of str to bytes
        The release the server serves (:func:`onet_release`, or another date of it).
    """
    from _fetch_helpers import store_in_tmp  # here: tests/unit is on sys.path only in its tests

    serve_release(server, files)
    onet = ("https://www.onetcenter.org", server.url + "/onet")
    return store_in_tmp(tmp_path, monkeypatch, (onet,))
