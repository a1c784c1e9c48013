"""All rollup stages in one call, with bootstrap intervals carried through every level."""

from __future__ import annotations

import contextlib
import contextvars
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from exposure._args import as_shown, check_choice, check_flag, check_path, choice_hint
from exposure._io import reported_as, write_json, write_parquet
from exposure._measures import CATEGORIES, MEASURES
from exposure._outdir import (
    OutputPathError,
    foreign_entry,
    previous_files_note,
    real_path,
    replace_directory,
)
from exposure._tables import write_frame
from exposure.errors import ExposureError, NothingMatchedError
from exposure.rollup._occupations import (
    _DRAWS_ADVICE,
    WEIGHTS,
    _interval,
    _without_other_tasks,
    bootstrap_occupations,
    check_count,
    check_draw_memory,
    check_level,
    check_task_scores,
    draws_advice,
    occupation_table,
    task_weights,
)
from exposure.rollup._sectors import (
    LEVELS,
    SECTOR_COLUMNS,
    _cell_matrix,
    _code_order,
    _industry_cells,
    check_gain,
    sort_workforce,
    to_sectors,
    workforce_stats,
    working_time,
)
from exposure.rollup._soc import (
    _combine,
    _nothing_matched,
    _scored_codes,
    _soc_matrix,
    _to_soc,
    check_codes,
    coverage,
    employment_frame,
    require_frame,
)
from exposure.schemas import validate
from exposure.schemas._catalog import MANIFEST_NAME, TABLES, recompute_output_near
from exposure.schemas._rollup import OccupationScores, SectorScores, SocScores, WorkforceStats

__all__ = [
    "Rollup",
    "rollup",
    "check_not_recompute_output",
    "check_not_inside_recompute_output",
    "check_rollup_output",
    "check_inputs_kept",
    "NothingMatchedError",
    "owned_names",
    "COVERAGE_NAME",
    "TABLE_FORMATS",
    "no_industry_said",
    "draws_advice",
]

#: Written by :meth:`Rollup.write` next to the tables: OEWS employment coverage and the
#: rollup settings.
COVERAGE_NAME = "coverage.json"
#: File formats of the tables written by :meth:`Rollup.write` (``exposure rollup --format``).
TABLE_FORMATS = ("parquet", "csv", "xlsx", "dta")

log = logging.getLogger(__name__)

CI_MEASURES = ("alpha", "beta", "gamma")

#: Tables of :meth:`Rollup.tables`, by name in the table catalogue.
TABLE_NAMES = ("occupation_scores", "soc_scores", "sector_scores", "subsector_scores", "workforce",
               "working_time")


def owned_names() -> frozenset[str]:
    """Names of the files in an output directory that :meth:`Rollup.write` replaces or removes.

    The tables in every format of :data:`TABLE_FORMATS` (an earlier rollup's Parquet
    files must not stay beside new CSV ones) and :data:`COVERAGE_NAME`.

    Examples
    --------
    >>> sorted(owned_names())[:3]
    ['coverage.json', 'occupation_scores.csv', 'occupation_scores.dta']
    """
    return frozenset({str(Path(TABLES[name].filename).with_suffix(f".{fmt}"))
                      for name in TABLE_NAMES for fmt in TABLE_FORMATS} | {COVERAGE_NAME})


def check_inputs_kept(out, inputs: dict) -> None:
    """Refuse input files that a roll-up written into ``out`` would replace or remove.

    Run before any work: a task scores file saved as ``out/soc_scores.csv`` would be
    read, then removed by the swap of :meth:`Rollup.write` (:func:`owned_names`). An
    input is compared by where it lies (its directory with symbolic links resolved, and
    its name), not by what a symbolic link points to: the link itself would be removed.

    Parameters
    ----------
    out : str or os.PathLike
        Output directory (need not exist).
    inputs : dict of str to path
        What each input is (named in the error, e.g. ``"--employment"``) -> its file;
        None values are skipped.

    Raises
    ------
    exposure._outdir.OutputPathError
        Naming the first such input.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> check_inputs_kept(out, {"task scores": out / "my_scores.csv", "--tasks": None})
    >>> check_inputs_kept(out, {"task scores": out / "soc_scores.csv"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure._outdir.OutputPathError: refusing to write the roll-up into ...: the task scores file .../soc_scores.csv is one of the files it replaces or removes there; move that file or choose another output directory
    """
    real_out = Path(os.path.realpath(out))
    owned = owned_names()
    for what, path in inputs.items():
        if path is None:
            continue
        path = Path(path)
        if path.name in owned and Path(os.path.realpath(path.absolute().parent)) == real_out:
            raise OutputPathError(
                f"refusing to write the roll-up into {out}: the {what} file {path} is one of the "
                "files it replaces or removes there; move that file or choose another output directory"
            )


