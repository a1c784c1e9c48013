"""Exception types raised by :mod:`exposure`.

Every error the library raises on bad input derives from :class:`ExposureError`, so
callers can catch one type; the CLI turns them into a one-line message and exit code 2.
"""

from __future__ import annotations

__all__ = [
    "ExposureError",
    "DataFormatError",
    "ChecksumMismatchError",
    "DownloadError",
    "SchemaError",
    "NothingMatchedError",
    "OutputError",
    "InputError",
    "quoted_path",
]


class ExposureError(Exception):
    """Base class of every error raised by :mod:`exposure`."""


class DataFormatError(ExposureError, ValueError):
    """A file or frame does not have the expected format.

    Parameters
    ----------
    message : str
        What is wrong.
    path : str or os.PathLike, optional
        The file that holds the bad input.
    row : int, optional
        1-based record number as a spreadsheet shows it (the header is row 1), where it
        applies. It is also the line number in the file, unless a quoted cell above spans
        several lines; the CLI then names the line too (:meth:`with_line`).
    column : str, optional
        The column name, where it applies.
    line : int, optional
        1-based line of the file on which row ``row`` starts, named beside the row when
        the two differ (``row 3 (line 4)``).

    Examples
    --------
    >>> err = DataFormatError("bad code '1-1'", path="Task Statements.txt", row=3,
    ...                       column="O*NET-SOC Code")
    >>> str(err)
    "Task Statements.txt, row 3, column 'O*NET-SOC Code': bad code '1-1'"
    """

    def __init__(self, message, *, path=None, row=None, column=None, line=None):
        self.path = None if path is None else str(path)
        self.row = row
        self.column = column
        self.line = line
        self.reason = message
        where = []
        if self.path is not None:
            where.append(self.path)
        if row is not None:
            where.append(f"row {row}" if line is None or line == row else f"row {row} (line {line})")
        elif line is not None:
            where.append(f"line {line}")
        if column is not None:
            where.append(f"column {column!r}")
        super().__init__(f"{', '.join(where)}: {message}" if where else message)

    def in_file(self, path, row_offset: int | None = 1) -> "DataFormatError":
        """The same error about the rows of a frame, as one about the file ``path`` they came from.

        Row ``r`` of the frame (counted from 1) becomes row ``r - 1 + row_offset`` of the
        file, ``row_offset`` being the file's row of the first record (2 below a CSV
        header); with ``row_offset`` None the row is dropped.

        Examples
        --------
        >>> str(DataFormatError("not a number", row=1, column="beta").in_file("s.csv", 2))
        "s.csv, row 2, column 'beta': not a number"
        """
        row = None if self.row is None or row_offset is None else self.row - 1 + row_offset
        return DataFormatError(self.reason, path=path, row=row, column=self.column)

    def with_line(self, line: int | None) -> "DataFormatError":
        """The same error, naming also the line ``line`` of the file on which its row starts.

        The row is the record as a spreadsheet shows it; a quoted cell spanning lines above
        it puts it further down the file, where a text editor shows it. The line is named
        only when it differs from the row. The result is of the same class.

        Examples
        --------
        >>> err = DataFormatError("task text must be a non-empty string", path="ml.csv",
        ...                       row=3, column="task")
        >>> str(err.with_line(4))
        "ml.csv, row 3 (line 4), column 'task': task text must be a non-empty string"
        >>> str(err.with_line(3)) == str(err)
        True
        """
        return type(self)(self.reason, path=self.path, row=self.row, column=self.column,
                          line=line)


class SchemaError(DataFormatError):
    """A frame failed validation against one of the :mod:`exposure.schemas` models."""


