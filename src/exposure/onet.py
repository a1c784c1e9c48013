"""Parse the O*NET database files into validated frames.

Each ``read_*`` function takes the path of one O*NET file, in either layout O*NET
publishes (tab-delimited ``.txt`` as in release 29.1, or ``.xlsx`` as in release 30.1,
whose sheets add ``Title``/``Task``/``DWA Title`` columns), and returns a frame validated
against the matching model of :mod:`exposure.schemas._onet`. :func:`load_onet` resolves
the files of one release through :func:`exposure.fetch.fetch` and returns an
:class:`OnetRelease`.

Files are read by :mod:`exposure._tables`: text files with ``sep="\\t"``, every field as a
string, no NA guessing and ``quoting=csv.QUOTE_NONE`` so that task texts containing double
quotes stay intact; CRLF line endings are accepted. ``n/a`` and empty fields become missing
values (``<NA>``).

Bad input raises :class:`exposure.errors.DataFormatError` (unreadable, truncated, HTML,
empty, non-UTF-8, missing column, non-numeric value) or :class:`exposure.errors.SchemaError`
(malformed code, out-of-range value, duplicate key), naming the file and, where it
applies, the line (``row``; the header is line 1) and the column.
"""

from __future__ import annotations

import dataclasses
import logging

import pandas as pd

import exposure.fetch as fetching
from exposure import releases
from exposure._tables import RawTable, missing_to_na, read_table, to_number
from exposure.errors import DataFormatError, ExposureError, SchemaError
from exposure.schemas import validate
from exposure.schemas._onet import (
    Dwas,
    EmergingTasks,
    Iwas,
    JobZones,
    Occupations,
    TaskDwas,
    TaskRatings,
    Tasks,
)
from exposure.sources import SOURCES

__all__ = [
    "OnetRelease",
    "ONET_RELEASES",
    "read_occupations",
    "read_tasks",
    "read_task_dwas",
    "read_dwas",
    "read_iwas",
    "read_job_zones",
    "read_emerging_tasks",
    "read_task_ratings",
    "load_onet",
    "check_references",
]

log = logging.getLogger(__name__)

#: O*NET releases in the source registry, with the file layout of each.
ONET_RELEASES = {"29.1": ".txt", "30.1": ".xlsx"}


# --------------------------------------------------------------------------------------
# O*NET files
# --------------------------------------------------------------------------------------

_CODE = ("O*NET-SOC Code",)
_DATE = ("Date",)
_SOURCE = ("Domain Source",)


def _validate(frame: pd.DataFrame, model, raw: RawTable) -> pd.DataFrame:
    """Validate ``frame`` against ``model``; failures name ``raw``'s file line."""
    return validate(frame, model, path=raw.path, row_offset=raw.first_row)


def read_occupations(path) -> pd.DataFrame:
    """Read ``Occupation Data`` (.txt or .xlsx).

    Parameters
    ----------
    path : str or os.PathLike
        The ``Occupation Data.txt`` or ``Occupation Data.xlsx`` file.

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._onet.Occupations`: ``onetsoc_code``, ``title``,
        ``description``, ``job_zone`` (all missing here; :func:`load_onet` merges it).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "Occupation Data.txt"
    >>> _ = p.write_bytes(b"O*NET-SOC Code\\tTitle\\tDescription\\r\\n"
    ...                   b"11-1011.00\\tChief Executives\\tDetermine policies.\\r\\n")
    >>> read_occupations(p)[["onetsoc_code", "title"]].to_dict("records")
    [{'onetsoc_code': '11-1011.00', 'title': 'Chief Executives'}]
    """
    raw = read_table(path, {"onetsoc_code": _CODE, "title": "Title", "description": "Description"})
    frame = raw.frame.assign(job_zone=pd.array([pd.NA] * len(raw.frame), dtype="Int64"))
    return _validate(frame, Occupations, raw)


