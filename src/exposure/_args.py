"""One check per kind of plain argument of the public functions: flags, choices, names, numbers.

Shared by the modules (the roll-ups, OEWS, the release layout, outcomes), so that a bad
argument is refused with one line naming it (:class:`~exposure.errors.DataFormatError`),
never a ``TypeError`` or ``ValueError`` from inside numpy or pandas, and never read
silently as another value (``"no"`` as True, True as 1, ``"beta"`` as the names
``['b', 'e', 't', 'a']``). Standard library and numpy only.
"""

from __future__ import annotations

import decimal
import fractions
import math
import numbers
import os
from pathlib import Path

import numpy as np

from exposure.errors import DataFormatError

__all__ = ["shown", "is_number", "as_real", "check_flag", "check_choice", "choice_hint", "padded_choice_hint", "check_name", "check_column",
           "check_names", "check_positive", "check_count", "check_path", "as_array"]


def _numpy_scalar(value) -> bool:
    """Whether ``value`` is a numpy scalar (``np.float64(2.0)``, ``np.bool_(True)``)."""
    return type(value).__module__ == "numpy" and hasattr(value, "item") and getattr(value, "ndim", None) == 0


def _is_bool(value) -> bool:
    """Whether ``value`` is ``True``/``False`` or a numpy boolean.

    ``np.bool_`` by class: its name is ``bool`` in numpy 2 but ``bool_`` in numpy 1.26 (which
    the package supports), where ``check_flag(np.bool_(True), ...)`` was refused.
    """
    return isinstance(value, (bool, np.bool_))


def shown(value) -> str:
    """``type value`` for an error message (only the type for a frame, an array, a Series).

    Only the type, too, for a value whose ``repr`` takes several lines (a list holding a
    frame): the message stays one line. A :class:`~decimal.Decimal` or a
    :class:`~fractions.Fraction` is shown as it is written (``Decimal NaN``): it was shown
    as its type alone (``must be a positive number, got Decimal``, of ``Decimal('NaN')``
    and of ``Decimal('-1')`` alike).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> shown("no"), shown(np.int64(3)), shown(np.zeros(2)), shown([pd.DataFrame({"a": [1]})])
    ("str 'no'", 'int64 3', 'ndarray', 'list')
    >>> shown(decimal.Decimal("-1.5")), shown(fractions.Fraction(1, 3))
    ('Decimal -1.5', 'Fraction 1/3')
    >>> shown(np.float32(29.1))
    'float32 29.1'
    """
    if isinstance(value, (decimal.Decimal, fractions.Fraction)):
        try:
            text = str(value)
        except ValueError:  # a Fraction of more than 4300 digits
            return type(value).__name__
        return f"{type(value).__name__} {text if len(text) <= 60 else text[:57] + '...'}"
    scalar = _numpy_scalar(value)
    if value is None or scalar or isinstance(value, (str, bytes, int, float, list, tuple)):
        try:
            # a float32 as the decimal it shows (as_shown): 29.1 was "float32 29.100000381469727"
            short = scalar and isinstance(value, np.floating) and value.itemsize < 8
            text = repr(as_shown(value) if short else value.item() if scalar else value)
        except ValueError:  # an int of more than 4300 digits: Python refuses to write it out
            if isinstance(value, int):
                return f"{type(value).__name__} of {value.bit_length()} bits"
            return type(value).__name__  # a list or tuple holding one (AttributeError: bit_length)
        if "\n" in text:
            return type(value).__name__
        return f"{type(value).__name__} {text if len(text) <= 60 else text[:57] + '...'}"
    return type(value).__name__


def is_number(value) -> bool:
    """Whether ``value`` is one real number numpy reads as one (``True`` is not: it was read as 1 before).

    An int, a float or a numpy number. A :class:`~fractions.Fraction` and an int beyond
    numpy's 64 bits (``2**64``) are not, as a :class:`~decimal.Decimal` is not: the
    callers compute with the value as numpy does (``np.isfinite``), which raised
    ``TypeError: ufunc 'isfinite' not supported for the input types`` of them
    (``min_emp=Fraction(10)`` of ``event_study``). A caller reads a Decimal or a Fraction
    first as the number it is (:func:`as_real`), so that only what is no such number is
    refused, shown as written (``got Fraction 21/2`` for a year).
    :func:`check_positive` and :func:`check_count`, which return a float or an int, read
    a Decimal and a Fraction as the number they are.

    Examples
    --------
    >>> is_number(0.5), is_number(np.float32(0.5)), is_number(True), is_number(fractions.Fraction(1, 2))
    (True, True, False, False)
    """
    if _is_bool(value):
        return False
    if isinstance(value, int):
        return -2**63 <= value < 2**64
    return isinstance(value, (float, np.integer, np.floating))