class NothingMatchedError(DataFormatError):
    """No OEWS code would get a score: the task scores, crosswalk and employment do not meet.

    The error carries the parts of its message, so that a caller naming the inputs
    otherwise (``exposure rollup`` names its files) rebuilds it with :meth:`text`.

    Parameters
    ----------
    kind : {"crosswalk", "employment"}
        ``"crosswalk"``: no scored O*NET-SOC code is in the crosswalk; ``"employment"``:
        none of the SOC codes the crosswalk gives them is an OEWS code of the employment.
    n_codes : int
        How many codes matched nothing: scored O*NET-SOC codes, or their SOC codes.
    example : str
        One of them.
    found : str, optional
        A code of the other side, for comparison: one of the crosswalk's O*NET-SOC codes,
        or one of the employment's OEWS codes.
    path, row, column, line
        As for :class:`DataFormatError`.

    Examples
    --------
    >>> err = NothingMatchedError("crosswalk", 1, "15-1132.00", "11-1011.00", column="onetsoc_code")
    >>> str(err)
    "column 'onetsoc_code': the O*NET-SOC code '15-1132.00' of the task scores is not in the crosswalk (O*NET-SOC 2019 codes expected, e.g. '11-1011.00'), so no OEWS code, sector or worker would have a score: are the scores of another O*NET-SOC taxonomy?"
    >>> err.text(scores=None, crosswalk="the crosswalk xw.csv")[:72]
    "the O*NET-SOC code '15-1132.00' is not in the crosswalk xw.csv (O*NET-SO"
    """

    KINDS = ("crosswalk", "employment")

    def __init__(self, kind: str, n_codes: int, example: str, found: str | None = None, *, path=None,
                 row=None, column=None, line=None):
        if kind not in self.KINDS:
            raise ValueError(f"kind must be one of {', '.join(self.KINDS)}, got {kind!r}")
        self.kind, self.n_codes, self.example, self.found = kind, int(n_codes), str(example), found
        super().__init__(self.text(), path=path, row=row, column=column, line=line)

    def text(self, *, scores: str | None = "the task scores", crosswalk: str = "the crosswalk",
             employment: str = "the employment frame") -> str:
        """The message, naming the inputs as given.

        Parameters
        ----------
        scores : str or None, default "the task scores"
            The task scores (``"crosswalk"`` kind); None names them not (the error names
            their file).
        crosswalk : str, default "the crosswalk"
        employment : str, default "the employment frame"
            The employment (``"employment"`` kind): ``"this file"``, ``"OEWS 2025"``.
        """
        if self.kind == "crosswalk":
            of = f" of {scores}" if scores else ""
            which = (f"the O*NET-SOC code {self.example!r}{of} is not" if self.n_codes == 1 else
                     f"none of the {self.n_codes} O*NET-SOC codes{of} (e.g. {self.example!r}) is")
            found = f", e.g. {self.found!r}" if self.found is not None else ""
            return (f"{which} in {crosswalk} (O*NET-SOC 2019 codes expected{found}), so no OEWS code, "
                    "sector or worker would have a score: are the scores of another O*NET-SOC taxonomy?")
        found = f" (its codes: e.g. {self.found!r})" if self.found is not None else ""
        return (f"none of the {self.n_codes} SOC codes that {crosswalk} gives the scored occupations (e.g. "
                f"{self.example!r}) is an OEWS occupation code of {employment} or in one of its "
                f"aggregates{found}, so no OEWS code, sector or worker would have a score: are the "
                "employment and the crosswalk of the same SOC edition?")

    def with_line(self, line: int | None) -> "NothingMatchedError":
        """The same error, naming also the line ``line`` (:meth:`DataFormatError.with_line`)."""
        return type(self)(self.kind, self.n_codes, self.example, self.found, path=self.path, row=self.row,
                          column=self.column, line=line)

    def __reduce__(self):
        """Rebuild from the parts, not the message: an error of a worker process reaches its parent.

        Python rebuilds an exception from its message alone, which this class does not take
        (``TypeError: ... missing 2 required positional arguments``): raised in a
        :class:`concurrent.futures.ProcessPoolExecutor` worker (a roll-up per release), it
        broke the pool (``BrokenProcessPool``) instead of reaching the caller.
        """
        return (_nothing_matched_error, (type(self), self.kind, self.n_codes, self.example, self.found,
                                         self.path, self.row, self.column, self.line),
                {**self.__dict__, "args": self.args})  # a hint added to the message is kept


def _nothing_matched_error(cls, kind, n_codes, example, found, path, row, column, line):
    return cls(kind, n_codes, example, found, path=path, row=row, column=column, line=line)


