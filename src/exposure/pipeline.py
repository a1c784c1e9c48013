"""Recompute every processed table from the raw sources, atomically and reproducibly.

:func:`recompute` runs the stages of the package in order (fetch and verify the raw files,
parse O*NET / OEWS / crosswalks, score every task, roll up to occupations, SOC codes,
sectors, subsectors and workforce statistics) and writes one Parquet file per table plus
``manifest.json`` into the output directory (``data/processed`` by default).

The machinery below is generic and is what makes a run safe:

- **Lock.** :func:`output_lock` takes an exclusive :func:`fcntl.flock` on
  ``.exposure-<dir>.lock`` beside the output directory for the whole run; a second run on
  the same directory fails at once with :class:`RecomputeLockedError`.
- **Atomic swap.** Tables are written into a fresh hidden directory beside the target
  (``.<dir>.<random>.tmp``). Entries of the old directory that the pipeline does not own
  (``reports/`` written by other commands, READMEs) are hard-linked into it, then the two
  directories are exchanged in one ``renameat2(RENAME_EXCHANGE)`` system call, so a reader
  sees either the complete old set or the complete new set, never a mix. Where the
  exchange is not supported the old directory is renamed aside first, and the next run
  restores it if the process died between the two renames. A failure or a kill at any
  earlier point leaves the previous outputs untouched; stale temporary directories are
  hidden (dot-prefixed, ``*.tmp``) and removed by the next run.
- **Determinism.** Frames are validated, sorted by their keys and written with
  :func:`exposure._io.write_parquet`; ``manifest.json`` holds only inputs and results
  (source sha256s, releases, package version, scorer artifact hash, row counts and the
  sha256 of every table), so two runs on the same inputs give byte-identical files.
  Wall times and peak memory go to ``timings.json``, which is outside that contract.
- **Errors.** Any failure is re-raised as :class:`StageError` naming the stage and, where
  known, the file.

Test hook: when the environment variable ``EXPOSURE_PIPELINE_PAUSE`` is set to
``<point>:<flag file>`` (point ``after_first_file`` or ``before_swap``), the writer creates
the flag file and sleeps at that point so that a test can kill the process there.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import hashlib
import logging
import os
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from exposure import __version__
from exposure._io import write_json, write_parquet
from exposure.errors import ExposureError

__all__ = [
    "Stage",
    "Output",
    "StageError",
    "RecomputeLockedError",
    "PipelineResult",
    "DEFAULT_OUT",
    "MANIFEST_NAME",
    "TIMINGS_NAME",
    "output_lock",
    "run_pipeline",
    "recompute",
]

log = logging.getLogger(__name__)

#: Default output directory, relative to the current working directory.
DEFAULT_OUT = Path("data") / "processed"
MANIFEST_NAME = "manifest.json"
TIMINGS_NAME = "timings.json"
#: Version of the manifest layout.
MANIFEST_FORMAT = 1
PAUSE_ENV = "EXPOSURE_PIPELINE_PAUSE"


class StageError(ExposureError):
    """A pipeline stage failed; the previous outputs were left untouched.

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
        super().__init__(
            f"stage {stage!r} failed{where}: {text}; previous outputs left untouched"
        )


class RecomputeLockedError(ExposureError):
    """Another process holds the lock of the output directory."""


@dataclass(frozen=True)
class Stage:
    """One step of the pipeline.

    Parameters
    ----------
    name : str
        Short name, used in progress output, timings and errors.
    run : callable
        ``run(context) -> dict``: reads what earlier stages put in ``context`` (a dict)
        and returns the new entries to add to it.

    Examples
    --------
    >>> Stage("double", lambda ctx: {"y": ctx["x"] * 2}).run({"x": 2})
    {'y': 4}
    """

    name: str
    run: Callable[[dict[str, Any]], Mapping[str, Any]]


