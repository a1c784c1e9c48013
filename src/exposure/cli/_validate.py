"""``exposure validate``: load and validate every raw source, print row counts.

Without ``--file``, every registered source is resolved through
:func:`exposure.fetch.fetch` (``--mirror``/``--data-dir``), parsed and validated: O*NET
releases (with referential checks), the crosswalks and the OEWS tables 2021-2025. With
``--file TABLE PATH`` only the given local files are parsed, with the reader of
``TABLE`` (no registry, no checksum): useful to check a file before adding it.

Every failure is reported (the run goes on with the next source) and the exit code is 2
when any source failed.
"""

from __future__ import annotations

from exposure.cli import add_location_options
import logging
import sys
from pathlib import Path

import pandas as pd

from exposure import crosswalks, oews, onet
from exposure.errors import ExposureError

__all__ = ["register", "run_validate", "READERS", "validate_sources", "coverage_figures"]

log = logging.getLogger(__name__)

#: Table name -> reader of one local file (for ``--file``).
READERS = {
    "occupations": onet.read_occupations,
    "tasks": onet.read_tasks,
    "task_ratings": onet.read_task_ratings,
    "task_dwas": onet.read_task_dwas,
    "dwas": onet.read_dwas,
    "iwas": onet.read_iwas,
    "job_zones": onet.read_job_zones,
    "emerging_tasks": onet.read_emerging_tasks,
    "oews": oews.read_oews,
    "onet_to_soc": crosswalks.read_onet_to_soc,
    "soc_structure": crosswalks.read_soc_structure,
    "soc_2010_to_2018": crosswalks.read_soc_2010_to_2018,
    "soc10_isco08": crosswalks.read_soc10_isco08,
    "isco_groups": crosswalks.read_isco_groups,
    "naics_titles": crosswalks.read_naics_titles,
}


def register(subparsers) -> None:
    """Add the ``validate`` sub-command.

    Examples
    --------
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="exposure")
    >>> register(parser.add_subparsers(dest="command"))
    >>> args = parser.parse_args(["validate", "--onet-release", "29.1"])
    >>> args.onet_release, args.func.__name__
    ('29.1', 'run_validate')
    """
    p = subparsers.add_parser(
        "validate",
        help="parse and validate every raw source; print row counts per table",
        description="Load O*NET (29.1, 30.1), the crosswalks and OEWS 2021-2025 through the "
        "verified cache, validate every table against its schema (and O*NET's references "
        "between tables) and print the row counts. Exit code 2 if any source fails.",
    )
    add_location_options(p)
    p.add_argument(
        "--onet-release", choices=("29.1", "30.1", "all"), default="all",
        help="O*NET release(s) to validate (default: all)",
    )
    p.add_argument(
        "--file", nargs=2, action="append", metavar=("TABLE", "PATH"), dest="files",
        help=f"validate only this local file with the reader of TABLE "
        f"({', '.join(READERS)}); repeatable",
    )
    p.add_argument(
        "--report-dir", metavar="DIR",
        help="also write validate_row_counts.csv and data_coverage.csv to DIR "
        "(docs use data/processed/reports)",
    )
    p.set_defaults(func=run_validate)


def _fmt(n) -> str:
    return "-" if n is None else f"{n:,}"