def read_tasks(path) -> pd.DataFrame:
    """Read ``Task Statements`` (.txt or .xlsx; the xlsx ``Title`` column is dropped).

    Parameters
    ----------
    path : str or os.PathLike
        The ``Task Statements`` file.

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._onet.Tasks`: ``onetsoc_code``, ``task_id``, ``task``,
        ``task_type`` (Core / Supplemental / ``<NA>``), ``incumbents_responding``,
        ``date``, ``domain_source``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "Task Statements.txt"
    >>> _ = p.write_bytes(
    ...     b"O*NET-SOC Code\\tTask ID\\tTask\\tTask Type\\tIncumbents Responding\\tDate\\t"
    ...     b"Domain Source\\r\\n"
    ...     b'11-1011.00\\t8823\\tConduct "head counts".\\tCore\\t95\\t08/2023\\tIncumbent\\r\\n'
    ...     b"11-1011.00\\t8824\\tConfer.\\tn/a\\tn/a\\t08/2023\\tAnalyst\\r\\n")
    >>> t = read_tasks(p)
    >>> t["task"][0], t["task_type"].isna().tolist(), t["incumbents_responding"].tolist()
    ('Conduct "head counts".', [False, True], [95, <NA>])
    """
    raw = read_table(
        path,
        {
            "onetsoc_code": _CODE,
            "task_id": "Task ID",
            "task": "Task",
            "task_type": "Task Type",
            "incumbents_responding": "Incumbents Responding",
            "date": _DATE,
            "domain_source": _SOURCE,
        },
    )
    f = raw.frame
    frame = f.assign(
        task_id=to_number(raw, "task_id", integer=True),
        task_type=missing_to_na(f["task_type"]),
        incumbents_responding=to_number(raw, "incumbents_responding", integer=True),
    )
    return _validate(frame, Tasks, raw)


def read_task_ratings(path) -> pd.DataFrame:
    """Read ``Task Ratings`` (.txt or .xlsx).

    Scales: ``IM`` importance (1-5), ``RT`` relevance (percent of respondents rating the
    task relevant, 0-100), ``FT`` frequency: one row per category 1-7 with the percent of
    respondents in that category. ``n/a`` categories (IM, RT) become ``<NA>``.

    Parameters
    ----------
    path : str or os.PathLike
        The ``Task Ratings`` file.

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._onet.TaskRatings`: ``onetsoc_code``, ``task_id``,
        ``scale_id``, ``category``, ``data_value``, ``n``, ``standard_error``,
        ``lower_ci_bound``, ``upper_ci_bound``, ``recommend_suppress``, ``date``,
        ``domain_source``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "Task Ratings.txt"
    >>> head = ("O*NET-SOC Code\\tTask ID\\tScale ID\\tCategory\\tData Value\\tN\\t"
    ...         "Standard Error\\tLower CI Bound\\tUpper CI Bound\\tRecommend Suppress\\tDate\\t"
    ...         "Domain Source\\n")
    >>> _ = p.write_text(head + "11-1011.00\\t8823\\tIM\\tn/a\\t4.5\\t60\\t0.1\\t4.3\\t4.7\\tN\\t"
    ...                  "08/2023\\tIncumbent\\n")
    >>> r = read_task_ratings(p)
    >>> r["scale_id"].tolist(), r["category"].tolist(), r["data_value"].tolist()
    (['IM'], [<NA>], [4.5])
    """
    raw = read_table(
        path,
        {
            "onetsoc_code": _CODE,
            "task_id": "Task ID",
            "scale_id": "Scale ID",
            "category": "Category",
            "data_value": "Data Value",
            "n": "N",
            "standard_error": "Standard Error",
            "lower_ci_bound": "Lower CI Bound",
            "upper_ci_bound": "Upper CI Bound",
            "recommend_suppress": "Recommend Suppress",
            "date": _DATE,
            "domain_source": _SOURCE,
        },
    )
    f = raw.frame
    suppress = missing_to_na(f["recommend_suppress"]).str.strip().str.upper()
    bad = suppress.notna() & ~suppress.isin(["Y", "N"])
    if bad.any():
        pos = int(bad.to_numpy().nonzero()[0][0])
        raise DataFormatError(
            f"expected Y or N, got {f['recommend_suppress'].iloc[pos]!r}",
            path=raw.path,
            row=raw.row(pos),
            column=raw.sources["recommend_suppress"],
        )
    frame = f.assign(
        task_id=to_number(raw, "task_id", integer=True),
        category=to_number(raw, "category", integer=True),
        data_value=to_number(raw, "data_value"),
        n=to_number(raw, "n", integer=True),
        standard_error=to_number(raw, "standard_error"),
        lower_ci_bound=to_number(raw, "lower_ci_bound"),
        upper_ci_bound=to_number(raw, "upper_ci_bound"),
        recommend_suppress=suppress.map({"Y": True, "N": False}).astype("boolean"),
    )
    return _validate(frame, TaskRatings, raw)