@dataclass(frozen=True)
class Output:
    """One table the pipeline writes.

    Parameters
    ----------
    filename : str
        File name inside the output directory, e.g. ``"occupation_scores.parquet"``.
    key : str
        Context entry holding the frame.
    schema : str, optional
        Name of the :mod:`exposure.schemas` model the frame is validated against before it
        is written (skipped, with a warning, if the model does not exist).
    sort_by : tuple of str, optional
        Key columns to sort by, so that row order never depends on the stages.

    Examples
    --------
    >>> Output("x.parquet", "x", sort_by=("a",)).filename
    'x.parquet'
    """

    filename: str
    key: str
    schema: str | None = None
    sort_by: tuple[str, ...] = ()


@dataclass
class PipelineResult:
    """What a run produced: output directory, manifest and timings."""

    out: Path
    manifest: dict[str, Any]
    timings: dict[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------- lock


def _lock_path(out: Path) -> Path:
    return out.parent / f".exposure-{out.name}.lock"


@contextlib.contextmanager
def output_lock(out):
    """Hold an exclusive lock on output directory ``out`` (non-blocking).

    The lock is an :func:`fcntl.flock` on ``.exposure-<name>.lock`` beside ``out``; it is
    released when the block ends or the process dies.

    Parameters
    ----------
    out : str or os.PathLike
        Output directory to protect (need not exist yet).

    Raises
    ------
    RecomputeLockedError
        If another process holds the lock.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "processed"
    >>> with output_lock(out):
    ...     with output_lock(out):
    ...         pass
    Traceback (most recent call last):
    ...
    exposure.pipeline.RecomputeLockedError: ...
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    path = _lock_path(out)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise
            holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "unknown"
            raise RecomputeLockedError(
                f"another recompute (pid {holder}) is writing {out}; lock file {path} is "
                "held. Wait for it to finish or use a different --out directory"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield path
        finally:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


# --------------------------------------------------------------------------- atomic swap

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange directories ``a`` and ``b``; False if unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    rc = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _tmp_prefix(out: Path) -> str:
    return f".{out.name}."


def _cleanup_stale(out: Path) -> None:
    """Under the lock: restore an interrupted fallback swap, drop stale temp dirs."""
    parent = out.parent
    if not parent.is_dir():
        return
    stale = sorted(p for p in parent.iterdir()
                   if p.name.startswith(_tmp_prefix(out)) and p.name.endswith(".tmp"))
    if not out.exists():
        backups = [p for p in stale if ".old-" in p.name and p.is_dir()]
        if backups:
            log.warning("restoring %s from interrupted swap %s", out, backups[-1])
            os.rename(backups[-1], out)
            stale.remove(backups[-1])
    for path in stale:
        log.info("removing stale temporary directory %s", path)
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def _link_tree(src: Path, dst: Path) -> None:
    """Copy ``src`` (file or directory) to ``dst`` using hard links where possible."""
    if src.is_symlink():
        os.symlink(os.readlink(src), dst)
    elif src.is_dir():
        dst.mkdir()
        shutil.copystat(src, dst)
        for child in sorted(src.iterdir()):
            _link_tree(child, dst / child.name)
    else:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)


def _merge_late(old: Path, new: Path, owned: frozenset[str] = frozenset()) -> None:
    """Move foreign files that appeared or changed in ``old`` after they were linked into
    ``new`` (e.g. a report written by another command during the swap)."""
    for child in sorted(old.iterdir()):
        if child.name in owned:
            continue
        target = new / child.name
        if child.is_dir() and not child.is_symlink():
            if not target.exists():
                os.rename(child, target)
            elif target.is_dir():
                _merge_late(child, target)
        elif not target.exists() or (
            not target.is_dir() and os.stat(child).st_ino != os.stat(target).st_ino
            and child.stat().st_mtime_ns > target.stat().st_mtime_ns
        ):
            os.replace(child, target)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _pause(point: str) -> None:
    """Test hook: create the flag file and sleep when ``EXPOSURE_PIPELINE_PAUSE`` names
    ``point``."""
    spec = os.environ.get(PAUSE_ENV, "")
    name, _, flag = spec.partition(":")
    if name != point:
        return
    if flag:
        Path(flag).write_text(str(os.getpid()))
    log.warning("%s: pausing at %s", PAUSE_ENV, point)
    time.sleep(float(os.environ.get("EXPOSURE_PIPELINE_PAUSE_SECONDS", "120")))


def _commit(tmp: Path, out: Path, owned: set[str]) -> None:
    """Make the contents of ``tmp`` the contents of ``out`` in one step."""
    if out.exists():
        if not out.is_dir():
            raise ExposureError(f"output path {out} exists and is not a directory")
        for entry in sorted(out.iterdir()):
            if entry.name in owned or (tmp / entry.name).exists():
                continue
            _link_tree(entry, tmp / entry.name)
    _fsync_dir(tmp)
    _pause("before_swap")
    if not out.exists():
        os.rename(tmp, out)
    elif _exchange(tmp, out):
        # ``tmp`` now holds the previous outputs.
        _merge_late(tmp, out, frozenset(owned))
        shutil.rmtree(tmp, ignore_errors=True)
    else:
        backup = Path(tempfile.mkdtemp(dir=out.parent, prefix=f"{_tmp_prefix(out)}old-",
                                       suffix=".tmp"))
        backup.rmdir()
        os.rename(out, backup)
        os.rename(tmp, out)
        _merge_late(backup, out, frozenset(owned))
        shutil.rmtree(backup, ignore_errors=True)
    _fsync_dir(out.parent)


def _file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _owned_names(out: Path, outputs: Iterable[Output]) -> set[str]:
    owned = {o.filename for o in outputs} | {MANIFEST_NAME, TIMINGS_NAME}
    old = out / MANIFEST_NAME
    if old.is_file():
        import json

        with contextlib.suppress(ValueError, OSError):
            owned |= set(json.loads(old.read_text()).get("tables", {}))
    return owned


# --------------------------------------------------------------------------- running


def _validate(frame: pd.DataFrame, output: Output) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise ExposureError(f"stage output {output.key!r} is {type(frame).__name__}, "
                            "not a DataFrame")
    if output.schema:
        from exposure import schemas
        from exposure._load import schema_model

        model = schema_model(output.schema)
        if model is None:
            log.warning("schema %s not found; %s written unvalidated", output.schema,
                        output.filename)
        else:
            frame = schemas.validate(frame, model, path=output.filename)
    if output.sort_by:
        frame = frame.sort_values(list(output.sort_by), kind="stable")
    frame = frame.reset_index(drop=True)
    return _round_floats(frame)


#: Floats are written rounded to this many decimals, so that last-bit differences of
#: floating-point arithmetic (BLAS threading, summation order) do not change the bytes.
FLOAT_DECIMALS = 12


def _round_floats(frame: pd.DataFrame) -> pd.DataFrame:
    """Round float columns to :data:`FLOAT_DECIMALS` decimals; -0.0 becomes 0.0.

    Examples
    --------
    >>> _round_floats(pd.DataFrame({"x": [0.1 + 0.2, -1e-15], "n": [1, 2]}))["x"].tolist()
    [0.3, 0.0]
    """
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col].dtype):
            out[col] = out[col].round(FLOAT_DECIMALS) + 0.0
    return out


def _peak_rss_mib() -> float:
    # ru_maxrss is KiB on Linux, bytes on macOS.
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(rss / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def run_pipeline(
    stages: Iterable[Stage],
    outputs: Iterable[Output],
    out,
    *,
    context: dict[str, Any] | None = None,
    manifest: Mapping[str, Any] | None = None,
    progress: bool = False,
) -> PipelineResult:
    """Run ``stages`` in order and write ``outputs`` atomically into directory ``out``.

    The output directory is locked for the whole run; the tables are validated, written
    into a temporary directory beside ``out`` and swapped in at the end (see the module
    docstring). On any error nothing in ``out`` changes.

    Parameters
    ----------
    stages : iterable of Stage
        Steps to run; each adds entries to the shared context.
    outputs : iterable of Output
        Tables to write, taken from the context once every stage has run.
    out : str or os.PathLike
        Output directory.
    context : dict, optional
        Initial context (e.g. ``{"mirror": ...}``). Stages may append dicts
        ``{"name", "sha256", "size"}`` to ``context["sources"]`` to record their inputs,
        and add deterministic entries to the dict ``context["manifest_extra"]``.
    manifest : mapping, optional
        Extra deterministic entries for ``manifest.json`` (releases, scorer, ...).
        Must not contain times or absolute paths.
    progress : bool, default False
        Show a tqdm progress bar over the stages.

    Returns
    -------
    PipelineResult

    Raises
    ------
    StageError
        If a stage, a validation or the write fails; ``out`` is untouched.
    RecomputeLockedError
        If another run holds the lock on ``out``.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "processed"
    >>> stages = [Stage("make", lambda ctx: {"t": pd.DataFrame({"a": [2, 1]})})]
    >>> res = run_pipeline(stages, [Output("t.parquet", "t", sort_by=("a",))], out)
    >>> sorted(p.name for p in out.iterdir())
    ['manifest.json', 't.parquet', 'timings.json']
    >>> res.manifest["tables"]["t.parquet"]["rows"]
    2
    """
    from tqdm.auto import tqdm

    stages = list(stages)
    outputs = list(outputs)
    out = Path(out)
    # swap the directory a symlink points to, never the link itself
    out = out.resolve() if out.is_symlink() else out
    ctx: dict[str, Any] = dict(context or {})
    ctx.setdefault("sources", [])
    ctx.setdefault("manifest_extra", {})
    timings: dict[str, float] = {}
    t_start = time.perf_counter()
    with output_lock(out):
        _cleanup_stale(out)
        bar = tqdm(total=len(stages) + 1, desc="recompute", unit="stage",
                   disable=not progress, file=sys.stderr, leave=True)
        try:
            for stage in stages:
                bar.set_postfix_str(stage.name)
                log.info("stage %s", stage.name)
                t0 = time.perf_counter()
                try:
                    new = stage.run(ctx)
                except StageError:
                    raise
                except (Exception, KeyboardInterrupt) as exc:
                    if isinstance(exc, KeyboardInterrupt):
                        raise
                    raise StageError(stage.name, exc) from exc
                ctx.update(new or {})
                timings[stage.name] = round(time.perf_counter() - t0, 3)
                bar.update(1)
            bar.set_postfix_str("write")
            t0 = time.perf_counter()
            result = _write(out, outputs, ctx, manifest or {})
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
        # timings.json is written after the swap, outside the atomic set, on purpose.
        try:
            write_json(timing_doc, out / TIMINGS_NAME)
        except OSError as exc:  # pragma: no cover - tables are already in place
            log.warning("could not write %s: %s", out / TIMINGS_NAME, exc)
    return PipelineResult(out=out, manifest=result, timings=timing_doc)


def _write(out: Path, outputs: list[Output], ctx: dict[str, Any],
           extra: Mapping[str, Any]) -> dict[str, Any]:
    frames = {}
    for output in outputs:
        if output.key not in ctx:
            raise StageError("write", KeyError(f"no stage produced {output.key!r}"),
                             path=output.filename)
        try:
            frames[output.filename] = _validate(ctx[output.key], output)
        except ExposureError as exc:
            raise StageError("validate", exc, path=getattr(exc, "path", None)
                             or output.filename) from exc
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=_tmp_prefix(out), suffix=".tmp"))
    current = None
    try:
        # mkdtemp makes the directory 0700; the swapped-in output gets normal permissions
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o777 & ~umask)
        tables = {}
        for i, (name, frame) in enumerate(sorted(frames.items())):
            current = name
            path = write_parquet(frame, tmp / name)
            tables[name] = {
                "rows": int(len(frame)),
                "columns": [str(c) for c in frame.columns],
                "sha256": _file_sha256(path),
                "bytes": path.stat().st_size,
            }
            if i == 0:
                _pause("after_first_file")
        current = MANIFEST_NAME
        sources = {s["name"]: s for s in ctx.get("sources", [])}
        manifest = {
            "format": MANIFEST_FORMAT,
            "package": {"name": "ai-exposure", "version": __version__},
            **{k: v for k, v in extra.items()},
            **ctx.get("manifest_extra", {}),
            "sources": [sources[k] for k in sorted(sources)],
            "tables": tables,
        }
        write_json(manifest, tmp / MANIFEST_NAME)
        current = str(out)
        _commit(tmp, out, _owned_names(out, outputs))
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        if isinstance(exc, StageError):
            raise
        raise StageError("write", exc, path=current) from exc
    return manifest


# --------------------------------------------------------------------------- recompute

ONET_RELEASES = ("29.1", "30.1")
OEWS_RELEASES = ("2025",)

#: Tables written by :func:`recompute`: (file name, context key, schema model, sort keys).
RECOMPUTE_OUTPUTS = (
    Output("task_scores.parquet", "task_scores", "TaskScores", ("onetsoc_code", "task_id")),
    Output("task_digests.parquet", "task_digests", "TaskDigests", ("onetsoc_code", "task_id")),
    Output("occupation_scores.parquet", "occupation_scores", "OccupationScores",
           ("onetsoc_code",)),
    Output("soc_scores.parquet", "soc_scores", "SocScores", ("soc_code",)),
    Output("sector_scores.parquet", "sector_scores", "SectorScores", ("naics",)),
    Output("subsector_scores.parquet", "subsector_scores", "SectorScores", ("naics",)),
    Output("workforce.parquet", "workforce", "WorkforceStats",
           ("group_type", "group", "measure")),
    Output("working_time.parquet", "working_time", "WorkingTime", ("level", "code")),
)

#: Scoring method of the shipped tables (see :func:`exposure.scoring.score_tasks`).
SCORING_METHOD = "learned"

#: Rollup settings of the shipped tables (see :func:`exposure.rollup.rollup`): Core = 2,
#: Supplemental = 1 task weights, equal combination of the O*NET children of an OEWS code,
#: and 200 bootstrap draws with a fixed seed for the confidence bounds.
ROLLUP_SETTINGS = {"weights": "core", "combine": "equal", "n_draws": 200, "seed": 0}


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


def _onet_files(release: str) -> list[str]:
    ext = "txt" if release == "29.1" else "xlsx"
    names = ["Occupation Data", "Task Statements", "Tasks to DWAs", "DWA Reference",
             "IWA Reference", "Job Zones", "Emerging Tasks", "Task Ratings"]
    from exposure.sources import SOURCES

    return [f"onet/{release}/{n}.{ext}" for n in names
            if f"onet/{release}/{n}.{ext}" in SOURCES]


def _oews_files(release: str) -> list[str]:
    # the by-industry table also holds the cross-industry (NAICS 000000) rows
    return [f"oews/oews_national_by_industry_M{release}.csv"]


CROSSWALK_FILES = ["crosswalks/2019_to_SOC_Crosswalk.xlsx", "crosswalks/SOC_Structure.xlsx"]


def build_recompute(*, mirror=None, onet_release="29.1", oews_release="2025",
                    data_dir=None, progress=False):
    """Return the stages, outputs and manifest entries of :func:`recompute`.

    Parameters are those of :func:`recompute`.

    Returns
    -------
    tuple of (list of Stage, tuple of Output, dict)

    Examples
    --------
    >>> stages, outputs, meta = build_recompute()
    >>> [s.name for s in stages][:3]
    ['fetch', 'onet', 'oews']
    >>> meta["releases"]["onet"]
    '29.1'
    """
    if onet_release not in ONET_RELEASES:
        raise ExposureError(f"unknown O*NET release {onet_release!r}; choose one of "
                            f"{', '.join(ONET_RELEASES)}")
    if oews_release not in OEWS_RELEASES:
        raise ExposureError(f"unknown OEWS release {oews_release!r}; choose one of "
                            f"{', '.join(OEWS_RELEASES)}")
    io = {"mirror": mirror, "data_dir": data_dir}
    names = _onet_files(onet_release) + _oews_files(oews_release) + CROSSWALK_FILES

    def fetch_stage(ctx):
        from exposure.fetch import fetch
        from exposure.sources import SOURCES

        for name in names:
            try:
                fetch(name, **io)
            except ExposureError as exc:
                raise StageError("fetch", exc, path=getattr(exc, "path", None) or name) from exc
            src = SOURCES[name]
            ctx["sources"].append({"name": name, "sha256": src.sha256, "size": src.size,
                                   "release": src.release})
        return {}

    def onet_stage(ctx):
        from exposure.onet import load_onet

        return {"onet": load_onet(onet_release, **io)}

    def oews_stage(ctx):
        from exposure.oews import load_oews

        return {"employment": load_oews(oews_release, table="by_industry", **io)}

    def crosswalk_stage(ctx):
        from exposure import crosswalks

        return {
            "onet_to_soc": crosswalks.load_onet_to_soc(**io),
            "soc_structure": crosswalks.load_soc_structure(**io),
        }

    def score_stage(ctx):
        from exposure.scoring import score_tasks

        onet = ctx["onet"]
        titles = onet.occupations[["onetsoc_code", "title"]]
        tasks = onet.tasks.merge(titles, on="onetsoc_code", how="left", validate="many_to_one")
        scores = score_tasks(tasks, method=SCORING_METHOD, onet=onet,
                             path=f"O*NET {onet_release} Task Statements")
        ctx["manifest_extra"]["scorer"] = _scorer_info(SCORING_METHOD)
        return {"task_scores": scores}

    def digest_stage(ctx):
        return {"task_digests": task_digests(ctx["onet"].tasks, ctx["onet"].task_dwas)}

    def rollup_stage(ctx):
        from exposure.rollup import rollup

        onet = ctx["onet"]
        r = rollup(ctx["task_scores"], ctx["onet_to_soc"], ctx["employment"],
                   weights=ROLLUP_SETTINGS["weights"], tasks=onet.tasks,
                   task_ratings=onet.task_ratings, combine=ROLLUP_SETTINGS["combine"],
                   n_draws=ROLLUP_SETTINGS["n_draws"], seed=ROLLUP_SETTINGS["seed"],
                   soc_structure=ctx["soc_structure"])
        level = r.sectors["level"]
        ctx["manifest_extra"]["rollup"] = {**r.settings, "coverage": _plain(r.coverage)}
        return {
            "occupation_scores": r.occupations,
            "soc_scores": r.soc,
            "sector_scores": r.sectors[level == "sector"],
            "subsector_scores": r.sectors[level == "subsector"],
            "workforce": r.workforce,
            "working_time": r.working_time,
        }

    stages = [
        Stage("fetch", fetch_stage),
        Stage("onet", onet_stage),
        Stage("oews", oews_stage),
        Stage("crosswalks", crosswalk_stage),
        Stage("score", score_stage),
        Stage("digests", digest_stage),
        Stage("rollup", rollup_stage),
    ]
    meta = {"releases": {"onet": onet_release, "oews": oews_release}}
    return stages, RECOMPUTE_OUTPUTS, meta


def _scorer_info(method: str) -> dict[str, Any]:
    """Scoring method and the pinned sha256 of the shipped model artifact it uses."""
    info: dict[str, Any] = {"method": method}
    if method == "learned":
        from exposure.scoring.learned import MODEL_NAME, read_registry

        info["artifact"] = MODEL_NAME
        info["artifact_sha256"] = read_registry()[MODEL_NAME]
    return info


def normalize_task_text(text: str) -> str:
    """Normalize a task statement for comparison across releases.

    Unicode NFKC, lower case, curly quotes and dashes folded to ASCII, runs of whitespace
    collapsed, a trailing period dropped.

    Examples
    --------
    >>> normalize_task_text("  Direct  \u201cday-to-day\u201d operations. ")
    'direct "day-to-day" operations'
    """
    import re
    import unicodedata

    text = unicodedata.normalize("NFKC", str(text))
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
    """
    text = [_digest(normalize_task_text(t)) for t in tasks["task"]]
    dwa_lists: dict[tuple[str, int], str] = {}
    if task_dwas is not None and len(task_dwas):
        links = task_dwas[["onetsoc_code", "task_id", "dwa_id"]].astype(
            {"onetsoc_code": str, "task_id": "int64", "dwa_id": str})
        for (code, tid), ids in links.groupby(["onetsoc_code", "task_id"])["dwa_id"]:
            dwa_lists[(code, int(tid))] = "\n".join(sorted(set(ids)))
    keys = zip(tasks["onetsoc_code"].astype(str), tasks["task_id"].astype("int64"))
    dwa = [_digest(dwa_lists.get((c, int(t)), "")) for c, t in keys]
    out = pd.DataFrame({
        "onetsoc_code": tasks["onetsoc_code"].astype(str).to_numpy(),
        "task_id": tasks["task_id"].astype("int64").to_numpy(),
        "task_type": tasks["task_type"].astype("string").to_numpy(),
        "text_digest": text,
        "dwa_digest": dwa,
    })
    return out.sort_values(["onetsoc_code", "task_id"], kind="stable").reset_index(drop=True)


def recompute(
    *,
    mirror=None,
    out=DEFAULT_OUT,
    onet_release: str = "29.1",
    oews_release: str = "2025",
    data_dir=None,
    progress: bool = False,
) -> PipelineResult:
    """Recompute every processed table from the raw sources into ``out``.

    Stages: ``fetch`` (sha256-verified raw files), ``onet``, ``oews``, ``crosswalks``,
    ``score`` (default scoring method), ``digests`` (task text fingerprints for release
    diffs), ``rollup`` (occupations, SOC codes, sectors, subsectors), ``workforce``; then
    ``validate`` and ``write`` (see :func:`run_pipeline`).

    Parameters
    ----------
    mirror : str or os.PathLike, optional
        Local directory laid out like the public-data mirror (``../shared/data``); passed
        to :func:`exposure.fetch.fetch` (which falls back to ``$EXPOSURE_MIRROR``).
    out : str or os.PathLike, default ``data/processed``
        Output directory; replaced atomically (foreign entries such as ``reports/`` kept).
    onet_release : {"29.1", "30.1"}
        O*NET database release.
    oews_release : str, default "2025"
        OEWS (May) release.
    data_dir : str or os.PathLike, optional
        Download cache directory (``$EXPOSURE_DATA_DIR``).
    progress : bool, default False
        Show progress bars.

    Returns
    -------
    PipelineResult

    Raises
    ------
    StageError
        A stage failed (names the stage and file); ``out`` is untouched.
    RecomputeLockedError
        Another recompute is writing ``out``.

    Examples
    --------
    >>> recompute(onet_release="28.0")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: unknown O*NET release '28.0'; choose one of 29.1, 30.1
    """
    stages, outputs, meta = build_recompute(
        mirror=mirror, onet_release=onet_release, oews_release=oews_release,
        data_dir=data_dir, progress=progress,
    )
    return run_pipeline(stages, outputs, out, manifest=meta, progress=progress)