def validate_sources(*, mirror=None, data_dir=None, onet_releases=("29.1", "30.1"), on_error=None):
    """Load and validate every source; return row counts and the loaded frames.

    Parameters
    ----------
    mirror, data_dir : optional
        Passed to :func:`exposure.fetch.fetch`.
    onet_releases : sequence of str
        O*NET releases to load.
    on_error : callable, optional
        Called with ``(label, exception)`` for each failing source; when ``None`` the
        first error is raised.

    Returns
    -------
    counts : pandas.DataFrame
        Columns ``source``, ``release``, ``table``, ``rows`` (``<NA>`` for an absent
        optional table).
    loaded : dict
        ``("onet", release)`` -> :class:`~exposure.onet.OnetRelease`,
        ``("crosswalks", name)`` and ``("oews", release, table)`` -> frame.

    Examples
    --------
    >>> import tempfile
    >>> failed = []
    >>> counts, loaded = validate_sources(
    ...     onet_releases=(), mirror="/nonexistent", data_dir=tempfile.mkdtemp(),
    ...     on_error=lambda label, exc: failed.append(label))
    >>> list(counts.columns), len(counts), failed[:2]
    (['source', 'release', 'table', 'rows'], 0, ['onet_to_soc', 'soc_structure'])
    """
    rows, loaded = [], {}

    def attempt(label, fn):
        try:
            return fn()
        except ExposureError as exc:
            if on_error is None:
                raise
            on_error(label, exc)
            return None

    for release in onet_releases:
        rel = attempt(
            f"O*NET {release}",
            lambda release=release: onet.load_onet(release, mirror=mirror, data_dir=data_dir),
        )
        if rel is None:
            continue
        loaded[("onet", release)] = rel
        for table, n in rel.row_counts().items():
            rows.append(("onet", release, table, n))
    for name in crosswalks.CROSSWALK_FILES:
        loader = getattr(crosswalks, f"load_{name}")
        frame = attempt(name, lambda loader=loader: loader(mirror=mirror, data_dir=data_dir))
        if frame is not None:
            loaded[("crosswalks", name)] = frame
            rows.append(("crosswalks", "", name, len(frame)))
    for release, table in oews.OEWS_FILES:
        frame = attempt(
            f"OEWS {release} {table}",
            lambda r=release, t=table: oews.load_oews(r, t, mirror=mirror, data_dir=data_dir),
        )
        if frame is not None:
            loaded[("oews", release, table)] = frame
            rows.append(("oews", release, table, len(frame)))
    counts = pd.DataFrame(rows, columns=["source", "release", "table", "rows"])
    counts["rows"] = counts["rows"].astype("Int64")
    return counts, loaded