def read_task_dwas(path) -> pd.DataFrame:
    """Read ``Tasks to DWAs`` (.txt or .xlsx; the xlsx title/text columns are dropped).

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._onet.TaskDwas`: ``onetsoc_code``, ``task_id``,
        ``dwa_id``, ``date``, ``domain_source``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "Tasks to DWAs.txt"
    >>> _ = p.write_text("O*NET-SOC Code\\tTask ID\\tDWA ID\\tDate\\tDomain Source\\n"
    ...                  "11-1011.00\\t8823\\t4.A.4.b.4.I09.D02\\t03/2014\\tAnalyst\\n")
    >>> read_task_dwas(p)[["task_id", "dwa_id"]].to_dict("records")
    [{'task_id': 8823, 'dwa_id': '4.A.4.b.4.I09.D02'}]
    """
    raw = read_table(
        path,
        {
            "onetsoc_code": _CODE,
            "task_id": "Task ID",
            "dwa_id": "DWA ID",
            "date": _DATE,
            "domain_source": _SOURCE,
        },
    )
    frame = raw.frame.assign(task_id=to_number(raw, "task_id", integer=True))
    return _validate(frame, TaskDwas, raw)


def read_dwas(path) -> pd.DataFrame:
    """Read ``DWA Reference`` (.txt or .xlsx).

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._onet.Dwas`: ``dwa_id``, ``dwa_title``, ``iwa_id``,
        ``element_id``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "DWA Reference.txt"
    >>> _ = p.write_text("Element ID\\tIWA ID\\tDWA ID\\tDWA Title\\n"
    ...                  "4.A.1.a.1\\t4.A.1.a.1.I01\\t4.A.1.a.1.I01.D01\\tReview art.\\n")
    >>> read_dwas(p).columns.tolist()
    ['dwa_id', 'dwa_title', 'iwa_id', 'element_id']
    """
    raw = read_table(
        path,
        {"dwa_id": "DWA ID", "dwa_title": "DWA Title", "iwa_id": "IWA ID", "element_id": "Element ID"},
    )
    return _validate(raw.frame, Dwas, raw)


def read_iwas(path) -> pd.DataFrame:
    """Read ``IWA Reference`` (.txt or .xlsx).

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._onet.Iwas`: ``iwa_id``, ``iwa_title``, ``element_id``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "IWA Reference.txt"
    >>> _ = p.write_text("Element ID\\tIWA ID\\tIWA Title\\n4.A.1.a.1\\t4.A.1.a.1.I01\\tStudy art.\\n")
    >>> read_iwas(p)["iwa_id"].tolist()
    ['4.A.1.a.1.I01']
    """
    raw = read_table(
        path, {"iwa_id": "IWA ID", "iwa_title": "IWA Title", "element_id": "Element ID"}
    )
    return _validate(raw.frame, Iwas, raw)


def read_job_zones(path) -> pd.DataFrame:
    """Read ``Job Zones`` (.txt or .xlsx).

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._onet.JobZones`: ``onetsoc_code``, ``job_zone``,
        ``date``, ``domain_source``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "Job Zones.txt"
    >>> _ = p.write_text("O*NET-SOC Code\\tJob Zone\\tDate\\tDomain Source\\n"
    ...                  "11-1011.00\\t5\\t08/2023\\tAnalyst\\n")
    >>> read_job_zones(p)["job_zone"].tolist()
    [5]
    """
    raw = read_table(
        path,
        {"onetsoc_code": _CODE, "job_zone": "Job Zone", "date": _DATE, "domain_source": _SOURCE},
    )
    frame = raw.frame.assign(job_zone=to_number(raw, "job_zone", integer=True))
    return _validate(frame, JobZones, raw)


def read_emerging_tasks(path) -> pd.DataFrame:
    """Read ``Emerging Tasks`` (.txt or .xlsx).

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._onet.EmergingTasks`: ``onetsoc_code``, ``task``,
        ``category`` (New / Revision), ``original_task_id``, ``original_task``
        (``<NA>`` for new tasks), ``date``, ``domain_source``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "Emerging Tasks.txt"
    >>> _ = p.write_text("O*NET-SOC Code\\tTask\\tCategory\\tOriginal Task ID\\tOriginal Task\\t"
    ...                  "Date\\tDomain Source\\n"
    ...                  "11-3013.00\\tReview payroll.\\tNew\\tn/a\\tn/a\\t08/2024\\tIncumbent\\n")
    >>> read_emerging_tasks(p)["original_task_id"].tolist()
    [<NA>]
    """
    raw = read_table(
        path,
        {
            "onetsoc_code": _CODE,
            "task": "Task",
            "category": "Category",
            "original_task_id": "Original Task ID",
            "original_task": "Original Task",
            "date": _DATE,
            "domain_source": _SOURCE,
        },
    )
    frame = raw.frame.assign(
        original_task_id=to_number(raw, "original_task_id", integer=True),
        original_task=missing_to_na(raw.frame["original_task"]),
    )
    return _validate(frame, EmergingTasks, raw)