class ChecksumMismatchError(ExposureError):
    """A downloaded or mirrored file does not have the sha256 the registry pins.

    Parameters
    ----------
    name : str
        Registry name of the file.
    expected, actual : str
        The pinned and the computed sha256 (hex).
    """

    def __init__(self, name, expected, actual, path=None):
        self.name, self.expected, self.actual, self.path = name, expected, actual, path
        src = f" (read from {path})" if path else ""
        super().__init__(
            f"sha256 mismatch for {name}{src}: expected {expected}, got {actual}; "
            "nothing was written to the cache"
        )

    def __reduce__(self):
        """Rebuild from the parts (see :meth:`NothingMatchedError.__reduce__`): a pickled error unpickles."""
        # the message as said: the line-ends or edited-copy advice is added to it after it is made
        return (_checksum_mismatch_error, (type(self), self.name, self.expected, self.actual, self.path),
                {**self.__dict__, "args": self.args})


def _checksum_mismatch_error(cls, name, expected, actual, path):
    return cls(name, expected, actual, path)


class DownloadError(ExposureError):
    """A file could not be downloaded (network error, HTTP error, timeout, HTML page)."""


def quoted_path(path) -> str:
    """``path`` as an error about it starts: as given, or its ``repr`` when it holds a line end or another control character.

    A file name holding a line end (``-o "$(printf 's\\nt.csv')"``) split the first line of
    the error in two. The one rule of :class:`OutputError`, :class:`InputError` and
    :func:`exposure._io.error_path`. A ``repr`` holds no control character: shown as it is.

    Examples
    --------
    >>> quoted_path("o/s.csv"), quoted_path("o/s\\nt.csv")
    ('o/s.csv', "'o/s\\\\nt.csv'")
    """
    text = str(path)
    return repr(text) if any(ch < " " or ch == "\x7f" for ch in text) else text


class OutputError(ExposureError, OSError):
    """A file could not be written (or would overwrite something it must not).

    Also an :class:`OSError`, so code that catches ``OSError`` around a write still
    does; ``errno`` is that of the underlying failure, when there was one. A path holding
    a line end is shown by its ``repr`` (:func:`quoted_path`): the error of a write that
    failed for ``o/s\\nt.csv`` was printed on two lines.

    Parameters
    ----------
    message : str
        What went wrong, in words.
    path : str or os.PathLike
        The file that was to be written.
    errno : int, optional
        The error number of the underlying :class:`OSError`.

    Examples
    --------
    >>> import errno
    >>> err = OutputError("directory is not writable", path="out/t.csv", errno=errno.EACCES)
    >>> str(err), err.errno, isinstance(err, OSError)
    ('out/t.csv: cannot write: directory is not writable', 13, True)
    >>> print(OutputError("a parent of the path is not a directory", path="f/s\\nt.csv"))
    'f/s\\nt.csv': cannot write: a parent of the path is not a directory
    """

    def __init__(self, message, *, path, errno=None):
        OSError.__init__(self, errno, message, str(path))
        self.path = str(path)
        self.reason = message

    def __str__(self) -> str:
        return f"{quoted_path(self.path)}: cannot write: {self.reason}"

    def __reduce__(self):
        return (_output_error, (self.reason, self.path, self.errno))


def _output_error(message, path, errno):
    return OutputError(message, path=path, errno=errno)


class InputError(ExposureError, OSError):
    """A file could not be read (permission, a directory in its place, an I/O error).

    Also an :class:`OSError`, and its path shown, like :class:`OutputError`'s.

    Examples
    --------
    >>> err = InputError("permission denied", path="tasks.csv", errno=13)
    >>> str(err), isinstance(err, OSError)
    ('tasks.csv: cannot read: permission denied', True)
    """

    def __init__(self, message, *, path, errno=None):
        OSError.__init__(self, errno, message, str(path))
        self.path = str(path)
        self.reason = message

    def __str__(self) -> str:
        return f"{quoted_path(self.path)}: cannot read: {self.reason}"

    def __reduce__(self):
        return (_input_error, (self.reason, self.path, self.errno))


def _input_error(message, path, errno):
    return InputError(message, path=path, errno=errno)