@dataclass
class Rollup:
    """Result of :func:`rollup`.

    Attributes
    ----------
    occupations, soc, sectors, workforce, working_time : pandas.DataFrame
        :class:`~exposure.schemas.OccupationScores`, :class:`~exposure.schemas.SocScores`,
        :class:`~exposure.schemas.SectorScores` (sector and subsector rows),
        :class:`~exposure.schemas.WorkforceStats` and
        :class:`~exposure.schemas.WorkingTime`.
    coverage : dict
        :func:`~exposure.rollup.coverage` of the OEWS employment.
    settings : dict
        The parameters used, as plain Python values (written to ``coverage.json``).
    """

    occupations: pd.DataFrame
    soc: pd.DataFrame
    sectors: pd.DataFrame
    workforce: pd.DataFrame
    working_time: pd.DataFrame
    coverage: dict
    settings: dict = field(default_factory=dict)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The result as processed tables, by name in the table catalogue.

        Names are those of :mod:`exposure.schemas._catalog`; sectors and subsectors are
        separate tables. Each is sorted by its keys (with a fresh index), as
        :func:`exposure.pipeline.recompute` and :meth:`write` write it.

        Returns
        -------
        dict of str to pandas.DataFrame
            ``occupation_scores``, ``soc_scores``, ``sector_scores``,
            ``subsector_scores``, ``workforce`` and ``working_time``.

        Examples
        --------
        >>> ts = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1],
        ...     "label": ["E1"], "alpha": [1.0], "beta": [1.0], "gamma": [1.0]})
        >>> xw = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "soc_code": ["11-1011"]})
        >>> emp = pd.DataFrame({"naics": ["000000", "520000", "522000"],
        ...     "i_group": ["cross-industry", "sector", "3-digit"], "occ_code": "11-1011",
        ...     "o_group": "detailed", "tot_emp": [100.0, 40.0, 30.0]})
        >>> tables = rollup(ts, xw, emp, weights="equal").tables()
        >>> list(tables)
        ['occupation_scores', 'soc_scores', 'sector_scores', 'subsector_scores', 'workforce', 'working_time']
        >>> tables["sector_scores"]["naics"].tolist(), tables["subsector_scores"]["naics"].tolist()
        (['520000'], ['522000'])
        """
        level = self.sectors["level"]
        frames = (self.occupations, self.soc, self.sectors[level == "sector"],
                  self.sectors[level == "subsector"], self.workforce, self.working_time)
        # each sorted by its keys, as the pipeline writes it and :meth:`write` writes it (the
        # workforce and working_time rows came in another order than the recompute's)
        return {name: frame.sort_values(list(TABLES[name].keys), kind="stable").reset_index(drop=True)
                if TABLES[name].keys else frame.reset_index(drop=True)
                for name, frame in zip(TABLE_NAMES, frames, strict=True)}

    def write(self, out, fmt: str = "parquet") -> list[Path]:
        """Write the tables and ``coverage.json`` into directory ``out`` as one set.

        The files go through :func:`exposure._outdir.replace_directory`: they are written
        into a temporary directory beside ``out`` that replaces it in one step, under a
        lock. A failure part-way (a full disk) leaves the previous set of ``out`` intact.
        The set is the six tables in every format of :data:`TABLE_FORMATS` and
        ``coverage.json``, each table sorted by its keys as the pipeline writes it
        (:mod:`exposure.schemas._catalog`): the tables of an earlier rollup in another format are removed,
        other files in ``out`` (not written by a rollup) are kept. A directory holding a
        ``manifest.json`` (an ``exposure recompute`` output, whose manifest records the
        sha256 of its tables) is refused, and so is a directory inside one or holding one
        (:func:`check_not_inside_recompute_output`: ``RUN/sub`` was refused by
        ``exposure rollup -o`` only, and this method wrote the roll-up among the recompute's
        tables), and one without ``coverage.json`` (not a roll-up output) that holds a file
        of the name of a table (:func:`check_rollup_output`: it was replaced or removed
        without a word).

        Parameters
        ----------
        out : str or os.PathLike
            Output directory (checked with :func:`exposure._outdir.check_output_dir`).
        fmt : {"parquet", "csv", "xlsx", "dta"}, default "parquet"
            File format of the tables (:func:`exposure._tables.write_frame` for all but
            Parquet): the same table names with the format's extension.

        Returns
        -------
        list of pathlib.Path
            The files written, tables first.

        Raises
        ------
        exposure._outdir.OutputPathError
            ``out`` is refused (a recompute output among others), or a file cannot be
            written (the old set is kept).
        exposure.errors.DataFormatError
            ``out`` that is not a path (None: pathlib's ``TypeError``), is empty (it was
            read as the current directory) or holds a NUL character (``ValueError: embedded
            null byte``), or ``fmt`` that is not a string (:func:`exposure._args.check_path`,
            :func:`~exposure._args.check_choice`).
        exposure.errors.ExposureError
            An unknown ``fmt`` (``"CSV"`` says to write ``'csv'``).

        Examples
        --------
        >>> import tempfile, pathlib
        >>> ts = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1],
        ...     "label": ["E1"], "alpha": [1.0], "beta": [1.0], "gamma": [1.0]})
        >>> xw = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "soc_code": ["11-1011"]})
        >>> emp = pd.DataFrame({"naics": ["000000"], "i_group": ["cross-industry"],
        ...     "occ_code": "11-1011", "o_group": "detailed", "tot_emp": [100.0]})
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "rollup"
        >>> [p.name for p in rollup(ts, xw, emp, weights="equal").write(out)][-2:]
        ['working_time.parquet', 'coverage.json']
        """
        out = check_path(out, "out", "a directory path")  # None: pathlib's TypeError; "": the current directory
        check_choice(fmt, "fmt", TABLE_FORMATS)  # ["csv"] was named as a list, "CSV" without a hint
        if fmt not in TABLE_FORMATS:
            raise ExposureError(f"unknown table format {fmt!r}; use one of {', '.join(TABLE_FORMATS)}"
                                f"{choice_hint(fmt, TABLE_FORMATS)}")
        check_not_recompute_output(out)
        check_not_inside_recompute_output(out)  # RUN/sub: the CLI refused it, this write did not
        check_rollup_output(out)
        tables = self.tables()  # sorted by their keys, as the pipeline writes them
        names = [str(Path(TABLES[name].filename).with_suffix(f".{fmt}")) for name in tables]
        names.append(COVERAGE_NAME)
        current = None
        try:
            with replace_directory(out, owned=owned_names()) as tmp:
                check_not_recompute_output(out)  # again, under the lock
                check_not_inside_recompute_output(out)
                check_rollup_output(out)
                # the writers' warnings and errors name out/workforce.xlsx, not the hidden
                # temporary directory (.out.k2x9abcd.tmp/workforce.xlsx), gone after the run
                with reported_as(tmp, out):
                    for filename, frame in zip(names, tables.values(), strict=False):
                        current = filename
                        if fmt == "parquet":
                            write_parquet(frame, tmp / current)
                        else:
                            write_frame(frame, tmp / current)
                current = COVERAGE_NAME
                write_json({"coverage": self.coverage, "settings": self.settings},
                           tmp / COVERAGE_NAME)
                current = None  # what fails from here on is the swap
        except OSError as exc:
            where = f"{current} into " if current else ""
            raise OutputPathError(
                f"cannot write {where}{out}: {exc.strerror or exc}; {previous_files_note(out)}"
            ) from exc
        return [Path(out) / name for name in names]


def check_not_recompute_output(out) -> None:
    """Refuse ``out`` when it holds a ``manifest.json``: it is an ``exposure recompute`` output.

    Its manifest records the sha256 of the tables a rollup would replace, which would
    then no longer match (:data:`~exposure.schemas._catalog.MANIFEST_NAME`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> check_not_recompute_output(out)
    >>> _ = (out / "manifest.json").write_text("{}")
    >>> check_not_recompute_output(out)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure._outdir.OutputPathError: ... holds manifest.json: it is an exposure recompute output, whose manifest records the sha256 of the tables a rollup would replace; choose another directory
    """
    manifest = Path(out) / MANIFEST_NAME
    if manifest.is_file() or manifest.is_symlink():
        raise OutputPathError(f"{out} holds {MANIFEST_NAME}: it is an exposure recompute output, "
                              "whose manifest records the sha256 of the tables a rollup would replace; "
                              "choose another directory")


def check_not_inside_recompute_output(out) -> None:
    """Refuse ``out`` inside the output of a recompute, or holding one, as ``exposure recompute --out`` is refused.

    ``RUN`` holds ``manifest.json`` and ``task_digests.parquet``; a roll-up written into
    ``RUN/sub`` would lie among its tables, carried along by the next recompute of
    ``RUN``, while ``RUN`` itself is refused (:func:`check_not_recompute_output`). A
    roll-up written into a directory holding ``RUN`` (``data``, beside
    ``data/processed``) carries ``RUN`` along into the directory that replaces it: a
    copy taken under the roll-up's lock, not the recompute's, so that a recompute of
    ``RUN`` finishing meanwhile was undone by the swap. Hidden entries (a killed run's
    temporary directory) are skipped. :meth:`Rollup.write` and ``exposure rollup -o``
    both call it: only the command refused ``RUN/sub`` before, and neither a directory
    holding ``RUN`` (round 79).

    Raises
    ------
    exposure._outdir.OutputPathError
        Naming the recompute output and a directory of the roll-up's own.

    Examples
    --------
    >>> import tempfile
    >>> run = Path(tempfile.mkdtemp()) / "run"
    >>> run.mkdir()
    >>> check_not_inside_recompute_output(run / "sub")
    >>> for name in (MANIFEST_NAME, "task_digests.parquet"):
    ...     _ = (run / name).write_bytes(b"")
    >>> check_not_inside_recompute_output(run / "sub")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure._outdir.OutputPathError: refusing to write the roll-up into .../run/sub: it is inside .../run, the output of a recompute (it holds manifest.json and task_digests.parquet): the roll-up's tables would be nested among its tables, carried along by the next recompute of run; choose an output directory outside it, such as .../sub
    >>> check_not_inside_recompute_output(run.parent)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure._outdir.OutputPathError: refusing to write the roll-up into ...: it holds .../run, the output of a recompute: the roll-up's tables would be written beside it and it carried along as one of ...'s entries; choose an output directory of its own, such as .../rollup
    """
    real = real_path(out)
    near = recompute_output_near(real)
    if near is None:
        return
    where, run = near
    if where == "inside":
        raise OutputPathError(f"refusing to write the roll-up into {out}: it is inside {run}, the output of a "
                              f"recompute (it holds {MANIFEST_NAME} and {TABLES['task_digests'].filename}): the "
                              "roll-up's tables would be nested among its tables, carried along by the next "
                              f"recompute of {run.name}; choose an output directory outside it, such as "
                              f"{run.parent / real.name}")
    raise OutputPathError(f"refusing to write the roll-up into {out}: it holds {run}, the output of a "
                          "recompute: the roll-up's tables would be written beside it and it carried along "
                          f"as one of {out}'s entries; choose an output directory of its own, such as "
                          f"{Path(out) / 'rollup'}")


def check_rollup_output(out) -> None:
    """Refuse ``out`` when it holds a file named like a roll-up table and no ``coverage.json``.

    :meth:`Rollup.write` replaces the tables of an earlier roll-up in every format
    (:func:`owned_names`), and a roll-up always writes :data:`COVERAGE_NAME` beside them. In
    a directory without it, a ``workforce.xlsx`` or ``soc_scores.csv`` is someone else's
    (a table of the user's own): it was replaced, or removed when the roll-up wrote
    another format, without a word.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (out / "notes.txt").write_text("mine")
    >>> check_rollup_output(out)
    >>> _ = (out / "workforce.xlsx").write_text("mine")
    >>> check_rollup_output(out)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure._outdir.OutputPathError: refusing to write the roll-up into ...: it has no coverage.json, so .../workforce.xlsx is not a roll-up's table, and the roll-up replaces or removes a file of that name; move the file or choose another output directory
    """
    out = Path(out)
    theirs = foreign_entry(out, COVERAGE_NAME, owned_names() - {COVERAGE_NAME})
    if theirs is not None:
        raise OutputPathError(
            f"refusing to write the roll-up into {out}: it has no {COVERAGE_NAME}, so {theirs} is "
            "not a roll-up's table, and the roll-up replaces or removes a file of that name; move "
            "the file or choose another output directory"
        )


def _check_in_crosswalk(occ: pd.DataFrame, onet_to_soc: pd.DataFrame) -> None:
    """Refuse occupations none of whose scored codes is in ``onet_to_soc``, before :func:`to_soc`.

    The crosswalk is checked as :func:`to_soc` checks it first (a padded code is named as
    such, not taken for a code of another taxonomy); the error comes before ``to_soc``'s
    warning about codes missing from the crosswalk.
    """
    require_frame(onet_to_soc, "onet_to_soc", ["onetsoc_code", "soc_code"])
    check_codes(onet_to_soc, "onet_to_soc", ["onetsoc_code", "soc_code"])
    codes = set(_scored_codes(occ))
    if codes and not codes & set(onet_to_soc["onetsoc_code"].astype(str)):
        raise _nothing_matched(occ, onet_to_soc, None)


#: 8-byte arrays (n_draws x columns) that :func:`rollup` holds at once beside the draws
#: kept, about: a measure's draws taken out, their sorted copy for the quantiles and the
#: temporaries of the weighted means, or of the workforce statistics on the industry x
#: occupation cells.
WORKING_ARRAYS = 6

#: 8-byte values a draw that :func:`rollup` holds beside the arrays it counts by column:
#: the statistics of each group (all workers, the major groups, the sectors) and their
#: temporaries. With them and the workforce statistics' copy of the OEWS codes' draws
#: (3 x OEWS codes), the estimate is above the peak measured (tracemalloc) on tables of 1
#: to 900 occupations and up to 3,000 industry x occupation cells, where it was below it
#: (96 bytes a draw for one occupation and code, against 270 measured; 528 against 730 on
#: the tiny fixture of the tests).
GROUP_VALUES = 64


#: How :func:`rollup`'s caller gives fewer draws (it takes ``n_draws``, not the bootstrap's ``chunk``).
_ROLLUP_ADVICE = "use fewer draws"


def _check_rollup_memory(n_draws: int, n_occ: int, n_soc: int, employment: pd.DataFrame,
                         memory: int | None = None, *, advice: str | None = None) -> None:
    """Refuse ``n_draws`` whose arrays in :func:`rollup` would not fit in memory.

    Counts the draws kept (3 measures x ``n_draws`` x occupations and OEWS codes) and, for
    each draw, :data:`WORKING_ARRAYS` working arrays of the widest of the occupations,
    the OEWS codes and the sector x occupation cells of ``employment`` (the workforce
    statistics copy each measure's draws onto these cells: 8,527 in May 2025, five
    times the OEWS codes, which the estimate left out), the workforce statistics' copy
    of the OEWS codes' draws, and :data:`GROUP_VALUES` values
    (:func:`~exposure.rollup._occupations.check_draw_memory`; ``memory``: the bytes
    available, by default the memory available now). The message says how many draws
    fit, after ``advice`` (default that of
    :func:`~exposure.rollup._occupations.draws_advice`, or ``use fewer draws``).

    Examples
    --------
    >>> emp = pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "occ_code": ["11-1011"],
    ...                     "o_group": "detailed", "tot_emp": [100.0]})
    >>> _check_rollup_memory(1000, 1, 1, emp, memory=2**20)
    >>> _check_rollup_memory(10**6, 1, 1, emp, memory=2**20)
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: 1,000,000 bootstrap draws need about 602.7 MiB for their arrays (3 measures x 1,000,000 draws x 2 occupations and OEWS codes x 8 bytes, and about 556.9 MiB of working arrays (per draw: 6 x 1 columns, 3 x 1 OEWS codes and 64 values, x 8 bytes)), more than the 1.0 MiB of memory available; use fewer draws (at most 1,659 fit)
    """
    f = employment_frame(employment)
    n_cells = int(((f["i_group"] == "sector") & (f["o_group"] == "detailed")).sum())
    width = max(n_occ, n_soc, n_cells)
    unit = "industry x occupation cells" if width == n_cells and n_cells else "columns"
    check_draw_memory(n_draws, n_occ + n_soc, "occupations and OEWS codes", memory,
                      advice=advice or _DRAWS_ADVICE.get() or _ROLLUP_ADVICE,
                      per_draw=8 * (WORKING_ARRAYS * width + 3 * n_soc + GROUP_VALUES),
                      working_what=f"working arrays (per draw: {WORKING_ARRAYS} x {width:,} {unit}, 3 x {n_soc:,} "
                      f"OEWS codes and {GROUP_VALUES} values, x 8 bytes)")


def _warn_unscored(occ: pd.DataFrame) -> None:
    """Warn of occupations of ``occ`` none of whose tasks has a score (they were left out without a word)."""
    scored = occ[[m for m in MEASURES if m in occ.columns]].notna().any(axis=1).to_numpy(dtype=bool)
    if not scored.all():
        n = int((~scored).sum())
        log.warning("rollup: %d occupation%s no task with a score (alpha, beta, gamma missing on every "
                    "task; e.g. %r): left unscored, %s workers are in no share", n,
                    " has" if n == 1 else "s have", str(occ.loc[~scored, "onetsoc_code"].iloc[0]),
                    "its" if n == 1 else "their")


def _warn_no_employment(soc: pd.DataFrame) -> None:
    """Warn when scored OEWS codes of ``soc`` (:func:`to_soc`) have no national employment.

    A ``tot_emp`` that OEWS does not release (``**``) or that is blank left the code's
    scores out of every worker share, and ``coverage`` said ``1.0000 of OEWS employment
    scored`` with such a code scored: its workers are in no total.
    """
    scored = soc[list(MEASURES)].notna().any(axis=1).to_numpy(dtype=bool)
    lost = scored & soc["tot_emp"].isna().to_numpy(dtype=bool)
    if lost.any():
        n = int(lost.sum())
        log.warning("rollup: %d scored OEWS code%s no cross-industry employment (tot_emp missing or not released, "
                    "'**'; e.g. %r), so %s scores count for no worker and the coverage leaves %s out", n,
                    " has" if n == 1 else "s have", str(soc.loc[lost, "soc_code"].iloc[0]),
                    "its" if n == 1 else "their", "it" if n == 1 else "them")


#: True where :func:`rollup` does not log its warning of an employment without industry rows.
_NO_INDUSTRY_SAID = contextvars.ContextVar("no_industry_said", default=False)


@contextlib.contextmanager
def no_industry_said():
    """Within it, :func:`rollup` does not warn of an employment without industry rows: the caller said so.

    ``exposure rollup --oews-release YEAR``, when BLS's by-industry files of ``YEAR``
    cannot be had, reads the national table with a warning that says why and where to
    put the files; the roll-up then warned again that the employment has no sector rows
    (``an OEWS national table?``), two warnings of one fact. A context variable: a
    roll-up in another thread still warns.

    Examples
    --------
    >>> with no_industry_said():
    ...     _NO_INDUSTRY_SAID.get()
    True
    >>> _NO_INDUSTRY_SAID.get()
    False
    """
    token = _NO_INDUSTRY_SAID.set(True)
    try:
        yield
    finally:
        _NO_INDUSTRY_SAID.reset(token)


def _one_level_said(level: str) -> str:
    """The warning of an employment whose industry rows are all of ``level`` (the other table comes out empty).

    The OEWS by-industry table cut to its 3-digit industries (or to its sectors) gave an
    empty sector table and a working_time without sector rows (an empty subsector
    table), without a word, where a table without industry rows is warned of.

    Examples
    --------
    >>> _one_level_said("subsector")
    "the employment has 3-digit industry rows (i_group '3-digit') but no sector rows (i_group 'sector'): the sector table is empty and working_time has no sector rows; give the sector rows of the OEWS by-industry table for them"
    """
    other = "subsector" if level == "sector" else "sector"
    names = {"sector": "sector", "subsector": "3-digit industry"}
    empty = ("the sector table is empty and working_time has no sector rows" if other == "sector"
             else "the subsector table is empty")
    return (f"the employment has {names[level]} rows (i_group {LEVELS[level]!r}) but no {names[other]} rows "
            f"(i_group {LEVELS[other]!r}): {empty}; give the {names[other]} rows of the OEWS by-industry table "
            f"for {'them' if other == 'sector' else 'it'}")


def _has_sectors(employment: pd.DataFrame) -> bool:
    return bool((employment_frame(employment)["i_group"] == "sector").any())


def _industry_levels(employment: pd.DataFrame) -> tuple[str, ...]:
    """The industry levels (``sector``, ``subsector``) that ``employment`` has rows of.

    A frame of sector rows alone (the by-industry file cut to its sectors) was refused
    (``employment frame has no subsector rows``); one of 3-digit rows alone gave no
    subsector table, without a word.

    Examples
    --------
    >>> emp = pd.DataFrame({"naics": ["000000", "113000"], "i_group": ["cross-industry", "3-digit"],
    ...     "occ_code": "11-1011", "o_group": "detailed", "tot_emp": [100.0, 40.0]})
    >>> _industry_levels(emp)
    ('subsector',)
    """
    groups = set(employment_frame(employment)["i_group"])
    return tuple(lv for lv, group in LEVELS.items() if group in groups)


def rollup(
    task_scores: pd.DataFrame,
    onet_to_soc: pd.DataFrame,
    employment: pd.DataFrame,
    *,
    weights: str = "core",
    tasks: pd.DataFrame | None = None,
    task_ratings: pd.DataFrame | None = None,
    combine: str = "equal",
    n_draws: int = 0,
    seed: int = 0,
    sample_labels: bool | None = None,
    gain: float = 0.5,
    level: float = 0.95,
    soc_structure: pd.DataFrame | None = None,
) -> Rollup:
    """Roll task scores up to occupations, OEWS codes, sectors and the workforce.

    With ``n_draws > 0`` the occupation measures are bootstrapped
    (:func:`~exposure.rollup.bootstrap_occupations`) and every draw is carried through
    the same crosswalk and employment weights, giving ``*_ci_low``/``*_ci_high`` columns
    at the occupation, SOC and sector levels and for the workforce shares.

    Parameters
    ----------
    task_scores : pandas.DataFrame
        Task scores (TaskScores).
    onet_to_soc : pandas.DataFrame
        O*NET-SOC -> SOC 2018 crosswalk.
    employment : pandas.DataFrame
        OEWS frame with cross-industry rows and, optionally, sector/3-digit rows.
    weights : str, default "core"
    tasks, task_ratings : pandas.DataFrame, optional
    combine : {"equal", "n_tasks"}, default "equal"
    n_draws : int, default 0
        Bootstrap draws, 0 (none) or 2 or more (one draw gives intervals with low = high); refused when their arrays would not fit in
        the memory available now, saying how many fit (:func:`_check_rollup_memory`: the
        draws kept of the occupations and OEWS codes, and the working arrays of the
        weighted means and of the workforce statistics on the industry x occupation cells).
    seed : int, default 0
        Seed of the bootstrap, 0 or more.
    sample_labels : bool, optional
    gain : float, default 0.5
        Productivity gain of the working-time scenario, in [0, 1].
    level : float, default 0.95
        Confidence level of the bootstrap intervals, strictly between 0 and 1. A float32
        or float16 ``gain`` or ``level`` is read as the decimal it shows (0.9, not
        0.8999999761581421: :func:`~exposure._args.as_shown`), in the
        tables and in ``settings``.
    soc_structure : pandas.DataFrame, optional
        SOC structure (broad groups) for :func:`~exposure.rollup.oews_code_map`.

    Returns
    -------
    Rollup

    Raises
    ------
    exposure.errors.DataFormatError
        ``weights`` that is not a string, ``sample_labels`` that is not True, False or
        None, checked before the task scores; and the errors of each stage.
        :class:`NothingMatchedError` when no OEWS code would have a score: no scored
        O*NET-SOC code is in ``onet_to_soc`` (codes of the O*NET-SOC 2010 taxonomy, such as
        ``15-1132.00``), or none of their SOC codes is an OEWS code of ``employment``
        (seven tables without a score were returned before).
    exposure.errors.ExposureError
        A bad ``n_draws``, ``seed``, ``level`` or ``gain``.

    Examples
    --------
    >>> ts = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00", "13-1021.00"],
    ...     "task_id": [1, 2, 3], "label": ["E1", "E0", "E2"], "alpha": [1.0, 0.0, 0.0],
    ...     "beta": [1.0, 0.0, 0.5], "gamma": [1.0, 0.0, 1.0]})
    >>> xw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"],
    ...                    "soc_code": ["11-1011", "13-1021"]})
    >>> emp = pd.DataFrame({"naics": "000000", "i_group": "cross-industry",
    ...     "occ_code": ["11-1011", "13-1020"], "o_group": "detailed", "tot_emp": [100.0, 300.0]})
    >>> r = rollup(ts, xw, emp, weights="equal", n_draws=100, seed=0)
    >>> r.soc[["soc_code", "beta", "tot_emp"]]
      soc_code  beta  tot_emp
    0  11-1011   0.5    100.0
    1  13-1020   0.5    300.0
    >>> r.coverage["share"]
    1.0
    >>> float(r.workforce.query("group == 'all' and measure == 'beta'")["share_ge_10"].iloc[0])
    1.0
    """
    n_draws = check_count(n_draws, "n_draws (bootstrap draws)")
    if n_draws == 1:  # its "intervals" had low = high for every code
        raise ExposureError("n_draws (bootstrap draws) must be 0 (none) or 2 or more, got 1: an interval of "
                            "one draw has low = high")
    seed = check_count(seed, "seed")
    level = check_level(level)
    gain = check_gain(as_shown(gain))  # a float32 0.3 is 0.3 in working_time (0.30000001192092896)
    check_choice(weights, "weights", WEIGHTS)
    check_flag(sample_labels, "sample_labels", optional=True)
    task_scores = check_task_scores(task_scores)  # typed columns (flags read from CSV text)
    # task IDs that the statements list for another text: said once here, not again by
    # each table and the bootstrap (whose category rows counted rows otherwise)
    task_scores = _without_other_tasks(task_scores, weights, tasks)
    # the weights of every row, once: the category roll-ups take theirs from them
    task_w = task_weights(task_scores, weights, task_ratings=task_ratings, tasks=tasks)
    occ = occupation_table(task_scores, weights, w=task_w)
    _warn_unscored(occ)
    _check_in_crosswalk(occ, onet_to_soc)  # codes of another taxonomy: seven tables without a score
    # the crosswalk and links of this call serve the bootstrap and the categories: to_soc's
    # warnings (codes not in the crosswalk, reaching no OEWS code) once per run, not once per
    # category and again for the bootstrap
    soc, xw, links = _to_soc(occ, onet_to_soc, employment, combine=combine, soc_structure=soc_structure)
    if not soc[list(MEASURES)].notna().to_numpy().any():  # nor a crosswalk of other OEWS codes
        raise _nothing_matched(occ, onet_to_soc, soc)
    _warn_no_employment(soc)
    _check_rollup_memory(n_draws, len(occ), len(soc), employment)
    levels = _industry_levels(employment)
    if not levels and not _NO_INDUSTRY_SAID.get():  # a national table: empty sector tables, without a word before
        log.warning("the employment has no sector or 3-digit industry rows (an OEWS national table?): the sector "
                    "and subsector tables are empty and working_time has no sector rows; give the OEWS "
                    "by-industry table for them")
    elif len(levels) == 1:  # one level alone: the other's table empty, without a word before (round 79)
        log.warning("%s", _one_level_said(levels[0]))
    sector_frames = [to_sectors(soc, employment, level=lv) for lv in levels]
    draws_soc = None
    if n_draws > 0:
        # its memory refusal in rollup's words (it named a chunk, which rollup does not take)
        with draws_advice(_DRAWS_ADVICE.get() or _ROLLUP_ADVICE):
            boot = bootstrap_occupations(
                task_scores, weights, n_draws=n_draws, seed=seed, sample_labels=sample_labels,
                task_ratings=task_ratings, tasks=tasks, w=task_w,  # the weights' warnings said once
            )
        col = pd.Index(boot.onetsoc_code).get_indexer(occ["onetsoc_code"])
        matrix = _soc_matrix(occ["onetsoc_code"].to_numpy(), links, soc["soc_code"].to_numpy())
        draws_soc = {}
        for m in CI_MEASURES:
            d_occ = boot.draws[m][:, col]  # (B, n_occ)
            occ[f"{m}_ci_low"], occ[f"{m}_ci_high"] = _interval(d_occ, level)
            d_soc = _combine(matrix, d_occ.T).T  # (B, n_soc)
            soc[f"{m}_ci_low"], soc[f"{m}_ci_high"] = _interval(d_soc, level)
            draws_soc[m] = d_soc
        # the codes in the order to_sectors sums them in, whatever the rows' (_code_order)
        order = _code_order(soc["soc_code"].astype(str))
        for i, lv in enumerate(levels):
            industries, cells = _industry_cells(employment, lv)
            emp_m = _cell_matrix(cells, industries, soc["soc_code"].to_numpy()[order], cells["tot_emp"])
            for m in CI_MEASURES:
                d_sec = _combine(emp_m, draws_soc[m][:, order].T).T
                lo, hi = _interval(d_sec, level)
                sector_frames[i][f"{m}_ci_low"], sector_frames[i][f"{m}_ci_high"] = lo, hi
        occ = validate(occ, OccupationScores)
        soc = validate(soc, SocScores)
    # without industry rows, the table of no industry has the columns of the others, typed: it
    # had every column of the schema (a title, bounds without a bootstrap), in the schema's
    # order, of no type (written as Parquet columns of type null)
    bounds = [f"{m}_ci_{b}" for m in CI_MEASURES for b in ("low", "high")] if n_draws > 0 else []
    sectors = validate(pd.concat(sector_frames, ignore_index=True) if sector_frames
                       else pd.DataFrame(columns=[*SECTOR_COLUMNS, *bounds]), SectorScores)
    workforce = workforce_stats(soc, employment, draws=draws_soc, level=level)
    cat_rows = []
    for flag in CATEGORIES:
        if flag not in task_scores.columns:
            continue
        keep = task_scores[flag].astype("boolean").fillna(False).to_numpy(dtype=bool)
        if not keep.any():
            continue
        # weighed as in the whole roll-up: a category's rows alone, all without a task type,
        # were looked up in tasks, and one not there refused, naming a row of the category
        occ_c = occupation_table(task_scores[keep].reset_index(drop=True), weights, w=task_w[keep])
        soc_c = _to_soc(occ_c, onet_to_soc, employment, combine=combine, soc_structure=soc_structure, xw=xw)[0]
        w = workforce_stats(soc_c, None)
        w = w[w["group_type"] == "all"].copy()
        w["group_type"], w["group"], w["group_title"] = "category", flag, f"{flag} tasks"
        cat_rows.append(w)
    if cat_rows:
        # the category rows in their place of the table's order (they came after the sectors)
        workforce = validate(sort_workforce(pd.concat([workforce] + cat_rows, ignore_index=True)), WorkforceStats)
    wt = working_time(soc, employment if _has_sectors(employment) else None, gain=gain)
    cov = coverage(soc, occ)
    log.info("rollup: %.4f of OEWS employment scored (prefix match alone: %.4f)", cov["share"], cov["prefix_share"])
    # plain Python values (a np.str_ weights was kept as it was given)
    settings = {"weights": str(weights), "combine": str(combine), "n_draws": n_draws, "seed": seed, "gain": gain,
                "level": level}
    return Rollup(occ, soc, sectors, workforce, wt, cov, settings)