def as_real(value, *, whole: bool = False):
    """A :class:`~decimal.Decimal` or :class:`~fractions.Fraction` argument as the int or float it is; any other value as it is.

    For the callers of :func:`is_number`, which compute with the value as numpy does and
    refuse a Decimal and a Fraction: a Decimal is what a database driver gives for a
    ``NUMERIC`` column, and ``base_year=Decimal('2022')`` was refused as ``base_year must
    be a year (int), got Decimal 2022``, which said nothing of what to give instead. A
    whole one is the int it is (``Decimal('2022.0')`` is 2022), any other the float it
    is (a NaN Decimal is NaN, which the caller refuses as it refuses ``float('nan')``).
    With ``whole`` (an argument that must be a whole number: a year, a number of groups)
    one that is not exactly whole is returned as it is, for the caller to refuse shown as
    written: ``Decimal('2022.0000000000000001')`` is not read as the float 2022.0. What
    is no number to numpy stays as it is too (refused by :func:`is_number`): a signalling
    NaN, a whole number beyond 64 bits (with ``whole``), a Fraction too large for a float.

    Examples
    --------
    >>> as_real(decimal.Decimal("2022")), as_real(decimal.Decimal("0.5")), as_real(fractions.Fraction(1, 4))
    (2022, 0.5, 0.25)
    >>> as_real(decimal.Decimal("2022.5"), whole=True), as_real(decimal.Decimal("sNaN")), as_real("2022")
    (Decimal('2022.5'), Decimal('sNaN'), '2022')
    """
    if not isinstance(value, (decimal.Decimal, fractions.Fraction)):
        return value
    # int() of Decimal('1e999999999') would write out a billion digits: beyond 64 bits is no int here
    large = isinstance(value, decimal.Decimal) and (not value.is_finite() or value.adjusted() > 20)
    number = None if large else int(value)
    if number is not None and number == value and -2**63 <= number < 2**64:
        return number
    if whole or (isinstance(value, decimal.Decimal) and value.is_snan()):
        return value
    try:
        return float(value)
    except OverflowError:  # a Fraction too large for a float
        return value


def _finite(value) -> bool:
    """Whether the real number ``value`` is finite; an int too large for a float is not.

    ``math.isfinite(10**400)`` raised ``OverflowError: int too large to convert to float``.
    """
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def _as_float(value) -> float | None:
    """A number argument as a float, or None where it is none: a bool, text, a Series, NaN, infinity.

    A real number (a :class:`~fractions.Fraction` too) or a :class:`~decimal.Decimal`
    (what a database driver gives for a ``NUMERIC`` column; it is no
    :class:`numbers.Real`, and was refused as ``must be a positive number, got Decimal``
    of ``Decimal('2.5')``). A float32 or float16 is the decimal it shows
    (:func:`as_shown`): ``np.float32(0.9)`` was 0.8999999761581421. A number too large
    for a float (``10**400``, ``Decimal('1e400')``) and a signalling NaN are None too.

    Examples
    --------
    >>> _as_float(decimal.Decimal("2.5")), _as_float(True), _as_float(10**400), _as_float(float("nan"))
    (2.5, None, None, None)
    >>> _as_float(np.float32(0.9)), _as_float(fractions.Fraction(1, 4))
    (0.9, 0.25)
    """
    if _is_bool(value) or not isinstance(value, (numbers.Real, decimal.Decimal)):
        return None
    try:
        number = float(as_shown(value)) if isinstance(value, np.floating) else float(value)
    except (OverflowError, ValueError):  # 10**400; Decimal('sNaN')
        return None
    return number if math.isfinite(number) else None


def _underflow(value, number: float) -> str:
    """The note of a number above 0 that is 0 as a float (``Fraction(1, 10**400)``), else ``""``."""
    return ": it is 0 as a float (too close to 0)" if number == 0 and value != 0 else ""


def check_flag(value, name: str, *, optional: bool = False) -> None:
    """Refuse a flag that is not a bool (or None when ``optional``): ``"no"`` was read as True.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the argument.

    Examples
    --------
    >>> check_flag(True, "online")
    >>> check_flag("no", "sample_labels", optional=True)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: sample_labels must be True, False or None, got str 'no'
    """
    if optional and value is None:
        return
    if not _is_bool(value):
        what = "True, False or None" if optional else "True or False"
        raise DataFormatError(f"{name} must be {what}, got {shown(value)}")


def check_choice(value, name: str, choices) -> None:
    """Refuse a choice argument that is not a string (a list, a Series, a number).

    Only the type is checked: the caller keeps its own message for a string that is not
    one of ``choices``. A Series raised pandas' "truth value ... is ambiguous", a list
    ``TypeError: unhashable type``.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the argument and the choices.

    Examples
    --------
    >>> check_choice("core", "weights", ["equal", "core"])
    >>> check_choice(["core"], "weights", ["equal", "core"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: weights must be one of equal, core (str), got list ['core']
    """
    if not isinstance(value, str):
        raise DataFormatError(f"{name} must be one of {', '.join(choices)} (str), got {shown(value)}")


