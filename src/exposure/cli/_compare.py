"""``exposure compare``: published exposure measures (and ours) side by side."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

from exposure._io import atomic_paths, write_csv
from exposure._load import check_parquet_names, load, tables_dir
from exposure._outdir import (
    check_files_dir,
    check_report_files,
    files_snapshot,
    refuse_file_named_dir,
    written_note,
)
from exposure._tables import check_input_file, norm_header, read_parquet_file
from exposure.cli import COMMAND_HELP, add_location_options
from exposure.errors import DataFormatError, ExposureError
from exposure.fetch import read_folders
from exposure.measures import compare as cmp
from exposure.measures import microsoft
from exposure.measures._common import check_soc_scores, match_header_case
from exposure.schemas._fields import SOC_PATTERN

__all__ = ["register", "run_compare", "DEFAULT_OURS", "DEFAULT_OUT", "REPORT_FILES", "check_parquet_input",
           "check_parquet_header", "check_soc_level", "refuse_directory"]

#: Our SOC scores by default: the file exposure.load("soc_scores") reads (the newest
#: recompute, else the shipped tables), whatever the current directory.
DEFAULT_OURS = "soc_scores.parquet"
DEFAULT_OUT = Path("data/processed/reports")
#: The files ``exposure compare`` writes into its output directory, as one set.
REPORT_FILES = ("measures_table.csv", "measures_coverage.csv", "measures_correlations.csv",
                "measures_disagreements.csv", "measures_correlation_matrix.csv",
                "measures_correlation_matrix_emp.csv", "microsoft_rebuild.csv",
                "measures_anthropic_match.csv")


def register(subparsers) -> None:
    """Add the ``compare`` sub-command.

    Examples
    --------
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="exposure")
    >>> register(parser.add_subparsers(dest="command"))
    >>> args = parser.parse_args(["compare", "--mirror", "m", "-o", "out"])
    >>> args.mirror, args.output, args.func.__name__
    ('m', 'out', 'run_compare')
    """
    p = subparsers.add_parser(
        "compare",
        help=COMMAND_HELP["compare"],
        description="Load the published measures (Eloundou et al., Felten AIOE/LM/image, Webb, "
        "Microsoft applicability, Anthropic Economic Index, ILO 2025), cross them to SOC 2018, "
        "and write the table, coverage, Pearson/Spearman correlations (plain and weighted by "
        "OEWS May 2025 employment), the largest disagreements and the Microsoft rebuild check "
        "to OUTPUT/measures_*.csv and OUTPUT/microsoft_rebuild.csv.",
    )
    add_location_options(p)
    p.add_argument(
        "--ours",
        metavar="PATH",
        help=f"our SOC scores parquet (default: the {DEFAULT_OURS} that exposure.load reads, the "
             "newest recompute else the shipped table, refused when that table is missing; 'none' to "
             "compare the published measures without ours)",
    )
    p.add_argument("-o", "--output", metavar="DIR", default=str(DEFAULT_OUT), help=f"output directory (default: {DEFAULT_OUT} under the current directory; "
                   "files of an earlier run there are replaced)")
    p.add_argument("--top", type=int, default=3, help="codes per measure pair in the disagreement table")
    p.set_defaults(func=run_compare)


def _read_ours(arg) -> tuple[pd.DataFrame | None, Path | None]:
    """Our SOC scores of ``--ours`` (None: the default file) and their path; (None, None) for ``none``.

    A directory given is refused; one holding ``soc_scores.parquet`` (an output directory of
    ``exposure recompute``) is told the file to give.
    """
    if arg is not None and str(arg).lower() == "none":
        return None, None
    if arg is not None and not str(arg).strip():  # the shipped table was read instead, without a word
        raise DataFormatError("--ours is empty: give a SOC scores file (Parquet), or 'none' to skip")
    if arg is None:
        frame = _load_default_ours()
        path = Path(frame.attrs["exposure_directory"]) / DEFAULT_OURS
    else:
        path = Path(arg)
        # a directory, a pipe or "-" is named for what it is (it was "file not found")
        check_input_file(path, "file")
        refuse_directory(path, "--ours", "SOC scores", DEFAULT_OURS)
        if not path.is_file():
            raise DataFormatError("file not found", path=path)
        _check_parquet(path)
        check_parquet_header(path)
        frame = read_parquet_file(path)
    # saved from .set_index("soc_code") ("SOC_CODE" was not read) or .set_index(["soc_code",
    # "tot_emp"]) (a level of a MultiIndex was refused as a missing column)
    if (any(isinstance(n, str) and norm_header(n) == "soc_code" for n in frame.index.names)
            and not any(norm_header(c) == "soc_code" for c in frame.columns if isinstance(c, str))):
        frame = frame.reset_index()
    check_soc_level(frame, path)
    # "soc code", "Beta" read as other readers read such headers ("Gamma" beside "beta" was left out)
    match_header_case(frame, ["soc_code", *cmp.OURS], path, row=None)
    ours = [c for c in cmp.OURS if c in frame.columns]
    # refused here, not in compare(), so that every failure names the file (a parquet with
    # no column at all was reported as an anonymous "soc_scores")
    check_soc_scores(frame, [], path=path, row_offset=1)
    if not ours:
        raise DataFormatError(f"has none of the columns {', '.join(cmp.OURS)} (columns are "
                              f"{columns_shown(frame.columns)})", path=path)
    # a measure exposure rollup left empty (missing on every task) was refused: left out, with a warning
    frame, ours = cmp.drop_empty_measures(frame, ours, path)
    return check_soc_scores(frame, ours, path=path, row_offset=1), path


def refuse_directory(path: Path, option: str, what: str, filename: str) -> None:
    """Refuse a directory given to ``option`` (a file of ``what`` expected), naming the ``filename`` it holds, if any.

    For ``exposure compare --ours`` and ``exposure outcomes --soc-scores`` / ``--panel``:
    an output directory of ``exposure recompute`` given for its table was told only that it
    is a directory (``exposure outcomes``, until round 77, after building the panel from
    five years of OEWS files); the file in it to give is named, with the option.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "occupation_panel.parquet").write_bytes(b"PAR1")
    >>> refuse_directory(d, "--panel", "panel", "occupation_panel.parquet")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: ...: is a directory, not a panel file (a Parquet file is expected): give the occupation_panel.parquet in it, --panel .../occupation_panel.parquet
    """
    if not path.is_dir():
        return
    inside = f": give the {filename} in it, {option} {path / filename}" if (path / filename).is_file() else ""
    raise DataFormatError(f"is a directory, not a {what} file (a Parquet file is expected){inside}", path=path)


def _load_default_ours() -> pd.DataFrame:
    """Our SOC scores without ``--ours``: ``exposure.load("soc_scores")``; refused when there is no such table.

    The file was read as a plain Parquet file (``tables_dir() / DEFAULT_OURS``): a table
    changed since its recompute (hand-edited, or copied from another run) was compared
    without a word, although its ``manifest.json`` records its sha256; no read lock was
    taken (a recompute replacing the directory meanwhile), and the recompute read was not
    named. :func:`exposure.load` checks the table against the manifest, validates it and
    reads it under the directory's read lock, and logs which recompute it read.

    A directory read lacking the table (a recompute whose ``soc_scores.parquet`` was
    removed, or an installed package without processed tables) is refused, as
    :func:`exposure.load` refuses it, adding ``--ours none``: the published measures were
    compared without ours, without a word (``measures_table.csv`` without ``alpha``,
    ``beta``, ``gamma``, and no correlation with them), although the command compares
    ours by default. ``--ours none`` compares the published measures only, on purpose.

    Returns
    -------
    pandas.DataFrame
        The table, ``attrs["exposure_directory"]`` naming the directory read.

    Raises
    ------
    exposure.errors.ExposureError
        As :func:`exposure.load`: a table that is not the one its manifest recorded, a
        damaged table, a directory or a broken symbolic link at its name, or a recompute
        writing the directory, each naming the file (or directory); no table at all,
        naming the directory that lacks it and ``--ours none``.
    """
    missing = not os.path.lexists(tables_dir() / DEFAULT_OURS)
    try:
        return load("soc_scores")
    except ExposureError as exc:
        # the table is missing (load's own class: not a damaged one, nor a recompute writing it)
        if not missing or type(exc) is not ExposureError:
            raise
        raise ExposureError(f"{exc}; or pass --ours none to compare the published measures without ours") from None


#: columns of the library's tables that are not SOC scores -> what the table holds, the first
#: found naming it (the task digests, which have a task_id, were named as task scores; the
#: workforce and working-time tables as "soc_scores lacks column(s) ['soc_code']")
_OTHER_LEVELS = {
    "text_digest": "task digests (task_digests.parquet)",
    "group_type": "workforce statistics (workforce.parquet)",
    "saveable_share": "working-time savings (working_time.parquet)",
    "task_id": "task scores (task_scores.parquet)",
    "onetsoc_code": "O*NET-SOC occupation scores (occupation_scores.parquet)",
    "naics": "sector scores (sector_scores.parquet, subsector_scores.parquet)",
}


def check_soc_level(frame: pd.DataFrame, path: Path, option: str = "--ours") -> None:
    """Refuse a file without ``soc_code``, naming its columns and, for a table of another level, what it holds.

    For ``exposure compare --ours`` and ``exposure outcomes --soc-scores`` (``option``, named
    in the message). An occupation, task or sector file was refused as lacking the column
    ``soc_code``, without the columns found or what to give (by ``exposure outcomes``,
    until round 72); an occupation panel (a ``soc_code`` per ``year``) as repeating a SOC
    code (until round 76).

    Raises
    ------
    exposure.errors.DataFormatError
        A file without ``soc_code``: what it holds when it has a column of another table
        of the library (:data:`_OTHER_LEVELS`: ``onetsoc_code``, ``task_id``, ``naics``, the
        task digests' ``text_digest``, ...), else its columns;
        an occupation panel (a column ``year``, a SOC code repeated); SOC scores in long
        form (a column naming our measures, a SOC code repeated: :func:`_refuse_long_form`);
        and what ``option`` takes.
    """
    names = [norm_header(c) if isinstance(c, str) else c for c in frame.columns]
    if "soc_code" in names:
        # the occupation panel (occupation_panel.parquet) was refused as "SOC code '11-1011'
        # appears twice (rows 1 and 2)", without a word of what the file holds
        if "year" in names and frame.iloc[:, names.index("soc_code")].duplicated().any():
            raise DataFormatError("holds an occupation panel (occupation_panel.parquet: a row per SOC code and "
                                  f"year, column {frame.columns[names.index('year')]!r}), not SOC scores: {option} "
                                  "takes one row per SOC code (soc_code, alpha, beta, gamma), as the "
                                  "soc_scores.parquet of exposure recompute", path=path)
        _refuse_long_form(frame, names, path, option)
        return
    _refuse_transposed(frame, path, option)
    other = next((col for col in _OTHER_LEVELS if col in names), None)
    what = (f"holds {_OTHER_LEVELS[other]} (column {other!r}), not SOC scores" if other
            else f"soc_scores lacks column(s) ['soc_code'] (columns are {columns_shown(frame.columns)})")
    if other is None and (not names or any(isinstance(n, str) and n.replace(" ", "_") == "soc_code" for n in names)):
        return  # "SOC Code": check_soc_scores says which column to rename; no column: says so
    raise DataFormatError(f"{what}: {option} takes scores by SOC code (soc_code, alpha, beta, gamma), as the "
                          "soc_scores.parquet of exposure recompute", path=path)


#: A column name that is a SOC code (spaces around it aside): a table with a column per SOC code.
_SOC_NAME = re.compile(SOC_PATTERN.removeprefix("^").removesuffix("\\Z"))


def columns_shown(columns, first: int = 8) -> str:
    """The ``columns`` of a table as an error lists them: the ``first`` few, then how many there are in all.

    A table of hundreds of columns (a table transposed, with a column per SOC code) was
    listed whole in one error line.

    Examples
    --------
    >>> columns_shown(["soc_code", "beta"])
    "['soc_code', 'beta']"
    >>> columns_shown([f"c{i}" for i in range(20)], first=3)
    "['c0', 'c1', 'c2', ...] (20 columns)"
    """
    columns = list(columns)
    if len(columns) <= first:
        return str(columns)
    return f"{str(columns[:first])[:-1]}, ...] ({len(columns)} columns)"


def _refuse_transposed(frame: pd.DataFrame, path: Path, option: str) -> None:
    """Refuse SOC scores transposed (a row per measure, a column per SOC code), saying so and how to turn them.

    Such a table (``scores.set_index("soc_code").T``, or a spreadsheet of codes across)
    was refused as ``soc_scores lacks column(s) ['soc_code'] (columns are ['11-1011',
    '11-1021', ...])``, listing its 830 columns in one line. A table is taken as
    transposed when at least two of its column names, and half of them or more, are SOC
    codes.

    Examples
    --------
    >>> t = pd.DataFrame({"index": ["beta"], "11-1011": [0.1], "11-1021": [0.2]})
    >>> _refuse_transposed(t, Path("t.parquet"), "--ours")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: t.parquet: its column names are SOC codes (2 of its 3 columns: '11-1011', '11-1021'): it looks transposed (a row per measure, a column per SOC code): --ours takes a row per SOC code ...
    """
    codes = [c for c in frame.columns if isinstance(c, str) and _SOC_NAME.fullmatch(c.strip())]
    if len(codes) < 2 or 2 * len(codes) < len(frame.columns):
        return
    rest = [c for c in frame.columns if c not in codes]
    shown = ", ".join(repr(c) for c in codes[:3]) + (", ..." if len(codes) > 3 else "")
    # the measures' names are the index (read back from the file), or the one other column
    turn = ("frame" if not rest else f"frame.set_index({rest[0]!r})" if len(rest) == 1 else None)
    how = (f"; transpose it with pandas: {turn}.T.rename_axis('soc_code').reset_index()" if turn else
           "; transpose it (pandas: frame.set_index(<the column of measure names>).T)")
    raise DataFormatError(f"its column names are SOC codes ({len(codes)} of its {len(frame.columns)} columns: "
                          f"{shown}): it looks transposed (a row per measure, a column per SOC code): {option} "
                          f"takes a row per SOC code (soc_code, alpha, beta, gamma), as the soc_scores.parquet of "
                          f"exposure recompute{how}", path=path)


def _refuse_long_form(frame: pd.DataFrame, names: list, path: Path, option: str) -> None:
    """Refuse SOC scores in long form (a row per SOC code and measure: ``soc_code, measure, value``), saying how to widen them.

    Such a table (tidy data, as R's ``pivot_longer`` or pandas' ``melt`` writes it) was
    refused as ``SOC code '11-1011' appears twice (rows 1 and 831)``, without a word of
    its form. A table with a column of our measures (``alpha``, ``beta``, ``gamma``) is
    left to the checks of SOC scores.

    Examples
    --------
    >>> long = pd.DataFrame({"soc_code": ["11-1011", "11-1011"], "measure": ["alpha", "beta"], "value": [0.1, 0.2]})
    >>> _refuse_long_form(long, list(long.columns), Path("l.parquet"), "--ours")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: l.parquet: holds SOC scores in long form (a row per SOC code and measure, column 'measure'), not ...
    """
    if any(name in cmp.OURS for name in names) or not frame.iloc[:, names.index("soc_code")].duplicated().any():
        return
    for pos, column in enumerate(frame.columns):
        if names[pos] == "soc_code" or pd.api.types.is_numeric_dtype(frame.iloc[:, pos]):
            continue
        held = {norm_header(v) for v in frame.iloc[:, pos].dropna().unique()[:1000] if isinstance(v, str)}
        if held & set(cmp.OURS):
            values = next((c for at, c in enumerate(frame.columns) if at != pos and names[at] != "soc_code"
                           and pd.api.types.is_numeric_dtype(frame.iloc[:, at])), "value")
            raise DataFormatError(
                f"holds SOC scores in long form (a row per SOC code and measure, column {column!r}), not one row per "
                f"SOC code: {option} takes a column per measure (soc_code, alpha, beta, gamma); widen it with pandas: "
                f"frame.pivot(index='soc_code', columns={column!r}, values={values!r}).reset_index()", path=path)


def check_parquet_header(path) -> None:
    """Refuse a Parquet file whose header holds a column twice, naming it and both positions.

    For ``exposure compare --ours`` and ``exposure outcomes --soc-scores`` / ``--panel``:
    :func:`exposure._load.check_parquet_names`, the check :func:`exposure.load` makes of a
    processed table (this was a copy of its rule until round 77, which said neither where
    the names are nor, as it compared names as written, a name written with spaces around
    it, which :func:`~exposure.measures._common.match_header_case` then refused).

    Parameters
    ----------
    path : str or os.PathLike
        The file given.

    Raises
    ------
    exposure.errors.DataFormatError
        ``dup.parquet, column 'beta': given more than once in the Parquet schema (columns 2
        and 3): keep one`` (it said ``given more than once (columns 2 and 3): keep one``).
    """
    check_parquet_names(Path(path))


def _check_parquet(path: Path) -> None:
    """Refuse an ``--ours`` file that is empty or not Parquet (a CSV), saying how to convert it.

    A CSV was refused as ``cannot read this Parquet file: ... Parquet magic bytes not found
    in footer``. ``exposure outcomes --soc-scores`` takes the SOC scores as Parquet too.
    """
    check_parquet_input(path, "--ours", "our SOC scores", "scores")


#: How to convert a table of each kind to Parquet with pandas (PATH: the file given).
_CONVERT = {".csv": "pd.read_csv(PATH, dtype={'soc_code': str})", ".tsv": "pd.read_csv(PATH, sep='\\t', dtype={'soc_code': str})",
            ".txt": "pd.read_csv(PATH, sep='\\t', dtype={'soc_code': str})", ".xlsx": "pd.read_excel(PATH, dtype={'soc_code': str})",
            ".dta": "pd.read_stata(PATH)"}


def check_parquet_input(path, option: str, what: str, name: str) -> None:
    """Refuse a file given to a Parquet-only option that is empty or not Parquet, saying how to convert it.

    For ``exposure compare --ours`` and ``exposure outcomes --soc-scores`` / ``--panel``,
    which read Parquet only. The table's own kind says how to convert it (an ``.xlsx``
    was told to convert a CSV), and a table written by ``exposure rollup --format csv``
    (``xlsx``, ``dta``) is told that the roll-up writes Parquet without ``--format``.
    A missing file, a directory or a pipe is left to the caller (a file that cannot be
    opened, too).

    Parameters
    ----------
    path : str or os.PathLike
        The file given.
    option : str
        The option, for the message (``--ours``).
    what : str
        What the option takes (``our SOC scores``).
    name : str
        The stem of the Parquet file to suggest (``scores``: ``scores.parquet``).

    Raises
    ------
    exposure.errors.DataFormatError
        ``ours.csv: is not a Parquet file (a CSV file?): --ours takes our SOC scores as
        Parquet (...); convert a CSV with pandas: ...``.
    """
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(4)
    except OSError:  # missing, a directory, unreadable: the caller's reader says so
        return
    if head == b"PAR1":
        return
    suffix = path.suffix.lower()
    convert = _CONVERT.get(suffix, _CONVERT[".csv"])
    kind = {".tsv": "a TSV", ".txt": "a text file", ".xlsx": "an .xlsx workbook", ".dta": "a Stata .dta file"
            }.get(suffix, "a CSV")
    rolled = (" (a table of exposure rollup --format? without --format it writes soc_scores.parquet)"
              if name == "scores" and path.stem == "soc_scores" and suffix in (".csv", ".xlsx", ".dta") else "")
    table = "occupation_panel" if name == "panel" else "soc_scores"
    expected = (f"{option} takes {what} as Parquet (as exposure.load('{table}') reads "
                f"{'it' if name == 'panel' else 'them'}){rolled}; convert {kind} with pandas: "
                f"{convert}.to_parquet('{name}.parquet')")
    if not head:
        raise DataFormatError(f"file is empty: {expected}", path=path)
    guess = {".csv": " (a CSV file?)", ".tsv": " (a TSV file?)", ".txt": " (a text file?)",
             ".xlsx": " (an Excel workbook?)", ".dta": " (a Stata file?)"}.get(suffix, "")
    raise DataFormatError(f"is not a Parquet file{guess}: {expected}", path=path)


def run_compare(args) -> int:
    """Run ``exposure compare``; return the exit code."""
    # before any work, in the words of the other commands (exposure diff --top, rollup --bootstrap): it
    # said "top (codes per measure pair)", then "--top must be a whole number of 0 or more, got int -1",
    # the Python API's words (a type and a whole number: argparse has read the option as one)
    if args.top < 0:
        raise ExposureError(f"--top must be 0 or more, got {args.top}")
    out = Path(args.output)
    # args.output, as given: Path(args.output) dropped a "./" ("-o ./f.csv/x" was told "output path f.csv/x
    # lies under f.csv"), as outcomes and validate name theirs
    refuse_file_named_dir(args.output, "-o/--output", "the reports (measures_*.csv, microsoft_rebuild.csv)")
    protect = read_folders(args.mirror, args.data_dir)
    check_files_dir(args.output, protect=protect)  # before any work
    # a directory at a report's name was found when the set was written, after the whole run
    # a report name that is the --ours file (or a link to it): the report replaced it
    read = [("--ours", args.ours)] if args.ours is not None and os.path.isfile(args.ours) else []
    # named as given: Path(args.output) dropped a "./" ("./o/measures_table.csv" was "o/measures_table.csv")
    check_report_files(args.output, REPORT_FILES, "-o/--output", protect=protect, inputs=read)
    before = files_snapshot(out)  # the summary names the files of an earlier run it replaced
    ours, path = _read_ours(args.ours)
    try:
        res = cmp.compare(ours, mirror=args.mirror, data_dir=args.data_dir, top=args.top)
    except DataFormatError as err:  # a code of the file (a SOC 2010 code): named by the file, not "soc_scores"
        if path is None or err.path != "soc_scores":
            raise
        raise err.in_file(path, row_offset=1) from None
    rebuild = microsoft.load_rebuild(mirror=args.mirror, data_dir=args.data_dir)
    key = [m for m in cmp.KEY_MEASURES if m in res.table.columns]
    table = res.table.assign(tot_emp=res.table["tot_emp"].round().astype("Int64"))
    coverage = res.coverage.assign(emp_covered=res.coverage["emp_covered"].round().astype("Int64"))
    files = {
        "measures_table.csv": table,
        "measures_coverage.csv": coverage,
        "measures_correlations.csv": res.correlations,
        "measures_disagreements.csv": res.disagreements,
        "measures_correlation_matrix.csv": cmp.correlation_matrix(res.correlations, "spearman", key),
        "measures_correlation_matrix_emp.csv": cmp.correlation_matrix(res.correlations, "spearman_emp", key),
        "microsoft_rebuild.csv": pd.DataFrame(
            {
                "soc_codes": [len(rebuild)],
                "max_abs_diff": [rebuild.attrs["max_abs_diff"]],
                "tolerance": [1e-9],
                "within_tolerance": [rebuild.attrs["max_abs_diff"] <= 1e-9],
            }
        ),
    }
    anth = cmp.anthropic_match_rates(mirror=args.mirror, data_dir=args.data_dir)
    files["measures_anthropic_match.csv"] = anth
    # one set: a failure (or SIGTERM) part-way leaves the previous set
    with atomic_paths([out / name for name in files]) as paths:
        for (name, frame), tmp in zip(files.items(), paths, strict=True):
            # errors and warnings name the report, not its partial file (atomic_paths)
            write_csv(frame, tmp, float_format="%.3f" if "matrix" in name else "%.6g")

    pd.set_option("display.width", 160)
    print("Coverage (SOC 2018 codes reached, OEWS May 2025 employment covered):")
    print(res.coverage.to_string(index=False, float_format=lambda v: f"{v:.4g}"))
    print("\nAnthropic task match rate against O*NET 29.1 Task Statements:")
    print(anth.to_string(index=False, float_format=lambda v: f"{v:.4g}"))
    print(f"\nMicrosoft applicability rebuilt for {len(rebuild)} SOC codes, max abs diff {rebuild.attrs['max_abs_diff']:.3g}")
    sub = res.correlations[res.correlations["measure_a"].isin(key) & res.correlations["measure_b"].isin(key)]
    print("\nCorrelations of the headline measures:")
    print(sub.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    print(f"\nwrote {', '.join(sorted(files))} to {written_note(out, before)}")
    return 0
