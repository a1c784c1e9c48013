"""Recompute every processed table from the raw sources, atomically and reproducibly.

Two parts:

- **The runner.** :func:`run_pipeline` runs stages (:class:`Stage`) in order over a
  context (a dict of named entries). A stage's parameters name the entries it reads;
  it returns the entries it adds. The runner then validates each table of the catalogue
  (:mod:`exposure.schemas._catalog`) against its schema, sorts it by its keys, writes it
  with :func:`exposure._io.write_parquet` plus ``manifest.json`` and ``timings.json``
  into the fresh directory of :func:`exposure._outdir.replace_directory`, which swaps it
  in atomically under a lock (a second run fails with
  :class:`~exposure._outdir.RecomputeLockedError`; a failure or a kill leaves the
  previous outputs untouched). Any failure is re-raised as :class:`StageError` naming the
  stage and, where known, the file.
- **The recipe.** :data:`RECOMPUTE_STAGES` (fetch and verify the raw files, parse
  O*NET / OEWS / crosswalks, score every task, fingerprint the task texts, roll up to
  occupations, SOC codes, sectors, subsectors and workforce statistics) applied to a
  :class:`RecomputeInputs` (releases and where the raw files come from) by
  :func:`recompute`, which writes the tables of :data:`RECOMPUTE_TABLES`.

Determinism: ``manifest.json`` holds only inputs and results (source sha256s, releases,
package version, scorer artifact hash, rollup settings, row counts and the sha256 of
every table) and floats are rounded before writing, so two runs on the same inputs give
byte-identical files. Wall times and peak memory go to ``timings.json``, which is outside
that contract.

Test hook: ``EXPOSURE_PIPELINE_PAUSE=after_first_file:<flag file>`` pauses the writer
after the first table (see :func:`exposure._outdir.pause`; ``before_swap`` pauses just
before the swap).
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import inspect
import json
import logging
import os
import re
import resource
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
from tqdm.auto import tqdm

import exposure.fetch as fetching
import exposure.scoring as scoring
from exposure._args import (
    as_shown,
    check_choice,
    check_flag,
    check_name,
    check_path,
    choice_hint,
    shown,
)
from exposure._io import write_json, write_parquet
from exposure._outdir import (
    OutputPathError,
    check_output_dir,
    foreign_entry,
    pause,
    previous_files_note,
    raise_received,
    real_path,
    refuse_file_named_dir,
    replace_directory,
)
from exposure._tables import first_repeat_of, task_id_numbers
from exposure._version import __version__
from exposure.crosswalks import CROSSWALK_FILES, load_onet_to_soc, load_soc_structure
from exposure.errors import ChecksumMismatchError, DataFormatError, ExposureError
from exposure.measures import _common
from exposure.oews import OEWS_FILES, load_oews, oews_file_names, read_oews
from exposure.onet import _FILES as ONET_FILES
from exposure.onet import ONET_RELEASES as ONET_FORMATS
from exposure.onet import OnetRelease, load_onet, onet_file_names
from exposure.outcomes import PANEL_YEARS, build_panel
from exposure.releases import ONET_FORMATS as ONET_LAYOUTS
from exposure.releases import check_oews_release, check_onet_release
from exposure.releases import onet_format as onet_format_of
from exposure.rollup import rollup
from exposure.schemas import validate
from exposure.schemas._base import check_columns
from exposure.schemas._catalog import (
    MANIFEST_FORMAT,
    MANIFEST_NAME,
    PROCESSED_TABLES,
    Table,
    recompute_output_near,
)
from exposure.schemas._fields import (
    DWA_PATTERN,
    TASK_TYPES,
    _first_mismatch,
    first_bad_onetsoc_code,
)
from exposure.schemas._onet import TaskDwas
from exposure.schemas._onet import Tasks as OnetTasks
from exposure.scoring._inputs import bad_task_types, cell_shown, is_missing, task_type_hint
from exposure.scoring.learned import MODEL_NAME, read_registry

__all__ = [
    "Stage",
    "StageError",
    "PipelineResult",
    "RecomputeInputs",
    "check_recompute_format",
    "DEFAULT_OUT",
    "MANIFEST_NAME",
    "TIMINGS_NAME",
    "ONET_RELEASES",
    "OEWS_RELEASES",
    "RECOMPUTE_STAGES",
    "RECOMPUTE_TABLES",
    "run_pipeline",
    "recompute",
    "normalize_task_text",
    "task_digests",
]

log = logging.getLogger(__name__)

#: Directory of the tables shipped with the package, relative to a source checkout
#: (``exposure recompute --out data/processed`` refreshes them). :func:`recompute` writes
#: to the user data directory by default (:meth:`exposure.fetch.DataStore.output_dir`).
DEFAULT_OUT = Path("data") / "processed"
TIMINGS_NAME = "timings.json"
#: Distribution name recorded in the manifest (``package.name``): how recompute knows its own outputs.
PACKAGE_NAME = "ai-exposure"
#: Floats are written rounded to this many decimals, so that last-bit differences of
#: floating-point arithmetic (BLAS threading, summation order) do not change the bytes.
FLOAT_DECIMALS = 12


class StageError(ExposureError):
    """A pipeline stage failed; the previous outputs were left untouched.

    The message ends with :attr:`NOTE`; :func:`run_pipeline` says instead what holds for
    its ``out`` (:meth:`about`): ``the previous files in OUT are untouched``, or, on a first
    run, ``nothing was written to OUT (no partial output left)`` (it spoke of previous
    outputs that did not exist).

    Parameters
    ----------
    stage : str
        Name of the stage that failed.
    cause : BaseException
        The original error.
    path : str or os.PathLike, optional
        The file being read or written, when known (taken from ``cause.path`` otherwise).

    Examples
    --------
    >>> err = StageError("score", ValueError("boom"), path="tasks.parquet")
    >>> str(err)
    "stage 'score' failed (tasks.parquet): boom; previous outputs left untouched"
    """

    def __init__(self, stage: str, cause: BaseException, path=None):
        self.stage = stage
        self.cause = cause
        if path is None:
            path = getattr(cause, "path", None) or getattr(cause, "filename", None)
        self.path = None if path is None else str(path)
        text = str(cause) or type(cause).__name__
        if self.path and self.path in text:
            where = ""
        else:
            where = f" ({self.path})" if self.path else ""
        super().__init__(f"stage {stage!r} failed{where}: {text}; {self.NOTE}")

    #: What the message says of the outputs until :meth:`about` names the output directory.
    NOTE = "previous outputs left untouched"

    def about(self, out) -> "StageError":
        """Make the error's last words say what the failure left in ``out``; return the error itself.

        :func:`exposure._outdir.previous_files_note` of ``out``, called after the failed
        run has cleaned up.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "new"
        >>> str(StageError("score", ValueError("boom")).about(out)).endswith(
        ...     f"boom; nothing was written to {out} (no partial output left)")
        True
        """
        text = self.args[0] if self.args and isinstance(self.args[0], str) else ""
        at = text.rfind(f"; {self.NOTE}")
        if at >= 0:
            text = text[:at] + f"; {previous_files_note(out)}" + text[at + len(self.NOTE) + 2:]
            self.args = (text, *self.args[1:])
        return self

    def __reduce__(self):
        """Rebuild from the parts, not the message: an error of a worker process reaches its parent.

        Python rebuilds an exception from its message alone, which this class does not take
        (``TypeError: StageError.__init__() missing 1 required positional argument:
        'cause'``): a stage error raised in a :class:`concurrent.futures.ProcessPoolExecutor`
        worker broke the pool, and :func:`copy.copy` failed. The message is kept as said
        (:meth:`about` rewrites its last words).
        """
        return (_stage_error, (type(self), self.stage, self.cause, self.path), {**self.__dict__, "args": self.args})


def _stage_error(cls, stage, cause, path):
    return cls(stage, cause, path=path)


@dataclass(frozen=True)
class Stage:
    """One step of a pipeline.

    Parameters
    ----------
    name : str
        Short name, used in progress output, timings and errors.
    run : callable
        Called with the context entries named by its parameters (see :attr:`inputs`);
        returns a mapping of the entries it adds to the context. A parameter with a
        default (``n_draws=200``, or a keyword bound by :func:`functools.partial`) takes
        the context entry of its name when there is one, else its default.

    Raises
    ------
    exposure.errors.DataFormatError
        ``name`` that is not a non-empty string, ``run`` that is not callable (before:
        ``TypeError: None is not a callable object`` when the pipeline ran); ``run``
        whose parameters do not name context entries: ``*args`` or ``**kwargs`` (the
        pipeline said ``needs 'kwargs', which neither the context nor an earlier stage
        provides``), a positional-only parameter, or a callable whose parameters cannot
        be read (a builtin such as ``dict``: ``ValueError: no signature found`` when the
        pipeline ran).

    Examples
    --------
    >>> double = Stage("double", lambda x: {"y": x * 2})
    >>> double.inputs
    ('x',)
    >>> double.run(x=2)
    {'y': 4}
    >>> Stage("double", None)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: Stage 'double': run must be a callable (a function of the context entries it reads), got NoneType None
    >>> Stage("all", lambda **ctx: {})
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: Stage 'all': run takes **ctx, but a stage names each context entry it reads as a parameter of its own (def run(task_scores, onet): ...); name them
    """

    name: str
    run: Callable[..., Mapping[str, Any]]

    def __post_init__(self):
        if not (isinstance(self.name, str) and self.name):
            raise DataFormatError(f"Stage name must be a non-empty string, got {shown(self.name)}")
        if not callable(self.run):
            raise DataFormatError(f"Stage {self.name!r}: run must be a callable (a function of the context "
                                  f"entries it reads), got {shown(self.run)}")
        self._parameters()  # *args, **kwargs, a builtin: refused here, not when the pipeline runs

    def _parameters(self) -> Mapping[str, inspect.Parameter]:
        """The parameters of ``run``, by the name of the context entry each reads."""
        try:
            params = inspect.signature(self.run).parameters
        except (ValueError, TypeError):  # a builtin (dict): "no signature found" when the pipeline ran
            raise DataFormatError(f"Stage {self.name!r}: the parameters of run ({self.run!r}) cannot be "
                                  "read, so they name no context entries; give a function whose parameters "
                                  "name the entries it reads") from None
        for param in params.values():
            if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
                star = "*" if param.kind is param.VAR_POSITIONAL else "**"
                raise DataFormatError(f"Stage {self.name!r}: run takes {star}{param.name}, but a stage names each "
                                      "context entry it reads as a parameter of its own (def run(task_scores, "
                                      "onet): ...); name them")
            if param.kind is param.POSITIONAL_ONLY:
                raise DataFormatError(f"Stage {self.name!r}: the parameter {param.name!r} of run is positional-only, "
                                      "but each context entry is passed by its name; drop the '/'")
        return params

    @property
    def inputs(self) -> tuple[str, ...]:
        """Names of the context entries the stage reads: the parameters of ``run``."""
        return tuple(self._parameters())


@dataclass
class PipelineResult:
    """What a run produced: output directory, manifest and timings."""

    out: Path
    manifest: dict[str, Any]
    timings: dict[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------- runner


def run_pipeline(
    stages: Iterable[Stage],
    tables: Iterable[Table],
    out,
    *,
    context: Mapping[str, Any] | None = None,
    manifest: Iterable[str] = (),
    progress: bool = False,
    timings_path=None,
    protect: Iterable = (),
    pins: fetching.DataStore | None = None,
) -> PipelineResult:
    """Run ``stages`` in order and write ``tables`` atomically into directory ``out``.

    The output directory is locked for the whole run; the tables are validated, written
    into a temporary directory beside ``out`` and swapped in at the end (see
    :func:`exposure._outdir.replace_directory`). On any error nothing in ``out`` changes.

    Parameters
    ----------
    stages : iterable of Stage
        Steps to run; each reads the context entries named by its parameters and adds
        the entries it returns.
    tables : iterable of Table
        Tables to write; table ``t`` is the context entry ``t.name`` once every stage has
        run, validated against ``t.model``, sorted by ``t.keys`` and written to
        ``t.filename``.
    out : str or os.PathLike
        Output directory.
    context : mapping, optional
        Initial context entries (the inputs of the recipe).
    manifest : iterable of str, optional
        Names of context entries written into ``manifest.json`` besides ``format``,
        ``package`` and ``tables``. They must be deterministic: no times or absolute
        paths.
    progress : bool, default False
        Show a tqdm progress bar over the stages; tqdm's ``TQDM_DISABLE=1`` in the
        environment (read when tqdm is imported) still hides it.
    timings_path : str, os.PathLike or False, optional
        Where to write the wall times (JSON, with ``out`` resolved), once the tables are
        swapped in (it was never written: only :func:`recompute` wrote its own). Default
        ``out/timings.json``; give a path outside ``out`` to keep run-specific facts out
        of the output directory, or False to write them nowhere (they are in the result).
    protect : iterable of path, optional
        Paths the run reads that must not lie inside ``out`` (cache, mirror).
    pins : exposure.fetch.DataStore, optional
        The store whose lock file pins the new files the run reads (:func:`recompute`
        gives its own). Their pins are held (:func:`exposure.fetch.staged_pins`) and
        written to the lock file only once every stage and the writing of the tables have
        succeeded, in one atomic write just before the new tables are swapped in. A run
        that fails before (a stage's cross-file check, the validation or the writing of a
        table, an interruption) leaves the lock file byte for byte as it was, and its
        error says that nothing was pinned: pinned, the refused bytes were trusted by
        sha256, and a corrected file of the same name was refused as a mismatch. Without
        ``pins``, a new file is pinned as soon as it validates.

    Returns
    -------
    PipelineResult

    Raises
    ------
    StageError
        If a stage, a validation or the write fails; ``out`` is untouched. Stage
        ``write``: a manifest entry holding what JSON cannot record (a frame, a path: it
        was written as its ``str()``). Entries are written as plain JSON: numpy numbers as
        numbers (an ``int64`` was the text ``"5"``), floats rounded as the tables' are,
        NaN and infinities as ``null``, sets as sorted lists.
    exposure._outdir.RecomputeLockedError
        If another run holds the lock on ``out`` (or kept changing ``out`` each time the
        lock was taken).
    exposure._outdir.OutputPathError
        Before any stage runs, if ``out`` is refused (a file, a mount point or a
        directory holding one, the current directory, a ``protect`` path; see
        :func:`exposure._outdir.check_output_dir`) or its parent cannot be written; or
        ``out`` has no ``manifest.json`` (it is not a recompute output) and holds a file
        named like one of ``tables`` (or ``timings.json``, when the run writes it there),
        which would be replaced (or has a manifest that
        recompute did not write; one that is not valid JSON, edited by hand, is named with
        the line and column of the damage); checked again once the lock is held, so that a run
        finishing just before is seen (its tables were carried over, or a rollup's
        replaced, without a word). ``out`` another user's directory in a folder with the
        sticky bit (``/tmp``), which the swap could not rename: it failed after the
        whole run. ``out`` that starts with ``~`` (not expanded: a folder ``~`` was made in
        the current directory).
    exposure.errors.DataFormatError
        Before anything else, an argument of the wrong kind, naming it (and the position
        of a bad item, counted from 0): ``stages`` not a list of :class:`Stage`, two
        stages of one name or a stage named ``write`` (the write step's name: one wall
        time was recorded for both),
        ``tables`` not a list of :class:`~exposure.schemas._catalog.Table`, ``out`` or
        ``timings_path`` not a path, ``context`` not a mapping (or None), ``manifest`` not
        a list of names (one string is refused, not read letter by letter) or naming a
        field the manifest holds itself (``format``, ``package``, ``tables``: it replaced
        it), two tables of one file name or one named ``manifest.json``/``timings.json``
        (one overwrote the other), ``progress`` not True or False, ``protect`` not a list
        of paths (None items are skipped), ``pins`` neither None nor a
        :class:`~exposure.fetch.DataStore`; a table whose ``keys`` are not a tuple of
        column names of its model (a str: ``("onetsoc_code")``, a one-element tuple written
        without its comma, was sorted by the columns ``'o'``, ``'n'``, ...; or a column the
        model lacks): a ``KeyError`` once every stage had run.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from exposure.schemas._catalog import TABLES
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "processed"
    >>> def make(code):
    ...     return {"task_digests": pd.DataFrame({
    ...         "onetsoc_code": code, "task_id": [2, 1], "task_type": ["Core", None],
    ...         "text_digest": ["0123456789abcdef"] * 2, "dwa_digest": ["e3b0c44298fc1c14"] * 2})}
    >>> res = run_pipeline([Stage("make", make)], [TABLES["task_digests"]], out,
    ...                    context={"code": "11-1011.00"}, manifest=["code"])
    >>> sorted(p.name for p in out.iterdir())
    ['manifest.json', 'task_digests.parquet', 'timings.json']
    >>> res.manifest["code"], res.manifest["tables"]["task_digests.parquet"]["rows"]
    ('11-1011.00', 2)
    """
    stages = _items(stages, "stages", "Stage", lambda v: isinstance(v, Stage))
    _check_stage_names(stages)
    tables = _items(tables, "tables", "Table", lambda v: isinstance(v, Table))
    out = check_path(out, "out", "a directory path")
    if context is not None and not isinstance(context, Mapping):
        raise DataFormatError(f"context must be a mapping of entry name to value (a dict) or None, "
                              f"got {shown(context)}")
    if isinstance(manifest, str):
        raise DataFormatError(f"manifest must be a list of context entry names, got str {manifest!r}: "
                              f"write [{manifest!r}]")
    manifest = _items(manifest, "manifest", "context entry names", lambda v: isinstance(v, str), plural=True)
    check_flag(progress, "progress")
    if timings_path is not None and timings_path is not False:
        check_path(timings_path, "timings_path")
    protect = _items(protect, "protect", "paths", lambda v: v is None or isinstance(v, (str, os.PathLike)),
                     plural=True)
    if pins is not None and not isinstance(pins, fetching.DataStore):
        raise DataFormatError(f"pins must be an exposure.fetch.DataStore (whose lock file pins the new files "
                              f"the run reads) or None, got {shown(pins)}")
    _check_manifest_names(manifest)
    _check_table_files(tables)
    _check_table_keys(tables)  # keys="code" (a tuple without its comma): KeyError 'c' after every stage
    ctx: dict[str, Any] = dict(context or {})
    timings: dict[str, float] = {}
    t_start = time.perf_counter()
    swapping = False
    # the pins of new files are held until the tables are written: a run refused by a
    # cross-file check left them in the lock file, trusting the refused bytes
    staging = fetching.staged_pins(pins) if pins is not None else contextlib.nullcontext()
    try:
        with staging as staged:
            def owned_of():
                return _owned_names(out, tables, timings=timings_path is None)

            owned_of()  # refuses someone else's directory before anything else
            # and again under the lock: a run that finished between a first read of the previous
            # manifest and the lock (a rollup writing its tables there, a recompute writing other
            # tables) was not seen: its tables replaced without the refusal, or carried over
            with replace_directory(out, owned=owned_of, protect=protect) as tmp:
                # disable left out when a bar is asked for: tqdm reads its own TQDM_DISABLE (and the
                # other TQDM_* variables) only for arguments not given (disable=False drew the bar)
                bar = tqdm(total=len(stages) + 1, desc="recompute", unit="stage", file=sys.stderr,
                           leave=True, **({} if progress else {"disable": True}))
                try:
                    for stage in stages:
                        bar.set_postfix_str(stage.name)
                        log.info("stage %s", stage.name)
                        t0 = time.perf_counter()
                        ctx.update(_run_stage(stage, ctx))
                        timings[stage.name] = round(time.perf_counter() - t0, 3)
                        bar.update(1)
                    bar.set_postfix_str("write")
                    t0 = time.perf_counter()
                    result = _write(tmp, tables, ctx, manifest)
                    timings["write"] = round(time.perf_counter() - t0, 3)
                    bar.update(1)
                finally:
                    bar.close()
                timing_doc = {
                    "stages_s": timings,
                    "stage_order": list(timings),
                    "total_s": round(time.perf_counter() - t_start, 3),
                    "peak_rss_mib": _peak_rss_mib(),
                    "note": "wall times; not part of the byte-identical output contract",
                }
                if timings_path is None:
                    try:
                        write_json(timing_doc, tmp / TIMINGS_NAME)
                    except OSError as exc:  # pragma: no cover - the tables are complete
                        log.warning("could not write %s: %s", TIMINGS_NAME, exc)
                if staged is not None:  # every check passed: pin the new files, then swap
                    raise_received()  # a Ctrl-C a finalizer swallowed: nothing pinned either
                    try:
                        staged.commit()
                    except (ExposureError, OSError) as exc:
                        raise StageError("pin", exc, path=pins.lock_path) from exc
                swapping = True
    except Exception as exc:
        if isinstance(exc, StageError) and not swapping:
            raise exc.about(out)  # a first run: there were no previous outputs to leave untouched
        if not swapping or isinstance(exc, StageError):
            raise
        raise StageError("write", exc, path=str(out)) from exc
    if timings_path is not None and timings_path is not False:
        try:  # the tables are complete: a wall-time file that cannot be written is no failure
            write_json({**timing_doc, "out": str(Path(out).resolve())}, timings_path)
        except OSError as exc:
            log.warning("could not write %s: %s", timings_path, exc)
    return PipelineResult(out=out, manifest=result, timings=timing_doc)


def _check_stage_names(stages: list[Stage]) -> None:
    """Refuse two stages of one name, or a stage named ``write``: one wall time was kept for both.

    ``timings.json`` records each stage's wall time under its name, and the writing of the
    tables under ``write``.

    Examples
    --------
    >>> _check_stage_names([Stage("a", lambda: {}), Stage("b", lambda: {})])
    >>> _check_stage_names([Stage("a", lambda: {}), Stage("a", lambda: {})])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: stages: two stages are named 'a' (positions 0 and 1): each stage's wall time is recorded under its name; give them different names
    """
    seen: dict[str, int] = {}
    for pos, stage in enumerate(stages):
        if stage.name == "write":
            raise DataFormatError(f"stages: the stage at position {pos} is named 'write', the name of the "
                                  "pipeline's own write step (its wall time is recorded under it); give the "
                                  "stage another name")
        if stage.name in seen:
            raise DataFormatError(f"stages: two stages are named {stage.name!r} (positions {seen[stage.name]} "
                                  f"and {pos}): each stage's wall time is recorded under its name; give them "
                                  "different names")
        seen[stage.name] = pos


def _items(value, name: str, what: str, ok, *, plural: bool = False) -> list:
    """``value`` as a list whose every item passes ``ok``; else a one-line error naming ``name``.

    Refused: what is not iterable (None, a number), a string or bytes (read item by item),
    a mapping or a frame (read as its keys or column names); then the first bad item, at
    its position counted from 0.

    Examples
    --------
    >>> _items((1, 2), "n", "int", lambda v: isinstance(v, int))
    [1, 2]
    >>> _items([1, "2"], "n", "int", lambda v: isinstance(v, int))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: n must be a list of int, got str '2' at position 1
    """
    if value is None or isinstance(value, (str, bytes, Mapping, pd.DataFrame)) or not np.iterable(value):
        raise DataFormatError(f"{name} must be a list of {what}, got {shown(value)}")
    items = list(value)
    for pos, item in enumerate(items):
        if not ok(item):
            raise DataFormatError(f"{name} must be a list of {what}, got {shown(item)} at position {pos}")
    return items


def _run_stage(stage: Stage, ctx: Mapping[str, Any]) -> Mapping[str, Any]:
    """Call ``stage`` with the context entries it names; errors become StageError.

    A parameter with a default that no entry of the context names keeps its default (it
    was required: ``needs 'n_draws', which neither the context nor an earlier stage
    provides``). A stage that returns neither a mapping nor None is a StageError too (a frame raised
    pandas' ``The truth value of a DataFrame is ambiguous``, a list or a string Python's
    ``dictionary update sequence`` errors).

    Examples
    --------
    >>> _run_stage(Stage("make", lambda: pd.DataFrame({"a": [1]})), {})
    Traceback (most recent call last):
    ...
    exposure.pipeline.StageError: stage 'make' failed: returned DataFrame, not a mapping of context entry name to value (a dict such as {'task_scores': frame}); previous outputs left untouched
    """
    params = stage._parameters()
    # a parameter with a default (n_draws=200, a keyword bound by functools.partial) was
    # required from the context all the same: "needs 'n_draws', which neither ..."
    missing = [name for name, p in params.items() if name not in ctx and p.default is p.empty]
    if missing:
        raise StageError(stage.name, ExposureError(
            f"needs {', '.join(map(repr, missing))}, which neither the context nor an "
            "earlier stage provides"))
    try:
        new = stage.run(**{name: ctx[name] for name in params if name in ctx})
    except StageError:
        raise
    except Exception as exc:
        raise StageError(stage.name, exc) from exc
    if new is None:
        return {}
    if not isinstance(new, Mapping):  # a frame: "truth value of a DataFrame is ambiguous"
        raise StageError(stage.name, DataFormatError(
            f"returned {shown(new)}, not a mapping of context entry name to value (a dict such as "
            "{'task_scores': frame})"))
    return new


#: Manifest fields the pipeline writes itself; a ``manifest`` entry of one of these names
#: replaced it (``package`` made the next run refuse the directory as someone else's).
_MANIFEST_FIELDS = ("format", "package", "tables")


def _check_manifest_names(names: list[str]) -> None:
    """Refuse a manifest entry named like a field the pipeline writes itself.

    Examples
    --------
    >>> _check_manifest_names(["releases"])
    >>> _check_manifest_names(["package"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: manifest: the entry 'package' (position 0) has the name of a field manifest.json holds itself (format, package, tables); give the context entry another name
    """
    for pos, name in enumerate(names):
        if name in _MANIFEST_FIELDS:
            raise DataFormatError(f"manifest: the entry {name!r} (position {pos}) has the name of a field "
                                  f"{MANIFEST_NAME} holds itself ({', '.join(_MANIFEST_FIELDS)}); give the "
                                  "context entry another name")


def _check_table_files(tables: list[Table]) -> None:
    """Refuse two tables of one file name, or a table file that is not a plain name of its own.

    The later table overwrote the earlier one, and a table named ``manifest.json`` or
    ``timings.json`` was overwritten by the pipeline's own file, without a word; a name
    with a directory in it (``../x.parquet``) was written outside the output directory.

    Examples
    --------
    >>> from exposure.schemas._catalog import TABLES
    >>> _check_table_files([TABLES["soc_scores"], TABLES["workforce"]])
    >>> _check_table_files([TABLES["soc_scores"], TABLES["soc_scores"]])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: tables: two tables are written to 'soc_scores.parquet' (positions 0 and 1): the second would overwrite the first; give each table its own file name
    """
    seen: dict[str, int] = {}
    for pos, table in enumerate(tables):
        name = str(table.filename)
        if name in (MANIFEST_NAME, TIMINGS_NAME):
            raise DataFormatError(f"tables: the table {table.name!r} at position {pos} is written to {name!r}, "
                                  "the pipeline's own file, which would overwrite it; give the table "
                                  "another file name")
        if not name or name in (".", "..") or Path(name).name != name:
            raise DataFormatError(f"tables: the table {table.name!r} at position {pos} has the file name "
                                  f"{name!r}: give a plain file name, without a directory")
        if name in seen:
            raise DataFormatError(f"tables: two tables are written to {name!r} (positions {seen[name]} and "
                                  f"{pos}): the second would overwrite the first; give each table its own "
                                  "file name")
        seen[name] = pos


def _check_table_keys(tables: list[Table]) -> None:
    """Refuse a table whose ``keys`` are not a tuple of column names of its model.

    The rows of a table are written sorted by its keys: a str (``keys=("onetsoc_code")``,
    a one-element tuple written without its comma) was read letter by letter, and a key
    the model has no column of, and both raised a bare ``KeyError: 'o'`` from pandas once
    every stage had run. A model that is no schema model is left to the validation, which
    names it.

    Examples
    --------
    >>> from exposure.schemas._catalog import TABLES
    >>> _check_table_keys([TABLES["soc_scores"]])
    >>> _check_table_keys([Table("soc", "soc.parquet", TABLES["soc_scores"].model, "soc_code", "")])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: tables: the table 'soc' at position 0 has keys 'soc_code', a str: give a tuple of column names, ('soc_code',) (a tuple of one name needs its comma)
    """
    for pos, table in enumerate(tables):
        keys = table.keys
        where = f"tables: the table {table.name!r} at position {pos}"
        if isinstance(keys, str):
            raise DataFormatError(f"{where} has keys {keys!r}, a str: give a tuple of column names, ({keys!r},) "
                                  "(a tuple of one name needs its comma)")
        if keys is None:
            continue
        if isinstance(keys, (bytes, Mapping, pd.DataFrame)) or not np.iterable(keys):
            raise DataFormatError(f"{where} has keys {shown(keys)}: give a tuple of column names")
        for key in keys:
            if not isinstance(key, str):
                raise DataFormatError(f"{where} has the key {shown(key)}: give a tuple of column names (str)")
        model = table.model
        if not (isinstance(model, type) and issubclass(model, pa.DataFrameModel)):
            continue  # named by the validation
        columns = list(model.to_schema().columns)
        missing = [key for key in keys if key not in columns]
        if missing:
            raise DataFormatError(f"{where} has the key {missing[0]!r}, which is not a column of its model "
                                  f"{model.__name__} (columns: {', '.join(columns)}): give its key columns")


def _owned_names(out: Path, tables: Iterable[Table], timings: bool = True) -> set[str]:
    """Entries of ``out`` the pipeline owns: tables, manifest, timings (when written there).

    The tables listed in the previous manifest are owned too, so that a table no longer
    written goes away. A ``timings.json`` the run does not write is left alone. Without a
    previous manifest (``out`` is not a recompute output), an entry of ``out`` named like
    one of ``tables`` is refused (:class:`~exposure._outdir.OutputPathError`): it was
    replaced without a word; so is a ``timings.json`` when the run writes its own there
    (``timings_path`` None: a user's benchmark notes were replaced). So is a manifest that
    recompute did not write; one that is not valid JSON (edited by hand) is named with the
    line and column of the damage (the error said only that recompute did not write it).
    """
    written = [t.filename for t in tables] + ([TIMINGS_NAME] if timings else [])
    owned = set(written) | {MANIFEST_NAME}
    # no manifest: not a recompute output (which always has one), so a file named like a
    # table is someone else's (a user's own table, an exposure rollup output), which the
    # swap replaced without a word; so is a timings.json, when the run writes its own there
    theirs = foreign_entry(out, MANIFEST_NAME, written)
    if theirs is not None:
        kind = "its wall times to a file" if theirs.name == TIMINGS_NAME else "a table"
        raise OutputPathError(
            f"refusing to replace {theirs}: {out} has no {MANIFEST_NAME}, so exposure "
            f"recompute did not write that file, and it writes {kind} of that name; move "
            "the file or choose a new or empty --out directory")
    old = out / MANIFEST_NAME
    if not (old.is_file() or old.is_symlink()):
        return owned  # the output path itself is checked by replace_directory
    try:
        manifest = json.loads(old.read_bytes())
    except json.JSONDecodeError as exc:
        # edited by hand (a note added after the last entry, with a trailing comma): the error
        # said only that recompute did not write it, not where it is damaged
        raise OutputPathError(
            f"{out} holds a manifest.json that exposure recompute did not write, or that was edited since: "
            f"{old}, line {exc.lineno}: not valid JSON: {exc.msg} (column {exc.colno}); recompute reads it to "
            "tell its own tables (listed under 'tables') from other files: fix it, or choose a new or empty "
            "--out directory") from None
    except (OSError, ValueError):
        manifest = None
    package = manifest.get("package") if isinstance(manifest, dict) else None
    if not (isinstance(package, dict) and package.get("name") == PACKAGE_NAME
            and isinstance(manifest.get("tables"), dict)):
        # someone else's manifest.json: recompute would overwrite it, and take the files it
        # lists for old tables of its own
        raise OutputPathError(f"{out} holds a manifest.json that exposure recompute did not write; "
                              "recompute replaces its own manifest.json and the tables it lists: "
                              "choose a new or empty --out directory")
    return owned | {str(name) for name in manifest["tables"]}


def _write(tmp: Path, tables: list[Table], ctx: Mapping[str, Any],
           entries: Iterable[str]) -> dict[str, Any]:
    """Validate the tables, write them and ``manifest.json`` into ``tmp``."""
    frames = {}
    for table in tables:
        if table.name not in ctx:
            raise StageError("write", _unproduced(table.name, ctx, f"the table {table.filename}"),
                             path=table.filename)
        try:
            frames[table.filename] = _prepare(ctx[table.name], table)
        except ExposureError as exc:
            raise StageError("validate", exc, path=getattr(exc, "path", None)
                             or table.filename) from exc
    extra = {}
    for name in entries:
        if name not in ctx:
            raise StageError("write", _unproduced(name, ctx, f"the {MANIFEST_NAME} entry"),
                             path=MANIFEST_NAME)
        try:
            extra[name] = _manifest_value(ctx[name], name)
        except DataFormatError as exc:
            raise StageError("write", exc, path=MANIFEST_NAME) from exc
    current = None
    try:
        written = {}
        for i, (name, frame) in enumerate(sorted(frames.items())):
            current = name
            path = write_parquet(frame, tmp / name,
                                 metadata=ctx.get("table_metadata", {}).get(name))
            written[name] = {
                "rows": int(len(frame)),
                "columns": [str(c) for c in frame.columns],
                "sha256": _file_sha256(path),
                "bytes": path.stat().st_size,
            }
            if i == 0:
                pause("after_first_file")
        current = MANIFEST_NAME
        manifest = {
            "format": MANIFEST_FORMAT,
            "package": {"name": PACKAGE_NAME, "version": __version__},
            **extra,
            "tables": written,
        }
        write_json(manifest, tmp / MANIFEST_NAME)
    except Exception as exc:
        raise StageError("write", exc, path=current) from exc
    return manifest


def _unproduced(name: str, ctx: Mapping[str, Any], what: str) -> ExposureError:
    """The error for ``name``, which :func:`run_pipeline` writes as ``what``, but no entry of ``ctx`` holds.

    It was a ``KeyError``, whose message Python quotes: ``stage 'write' failed
    (manifest.json): "no stage produced 'code'"``; a close name of the context (a stage
    returning ``task_digest``) is pointed at.

    Examples
    --------
    >>> str(_unproduced("task_digests", {"task_digest": None}, "the table task_digests.parquet"))
    "no stage produced 'task_digests' (the table task_digests.parquet), nor did the context hold it (it holds 'task_digest', a close name)"
    """
    close = difflib.get_close_matches(name, [str(key) for key in ctx], n=1, cutoff=0.6)
    hint = f" (it holds {close[0]!r}, a close name)" if close else ""
    return ExposureError(f"no stage produced {name!r} ({what}), nor did the context hold it{hint}")


def _prepare(frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    """Validate ``frame`` against its table, sort by the keys, round the floats."""
    if not isinstance(frame, pd.DataFrame):
        raise ExposureError(f"stage output {table.name!r} is {type(frame).__name__}, "
                            "not a DataFrame")
    frame = validate(frame, table.model, path=table.filename)
    if table.keys:
        frame = frame.sort_values(list(table.keys), kind="stable")
    return _round_floats(frame.reset_index(drop=True))


def _round_floats(frame: pd.DataFrame) -> pd.DataFrame:
    """Round float columns to :data:`FLOAT_DECIMALS` decimals; -0.0 becomes 0.0.

    numpy rounds by scaling (``x * 10**12``, rounded, divided back), which for a large
    value returns a neighbouring float: ``86609270.0`` became ``86609270.00000001`` (the
    admin rows' ``covered_emp`` in ``workforce``, where ``exposure rollup`` wrote
    ``86609270.0``). Floats of ``2**53 / 10**12`` (about 9007) or more in magnitude lie
    more than 1e-12 apart: rounding could only move them to a neighbour, so they are kept
    as computed.

    Examples
    --------
    >>> _round_floats(pd.DataFrame({"x": [0.1 + 0.2, -1e-15, 86609270.0], "n": [1, 2, 3]}))["x"].tolist()
    [0.3, 0.0, 86609270.0]
    """
    out = frame.copy()
    limit = 2.0**53 / 10**FLOAT_DECIMALS
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col].dtype) and not isinstance(out[col].dtype, np.dtype):
            out[col] = out[col].round(FLOAT_DECIMALS) + 0.0  # a nullable Float64 column keeps its NA
        elif pd.api.types.is_float_dtype(out[col].dtype):
            v = out[col].to_numpy()
            with np.errstate(invalid="ignore"):
                small = np.abs(v) < limit
            out[col] = np.where(small, np.round(v, FLOAT_DECIMALS), v) + 0.0
    return out


def _file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _peak_rss_mib() -> float:
    # ru_maxrss is KiB on Linux, bytes on macOS.
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(rss / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


# --------------------------------------------------------------------------- recipe

#: O*NET releases :func:`recompute` reads (those :func:`exposure.onet.load_onet` knows).
ONET_RELEASES = tuple(ONET_FORMATS)
#: OEWS releases whose national by-industry table the package pins; any other May year is
#: read from BLS's own files (:func:`exposure.oews.load_oews`).
OEWS_RELEASES = tuple(release for release, table in OEWS_FILES if table == "by_industry")

#: Scoring method of the shipped tables (see :func:`exposure.scoring.score_tasks`).
SCORING_METHOD = "learned"

#: Rollup settings of the shipped tables (see :func:`exposure.rollup.rollup`): Core = 2,
#: Supplemental = 1 task weights, equal combination of the O*NET children of an OEWS code,
#: and 200 bootstrap draws with a fixed seed for the confidence bounds.
ROLLUP_SETTINGS = {"weights": "core", "combine": "equal", "n_draws": 200, "seed": 0}

#: Tables written by :func:`recompute`: every table of the catalogue.
RECOMPUTE_TABLES = PROCESSED_TABLES


@dataclass(frozen=True)
class RecomputeInputs:
    """What a recompute reads: the releases and where the raw files come from.

    Parameters
    ----------
    onet_release : str, default "29.1"
        O*NET database release (any ``MAJOR.MINOR``; see :mod:`exposure.releases`).
    oews_release : str, default "2025"
        OEWS May year.
    mirror : str or os.PathLike, optional
        Local mirror of the raw files (see :func:`exposure.fetch.fetch`).
    data_dir : str or os.PathLike, optional
        Download cache directory.
    store : exposure.fetch.DataStore, optional
        Where data lives; ``mirror``/``data_dir`` override its directories. Resolved
        once here (default: from the environment).
    onet_format : {"text", "excel"}, optional
        Download format of an O*NET release the package does not pin.

    Raises
    ------
    exposure.errors.DataFormatError
        ``onet_release`` that is not a str (``2.5`` and ``29.1`` were read as the releases
        ``"2.5"`` and ``"29.1"``); ``onet_format`` that is neither None, ``"text"`` nor
        ``"excel"``, or not the format in which the package pins the release (``"excel"``
        for 29.1): both were refused only when the files were listed, naming ``fmt``.
    exposure.errors.ExposureError
        Malformed release; ``mirror`` or ``data_dir`` that is not a path, ``store`` that
        is not a :class:`~exposure.fetch.DataStore` (these said ``stage 'fetch' failed``
        before, though no stage had run).
    StageError
        Stage ``fetch``: the mirror or the cache cannot be used (a mirror directory that
        does not exist).

    Examples
    --------
    >>> import tempfile
    >>> inputs = RecomputeInputs(mirror=tempfile.mkdtemp())
    >>> inputs.releases
    {'onet': '29.1', 'oews': '2025'}
    >>> [name for name in inputs.files if not name.startswith("onet/")][:3]
    ['oews/oews_national_by_industry_M2025.csv', 'crosswalks/2019_to_SOC_Crosswalk.xlsx', 'crosswalks/SOC_Structure.xlsx']
    >>> [name for name in inputs.files if not name.startswith("onet/")][3:]  # the panel
    ['oews/national_M2021_dl.csv', 'oews/national_M2022_dl.xlsx', 'oews/national_M2023_dl.xlsx', 'oews/national_M2024_dl.xlsx', 'oews/oews_national_cross_industry_M2025.csv']
    >>> store = fetching.DataStore(cache=tempfile.mkdtemp(), home=tempfile.mkdtemp())
    >>> [n for n in RecomputeInputs(store=store).files if n.startswith("oews/")][:3]  # no mirror
    ['oews/national_M2025_dl.xlsx', 'oews/natsector_M2025_dl.xlsx', 'oews/nat3d_M2025_dl.xlsx']
    >>> RecomputeInputs(onet_release="31.0", oews_release="2026").files[:2]
    ['onet/31.0/Occupation Data.txt', 'onet/31.0/Task Statements.txt']
    >>> RecomputeInputs(oews_release="May 2019")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: OEWS release 'May 2019' is not a year such as 2025: write 2019
    >>> RecomputeInputs(onet_release=2.5)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: onet_release must be an O*NET release number as text (str), such as '29.1' or '31.0', got float 2.5
    """

    onet_release: str = "29.1"
    oews_release: str = "2025"
    mirror: str | os.PathLike | None = None
    data_dir: str | os.PathLike | None = None
    store: fetching.DataStore | None = None
    onet_format: str | None = None

    def __post_init__(self):
        if not isinstance(self.onet_release, str):  # 2.5 was read as the release "2.5"
            raise DataFormatError("onet_release must be an O*NET release number as text (str), such as "
                                  f"'29.1' or '31.0', got {shown(self.onet_release)}")
        object.__setattr__(self, "onet_release", check_onet_release(self.onet_release))
        object.__setattr__(self, "oews_release", check_oews_release(self.oews_release))
        if self.onet_format is not None:  # "pdf" was refused only when the files were listed
            check_recompute_format(self.onet_release, self.onet_format)
        # the types first: "stage 'fetch' failed" is for a mirror or cache that cannot be used
        fetching.check_location(self.mirror, "mirror")
        fetching.check_location(self.data_dir, "data_dir")
        fetching.check_store(self.store)
        try:
            store = fetching.resolve_store(self.store, mirror=self.mirror,
                                           data_dir=self.data_dir)
        except ExposureError as exc:  # e.g. a mirror directory that does not exist
            raise StageError("fetch", exc) from exc
        object.__setattr__(self, "store", store)

    @property
    def releases(self) -> dict[str, str]:
        """The releases, as recorded in ``manifest.json``."""
        return {"onet": self.onet_release, "oews": self.oews_release}

    @property
    def location(self) -> dict[str, Any]:
        """The store's mirror and cache, as keyword arguments of the loaders."""
        return {"mirror": self.store.mirror, "data_dir": self.store.cache}

    @property
    def onet_files(self) -> dict[str, str | None]:
        """Registry name of each O*NET file, by table (``None``: not in the release)."""
        return onet_file_names(self.onet_release, self.onet_format, self.store.lock)

    @property
    def files(self) -> list[str]:
        """Registry names of the raw files the recipe reads."""
        names = [name for name in self.onet_files.values() if name is not None]
        online = self.store.mirror is None  # BLS's own files instead of mirror-only ones
        names = (names + oews_file_names(self.oews_release, "by_industry", online=online)
                 + [CROSSWALK_FILES["onet_to_soc"], CROSSWALK_FILES["soc_structure"]])
        panel = [name for year in PANEL_YEARS  # the occupation panel's May 2021-2025
                 for name in oews_file_names(str(year), "cross_industry", online=online)]
        return names + [name for name in dict.fromkeys(panel) if name not in names]


def check_recompute_format(release: str, fmt, *, option: str = "onet_format") -> None:
    """Refuse an ``onet_format`` of :class:`RecomputeInputs` that is not a format of ``release``.

    ``option`` is how the message spells the setting: ``"onet_format"`` (the API) or
    ``"--onet-format"`` (``exposure recompute``, which said ``give onet_format='text'``).

    Examples
    --------
    >>> check_recompute_format("31.0", "excel")
    >>> check_recompute_format("29.1", "excel")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: onet_format='excel': O*NET 29.1 is pinned by the package in text format only; leave onet_format out or give onet_format='text'
    >>> check_recompute_format("29.1", "Text")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: onet_format must be 'text', 'excel' or None, got str 'Text': write 'text' (the choices are case-sensitive)
    >>> check_recompute_format("29.1", "excel", option="--onet-format")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: --onet-format excel: O*NET 29.1 is pinned by the package in text format only; leave --onet-format out or give --onet-format text
    """
    check_choice(fmt, "onet_format", ONET_LAYOUTS)
    if fmt not in ONET_LAYOUTS:
        # "Excel" was refused without the choice to write (the CLI's parser gives it)
        raise DataFormatError(f"onet_format must be 'text', 'excel' or None, got {shown(fmt)}"
                              + choice_hint(fmt, ONET_LAYOUTS))
    if any(name.startswith(f"onet/{release}/") for name in fetching.SOURCES):
        pinned = onet_format_of(release)
        if fmt != pinned:
            def spelled(value):
                return f"{option} {value}" if option.startswith("--") else f"{option}={value!r}"
            raise DataFormatError(f"{spelled(fmt)}: O*NET {release} is pinned by the package in {pinned} "
                                  f"format only; leave {option} out or give {spelled(pinned)}")


def _reader(inputs: RecomputeInputs, name: str):
    """The reader (and validator) of raw file ``name``, used to pin a new file."""
    for table, file_name in inputs.onet_files.items():
        if file_name == name:
            return ONET_FILES[table][1]
    return read_oews


def _fetch(inputs: RecomputeInputs) -> dict[str, Any]:
    """Fetch and sha256-verify every raw file; record them for the manifest.

    A file no registry or lock file pins yet (a new release) is downloaded, validated by
    its reader and pinned (:func:`exposure.fetch.fetch_table`): held for the run, and
    written to the lock file only when the whole run succeeds (:func:`run_pipeline`'s
    ``pins``).
    """
    sources = []
    store = inputs.store

    def where(exc, name):
        # a cache that cannot be written is no fault of the file being fetched: it named
        # that file ("stage 'fetch' failed (onet/29.1/Occupation Data.txt): cache directory ...")
        if isinstance(exc, fetching.CacheWriteError) and not getattr(exc, "one_file", False):
            return store.cache  # (a corrupt cached file that cannot be removed is that file's)
        return getattr(exc, "path", None) or name

    # every file first, none pinned: a release that lacks one (no Tasks to DWAs) stopped the
    # run after the files before it had been pinned in the lock file, without a word
    for name in inputs.files:
        try:
            if not store.source(name).pinned:
                fetching.fetch(name, store=store)
        except ExposureError as exc:
            raise StageError("fetch", exc, path=where(exc, name)) from exc
        except OSError as exc:
            raise StageError("fetch", exc, path=name) from exc
    for name in inputs.files:
        try:
            if store.source(name).pinned:
                path = fetching.fetch(name, store=store)
            else:
                fetching.fetch_table(name, _reader(inputs, name), store=store)
                path = fetching.fetch(name, store=store)
            # the hash of the bytes on disk now (fetch hashed them too: no stamp is trusted)
            actual = fetching.file_sha256(path)
        except ExposureError as exc:
            raise StageError("fetch", exc, path=where(exc, name)) from exc
        except OSError as exc:
            raise StageError("fetch", exc, path=name) from exc
        src = store.source(name)
        if actual != src.sha256:
            raise StageError("fetch", ChecksumMismatchError(name, src.sha256, actual,
                                                            path=str(path)))
        sources.append({"name": name, "sha256": actual, "size": path.stat().st_size,
                        "release": src.release})
    return {"sources": sorted(sources, key=lambda s: s["name"])}


def _parse_onet(inputs: RecomputeInputs) -> dict[str, Any]:
    return {"onet": load_onet(inputs.onet_release, store=inputs.store,
                              fmt=inputs.onet_format)}


def _parse_oews(inputs: RecomputeInputs) -> dict[str, Any]:
    return {"employment": load_oews(inputs.oews_release, table="by_industry",
                                    store=inputs.store)}


def _parse_crosswalks(inputs: RecomputeInputs) -> dict[str, Any]:
    return {
        "onet_to_soc": load_onet_to_soc(**inputs.location),
        "soc_structure": load_soc_structure(**inputs.location),
    }


def _panel(inputs: RecomputeInputs, soc_structure: pd.DataFrame) -> dict[str, Any]:
    """The OEWS May 2021-2025 occupation panel (:func:`exposure.outcomes.build_panel`)."""
    frames = {year: load_oews(str(year), table="cross_industry", store=inputs.store)
              for year in PANEL_YEARS}
    detailed = soc_structure.loc[soc_structure["level"] == "detailed", "soc_code"]
    return {"occupation_panel": build_panel(frames, detailed)}


def _score(onet: OnetRelease, inputs: RecomputeInputs) -> dict[str, Any]:
    """Score every task with :data:`SCORING_METHOD`."""
    titles = onet.occupations[["onetsoc_code", "title"]]
    tasks = onet.tasks.merge(titles, on="onetsoc_code", how="left", validate="many_to_one")
    scores = scoring.task_score_table(scoring.score_tasks(
        tasks, method=SCORING_METHOD, onet=onet, path=f"O*NET {inputs.onet_release} Task Statements"))
    return {"task_scores": scores, "scorer": _scorer_info(SCORING_METHOD)}


def _digests(onet: OnetRelease) -> dict[str, Any]:
    return {"task_digests": task_digests(onet.tasks, onet.task_dwas)}


def _rollup(task_scores: pd.DataFrame, onet: OnetRelease, onet_to_soc: pd.DataFrame,
            employment: pd.DataFrame, soc_structure: pd.DataFrame) -> dict[str, Any]:
    """Roll up with :data:`ROLLUP_SETTINGS`; the tables and the manifest's rollup entry."""
    r = rollup(task_scores, onet_to_soc, employment,
               weights=ROLLUP_SETTINGS["weights"], tasks=onet.tasks,
               task_ratings=onet.task_ratings, combine=ROLLUP_SETTINGS["combine"],
               n_draws=ROLLUP_SETTINGS["n_draws"], seed=ROLLUP_SETTINGS["seed"],
               soc_structure=soc_structure)
    return {**r.tables(), "rollup": {**r.settings, "coverage": _plain(r.coverage)}}


#: OEWS sector titles carry a prefix ("Sector 52 - ", "Sectors 31, 32, and 33 - ").
_SECTOR_PREFIX = r"^Sectors? [0-9]{2}(?:,? (?:and )?[0-9]{2})* - "


def _describe(task_scores: pd.DataFrame, occupation_scores: pd.DataFrame,
              sector_scores: pd.DataFrame, subsector_scores: pd.DataFrame,
              onet: OnetRelease, sources: list, inputs: RecomputeInputs) -> dict[str, Any]:
    """Titles and task text on the rows; licence and attribution in the files' metadata.

    Adds ``task`` (the O*NET statement) to ``task_scores``, ``title`` to
    ``occupation_scores`` and a ``title`` without OEWS's "Sector 52 - " prefix to the
    sector tables; every existing column is left as it is.
    """
    text = onet.tasks.set_index(["onetsoc_code", "task_id"])["task"]
    keys = pd.MultiIndex.from_arrays([task_scores["onetsoc_code"].astype(str),
                                      task_scores["task_id"].astype("int64")])
    tasks = task_scores.copy()
    tasks.insert(2, "task", pd.array(text.reindex(keys).to_numpy(), dtype="string"))
    occ = occupation_scores.copy()
    titles = onet.occupations.set_index("onetsoc_code")["title"]
    occ.insert(1, "title", occ["onetsoc_code"].map(titles).astype("string"))
    out = {"task_scores": tasks, "occupation_scores": occ}
    for name, frame in (("sector_scores", sector_scores), ("subsector_scores", subsector_scores)):
        frame = frame.copy()
        clean = frame["naics_title"].str.replace(_SECTOR_PREFIX, "", regex=True)
        frame.insert(frame.columns.get_loc("naics_title") + 1, "title", clean.astype("string"))
        out[name] = frame
    lines = sorted({f"{src.licence}: {src.attribution}"
                    for src in (inputs.store.source(s["name"]) for s in sources)})
    meta = {"exposure.licence_and_attribution": "\n".join(lines),
            "exposure.releases": json.dumps(inputs.releases, sort_keys=True)}
    out["table_metadata"] = {t.filename: meta for t in RECOMPUTE_TABLES}
    return out


#: The recompute recipe, in order. Each stage's parameters name the context entries it
#: reads (``inputs`` is the :class:`RecomputeInputs`); it returns the entries it adds.
RECOMPUTE_STAGES = (
    Stage("fetch", _fetch),
    Stage("onet", _parse_onet),
    Stage("oews", _parse_oews),
    Stage("crosswalks", _parse_crosswalks),
    Stage("panel", _panel),
    Stage("score", _score),
    Stage("digests", _digests),
    Stage("rollup", _rollup),
    Stage("describe", _describe),
)

#: Context entries recorded in ``manifest.json`` by :func:`recompute`.
RECOMPUTE_MANIFEST = ("releases", "sources", "scorer", "rollup")
#: What :func:`recompute` writes into its output directory, for the refusal of an ``out``
#: named like a file (:func:`exposure._outdir.refuse_file_named_dir`).
RECOMPUTE_WRITES = f"the recomputed tables (one Parquet file per table, and {MANIFEST_NAME})"


def recompute(
    *,
    mirror=None,
    out=None,
    onet_release: str = "29.1",
    oews_release: str = "2025",
    data_dir=None,
    progress: bool = False,
    store: fetching.DataStore | None = None,
    onet_format: str | None = None,
) -> PipelineResult:
    """Recompute every processed table from the raw sources into ``out``.

    Runs :data:`RECOMPUTE_STAGES`: ``fetch`` (sha256-verified raw files), ``onet``,
    ``oews``, ``crosswalks``, ``panel`` (the OEWS May 2021-2025 occupation panel of
    :mod:`exposure.outcomes`), ``score`` (default scoring method), ``digests`` (task text
    fingerprints for release diffs), ``rollup`` (occupations, SOC codes, sectors,
    subsectors, workforce, working time); then validates and writes the tables of
    :data:`RECOMPUTE_TABLES` (see :func:`run_pipeline`).

    Parameters
    ----------
    mirror : str or os.PathLike, optional
        Local directory laid out like the public-data mirror (``../shared/data``); passed
        to :func:`exposure.fetch.fetch` (which falls back to ``$EXPOSURE_MIRROR``).
    out : str or os.PathLike, optional
        Output directory; replaced atomically (foreign entries such as ``reports/`` kept).
        Default: ``processed/onet-<release>_oews-<year>`` in the user data directory
        (:meth:`exposure.fetch.DataStore.output_dir`), which :func:`exposure.load` reads.
        ``data/processed`` of a source checkout holds the tables shipped with the package.
    onet_release : str, default "29.1"
        O*NET database release; any ``MAJOR.MINOR`` in the O*NET text or Excel layout.
    oews_release : str, default "2025"
        OEWS May year; years without a pinned by-industry table come from BLS's files.
    data_dir : str or os.PathLike, optional
        Download cache directory (``$EXPOSURE_DATA_DIR``).
    progress : bool, default False
        Show progress bars.
    store : exposure.fetch.DataStore, optional
        Mirror, cache, user data directory, lock file, User-Agent (default from the
        environment); ``mirror``/``data_dir`` override its directories.
    onet_format : {"text", "excel"}, optional
        Download format of an O*NET release the package does not pin (default text).

    Wall times go to :attr:`exposure.fetch.DataStore.timings_path` (in the cache), not
    into ``out``: two runs on the same inputs leave ``out`` byte-identical; nowhere when
    the cache is the mirror, which is only read. The files of a
    release nobody pinned are pinned in the store's lock file only when the whole run
    succeeds, just before the tables are swapped in; a refused or failed run leaves the
    lock file as it was (see :func:`run_pipeline`'s ``pins``).

    Returns
    -------
    PipelineResult

    Raises
    ------
    StageError
        A stage failed (names the stage and file); ``out`` is untouched.
    exposure._outdir.RecomputeLockedError
        Another recompute is writing ``out``.
    exposure._outdir.OutputPathError
        Before any stage: ``out`` refused (:func:`run_pipeline`), among them a symbolic
        link that loops, and a directory without ``manifest.json`` holding a file named
        like one of the tables (a user's own, an ``exposure rollup`` output's); an ``out``
        that is no directory yet and is named like a file (``tables.parquet``,
        ``results.csv``: a directory of that name was made, holding the tables); an ``out``
        inside the output of another recompute (``data/processed/new``: a whole run nested
        among the shipped tables), or holding one (``--out data``, beside
        ``data/processed``), see :func:`_refuse_inside_output`.
    exposure.errors.ExposureError
        Before anything else: ``out`` with surrounding spaces or a line end
        (``"results\\r"``), unless a directory of that very name exists: the tables were
        written into a new directory beside ``results``.
    exposure.errors.DataFormatError
        Before anything else: ``out`` that is not a path (or None), ``progress`` that is
        not True or False; then, before any stage, ``onet_release`` that is not a str or
        an ``onet_format`` that is not one of the release (see :class:`RecomputeInputs`).

    Examples
    --------
    >>> recompute(onet_release="28")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: O*NET release '28' is not of the form MAJOR.MINOR (e.g. 29.1, 31.0): write it with its minor number, such as '28.0'
    """
    if out is not None:  # out=5 raised TypeError from os.path; progress="yes" reached tqdm
        check_path(out, "out", "a directory path")
        fetching.refuse_spaces(out, "out")  # "results\r": the tables went into a new directory beside results
        if not os.path.lexists(out):  # a file there: "exists and is not a directory" (check_output_dir)
            # out="tables.parquet" made a directory of that name holding the nine tables
            refuse_file_named_dir(out, "out", RECOMPUTE_WRITES)
    check_flag(progress, "progress")
    inputs = RecomputeInputs(onet_release=onet_release, oews_release=oews_release,
                             mirror=mirror, data_dir=data_dir, store=store,
                             onet_format=onet_format)
    out = inputs.store.output_dir(inputs.releases) if out is None else out
    check_output_dir(out)  # first: a symbolic link that loops raised RuntimeError below
    _check_not_among_inputs(out, inputs.store, default=inputs.store.output_dir(inputs.releases))
    _check_lock_for_new_files(inputs)
    return run_pipeline(RECOMPUTE_STAGES, RECOMPUTE_TABLES, out,
                        context={"inputs": inputs, "releases": inputs.releases},
                        manifest=RECOMPUTE_MANIFEST, progress=progress,
                        timings_path=_timings_path(inputs.store),
                        protect=[inputs.store.cache, inputs.store.mirror,
                                 Path(__file__).resolve().parent], pins=inputs.store)


def _timings_path(store: fetching.DataStore):
    """Where :func:`recompute` writes its wall times: the store's, or False when the cache is a mirror.

    A cache that is the mirror, or lies inside one (``--mirror M --data-dir M``, a
    ``$EXPOSURE_DATA_DIR`` holding the mirror's ``MANIFEST.tsv``), is read in place and
    nothing is written there (:mod:`exposure.fetch`): recompute wrote
    ``M/timings/recompute.json`` among the raw files all the same.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _timings_path(fetching.DataStore(cache=d / "cache", home=d / "home")) == d / "cache" / "timings" / "recompute.json"
    True
    >>> _timings_path(fetching.DataStore(cache=d / "m", home=d / "home", mirror=d / "m"))
    False
    """
    mirror = fetching.mirror_holding(store.cache, store.mirror)
    if mirror is None:
        return store.timings_path
    log.info("wall times not written: the cache %s is the mirror %s, which exposure only reads", store.cache, mirror)
    return False


def _check_lock_for_new_files(inputs: RecomputeInputs) -> None:
    """Refuse, before any stage, a lock file the run could not pin its new files into.

    The files of a release nobody pinned are pinned when the whole run succeeds: a lock
    file that cannot be written (a read-only user data directory) was found only then,
    in stage ``pin``, after the whole computation. Said as stage ``fetch`` (where it was
    found before pins were held), naming the lock file.
    """
    store = inputs.store
    try:
        new = any(not store.source(name).pinned for name in inputs.files)
    except ExposureError:  # a bad lock file or name: the fetch stage says it, with its file
        return
    if new:
        try:
            fetching.check_lock_writable(store)
        except ExposureError as exc:
            raise StageError("fetch", exc, path=store.lock_path) from exc


def _check_not_among_inputs(out, store, default=None) -> None:
    """Refuse an output directory among what the run reads or where other files of exposure live.

    ``replace_directory`` refuses an output that *contains* what the run reads; an output
    *inside* the mirror (``--out mirror/crosswalks``) or inside a folder of downloaded
    files (``<cache>/onet``) was accepted: the tables, the manifest and a lock file were
    written among the raw files. The cache itself may hold the user data directory (one
    ``$EXPOSURE_DATA_DIR`` for both), so only its download folders are refused, with the
    publishers' archives (``.archives``) and the wall times (``timings``: its
    ``recompute.json`` was written into the output after the swap, so that two runs no
    longer left it byte-identical).

    Refused too: the user data directory (it holds ``exposure.lock``), its ``processed``
    folder (one directory per recompute: tables written there are never read by
    :func:`exposure.load`, and the swap replaced every other recompute with it), a
    directory holding the user data directory, and a directory inside the installed
    package (its own files; ``src/exposure/data/processed`` of a source checkout is a
    symbolic link to ``data/processed``, outside the package, and stays accepted).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from types import SimpleNamespace
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> store = SimpleNamespace(mirror=d / "mirror", cache=d / "cache", home=d / "home",
    ...                         outputs=d / "home" / "processed")
    >>> _check_not_among_inputs(d / "out", store)
    >>> _check_not_among_inputs(d / "mirror" / "crosswalks", store)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure._outdir.OutputPathError: refusing to write the tables into .../mirror/crosswalks: it is inside the mirror .../mirror, which the run reads; choose an output directory outside it
    >>> _check_not_among_inputs(d / "home" / "processed", store)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure._outdir.OutputPathError: refusing to write the tables into .../home/processed: it is the folder of your recomputes, one directory each (exposure.load reads those directories, not tables beside them); give a directory of its own, such as the default .../home/processed/onet-<release>_oews-<year>
    """
    real = real_path(out)
    held = fetching.DataStore.read_folders(store)  # the store of the doctest is a SimpleNamespace
    timings = Path(store.timings_path).parent if hasattr(store, "timings_path") else Path(store.cache) / "timings"
    held.insert(-1, ("the download cache's wall-time folder", timings,
                     "where the run writes its timings after the tables"))
    for what, path, why in held:
        root = real_path(path)
        if real == root or real.is_relative_to(root):
            raise OutputPathError(f"refusing to write the tables into {out}: it is inside {what} "
                                  f"{path}, {why}; choose an output directory outside it")
    outputs = getattr(store, "outputs", None)
    home = getattr(store, "home", None)
    suggestion = (f"give a directory of its own, such as the default "
                  f"{default if default is not None else Path(outputs or '.') / 'onet-<release>_oews-<year>'}")
    if outputs is not None and real == real_path(outputs):
        raise OutputPathError(f"refusing to write the tables into {out}: it is the folder of your recomputes, "
                              "one directory each (exposure.load reads those directories, not tables beside "
                              f"them); {suggestion}")
    if home is not None and real_path(home).is_relative_to(real):
        what = "is" if real == real_path(home) else "holds"
        raise OutputPathError(f"refusing to write the tables into {out}: it {what} the user data directory "
                              f"{home}, which holds your recomputes (processed/, which exposure.load reads) "
                              f"and the lock file exposure.lock, replaced with it; {suggestion}")
    _refuse_inside_output(out, real)


def _refuse_inside_output(out, real: Path) -> None:
    """Refuse an output directory that lies inside the output of another recompute, or holds one.

    ``exposure recompute --out data/processed/new`` (or ``--out RUN/sub``, RUN an earlier
    ``--out``) wrote a whole recompute among the tables of another: in a source checkout
    into the shipped tables (``data/processed``, taken into the package data of a build),
    and a later recompute of the outer directory carried the inner one along as one of its
    foreign entries, a copy made while a run may be writing it. An ``out`` holding such an
    output (``--out data`` of a source checkout, beside ``data/processed``) wrote its tables
    beside it and copied it along. A recompute output is a directory holding
    ``manifest.json`` and ``task_digests.parquet``
    (:func:`exposure.schemas._catalog.recompute_output_near`); hidden entries (a killed run's
    temporary directory) are skipped.

    Examples
    --------
    >>> import tempfile
    >>> run = Path(tempfile.mkdtemp()) / "run"
    >>> run.mkdir()
    >>> _refuse_inside_output(run / "new", real_path(run / "new"))
    >>> for name in (MANIFEST_NAME, "task_digests.parquet"):
    ...     _ = (run / name).write_bytes(b"")
    >>> _refuse_inside_output(run / "new", real_path(run / "new"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure._outdir.OutputPathError: refusing to write the tables into .../run/new: it is inside .../run, the output of another recompute (it holds manifest.json and task_digests.parquet): ... choose an output directory outside it, such as .../new
    """
    near = recompute_output_near(real)
    if near is None:
        return
    where, run = near
    if where == "inside":
        raise OutputPathError(f"refusing to write the tables into {out}: it is inside {run}, the output of "
                              f"another recompute (it holds {MANIFEST_NAME} and task_digests.parquet): its "
                              "tables would be nested among another run's, carried along by the next "
                              f"recompute of {run.name}; choose an output directory outside it, such as "
                              f"{run.parent / real.name}")
    raise OutputPathError(f"refusing to write the tables into {out}: it holds {run}, the output of "
                          "another recompute: the tables would be written beside it and it carried along "
                          f"as one of {out}'s entries; choose an output directory of its own, such as "
                          f"{Path(out) / 'onet-<release>_oews-<year>'}")


def _scorer_info(method: str) -> dict[str, Any]:
    """Scoring method and the pinned sha256 of the shipped model artifact it uses."""
    info: dict[str, Any] = {"method": method}
    if method == "learned":
        info["artifact"] = MODEL_NAME
        info["artifact_sha256"] = read_registry()[MODEL_NAME]
    return info


def _plain(obj):
    """Plain JSON types (floats rounded to 12 digits) for the manifest."""
    if isinstance(obj, dict):
        return {str(k): _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    if hasattr(obj, "item"):
        obj = obj.item()
    if isinstance(obj, float):
        return round(obj, 12)
    return obj


def _manifest_value(obj, entry: str, where: str = ""):
    """``obj`` as plain JSON for the manifest entry ``entry``: the same value gives the same bytes.

    Numpy scalars become Python numbers (an ``int64`` was written as the text ``"5"``; a
    float32 as the decimal it shows, :func:`exposure._args.as_shown`),
    floats are rounded to :data:`FLOAT_DECIMALS` decimals as the tables' floats are, NaN
    and infinities are ``null`` (``NaN`` is not JSON), tuples are lists and sets sorted
    lists (their order was the hash order of the run). What JSON cannot hold (a frame, a
    path, a time) is refused, naming the entry and where in it: it was written as its
    ``str()``.

    Examples
    --------
    >>> _manifest_value({"n": np.int64(5), "x": 0.1 + 0.2, "s": {"b", "a"}, "m": float("nan")}, "e")
    {'n': 5, 'x': 0.3, 's': ['a', 'b'], 'm': None}
    >>> _manifest_value({"level": np.float32(0.9)}, "e")  # as shown, not 0.899999976158
    {'level': 0.9}
    >>> _manifest_value({"p": [Path("/data")]}, "e")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: manifest entry 'e' holds a PosixPath at ['p'][0], which manifest.json cannot record: give numbers, text, True/False, None, lists or dicts
    """
    if isinstance(obj, np.floating) and obj.itemsize < 8:  # a float32 0.9 is 0.9 (0.899999976158)
        obj = as_shown(obj)
    if isinstance(obj, np.generic):
        obj = obj.item()
    if obj is None or isinstance(obj, (str, bool, int)):
        return obj
    if isinstance(obj, float):
        return round(obj, FLOAT_DECIMALS) + 0.0 if np.isfinite(obj) else None
    if obj is pd.NA:
        return None
    if isinstance(obj, Mapping):
        out = {}
        for key, value in obj.items():
            key = key.item() if isinstance(key, np.generic) else key
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                break
            out[str(key)] = _manifest_value(value, entry, f"{where}[{key!r}]")
        else:
            return out
    elif isinstance(obj, (list, tuple)):
        return [_manifest_value(v, entry, f"{where}[{i}]") for i, v in enumerate(obj)]
    elif isinstance(obj, (set, frozenset)):
        items = [_manifest_value(v, entry, f"{where}{{...}}") for v in obj]
        try:
            return sorted(items)
        except TypeError:
            pass
    at = f" at {where}" if where else ""
    raise DataFormatError(f"manifest entry {entry!r} holds a {type(obj).__name__}{at}, which {MANIFEST_NAME} "
                          "cannot record: give numbers, text, True/False, None, lists or dicts")


# --------------------------------------------------------------------------- digests


def normalize_task_text(text: str) -> str:
    """Normalize a task statement for comparison across releases.

    Unicode NFKC, lower case, curly quotes and dashes folded to ASCII, runs of whitespace
    collapsed, a trailing period dropped.

    Parameters
    ----------
    text : str

    Returns
    -------
    str

    Raises
    ------
    exposure.errors.DataFormatError
        ``text`` is not a string (None was ``'none'`` and NaN ``'nan'``: the digest of a
        text that is not there).

    Examples
    --------
    >>> normalize_task_text("  Direct  \u201cday-to-day\u201d operations. ")
    'direct "day-to-day" operations'
    >>> normalize_task_text(None)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: text must be a task text (str), got NoneType None
    """
    text = unicodedata.normalize("NFKC", check_name(text, "text", "a task text"))
    for a, b in (("\u201c", '"'), ("\u201d", '"'), ("\u2018", "'"), ("\u2019", "'"),
                 ("\u2013", "-"), ("\u2014", "-")):
        text = text.replace(a, b)
    text = re.sub(r"\s+", " ", text).strip().lower()
    return text[:-1].rstrip() if text.endswith(".") else text


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def task_digests(tasks: pd.DataFrame, task_dwas: pd.DataFrame | None = None) -> pd.DataFrame:
    """Fingerprint each task statement so releases can be compared without the text.

    The processed tables do not ship O*NET text; ``text_digest`` (the first 16 hex digits
    of the sha256 of :func:`normalize_task_text`) is enough to tell a reworded task (same
    ``task_id``, different digest) from an unchanged one. ``dwa_digest`` fingerprints the
    sorted list of the task's detailed work activities (the empty list when it has none
    or ``task_dwas`` is not given), which the learned scorer uses as features.

    Parameters
    ----------
    tasks : pandas.DataFrame
        O*NET tasks with ``onetsoc_code``, ``task_id``, ``task`` and ``task_type``.
    task_dwas : pandas.DataFrame, optional
        O*NET Tasks to DWAs with ``onetsoc_code``, ``task_id``, ``dwa_id``.

    Returns
    -------
    pandas.DataFrame
        ``onetsoc_code``, ``task_id``, ``task_type``, ``text_digest``, ``dwa_digest``.

    Examples
    --------
    >>> t = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [8823],
    ...                   "task": ["Direct operations."], "task_type": ["Core"]})
    >>> task_digests(t).iloc[0]["text_digest"] == task_digests(
    ...     t.assign(task=" direct  OPERATIONS")).iloc[0]["text_digest"]
    True
    >>> dwas = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [8823],
    ...                      "dwa_id": ["4.A.2.a.4.I09.D03"]})
    >>> task_digests(t, dwas).iloc[0]["dwa_digest"] != task_digests(t).iloc[0]["dwa_digest"]
    True

    Raises
    ------
    exposure.errors.DataFormatError
        ``tasks`` not a DataFrame or without one of its four columns; ``task_dwas``
        neither None nor a DataFrame, or (with rows) without one of its three columns; a
        cell of ``tasks`` that is not an O*NET-SOC code, a task ID (a whole number: 2.5
        was cut to 2 and True read as 1) or a task text (a missing text was hashed as
        ``'nan'``), naming ``tasks``, the row (counted from 1) and the column; so is a
        cell of ``task_dwas`` that is not an O*NET-SOC code, a task ID or a DWA ID, naming
        ``task_dwas`` (a missing DWA ID raised ``TypeError: sequence item 0: expected str
        instance, float found``, a task ID 1.5 was cut to task 1, and a padded code matched
        no task: its DWAs were left out of the digest without a word); a task given twice
        (two rows of one O*NET-SOC code and task ID, naming the later row: both were
        returned, so a task had two rows, or two digests when its texts differed) and a
        ``task_type`` other than ``Core``, ``Supplemental``, or missing, blank or ``n/a``
        (``'core'``, ``'Core '``: returned as it was), which the ``task_digests`` table
        refuses (``exposure diff`` then stopped on them); a blank type or ``n/a`` is
        written missing, as :func:`~exposure.rollup.task_weights` reads it (a blank one
        was refused).
    exposure.errors.SchemaError
        A column of ``tasks`` or ``task_dwas`` given twice (``dwa_id`` twice gave another
        ``dwa_digest`` without a word; a key or text column twice, pandas'
        ``'DataFrame' object has no attribute 'str'``).
    """
    _common.check_table(tasks, "tasks", ["onetsoc_code", "task_id", "task", "task_type"])
    check_columns(tasks, OnetTasks, path="tasks")  # a column twice: "'DataFrame' object has no attribute"
    if task_dwas is not None and len(_common.check_frame(task_dwas, "task_dwas")):  # 5: "no len()"
        _common.check_table(task_dwas, "task_dwas", ["onetsoc_code", "task_id", "dwa_id"])
        check_columns(task_dwas, TaskDwas, path="task_dwas")  # dwa_id twice gave another digest
    task_ids = _check_task_cells(tasks)
    _check_task_rows(tasks, task_ids)  # a task twice: two rows of one key; 'core': a type the table refuses
    text = [_digest(normalize_task_text(t)) for t in tasks["task"]]
    dwa_lists: dict[tuple[str, int], str] = {}
    if task_dwas is not None and len(task_dwas):
        links = task_dwas[["onetsoc_code", "task_id", "dwa_id"]].reset_index(drop=True)
        links = links.assign(task_id=_check_dwa_cells(links)).astype({"onetsoc_code": str, "dwa_id": str})
        for (code, tid), ids in links.groupby(["onetsoc_code", "task_id"])["dwa_id"]:
            dwa_lists[(code, int(tid))] = "\n".join(sorted(set(ids)))
    keys = zip(tasks["onetsoc_code"].astype(str), task_ids)
    dwa = [_digest(dwa_lists.get((c, int(t)), "")) for c, t in keys]
    out = pd.DataFrame({
        "onetsoc_code": tasks["onetsoc_code"].astype(str).to_numpy(),
        "task_id": task_ids,
        # a blank type or O*NET's n/a is written missing, as the table holds a type not given
        "task_type": tasks["task_type"].astype(object).where(
            tasks["task_type"].isin(TASK_TYPES), None).astype("string").to_numpy(),
        "text_digest": text,
        "dwa_digest": dwa,
    })
    return out.sort_values(["onetsoc_code", "task_id"], kind="stable").reset_index(drop=True)


def _check_task_cells(tasks: pd.DataFrame) -> np.ndarray:
    """The task IDs of ``tasks`` (int64) once its codes, IDs and texts are checked.

    Examples
    --------
    >>> _check_task_cells(pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": ["8823"],
    ...                                 "task": ["Direct operations."]}))
    array([8823])
    >>> _check_task_cells(pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [8823],
    ...                                 "task": [None]}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: tasks, row 1, column 'task': task text must be a string, got a missing value
    """
    frame = tasks.reset_index(drop=True)
    ids = _check_task_keys(frame, "tasks")
    texts = frame["task"].to_numpy(dtype=object)
    wrong = np.fromiter((not isinstance(t, str) for t in texts), dtype=bool, count=len(texts))
    if wrong.any():
        pos = int(np.flatnonzero(wrong)[0])
        value = texts[pos].item() if isinstance(texts[pos], np.generic) else texts[pos]
        # a missing text said in the library's one way (it was ``got None``, ``got nan``,
        # ``got <NA>`` or ``got NaT`` by the column's dtype), as the scorers say it
        got = "a missing value" if is_missing(value) else cell_shown(value)
        raise DataFormatError(f"task text must be a string, got {got}", path="tasks", row=pos + 1,
                              column="task")
    return ids


def _check_task_rows(tasks: pd.DataFrame, task_ids: np.ndarray) -> None:
    """Refuse a task of ``tasks`` given twice, or a ``task_type`` the ``task_digests`` table does not hold.

    ``task_ids`` are the task IDs of :func:`_check_task_cells`. Rows are counted from 1;
    the later row of a task given twice is named. The task types are checked by the one
    rule of :func:`exposure.scoring._inputs.bad_task_types`, the roll-up's (Core,
    Supplemental, or missing, blank or ``n/a``, which :func:`task_digests` writes
    missing): a blank type (``''``, a CSV read with ``keep_default_na=False``), which
    :func:`~exposure.rollup.task_weights` reads as missing, was refused here.

    Examples
    --------
    >>> t = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_type": ["Core", None]})
    >>> _check_task_rows(t, np.array([8823, 8823]))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: tasks, row 2, column 'task_id': task ('11-1011.00', 8823) appears twice (rows 1 and 2): a task has one row; keep one
    >>> _check_task_rows(t.assign(task_type=["core", None]), np.array([8823, 8824]))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: tasks, row 1, column 'task_type': task_type must be Core or Supplemental (or missing, blank or n/a), got 'core': write 'Core' (the choices are case-sensitive)
    >>> _check_task_rows(t.assign(task_type=["", "n/a"]), np.array([8823, 8824]))
    """
    # the one rule of task types (the roll-up's, exposure score's): a blank type ('', spaces) or
    # O*NET's n/a is missing (task_digests writes it so); '' was refused, which task_weights reads
    bad = bad_task_types(tasks["task_type"].reset_index(drop=True))
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        value = tasks["task_type"].iloc[pos]
        value = value.item() if isinstance(value, np.generic) else value
        raise DataFormatError(f"task_type must be Core or Supplemental (or missing, blank or n/a), got "
                              f"{value!r}{task_type_hint(value)}", path="tasks", row=pos + 1, column="task_type")
    codes = tasks["onetsoc_code"].astype(str).to_numpy()
    found = first_repeat_of(pd.DataFrame({"code": codes, "task_id": task_ids}), ["code", "task_id"])
    if found is not None:
        pos, first = found
        raise DataFormatError(f"task ({codes[pos]!r}, {int(task_ids[pos])}) appears twice (rows {first + 1} and "
                              f"{pos + 1}): a task has one row; keep one", path="tasks", row=pos + 1,
                              column="task_id")


def _check_dwa_cells(links: pd.DataFrame) -> np.ndarray:
    """The task IDs of the Tasks-to-DWAs ``links`` (int64) once its codes, IDs and DWA IDs are checked.

    A missing DWA ID raised ``TypeError: sequence item 0: expected str instance, float
    found``; a task ID 1.5 was cut to task 1, and a padded O*NET-SOC code matched no task,
    its DWAs left out of the digest without a word.

    Examples
    --------
    >>> _check_dwa_cells(pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [8823.0],
    ...                                "dwa_id": ["4.A.2.a.4.I09.D03"]}))
    array([8823])
    >>> _check_dwa_cells(pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [8823],
    ...                                "dwa_id": [None]}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: task_dwas, row 1, column 'dwa_id': missing
    """
    ids = _check_task_keys(links, "task_dwas")
    bad = _first_mismatch(links["dwa_id"], DWA_PATTERN, "a DWA ID (like 4.A.2.a.4.I09.D03)")
    if bad is not None:
        raise DataFormatError(bad[1], path="task_dwas", row=bad[0] + 1, column="dwa_id")
    return ids


def _check_task_keys(frame: pd.DataFrame, name: str) -> np.ndarray:
    """The task IDs (int64) of ``frame`` (its index reset) once its codes and IDs are checked, naming ``name``."""
    bad = first_bad_onetsoc_code(frame["onetsoc_code"])
    if bad is not None:
        raise DataFormatError(bad[1], path=name, row=bad[0] + 1, column="onetsoc_code")
    ids = task_id_numbers(frame["task_id"], path=name)
    absent = ids.isna().to_numpy(dtype=bool)
    if absent.any():
        raise DataFormatError("task ID missing", path=name, row=int(np.flatnonzero(absent)[0]) + 1,
                              column="task_id")
    return ids.to_numpy(dtype="int64")