def choice_hint(value, choices) -> str:
    """A hint for a choice given in another case (``Core``): ``": write 'core' (...)"``, else ``""``.

    The value is still refused (a choice is case-sensitive: ``Core`` is not read as
    ``core`` without a word); the hint says what to write instead of only listing the
    choices. Added to their messages by the CLI's parser (``choices=``) and by the checks
    that list the choices themselves.

    Examples
    --------
    >>> choice_hint("Core", ["equal", "core"]), choice_hint("beta", ["equal", "core"])
    (": write 'core' (the choices are case-sensitive)", '')
    """
    if not isinstance(value, str):
        return ""
    wanted = value.casefold()
    matches = [c for c in choices if isinstance(c, str) and c.casefold() == wanted and c != value]
    if len(matches) != 1:
        return ""
    return f": write {matches[0]!r} (the choices are case-sensitive)"


def padded_choice_hint(value, choices) -> str:
    """What to write for a choice refused in another case or with spaces around it, else ``""``.

    :func:`choice_hint` of the value without the spaces around it
    (``": write 'Core' (the choices are case-sensitive)"``), or, for one of ``choices``
    with spaces around it (a space left by a spreadsheet, a shell's quotes), that it is
    that choice without the spaces; the value is still refused. For the messages that
    list the choices themselves: task types
    (:func:`exposure.scoring._inputs.task_type_hint`), the labels E0-E2
    (:func:`exposure._measures.label_hint`) and :func:`~exposure.scoring.score_tasks`' ``method`` (``" learned"`` was refused with the
    choices listed only, ``learned`` first among them).

    Examples
    --------
    >>> padded_choice_hint(" learned", ["learned", "rubric"]), padded_choice_hint(" Rubric", ["learned", "rubric"])
    (": write 'learned' (without the spaces around it)", ": write 'rubric' (the choices are case-sensitive)")
    """
    if not isinstance(value, str):
        return ""
    name = value.strip()
    if name != value and name in choices:
        return f": write {name!r} (without the spaces around it)"
    return choice_hint(name, choices)


def check_name(value, name: str, what: str = "a column name") -> str:
    """Refuse a name argument (of a column, a measure) that is not a string.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the argument.

    Examples
    --------
    >>> check_name(["beta"], "measure")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: measure must be a column name (str), got list ['beta']
    """
    if not isinstance(value, str):
        raise DataFormatError(f"{name} must be {what} (str), got {shown(value)}")
    return value


def check_column(value, name: str, *, optional: bool = False):
    """Refuse a column argument that cannot be a column label (a list, a dict, a Series).

    Any hashable value passes (an integer names a column of a frame read without a
    header; a string not among the columns is the caller's own message): only what made
    ``value in frame.columns`` raise ``TypeError: unhashable type`` (or pandas' truth
    value error) is refused here. ``optional``: None passes too (and is named in the
    message).

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the argument.

    Examples
    --------
    >>> check_column("task", "text_column")
    'task'
    >>> check_column(["task"], "text_column")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: text_column must be a column name (str), got list ['task']
    """
    try:
        hash(value)
    except TypeError:
        what = "a column name (str) or None" if optional else "a column name (str)"
        raise DataFormatError(f"{name} must be {what}, got {shown(value)}") from None
    return value


def check_names(value, name: str, what: str = "measure names") -> list[str]:
    """A list of names (of columns, measures) as a list; one string is refused, not split.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the argument: a string (it was read letter by letter), something that is
        not a list, or a list holding something other than strings.

    Examples
    --------
    >>> check_names(("alpha", "beta"), "measures")
    ['alpha', 'beta']
    >>> import pandas as pd
    >>> check_names(pd.Series(["beta", "beta", "gamma"], dtype="string").unique(), "measures")
    ['beta', 'gamma']
    >>> check_names("beta", "measures")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: measures must be a list of measure names, got str 'beta': write ['beta']
    """
    if isinstance(value, str):
        raise DataFormatError(f"{name} must be a list of {what}, got str {value!r}: write [{value!r}]")
    # a list, a tuple, a 1-D numpy array, a pandas Index (``frame.columns[1:]``) or a pandas
    # array (``frame["measure"].unique()``, an ArrowStringArray under pandas 3: it was refused as
    # not a list); not a Series
    kinds = {c.__name__ for c in type(value).__mro__}
    listed = isinstance(value, (list, tuple)) or (bool(kinds & {"ndarray", "Index", "ExtensionArray"})
                                                  and getattr(value, "ndim", 0) == 1)
    if not listed or not all(isinstance(v, str) for v in value):
        raise DataFormatError(f"{name} must be a list of {what}, got {shown(value)}")
    return list(value)