# --------------------------------------------------------------------------------------
# A whole release
# --------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class OnetRelease:
    """The O*NET tables of one release, validated.

    Attributes
    ----------
    release : str
        O*NET release, e.g. ``"29.1"``.
    occupations, tasks, task_dwas, dwas, iwas, job_zones, emerging_tasks : DataFrame
        See :mod:`exposure.schemas._onet`; ``occupations.job_zone`` is merged from
        ``job_zones``.
    task_ratings : DataFrame or None
        ``None`` when the release has no ``Task Ratings`` file in the registry/mirror.
    """

    release: str
    occupations: pd.DataFrame
    tasks: pd.DataFrame
    task_dwas: pd.DataFrame
    dwas: pd.DataFrame
    iwas: pd.DataFrame
    job_zones: pd.DataFrame
    emerging_tasks: pd.DataFrame
    task_ratings: pd.DataFrame | None = None

    TABLES = (
        "occupations",
        "tasks",
        "task_ratings",
        "task_dwas",
        "dwas",
        "iwas",
        "job_zones",
        "emerging_tasks",
    )

    def row_counts(self) -> dict:
        """Rows per table (``None`` for an absent table).

        Examples
        --------
        >>> e = pd.DataFrame()
        >>> OnetRelease("x", e, e, e, e, e, e, e).row_counts()["task_ratings"] is None
        True
        """
        return {
            t: (None if getattr(self, t) is None else len(getattr(self, t))) for t in self.TABLES
        }


_FILES = {
    "occupations": ("Occupation Data", read_occupations),
    "tasks": ("Task Statements", read_tasks),
    "task_ratings": ("Task Ratings", read_task_ratings),
    "task_dwas": ("Tasks to DWAs", read_task_dwas),
    "dwas": ("DWA Reference", read_dwas),
    "iwas": ("IWA Reference", read_iwas),
    "job_zones": ("Job Zones", read_job_zones),
    "emerging_tasks": ("Emerging Tasks", read_emerging_tasks),
}


def _registry_names() -> set:
    """Names of the files in the source registry."""
    return set(SOURCES)


def onet_file_names(release: str, fmt: str | None = None, lock=None) -> dict[str, str | None]:
    """Registry name of each O*NET file :func:`load_onet` reads, by table.

    A release the package registry pins uses its registered files (``None`` for a file it
    does not hold, e.g. ``Task Ratings`` of 30.1). Any other release follows the O*NET
    layout (:mod:`exposure.releases`) in format ``fmt`` (default: the format the lock
    file pins, else ``"text"``).

    Examples
    --------
    >>> onet_file_names("30.1")["task_ratings"] is None
    True
    >>> onet_file_names("31.0", "excel")["tasks"]
    'onet/31.0/Task Statements.xlsx'

    Raises
    ------
    exposure.errors.DataFormatError
        ``fmt`` not a string, or another format than the one in which the package pins
        the release (``"excel"`` for 29.1, pinned as text: it was read as text silently).
    exposure.errors.ExposureError
        A malformed release, an unknown format.
    """
    releases.check_onet_release(release)
    if fmt is not None:  # checked even when the registry pins the release's format
        releases.check_onet_format(fmt)
        _check_pinned_format(release, fmt)
    registry = _registry_names()
    if any(name.startswith(f"onet/{release}/") for name in registry):
        return {t: onet_file_name(release, base, registry) for t, (base, _) in _FILES.items()}
    fmt = fmt or releases.onet_format(release, lock)
    return {t: releases.onet_name(release, base, fmt) for t, (base, _) in _FILES.items()}


