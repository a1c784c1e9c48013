"""Atomic, deterministic file output shared by every stage.

Nothing half-written is ever left behind: each writer writes to a temporary file in the
target's directory and renames it into place with :func:`os.replace`, which is atomic on
POSIX file systems. Parquet output is deterministic: the same frame gives the same bytes
(no pandas index metadata, fixed compression, fixed row-group size).
"""

import contextlib
import json
import os
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

__all__ = ["atomic_path", "write_parquet", "write_json", "write_csv"]


@contextlib.contextmanager
def atomic_path(path):
    """Yield a temporary path beside ``path``; rename it to ``path`` on success.

    On an exception the temporary file is removed and ``path`` is left as it was.

    Parameters
    ----------
    path : str or os.PathLike
        Final destination.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("done")
    >>> target.read_text()
    'done'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp)
    # mkstemp creates 0600 files; give the result the permissions a plain open() would.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_parquet(frame: pd.DataFrame, path) -> Path:
    """Write ``frame`` to Parquet atomically and deterministically.

    Parameters
    ----------
    frame : pandas.DataFrame
        Table to write; its index is dropped.
    path : str or os.PathLike
        Destination file.

    Returns
    -------
    pathlib.Path
        ``path``.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> df = pd.DataFrame({"a": [1, 2]})
    >>> _ = write_parquet(df, d / "x.parquet"); _ = write_parquet(df, d / "y.parquet")
    >>> (d / "x.parquet").read_bytes() == (d / "y.parquet").read_bytes()
    True
    """
    table = pa.Table.from_pandas(frame.reset_index(drop=True), preserve_index=False)
    table = table.replace_schema_metadata(None)
    with atomic_path(path) as tmp:
        pq.write_table(
            table,
            tmp,
            compression="zstd",
            compression_level=3,
            row_group_size=1_000_000,
            write_statistics=False,
            use_dictionary=True,
            store_schema=False,
        )
    return Path(path)


def write_json(obj, path) -> Path:
    """Write ``obj`` as indented, key-sorted JSON atomically.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "m.json"
    >>> _ = write_json({"b": 1, "a": 2}, p)
    >>> p.read_text().splitlines()[1]
    '  "a": 2,'
    """
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(obj, indent=2, sort_keys=True, default=str) + "\n")
    return Path(path)


def write_csv(frame: pd.DataFrame, path, **kwargs) -> Path:
    """Write ``frame`` as CSV (no index, ``\\n`` line endings) atomically.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = write_csv(pd.DataFrame({"a": [1]}), p)
    >>> p.read_text()
    'a\\n1\\n'
    """
    kwargs.setdefault("index", False)
    kwargs.setdefault("lineterminator", "\n")
    with atomic_path(path) as tmp:
        frame.to_csv(tmp, **kwargs)
    return Path(path)