def check_positive(value, name: str, what: str = "a positive number") -> float:
    """``value`` as a float: a finite real number above 0 (not a bool, text or a Series).

    A :class:`~decimal.Decimal` is read as the float it is (it was refused as
    ``must be a positive number, got Decimal``), a float32 as the decimal it shows
    (``np.float32(0.9)`` is 0.9, as :func:`as_shown` reads it; it was
    0.8999999761581421). The float is checked, not ``value``: a number above
    0 that is 0 as a float (``Fraction(1, 10**400)``, ``Decimal('1e-400')``) was returned
    as 0.0, and refused says so.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the argument.

    Examples
    --------
    >>> check_positive(40, "hours")
    40.0
    >>> check_positive(True, "hours")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: hours must be a positive number, got bool True
    >>> check_positive(decimal.Decimal("37.5"), "hours")
    37.5
    """
    number = _as_float(value)
    if number is None or not number > 0:
        note = "" if number is None else _underflow(value, number)
        raise DataFormatError(f"{name} must be {what}, got {shown(value)}{note}")
    return number


def check_count(value, name: str, minimum: int = 0) -> int:
    """``value`` as an int: a whole number of ``minimum`` or more (``3.0`` is 3; True is not 1).

    A :class:`~decimal.Decimal` holding a whole number is read (``Decimal('3')`` is 3; it
    was refused as ``must be a whole number of 1 or more, got Decimal``).

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the argument.

    Examples
    --------
    >>> check_count(10.0, "n_bins", 1)
    10
    >>> check_count(2.5, "n", 1)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: n must be a whole number of 1 or more, got float 2.5
    """
    number = _as_float(value)
    ok = number is not None and number.is_integer() and value == int(value) and value >= minimum
    if not ok:
        raise DataFormatError(f"{name} must be a whole number of {minimum} or more, got {shown(value)}")
    return int(value)


def check_path(value, name: str, what: str = "a file path") -> Path:
    """``value`` as a :class:`~pathlib.Path`; refuse what is not a str or os.PathLike, or is empty.

    ``pathlib`` raised ``TypeError: expected str, bytes or os.PathLike object, not
    NoneType`` (and a different one for bytes); a missing file is the caller's own
    message. An empty path (``""``) was read as ``Path(".")``, the current directory, and
    a path holding a NUL character raised ``ValueError: embedded null byte`` where the
    file was opened: both are refused here.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the argument.

    Examples
    --------
    >>> check_path("tasks.csv", "path").name
    'tasks.csv'
    >>> check_path(None, "path")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: path must be a file path (str or os.PathLike), got NoneType None
    """
    if not isinstance(value, (str, os.PathLike)):
        raise DataFormatError(f"{name} must be {what} (str or os.PathLike), got {shown(value)}")
    try:
        text = os.fspath(value)
        path = Path(text)
    except TypeError:  # an os.PathLike whose __fspath__ gives bytes
        raise DataFormatError(f"{name} must be {what} (str or os.PathLike), got {shown(value)}") from None
    if text == "":
        raise DataFormatError(f"{name} is empty: give {what} (an empty path would be read as the "
                              "current directory)")
    if "\0" in text:
        raise DataFormatError(f"{name} {text!r} holds a NUL character (\\0): it cannot name {what}")
    return path


def as_array(value):
    """``value`` as a numpy array, or None where it is none of the array-likes a check accepts.

    None, text, bytes and a dict are None (numpy would make a 0-d array of them), and so
    is what numpy cannot read (a ragged list). The caller then checks shape and values
    and names the argument.

    Examples
    --------
    >>> as_array([1, 0]).tolist(), as_array("10"), as_array(None)
    ([1, 0], None, None)
    """
    if value is None or isinstance(value, (str, bytes, dict)):
        return None
    try:
        return np.asarray(value)
    except (TypeError, ValueError):
        return None


def as_shown(value):
    """A real number as the Python int or float it shows: a float32 0.9 is 0.9, not 0.8999999761581421.

    ``float(np.float32(0.9))`` is 0.8999999761581421: a roll-up recorded that level in
    its settings and ``coverage.json``, and a float32 ``gain`` of 0.3 was written as
    0.30000001192092896 into the ``working_time`` table. A float32 or float16 is read as
    the shortest decimal numpy writes for it; other numbers as :func:`float` (an integer
    as :func:`int`); anything else is returned as it is.

    Examples
    --------
    >>> as_shown(np.float32(0.9)), as_shown(np.int64(7)), as_shown(0.3)
    (0.9, 7, 0.3)
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, np.floating) and value.itemsize < 8:
        return float(str(value))
    return float(value)