def coverage_figures(loaded: dict) -> pd.DataFrame:
    """Coverage figures of the loaded sources (for docs/methods/data.md).

    Parameters
    ----------
    loaded : dict
        Second output of :func:`validate_sources`.

    Returns
    -------
    pandas.DataFrame
        Columns ``source``, ``release``, ``figure``, ``value``.

    Examples
    --------
    >>> coverage_figures({}).empty
    True
    """
    out = []
    for key, obj in loaded.items():
        if key[0] == "onet":
            r = obj
            occ, tasks = r.occupations, r.tasks
            with_tasks = occ["onetsoc_code"].isin(tasks["onetsoc_code"])
            out += [
                ("onet", r.release, "occupations", len(occ)),
                ("onet", r.release, "occupations with task statements", int(with_tasks.sum())),
                ("onet", r.release, "occupations without task statements", int((~with_tasks).sum())),
                ("onet", r.release, "occupations with a job zone", int(occ["job_zone"].notna().sum())),
                ("onet", r.release, "task statements", len(tasks)),
                ("onet", r.release, "tasks Core", int((tasks["task_type"] == "Core").sum())),
                ("onet", r.release, "tasks Supplemental", int((tasks["task_type"] == "Supplemental").sum())),
                ("onet", r.release, "tasks without task type", int(tasks["task_type"].isna().sum())),
                ("onet", r.release, "tasks whose text contains a double quote", int(tasks["task"].str.contains('"', regex=False).sum())),
                ("onet", r.release, "tasks linked to at least one DWA", int(pd.MultiIndex.from_frame(tasks[["onetsoc_code", "task_id"]]).isin(pd.MultiIndex.from_frame(r.task_dwas[["onetsoc_code", "task_id"]])).sum())),
            ]
        elif key == ("crosswalks", "onet_to_soc"):
            cw = obj
            per_soc = cw.groupby("soc_code").size()
            out += [
                ("crosswalks", "", "O*NET-SOC codes in the 2019-to-SOC crosswalk", len(cw)),
                ("crosswalks", "", "distinct SOC 2018 codes", int(per_soc.size)),
                ("crosswalks", "", "SOC codes shared by several O*NET codes", int((per_soc > 1).sum())),
            ]
        elif key[0] == "oews":
            f = obj
            rel = f"{key[1]} {key[2]}"
            out += [
                ("oews", rel, "rows", len(f)),
                ("oews", rel, "detailed occupation rows", int((f["o_group"] == "detailed").sum())),
                ("oews", rel, "employment not released (**)", int(f["tot_emp_not_released"].sum())),
                ("oews", rel, "annual mean wage not released (*)", int(f["a_mean_not_released"].sum())),
                ("oews", rel, "annual mean wage top-coded (#)", int(f["a_mean_top_coded"].sum())),
                ("oews", rel, "rows with any top-coded wage (#)", int(f["any_top_coded"].sum())),
            ]
    cw, emp = loaded.get(("crosswalks", "onet_to_soc")), loaded.get(("oews", "2025", "cross_industry"))
    if cw is not None and emp is not None:
        soc = set(cw["soc_code"])
        detailed = emp[emp["o_group"] == "detailed"]
        direct = detailed["occ_code"].isin(soc)
        total = detailed["tot_emp"].sum()
        out += [
            ("crosswalks+oews", "2025", "SOC codes of the crosswalk published by OEWS (any level)",
             int(pd.Series(sorted(soc)).isin(emp["occ_code"]).sum())),
            ("crosswalks+oews", "2025", "OEWS detailed codes that are crosswalk SOC codes",
             int(direct.sum())),
            ("crosswalks+oews", "2025", "OEWS detailed codes that are not (aggregates)",
             int((~direct).sum())),
            ("crosswalks+oews", "2025", "share of detailed employment with a direct SOC match",
             round(float(detailed.loc[direct, "tot_emp"].sum() / total), 4) if total else None),
        ]
    return pd.DataFrame(out, columns=["source", "release", "figure", "value"], dtype=object)


def run_validate(args) -> int:
    """Run ``exposure validate``; return the exit code (0 ok, 2 any failure)."""
    failures = []

    def on_error(label, exc):
        failures.append(label)
        print(f"exposure validate: error: {label}: {exc}", file=sys.stderr)

    if args.files:
        for table, path in args.files:
            if table not in READERS:
                raise ExposureError(
                    f"unknown table {table!r} for --file; choose from {', '.join(READERS)}"
                )
            try:
                frame = READERS[table](Path(path))
            except ExposureError as exc:
                on_error(table, exc)
                continue
            print(f"{table:<22} {_fmt(len(frame)):>9}  {path}")
        return 2 if failures else 0

    releases = ("29.1", "30.1") if args.onet_release == "all" else (args.onet_release,)
    counts, loaded = validate_sources(
        mirror=args.mirror, data_dir=args.data_dir, onet_releases=releases, on_error=on_error
    )
    print(f"{'source':<11}{'release':<9}{'table':<22}{'rows':>9}")
    for row in counts.itertuples(index=False):
        rows = None if pd.isna(row.rows) else int(row.rows)
        print(f"{row.source:<11}{row.release:<9}{row.table:<22}{_fmt(rows):>9}")
    if args.report_dir:
        from exposure._io import write_csv

        out = Path(args.report_dir)
        write_csv(counts, out / "validate_row_counts.csv")
        write_csv(coverage_figures(loaded), out / "data_coverage.csv")
        print(f"wrote {out / 'validate_row_counts.csv'} and {out / 'data_coverage.csv'}")
    if failures:
        print(f"{len(failures)} source(s) failed: {', '.join(failures)}", file=sys.stderr)
        return 2
    print("all sources valid")
    return 0
