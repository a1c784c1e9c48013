"""``exposure outcomes``: exposure against realised employment and wages, OEWS May 2021-2025."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import numpy as np
import pandas as pd

from exposure import outcomes
from exposure._args import padded_choice_hint
from exposure._load import load_tables
from exposure._outdir import (
    check_files_dir,
    check_report_files,
    files_snapshot,
    refuse_file_named_dir,
    written_note,
)
from exposure._tables import check_input_file, norm_header, read_parquet_file
from exposure.cli import COMMAND_HELP, add_location_options
from exposure.cli._compare import _OTHER_LEVELS as OTHER_LEVELS
from exposure.cli._compare import (
    check_parquet_header,
    check_parquet_input,
    check_soc_level,
    columns_shown,
    refuse_directory,
)
from exposure.errors import DataFormatError, DownloadError, ExposureError
from exposure.fetch import read_folders, resolve_store
from exposure.measures import compare as cmp
from exposure.measures._common import match_header_case
from exposure.oews import load_oews, oews_file_names
from exposure.reports import figures
from exposure.reports.outcomes import FILES, figure_names, last_year, write_outcomes
from exposure.schemas import validate
from exposure.schemas._outcomes import OccupationPanel

__all__ = ["register", "run_outcomes_command", "DEFAULT_OUT"]

DEFAULT_OUT = Path("data/processed/reports")
_ALL = outcomes.OUR_MEASURES + outcomes.PUBLISHED_MEASURES

log = logging.getLogger(__name__)


def register(subparsers) -> None:
    """Add the ``outcomes`` sub-command.

    Examples
    --------
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="exposure")
    >>> register(parser.add_subparsers(dest="command"))
    >>> args = parser.parse_args(["outcomes", "--measure", "beta", "--measure", "webb_ai",
    ...                           "-o", "out"])
    >>> args.measure, args.output, args.quantiles, args.func.__name__
    (['beta', 'webb_ai'], 'out', 5, 'run_outcomes_command')
    """
    p = subparsers.add_parser(
        "outcomes",
        help=COMMAND_HELP["outcomes"],
        description="Build the OEWS May 2021-2025 occupation panel, put our measures and every "
        "published one on its codes, and write the exposure quintile growth table, the event "
        "study of log employment and log mean wage on exposure x year (occupation and year "
        "fixed effects, base year May 2022, weighted by May 2022 employment, standard errors "
        "clustered by occupation), its pre-trend test and robustness checks, and the "
        "event-study figures, to OUTPUT/outcomes_*.csv, outcomes.json and outcomes_*.png.",
    )
    p.add_argument("--measure", action="append", choices=_ALL, metavar="MEASURE",
                   help="measure to use (repeatable; default: all, leaving out with a warning each one the panel "
                   "cannot use: no value, one value, or fewer occupations than --quantiles). One of: " + ", ".join(_ALL))
    p.add_argument("-o", "--output", metavar="DIR", default=str(DEFAULT_OUT),
                   help=f"output directory (default: {DEFAULT_OUT} under the current directory; "
                   "files of an earlier run there are replaced)")
    add_location_options(p)
    p.add_argument("--panel", metavar="FILE",
                   help="occupation panel parquet, or 'shipped' for exposure.load('occupation_panel') "
                   "(default: build it from the OEWS files)")
    p.add_argument("--soc-scores", metavar="FILE",
                   help="our SOC scores parquet (default: the soc_scores table exposure.load reads: the "
                        "newest recompute of this machine, else the shipped one); a measure of ours it "
                        "leaves empty on every row (or, without --measure, lacks) is left out, with a warning")
    p.add_argument("--quantiles", type=int, default=5, metavar="Q",
                   help="exposure groups of the growth table (default 5: quintiles)")
    p.add_argument("--no-robustness", action="store_true",
                   help="skip the robustness specifications")
    p.add_argument("--no-figures", action="store_true", help="write the tables only")
    p.add_argument("--sectors", action="store_true",
                   help="also write outcomes_sectors.csv: employment growth of each NAICS sector, "
                   "May 2021-2025, next to its exposure: the sector scores exposure.load('sector_scores') "
                   "reads (the newest recompute of this machine, else the shipped one; not --soc-scores), "
                   "of the measures of ours --measure names (default alpha, beta, gamma) (needs the OEWS "
                   "by-industry table of every year: BLS's natsector files, downloaded when there is no "
                   "mirror; the mirror has May 2025 only)")
    p.set_defaults(func=run_outcomes_command)


def _read_parquet(path, what: str) -> pd.DataFrame:
    # a directory, a pipe or "-" is named for what it is (it was "file not found")
    path = check_input_file(path, f"{what} file")
    if path.is_dir():
        raise DataFormatError(f"is a directory, not a {what} file (a Parquet file is expected)", path=path)
    return read_parquet_file(path)


def _from_index(frame: pd.DataFrame, names) -> pd.DataFrame:
    """``frame`` with its index put back as columns when every level is named as one of ``names`` it lacks.

    A table saved from ``.set_index("soc_code")`` (a panel from ``.set_index(["soc_code",
    "year"])``, as panel data are kept) holds those columns as its index, which pandas
    reads back as the index: the file was refused as lacking them (``soc_scores lacks
    column(s) ['soc_code']``; for a panel, ``column 'soc_code' is missing`` and ``soc_code
    fails the check multiple_fields_uniqueness, got 2021``), as ``exposure compare --ours``
    reads it. Names are compared as :func:`exposure._tables.norm_header` compares them.

    Examples
    --------
    >>> f = pd.DataFrame({"beta": [0.4]}, index=pd.Index(["11-1011"], name="soc_code"))
    >>> list(_from_index(f, ["soc_code"]).columns)
    ['soc_code', 'beta']
    """
    levels = [norm_header(n) for n in frame.index.names if n is not None]
    have = {norm_header(c) for c in frame.columns}
    if (len(levels) == frame.index.nlevels and set(levels) <= {norm_header(n) for n in names}
            and not set(levels) & have):
        return frame.reset_index()
    return frame


def _read_panel(path) -> pd.DataFrame:
    """The ``--panel FILE`` table, its columns named as :class:`~exposure.schemas._outcomes.OccupationPanel` names them.

    Read as :func:`_read_soc_scores` reads ``--soc-scores``: columns saved as the index are
    columns (:func:`_from_index`), and a header in another case or spacing, or with a
    byte-order mark (``Year``, ``SOC_CODE``, ``year ``, ``\ufeffsoc_code``: a table written
    by Stata or R, or a CSV with a BOM converted to Parquet) is read under its name. Such a
    panel was refused in 800 errors that blamed other columns (``column 'Year' is not a
    column of OccupationPanel; ... soc_code fails the check multiple_fields_uniqueness, got
    text '11-1011'``), while ``--soc-scores`` read the same header.
    """
    columns = list(OccupationPanel.to_schema().columns)
    panel = _from_index(_read_parquet(path, "panel"), columns)
    _check_panel_level(panel, path)
    match_header_case(panel, columns, path, row=None)
    return panel


def _check_panel_level(frame: pd.DataFrame, path) -> None:
    """Refuse a ``--panel`` file without ``year`` that is another table of the library, saying what it holds.

    The SOC scores (``--panel soc_scores.parquet``, the file ``--soc-scores`` takes) were
    refused in 21 errors, one per column: ``column 'alpha' is not a column of
    OccupationPanel (no other column allowed); 20 more: ...``, not a word of what the
    file is, where ``--soc-scores`` given the panel is told so
    (:func:`exposure.cli._compare.check_soc_level`, whose names of the other tables are
    used here). A file with a column ``year`` is left to the panel's checks.

    Examples
    --------
    >>> _check_panel_level(pd.DataFrame({"soc_code": ["11-1011"], "beta": [0.4]}), "s.parquet")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: s.parquet: holds SOC scores (soc_scores.parquet) (column 'beta'), not an occupation panel: --panel takes a row per SOC code and year (soc_code, year, tot_emp, a_mean, ...), as the occupation_panel.parquet of exposure recompute, or 'shipped'
    """
    names = [norm_header(c) if isinstance(c, str) else c for c in frame.columns]
    if "year" in names:
        return
    levels = {**OTHER_LEVELS, **{m: "SOC scores (soc_scores.parquet)" for m in outcomes.OUR_MEASURES}}
    found = next((name for name in levels if name in names), None)
    if found is None:
        return
    column = frame.columns[names.index(found)]
    raise DataFormatError(f"holds {levels[found]} (column {column!r}), not an occupation panel: --panel takes a row "
                          "per SOC code and year (soc_code, year, tot_emp, a_mean, ...), as the "
                          "occupation_panel.parquet of exposure recompute, or 'shipped'", path=path)


def _read_soc_scores(path, ours: list[str], asked: bool) -> tuple[pd.DataFrame, list[str]]:
    """Our SOC scores of ``--soc-scores FILE`` (checked) and the measures of ``ours`` read from them.

    The file is read as ``exposure compare --ours`` reads it: ``soc_code`` saved as the
    index is a column (:func:`_from_index`), and a header in another case or spacing
    (``Beta``, ``SOC_CODE``) is read under its name (both were refused as lacking the
    column). Without ``--measure`` (``asked`` False), the measures of ours are those the
    file has, each one it lacks named in a warning (a file without the category shares was
    refused: ``lacks column(s) ['share_admin', ...]``, and the published measures then had
    to be named one by one). A measure missing in every row (as ``exposure rollup`` leaves
    the category shares of task scores without categories) is left out with a warning
    naming the file and the column, as ``exposure compare`` leaves it out
    (:func:`exposure.measures.compare.drop_empty_measures`); it was refused (``share_admin
    is missing in every row``). Scores none of whose measures has a value are refused. A file
    without ``soc_code`` is refused naming its columns and, for a table of the library's of
    another level (occupation, task or sector scores), what it holds
    (:func:`exposure.cli._compare.check_soc_level`): it was said to be a frame
    ``soc_scores`` lacking the column ``soc_code``, as ``exposure compare --ours`` no
    longer said it.
    """
    frame = _from_index(_read_parquet(path, "SOC scores"), ["soc_code"])
    # an occupation, task or sector file: "soc_scores lacks column(s) ['soc_code']", of no columns
    check_soc_level(frame, path, "--soc-scores")
    match_header_case(frame, ["soc_code", *outcomes.OUR_MEASURES], path, row=None)
    outcomes.check_soc_scores(frame, [], path=path, row_offset=1)  # the codes, before the measures
    if not asked:
        absent = [m for m in ours if m not in frame.columns]
        if len(absent) == len(ours):
            raise DataFormatError(f"has none of the columns {', '.join(ours)} (columns are "
                                  f"{columns_shown(frame.columns)})", path=path)
        if absent:
            log.warning("%s has no column %s: left out of the outcomes", path, ", ".join(absent))
        ours = [m for m in ours if m not in absent]
    if frame.columns.is_unique and all(m in frame.columns for m in ours):
        frame, ours = cmp.drop_empty_measures(frame, ours, path, what="the outcomes")
    return outcomes.check_soc_scores(frame, ours, path=path, row_offset=1), ours


def _check_years(panel: pd.DataFrame, path) -> None:
    """Refuse a ``--panel`` without the years of the event study, naming the file.

    It needs May 2021 (the pre-trend year), May 2022 (the base year) and a later year;
    without them the errors named no file and options nobody gave (``pre_year 2021 is
    not in the panel ([2022, 2023])``, ``end_year (2022) must be after base_year (2022)``).
    The years are those of the balanced rows, which the event study reads: a year of
    unbalanced rows only passed, and those errors came back.
    """
    years = sorted(int(y) for y in pd.unique(panel["year"]))
    balanced = panel["balanced"].to_numpy(dtype=bool)
    used = sorted(int(y) for y in pd.unique(panel["year"].to_numpy()[balanced]))
    needs = outcomes._event_years_needed(used)
    if needs:
        have = (f"the panel's years are {', '.join(map(str, years)) or 'none'}" if used == years else
                f"the balanced occupations of the panel have the years {', '.join(map(str, used)) or 'none'} "
                f"(its other rows: {', '.join(str(y) for y in years if y not in used)})")
        raise DataFormatError(f"{have}; the event study needs {', '.join(needs)}", path=path, column="year")


def _check_repeats(panel: pd.DataFrame, path) -> None:
    """Refuse a ``--panel`` with a (``soc_code``, ``year``) twice, naming the file, both rows and the column.

    The schema said ``row 4, check multiple_fields_uniqueness: '(the row)'; row 25, ...``:
    neither the columns nor the code and year. Years are compared as numbers (``2021`` and
    ``"2021"`` are one year, as the schema reads them).
    """
    if not {"soc_code", "year"} <= set(panel.columns) or not panel.columns.is_unique:
        return  # the schema names the column missing or repeated
    keys = pd.DataFrame({"soc_code": panel["soc_code"].astype(str).to_numpy(),
                         "year": pd.to_numeric(panel["year"], errors="coerce").to_numpy(dtype=float)})
    # a missing code is the schema's to name (two in one year: an IndexError here, as the
    # missing codes compared unequal to themselves below)
    repeated = (keys.duplicated().to_numpy(dtype=bool) & ~np.isnan(keys["year"].to_numpy())
                & panel["soc_code"].notna().to_numpy(dtype=bool))
    if repeated.any():
        pos = int(np.flatnonzero(repeated)[0])
        code, year = keys.iloc[pos]
        first = int(np.flatnonzero(((keys["soc_code"] == code) & (keys["year"] == year)).to_numpy(bool))[0])
        raise DataFormatError(f"({code}, {year:g}) appears twice (rows {first + 1} and {pos + 1}): the panel has "
                              "one row per occupation code and year", path=path, row=pos + 1, column="year")


def _check_measure_groups(panel: pd.DataFrame, exposures: pd.DataFrame, quantiles: int, sources) -> None:
    """Refuse more ``--quantiles`` than the balanced occupations of the base year that a measure covers.

    :func:`exposure.outcomes.run_outcomes` said ``measure 'beta' covers 3 balanced occupations
    ...: cannot make 5 exposure groups of them``, without the option or the file the measure
    came from (``--quantiles`` 5 is the default). A measure with no value or one value
    only is left to run_outcomes, which says so.
    """
    base = panel[(panel["year"] == outcomes.BASE_YEAR).to_numpy(dtype=bool)
                 & panel["balanced"].to_numpy(dtype=bool)]
    codes = pd.Index(base["soc_code"].unique())
    ex = exposures.drop_duplicates("soc_code").set_index("soc_code").reindex(codes)
    for m in [c for c in exposures.columns if c != "soc_code"]:
        values = pd.to_numeric(ex[m], errors="coerce").dropna()
        if values.nunique() >= 2 and quantiles > len(values):
            where = next((f" ({file}, column '{m}')" for file, read in sources.items() if m in read), "")
            raise ExposureError(f"--quantiles {quantiles} is more than the {len(values)} balanced occupations of "
                                f"the base year {outcomes.BASE_YEAR} that measure {m!r} covers{where}: give "
                                f"--quantiles {len(values)} or fewer")


def _leave_out_unusable(panel: pd.DataFrame, exposures: pd.DataFrame, quantiles: int, sources) -> pd.DataFrame:
    """``exposures`` without the measures no estimate can come from on the panel, each named in a warning.

    Run without ``--measure`` (every measure): a published measure or one of the shipped
    SOC scores with no value, one value only, or values on fewer balanced occupations of
    the base year than ``--quantiles``, on the panel given (a ``--panel`` of some
    occupations only: the shipped ``share_entry_creative`` is 0 on every engineering
    occupation) stopped the whole run (``measure 'share_entry_creative' takes the one value
    0 on all 35 occupations it covers: nothing to compare``), and every other measure had
    to be named with ``--measure``. It is left out, with the reason
    (:func:`exposure.outcomes.run_outcomes` checks, run here on each measure alone). A
    measure read from a ``--soc-scores`` file (``sources``) is still refused, naming the
    file, and so are measures none of which can be used.
    """
    base = outcomes._base(panel, outcomes.BASE_YEAR)
    ex = exposures.set_index("soc_code")
    read = {m for measures in sources.values() for m in measures}
    why = {}
    for m in [c for c in exposures.columns if c != "soc_code" and c not in read]:
        try:
            outcomes._check_spread(base, ex, [m], outcomes.BASE_YEAR)
            outcomes._check_group_count(ex[m].reindex(base.index).to_numpy(dtype=float), quantiles, None, m,
                                        outcomes.BASE_YEAR)
        except ExposureError as exc:
            why[m] = str(exc)
    if not why or len(why) == len(exposures.columns) - 1:  # none left: refused as before
        return exposures
    for m, reason in why.items():
        log.warning("%s; left out of the outcomes of this panel", reason)
    return exposures.drop(columns=list(why))


def _check_given(args) -> None:
    """Refuse an empty ``--panel`` or ``--soc-scores`` (``--panel "$PANEL"`` with ``PANEL`` unset).

    An empty value was read as the option left out: the panel was built from the OEWS files
    (downloaded when there is no mirror), or the shipped SOC scores were used instead of the
    file meant, without a word.
    """
    for option, value, what in (("--panel", args.panel, "the occupation panel parquet file, or 'shipped'"),
                                ("--soc-scores", args.soc_scores, "the SOC scores parquet file")):
        if value is not None and not str(value).strip():
            raise ExposureError(f"{option} is empty: give {what}, or leave the option out")


def _check_quantiles(panel: pd.DataFrame, quantiles: int) -> None:
    """Refuse more ``--quantiles`` than the panel's balanced occupations of the base year, naming the option.

    Checked before the measures are put on the panel (the published ones are loaded): it
    failed at the end, with ``cannot make 100 exposure groups``, without the option.
    """
    base = panel[(panel["year"] == outcomes.BASE_YEAR).to_numpy(dtype=bool)
                 & panel["balanced"].to_numpy(dtype=bool)]
    n = int(base["soc_code"].nunique())
    if quantiles > n:
        raise ExposureError(f"--quantiles {quantiles} is more than the {n} balanced occupations of the panel "
                            f"in the base year {outcomes.BASE_YEAR}: cannot make {quantiles} exposure groups")


def _report_files(args) -> list[str]:
    """The files of the output directory the run may write, known from its options.

    The tables and ``outcomes.json``, ``outcomes_sectors.csv`` with ``--sectors``, and
    (without ``--no-figures``) each figure that draws one of the measures asked for.
    """
    names = [name for name in FILES if args.sectors or name != "outcomes_sectors.csv"]
    if not args.no_figures:
        names += [f"{name}.png" for name in figure_names(args.measure or _ALL)]
    return names


def _check_inputs(args) -> None:
    """Refuse, before anything is read, a ``--panel`` or ``--soc-scores`` file that is not Parquet or not there.

    They were read after the panel was built from the OEWS files (and, with ``--sectors``,
    after five by-industry tables were loaded): a missing file was found then, and a CSV
    (a ``soc_scores.csv`` of ``exposure rollup --format csv``) was refused in pyarrow's
    words, ``Parquet magic bytes not found in footer. Either the file is corrupted or this
    is not a parquet file.``, where ``exposure compare --ours`` says what the file is and
    how to convert it. A header holding a column twice is refused naming the column and
    both positions, as for ``--ours`` (pyarrow said ``cannot read this Parquet file:
    Multiple matches for FieldRef.Name(beta) in soc_code: string``). A directory is refused
    here, naming the table in it to give when it is an output directory of ``exposure
    recompute`` (:func:`exposure.cli._compare.refuse_directory`): it was refused after the
    panel was built, as ``is a directory, not a SOC scores file``, and no more. ``--panel Shipped``
    (or ``" shipped"``), no file of that name, is told to write ``shipped``: it was ``Shipped:
    panel file not found``, not a word of the choice.
    """
    for option, value, what, name in (("--panel", args.panel, "the occupation panel", "panel"),
                                      ("--soc-scores", args.soc_scores, "our SOC scores", "scores")):
        if value is None or value == "shipped" and option == "--panel":
            continue
        hint = padded_choice_hint(value, ["shipped"]) if option == "--panel" else ""
        if hint and not Path(value).exists():  # "Shipped" was "Shipped: panel file not found"
            raise ExposureError(f"--panel takes the occupation panel parquet file or 'shipped', got {value!r}{hint}")
        short = "panel" if name == "panel" else "SOC scores"
        path = check_input_file(value, f"{short} file")
        # an output directory of exposure recompute is told the file in it to give, as --ours is told (it was
        # refused after the panel was built, saying only that it is a directory)
        refuse_directory(path, option, short, "occupation_panel.parquet" if name == "panel" else "soc_scores.parquet")
        check_parquet_input(path, option, what, name)
        # a column twice in the header: pyarrow's "Multiple matches for FieldRef.Name(beta) in ..."
        check_parquet_header(path)


def _sector_measures(args) -> list[str]:
    """The measures of ``outcomes_sectors.csv`` (``--sectors``), with a warning where it differs from the run.

    The sector table was always made of alpha, beta and gamma of the sector scores
    :func:`exposure.load` reads, whatever ``--measure`` and ``--soc-scores`` asked for,
    without a word: ``--measure share_admin`` gave a table without ``share_admin``, and
    ``--soc-scores FILE`` a table of other scores than the file's. It now holds the
    measures of ours ``--measure`` names (alpha, beta, gamma without ``--measure``, or
    when it names none of ours: said in a warning), and a warning says that the sector
    scores are not those of ``--soc-scores`` (SOC scores need the OEWS cells of each
    sector to be rolled up to sectors: ``exposure rollup``).
    """
    asked = list(dict.fromkeys(args.measure or []))
    measures = [m for m in asked if m in outcomes.OUR_MEASURES] or list(outcomes.EXPOSURE_MEASURES)
    if asked and not set(asked) & set(outcomes.OUR_MEASURES):
        log.warning("--sectors: --measure names none of our measures (%s); outcomes_sectors.csv shows %s, "
                    "the sector scores there are", ", ".join(asked), ", ".join(measures))
    if args.soc_scores:
        log.warning("--sectors: outcomes_sectors.csv shows the sector scores exposure.load('sector_scores') "
                    "reads (the newest recompute of this machine, else the shipped one), not those of "
                    "--soc-scores %s: for sector scores of your own, roll your scores up with exposure rollup",
                    args.soc_scores)
    return measures


def _check_figures(args) -> None:
    """Refuse, before any work, a run whose figures cannot be drawn: no matplotlib, or a bad ``MPLBACKEND``.

    matplotlib was imported here bare: ``MPLBACKEND=foo``, or the
    ``module://matplotlib_inline.backend_inline`` a Jupyter kernel leaves to the commands
    it runs (``!exposure outcomes ...``) where ``matplotlib-inline`` is not installed,
    raised matplotlib's ``ValueError: Key backend: ...`` (a traceback, exit 1), where the
    figures of :mod:`exposure.reports.figures` say what to do.
    """
    if args.no_figures:
        return
    try:
        figures._require_matplotlib()
    except ExposureError as exc:  # no matplotlib, or MPLBACKEND it does not know
        raise ExposureError(f"{exc}; or pass --no-figures") from None


def _shipped_tables(args, measures) -> dict[str, pd.DataFrame]:
    """The tables of :func:`exposure.load` the run reads, read at once from one directory (under its read lock).

    ``--sectors`` reads ``sector_scores``, ``--panel shipped`` the ``occupation_panel``,
    and our measures without ``--soc-scores`` the ``soc_scores`` of the newest recompute
    (else the shipped tables). Each was loaded when it was needed, the SOC scores after
    the panel was built from five years of OEWS files: a recompute replacing that
    directory meanwhile (or a newer recompute written) gave outcomes of the sector scores
    of one run and the SOC scores of another, without a word. They are now read together
    (:func:`exposure._load.load_tables`): a run writing the directory refuses the command,
    naming it.
    """
    names = []
    if args.sectors:
        names.append("sector_scores")
    if args.panel == "shipped":
        names.append("occupation_panel")
    if not args.soc_scores and (measures is None or any(m in outcomes.OUR_MEASURES for m in measures)):
        names.append("soc_scores")
    return load_tables(names) if names else {}


def _by_industry(year: int, loc: dict) -> pd.DataFrame:
    """The OEWS table by industry of May ``year`` for ``--sectors``; a file not found names the table's files.

    ``exposure outcomes --sectors`` with a mirror holding BLS's cross-industry files only
    (as the shipped mirror does) said ``oews/national_M2021_dl.xlsx: not found in mirror
    ...``: a file the user did not know was needed, beside the ``national_M2021_dl.csv``
    the mirror has, and nothing of the by-industry table it was needed for. The error now
    says what ``--sectors`` reads and every file of that table
    (:func:`exposure.oews.oews_file_names`), then the reader's words.
    """
    try:
        return load_oews(str(year), "by_industry", **loc)
    except DownloadError as exc:
        online = resolve_store(None, **loc).mirror is None  # as load_oews: $EXPOSURE_MIRROR too
        names = oews_file_names(str(year), "by_industry", online=online)
        files = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        raise DownloadError(f"--sectors reads the OEWS estimates by industry of May {year} ({files}): "
                            f"{exc}") from None


def run_outcomes_command(args) -> int:
    """Run ``exposure outcomes``; return the exit code."""
    start = time.perf_counter()
    refuse_file_named_dir(args.output, "-o/--output", "the reports (outcomes_*.csv, outcomes.json, "
                          "outcomes_*.png)")
    protect = read_folders(args.mirror, args.data_dir)
    out = check_files_dir(args.output, protect=protect)
    before = files_snapshot(out)  # the summary names the files of an earlier run it replaced
    _check_figures(args)
    if args.quantiles < 1:
        raise ExposureError(f"--quantiles must be at least 1, got {args.quantiles}")
    _check_given(args)
    # a directory at a report's name was found when the set was written, after the whole run; a
    # report name that is the --panel or --soc-scores file (or a link to it) replaced that file
    inputs = [(option, path) for option, path in (("--panel", args.panel), ("--soc-scores", args.soc_scores))
              if path and path != "shipped" and os.path.isfile(path)]  # one missing: named by _check_inputs
    # args.output, as given: check_files_dir's Path dropped a "./" ("./o/outcomes.json: ..." was "o/outcomes.json")
    check_report_files(args.output, _report_files(args), "-o/--output", protect=protect, inputs=inputs)
    _check_inputs(args)
    measures = list(dict.fromkeys(args.measure)) if args.measure else None
    soc, sources = None, {}
    if args.soc_scores:  # read before the panel is built: its errors came after five years of OEWS files were read
        ours = [m for m in (measures or outcomes.OUR_MEASURES) if m in outcomes.OUR_MEASURES]
        if not ours:  # the file was read, checked and then not used, without a word
            raise ExposureError(f"--soc-scores gives our measures ({', '.join(outcomes.OUR_MEASURES)}), but --measure "
                                f"names none of them ({', '.join(measures)}): the file would not be read; leave "
                                "--soc-scores out, or add --measure beta (or another of ours)")
        soc, read = _read_soc_scores(args.soc_scores, ours, asked=bool(measures))
        if read != ours:  # the measures of ours left out (missing in every row, or not in the file)
            measures = [m for m in (measures or _ALL) if m not in ours or m in read]
        sources[args.soc_scores] = read  # a measure of the file with one value: name the file and the column
    panel = None
    if args.panel and args.panel != "shipped":  # the user's file before the tables of the run:
        # a bad one was refused after --sectors had read five years of OEWS files by industry
        panel = _read_panel(args.panel)
        _check_repeats(panel, args.panel)
        panel = validate(panel, OccupationPanel, path=args.panel, row_offset=1)
        if len(panel) and not (panel["year"] == outcomes.BASE_YEAR).any():
            # the years the event study needs, not check_panel's "base_year 2022 is not a year of the
            # panel": no option of the command (it said "no balanced occupation in the base year 2022")
            _check_years(panel, args.panel)
        outcomes.check_panel(panel, path=args.panel)  # an empty panel: name the file
        _check_years(panel, args.panel)
    shipped = _shipped_tables(args, measures)
    loc = {"mirror": args.mirror, "data_dir": args.data_dir}
    sectors = None
    if args.sectors:  # before the long part (the panel built from the mirror): fails fast when a year is missing
        sector_measures = _sector_measures(args)  # said before the files are read
        frames = {year: _by_industry(year, loc) for year in outcomes.PANEL_YEARS}
        sectors = outcomes.sector_growth(frames, shipped["sector_scores"], sector_measures)
    if args.panel == "shipped":
        panel = shipped["occupation_panel"]
    elif panel is None:
        panel = outcomes.load_panel(**loc)
    _check_quantiles(panel, args.quantiles)
    if soc is None:
        soc = shipped.get("soc_scores")
    # errors about rows of --soc-scores name the file (they said "soc_scores")
    exposures = outcomes.exposure_table(panel, soc, measures=measures, soc_scores_path=args.soc_scores,
                                        panel_path=args.panel if args.panel and args.panel != "shipped" else None,
                                        **loc)
    if not args.measure:  # every measure: one the panel cannot use is left out, not the whole run
        exposures = _leave_out_unusable(panel, exposures, args.quantiles, sources)
    _check_measure_groups(panel, exposures, args.quantiles, sources)
    # the panel is checked once (it was checked a second time, for the measures of the file),
    # its errors naming the --panel file (they said "panel")
    result = outcomes.run_outcomes(panel, exposures, q=args.quantiles, with_robustness=not args.no_robustness,
                                   path=args.panel if args.panel and args.panel != "shipped" else "panel",
                                   sources=sources)
    written = write_outcomes(result, out, figures_too=not args.no_figures, sectors=sectors,
                             settings={"quantiles": args.quantiles,
                                       "robustness": not args.no_robustness})
    head = result.headline
    print(f"{len(written)} files written in {time.perf_counter() - start:.1f} s to {written_note(out, before)}")
    print(f"panel: {panel['soc_code'].nunique()} occupation codes, years "
          f"{', '.join(map(str, sorted(panel['year'].unique())))}; base year {outcomes.BASE_YEAR}")
    # the headline's year is the panel's last (it said May 2025 whatever it was)
    print(f"May {last_year(result)} effect of one SD more exposure (log points; 95% interval; "
          f"pre-trend {outcomes.PRE_YEAR}):")
    for row in head.itertuples():
        print(f"  {row.measure:<24} {row.outcome:<8} {row.coef:+.4f} "
              f"[{row.ci_low:+.4f}, {row.ci_high:+.4f}]  pre {row.pre_coef:+.4f} (p={row.pre_p_value:.2f})")
    return 0