def _check_pinned_format(release: str, fmt: str) -> None:
    """Refuse ``fmt`` for a release the package pins in the other format.

    The package's pins are of one format (29.1 text, 30.1 Excel): the files of the other
    format are not pinned, and ``fmt`` was ignored without a word.

    Examples
    --------
    >>> _check_pinned_format("29.1", "excel")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: fmt='excel': O*NET 29.1 is pinned by the package in text format only; leave fmt out or give fmt='text'
    """
    if any(name.startswith(f"onet/{release}/") for name in _registry_names()):
        pinned = releases.onet_format(release)
        if fmt != pinned:
            raise DataFormatError(f"fmt={fmt!r}: O*NET {release} is pinned by the package in {pinned} "
                                  f"format only; leave fmt out or give fmt={pinned!r}")


def onet_file_name(release: str, base: str, registry: set | None = None) -> str | None:
    """Registry name of O*NET file ``base`` of ``release`` (``None`` if not registered).

    Examples
    --------
    >>> onet_file_name("29.1", "Task Statements", registry={"onet/29.1/Task Statements.txt"})
    'onet/29.1/Task Statements.txt'
    >>> onet_file_name("29.1", "Task Ratings", registry={"onet/29.1/Task Statements.txt"}) is None
    True
    """
    candidates = [f"onet/{release}/{base}{ext}" for ext in (".txt", ".xlsx")]
    if registry is None:
        ext = ONET_RELEASES.get(release, ".txt")
        return f"onet/{release}/{base}{ext}"
    return next((c for c in candidates if c in registry), None)


def load_onet(release: str = "29.1", *, mirror=None, data_dir=None, store=None,
              fmt: str | None = None) -> OnetRelease:
    """Load and validate every O*NET table of ``release``.

    Files are resolved with :func:`exposure.fetch.fetch_table` (sha256-verified, from the
    mirror, the cache or the publisher). ``Task Ratings`` is optional: ``task_ratings`` is
    ``None`` when a registered release has no such file. A release the package does not
    pin (e.g. ``"31.0"``) is downloaded in the O*NET layout, validated, and pinned in the
    lock file (see :mod:`exposure.releases`).

    Parameters
    ----------
    release : str
        O*NET database release, ``MAJOR.MINOR`` (``"29.1"``, ``"30.1"``, ``"31.0"``...).
    mirror, data_dir : str or os.PathLike, optional
        Passed to :func:`exposure.fetch.fetch`.
    store : exposure.fetch.DataStore, optional
        Where data lives (default from the environment).
    fmt : {"text", "excel"}, optional
        Download format of a release the package does not pin (default ``"text"``). For
        a pinned release, only its pinned format (``"text"`` for 29.1, ``"excel"`` for
        30.1) is accepted.

    Returns
    -------
    OnetRelease

    Raises
    ------
    exposure.errors.ExposureError
        Unknown release or ``fmt``; a ``store`` that is not a DataStore; any error of the
        readers or of :func:`check_references`.
    exposure.errors.DataFormatError
        ``fmt`` that is not a string, or (for a release the package pins) another format
        than the pinned one, e.g. ``load_onet("29.1", fmt="excel")`` (29.1 is pinned as
        text; checked before the store is opened).

    Examples
    --------
    >>> load_onet("31")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: O*NET release '31' is not of the form MAJOR.MINOR (e.g. 29.1, 31.0)
    """
    if fmt is not None:  # before the store is opened
        releases.check_onet_format(fmt)
        _check_pinned_format(releases.check_onet_release(release), fmt)
    resolved = fetching.resolve_store(store, mirror=mirror, data_dir=data_dir)
    names = onet_file_names(release, fmt, resolved.lock)
    tables = {}
    for table, (base, reader) in _FILES.items():
        name = names[table]
        if name is None:
            if table == "task_ratings":
                log.info("O*NET %s: no Task Ratings file registered; task_ratings=None", release)
                tables[table] = None
                continue
            raise ExposureError(f"O*NET {release}: no registered file for {base!r}")
        log.info("reading %s", name)
        tables[table] = fetching.fetch_table(name, reader, store=store, mirror=mirror,
                                             data_dir=data_dir)
    zones = tables["job_zones"].set_index("onetsoc_code")["job_zone"]
    occ = tables["occupations"]
    occ = occ.assign(job_zone=occ["onetsoc_code"].map(zones).astype("Int64"))
    tables["occupations"] = validate(occ, Occupations, path=f"O*NET {release} occupations")
    out = OnetRelease(release=release, **tables)
    check_references(out)
    return out


#: Column types whose cells are all str or all int (or missing): what :func:`_all_found` reads.
_KEY_TYPES = ("str", "string", "int64", "Int64")


def _all_found(child: pd.DataFrame, cols: list, parent: pd.DataFrame, pcols: list) -> bool:
    """True when every key of ``child[cols]`` is a key of ``parent[pcols]`` (a quick look).

    Sets of plain Python values (str, int): a few times faster than :meth:`pandas.Series.isin`
    on Arrow strings and :meth:`pandas.MultiIndex.isin`. False for anything it cannot
    decide as they would (a missing key, column types that differ or are of another kind),
    and then :func:`_check_subset` asks pandas, which also names the first key not found.
    """
    kinds = [str(child[c].dtype) for c in cols]
    if kinds != [str(parent[c].dtype) for c in pcols] or any(k not in _KEY_TYPES for k in kinds):
        return False
    if any(child[c].hasnans for c in cols) or any(parent[c].hasnans for c in pcols):
        return False  # pandas' rules for missing values decide
    columns = [child[c].tolist() for c in cols]
    known = [parent[c].tolist() for c in pcols]
    if len(cols) == 1:
        return set(known[0]).issuperset(columns[0])
    return set(zip(*known, strict=True)).issuperset(zip(*columns, strict=True))


def _check_subset(child, child_name, cols, parent, parent_name, pcols=None):
    pcols = pcols or cols
    if _all_found(child, cols, parent, pcols):
        return
    if len(cols) == 1:
        ok = child[cols[0]].isin(parent[pcols[0]])
    else:
        ok = pd.MultiIndex.from_frame(child[cols]).isin(pd.MultiIndex.from_frame(parent[pcols]))
    ok = pd.Series(ok, index=child.index)
    if not ok.all():
        pos = int((~ok).to_numpy().nonzero()[0][0])
        value = tuple(child[cols].iloc[pos]) if len(cols) > 1 else child[cols[0]].iloc[pos]
        raise SchemaError(
            f"{int((~ok).sum())} value(s) not found in {parent_name}.{'/'.join(pcols)}; "
            f"first: {value!r}",
            path=child_name,
            row=pos,
            column="/".join(cols),
        )


def check_references(release: OnetRelease) -> None:
    """Check referential integrity between the tables of an :class:`OnetRelease`.

    Every task's, job zone's and emerging task's occupation exists in ``occupations``;
    every (occupation, task) of ``task_dwas`` and ``task_ratings`` exists in ``tasks``;
    every ``task_dwas.dwa_id`` exists in ``dwas``; every ``dwas.iwa_id`` exists in
    ``iwas``.

    Raises
    ------
    exposure.errors.SchemaError
        Naming the table (as ``path``), the column, the 0-based frame row (``row``) and
        the first value that has no match.
    exposure.errors.DataFormatError
        ``release`` is not an :class:`OnetRelease` (a frame, a dict, None).

    Examples
    --------
    >>> occ = pd.DataFrame({"onetsoc_code": ["11-1011.00"]})
    >>> tasks = pd.DataFrame({"onetsoc_code": ["11-9999.00"], "task_id": [1]})
    >>> e = pd.DataFrame({c: [] for c in ["onetsoc_code", "task_id", "dwa_id", "iwa_id"]})
    >>> check_references(OnetRelease("x", occ, tasks, e, e, e, e, e))
    Traceback (most recent call last):
    ...
    exposure.errors.SchemaError: tasks, row 0, column 'onetsoc_code': 1 value(s) not found in occupations.onetsoc_code; first: '11-9999.00'
    """
    if not isinstance(release, OnetRelease):  # an AttributeError ('... has no attribute tasks') before
        raise DataFormatError(f"release must be an O*NET release, e.g. exposure.load_onet('29.1'), got "
                              f"{type(release).__name__}")
    r = release
    _check_subset(r.tasks, "tasks", ["onetsoc_code"], r.occupations, "occupations")
    _check_subset(r.job_zones, "job_zones", ["onetsoc_code"], r.occupations, "occupations")
    _check_subset(
        r.emerging_tasks, "emerging_tasks", ["onetsoc_code"], r.occupations, "occupations"
    )
    _check_subset(r.task_dwas, "task_dwas", ["onetsoc_code", "task_id"], r.tasks, "tasks")
    _check_subset(r.task_dwas, "task_dwas", ["dwa_id"], r.dwas, "dwas")
    _check_subset(r.dwas, "dwas", ["iwa_id"], r.iwas, "iwas")
    if r.task_ratings is not None:
        _check_subset(
            r.task_ratings, "task_ratings", ["onetsoc_code", "task_id"], r.tasks, "tasks"
        )
