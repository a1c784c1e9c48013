"""Tomlinson et al. (2025) "Working with AI": AI applicability by SOC 2018 code.

The published score (``soc_ai_applicability_scores.csv``) is already on detailed SOC 2018
codes, so no crosswalk is needed (``crosswalk_weight`` 1). :func:`rebuild_applicability`
recomputes it from the IWA-level components with Equation (1) of the paper, as given in
the data README:

``score(soc) = sum_iwa w(soc, iwa) / W(soc) * 0.5 * (1[share_user > 0.0005] *
completion_user * impact_scope_user + 1[share_ai > 0.0005] * completion_ai *
impact_scope_ai)``, where the sum runs over the IWAs that ``soc_to_iwas.csv`` lists for
the SOC code, ``w`` is ``soc_iwa_weights.csv`` and ``W(soc)`` the sum of ``w`` over
those IWAs.

Tomlinson K, Jaffe S, Wang W, Counts S, Suri S (2025) Working with AI: Measuring the
Applicability of Generative AI to Occupations. arXiv:2507.07935. CC BY 4.0.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from exposure._args import as_real, is_number, shown
from exposure.errors import DataFormatError
from exposure.measures import _common
from exposure.schemas import validate
from exposure.schemas._fields import SOC_PATTERN
from exposure.schemas._measures import MicrosoftApplicability

__all__ = [
    "COVERAGE_THRESHOLD",
    "read_applicability",
    "read_iwa_metrics",
    "read_soc_iwa_weights",
    "read_soc_to_iwas",
    "rebuild_applicability",
    "load_microsoft",
    "load_rebuild",
]

DIR = "reference/microsoft_working_with_ai/"
COVERAGE_THRESHOLD = 0.0005
_IWA_COLS = ["IWA", "share_user", "share_ai", "completion_user", "completion_ai", "impact_scope_user", "impact_scope_ai"]
#: an O*NET Intermediate Work Activity id (``4.A.1.a.1.I01``)
IWA_PATTERN = r"^4\.A\.[0-9]\.[a-z]\.[0-9]+\.I[0-9]{2,}\Z"


def _odd_iwa(ids) -> int | None:
    """Position of the first id of ``ids`` that is not shaped like the others, or None.

    An id that starts like an O*NET work activity (``4.A``) must be a whole IWA id
    (:data:`IWA_PATTERN`), and once one id of a file is an O*NET IWA id, every id must be
    one. Other ids (a hand-made table's ``I1``, ``I2``) are read as given.

    Examples
    --------
    >>> _odd_iwa(["4.A.1.a.1.I01", "banana"]), _odd_iwa(["4.A.1.a.1"]), _odd_iwa(["I1", "I2"])
    (1, 0, None)
    """
    ids = pd.Series(list(ids), dtype="string").str.strip()
    whole = ids.str.fullmatch(IWA_PATTERN).to_numpy(dtype=bool, na_value=False)
    odd = ~whole & (ids.str.startswith("4.A").to_numpy(dtype=bool, na_value=False) | whole.any())
    return int(np.flatnonzero(odd)[0]) if odd.any() else None


def _iwa_hint(value) -> str:
    """Advice for an id that is an IWA id in another case (``4.A.1.A.1.I01``): the id to write, or ``''``.

    Examples
    --------
    >>> _iwa_hint("4.A.1.A.1.I01"), _iwa_hint("banana")
    (": write '4.A.1.a.1.I01' (IWA ids are case-sensitive)", '')
    """
    parts = str(value).strip().upper().split(".")
    if len(parts) > 3:
        parts[3] = parts[3].lower()
    fixed = ".".join(parts)
    if fixed == str(value).strip() or not re.fullmatch(IWA_PATTERN, fixed):
        return ""
    return f": write {fixed!r} (IWA ids are case-sensitive)"


def _iwa_ids(values: pd.Series, name, *, unique: bool) -> pd.Series:
    """The ids of column ``IWA``, stripped; a missing, malformed (or, if ``unique``, repeated) one refused.

    ``banana`` or ``4.A.1.a.1`` among O*NET ids was kept as an IWA: it matched no metrics,
    or no weight, and :func:`rebuild_applicability` failed naming no file or row.
    """
    ids = _common.check_codes(values, r"\S(.*\S)?", name, "IWA", what="IWA id", example="4.A.1.a.1.I01",
                              unique=unique, article="an")
    pos = _odd_iwa(ids)
    if pos is not None:
        raise DataFormatError(f"not an IWA id (like 4.A.1.a.1.I01): {ids.iloc[pos]!r}{_iwa_hint(ids.iloc[pos])}",
                              path=name, row=pos + 2, column="IWA")
    return ids


def _name(path):
    return "<buffer>" if hasattr(path, "read") else path


def read_applicability(path) -> pd.DataFrame:
    """Read ``soc_ai_applicability_scores.csv``.

    Raises
    ------
    exposure.errors.DataFormatError
        An unreadable file or one without rows, a missing column, a missing, malformed or
        repeated SOC code (``11-1011``), a SOC 2010 code (``15-1132``:
        :func:`~exposure.measures._common.check_soc_vintage`), a code that is the total or a group of other codes
        of the file (``00-0000``, ``11-0000`` beside ``11-1011``), a missing title, a score
        that is missing, not a finite number or outside 0-1 (file, row and the file's column
        named).

    Examples
    --------
    >>> import io
    >>> text = "SOC Code,title,ai_applicability_score\\n11-1011,Chief Executives,0.1555\\n"
    >>> read_applicability(io.StringIO(text))
      soc_code             title  ai_applicability_score
    0  11-1011  Chief Executives                  0.1555
    """
    name = _name(path)
    frame = _common.read_csv(path, name)
    _common.require_columns(frame, ["SOC Code", "title", "ai_applicability_score"], name)
    # checked on the file's columns: pandera named soc_code, in its words ("check str_matches(...)")
    codes = _common.check_codes(frame["SOC Code"], SOC_PATTERN, name, "SOC Code", what="SOC code",
                                example="11-1011")
    # a file on SOC 2010 (15-1132) was read without a word: its old codes matched no OEWS code
    _common.check_soc_vintage(codes, name, "SOC Code", vintage=2018, reader="Microsoft's files")
    # a total or group row ('00-0000 All occupations', '11-0000' beside '11-1011') was read as
    # an occupation of its own; OEWS's aggregates (13-1020) alone of their codes are kept
    _common._check_no_aggregate(codes, name, 2, column="SOC Code",
                                why="a group is no occupation of its own (its score would be counted beside theirs)")
    title = frame["title"].astype("string").str.strip()
    gap = (title.isna() | (title == "")).to_numpy(dtype=bool)
    if gap.any():
        raise DataFormatError("missing title", path=name, row=int(np.flatnonzero(gap)[0]) + 2, column="title")
    # a share: '15.55%' (a spreadsheet's percent format saved as text) is told the fraction to write
    score = _common.to_float(frame, "ai_applicability_score", name, share=True)
    gap = score.isna().to_numpy(dtype=bool)
    if gap.any():
        raise DataFormatError("missing value", path=name, row=int(np.flatnonzero(gap)[0]) + 2,
                              column="ai_applicability_score")
    _common.check_range(score, name, "ai_applicability_score", high=1.0,
                        what="ai_applicability_score (a share from 0 to 1)")
    out = pd.DataFrame({"soc_code": codes.to_numpy(), "title": frame["title"], "ai_applicability_score": score})
    return validate(out, MicrosoftApplicability, path=name, row_offset=2)


def read_iwa_metrics(path) -> pd.DataFrame:
    """Read ``iwa_metrics.csv``: one row per IWA, numeric metrics as floats.

    Completion and impact scope may be empty for IWAs without conversations; they are
    only used when the IWA's share passes the coverage threshold. Every IWA id is given
    once; shares, completion and impact scope are fractions, from 0 to 1, and each share
    column (of all activity) adds up to 1 at most.

    Raises
    ------
    exposure.errors.DataFormatError
        An unreadable file or one without rows, a missing column, a missing, malformed
        (:func:`_odd_iwa`) or repeated IWA id, a missing share, a value that is not a finite number from 0 to 1 (file,
        row and column named), a share column adding up to more than 1 (percent).

    Examples
    --------
    >>> import io
    >>> text = ("IWA,share_user,share_ai,completion_user,completion_ai,impact_scope_user,"
    ...         "impact_scope_ai\\n4.A.1.a.1.I01,0.004,0.0001,0.8,0.9,0.5,0.4\\n")
    >>> read_iwa_metrics(io.StringIO(text)).loc[0, "iwa_id"]
    '4.A.1.a.1.I01'
    """
    name = _name(path)
    frame = _common.read_csv(path, name)
    _common.require_columns(frame, _IWA_COLS, name)
    out = pd.DataFrame({"iwa_id": _iwa_ids(frame["IWA"], name, unique=True).to_numpy()})
    for col in _IWA_COLS[1:]:
        out[col] = _common.to_float(frame, col, name, share=True)  # shares: '0.42%' is told the fraction
        # completion/scope are empty for IWAs without conversations (share 0): allowed
        if col.startswith("share") and out[col].isna().any():
            pos = int(np.flatnonzero(out[col].isna().to_numpy())[0])
            raise DataFormatError("missing value", path=name, row=pos + 2, column=col)
        _common.check_range(out[col], name, col, low=0.0, high=1.0, what=col)
        total = float(out[col].sum())
        # shares of all activity add up to 1: in percent, each below 1, they passed, and the
        # coverage threshold (0.0005) was compared with values 100 times too large
        if col.startswith("share") and total > 1.0 + 1e-4:
            raise DataFormatError(f"{col} adds up to {total:.6g}, more than 1: a share of all activity, "
                                  "from 0 to 1 (the file gives percent? divide them by 100)", path=name, column=col)
    return out


def read_soc_iwa_weights(path) -> pd.DataFrame:
    """Read the wide ``soc_iwa_weights.csv`` as long [soc_code, iwa_id, weight].

    One row per SOC code (``11-1011``, each once), one column per IWA (each once); the
    weights are finite, non-negative numbers.

    Raises
    ------
    exposure.errors.DataFormatError
        An unreadable file or one without rows, no IWA column, a column named twice,
        without a name or not named by an IWA id (:func:`_odd_iwa`; one in another case,
        ``4.A.1.A.1.I01``, is told the id to write: :func:`_iwa_hint`), a missing, malformed or repeated SOC code, a missing, negative or
        non-finite weight (row and column named).

    Examples
    --------
    >>> import io
    >>> text = "SOC Code,4.A.1.a.1.I01,4.A.1.a.1.I02\\n11-1011,0.0,2.5\\n"
    >>> read_soc_iwa_weights(io.StringIO(text))
      soc_code         iwa_id  weight
    0  11-1011  4.A.1.a.1.I01     0.0
    1  11-1011  4.A.1.a.1.I02     2.5
    """
    name = _name(path)
    frame = _common.read_csv(path, name)
    _common.require_columns(frame, ["SOC Code"], name)
    codes = _common.check_codes(frame["SOC Code"], SOC_PATTERN, name, "SOC Code", what="SOC code",
                                example="11-1011")
    iwas = [c for c in frame.columns if c != "SOC Code"]
    if not iwas:  # an empty table was returned
        raise DataFormatError("no IWA column besides 'SOC Code'", path=name, row=1)
    for c in iwas:
        if c.startswith("Unnamed: ") or not c.strip():
            raise DataFormatError("column without an IWA id", path=name, row=1, column=c)
    odd = _odd_iwa(iwas)
    if odd is not None:  # 'share_user' beside the IWA columns became an IWA
        raise DataFormatError(f"column {iwas[odd]!r} is not an IWA id (like 4.A.1.a.1.I01){_iwa_hint(iwas[odd])}",
                              path=name, row=1, column=iwas[odd])
    num = pd.DataFrame({c: _common.to_float(frame, c, name) for c in iwas})
    for c in iwas:
        gap = num[c].isna().to_numpy()
        if gap.any():
            raise DataFormatError("missing weight", path=name, row=int(np.flatnonzero(gap)[0]) + 2, column=c)
        _common.check_range(num[c], name, c, what="weight")
    num.columns = [c.strip() for c in iwas]  # '4.A.1.a.1.I01 ' matched no IWA of soc_to_iwas
    num.insert(0, "soc_code", codes.to_numpy())
    out = num.melt(id_vars="soc_code", var_name="iwa_id", value_name="weight")
    return out.sort_values(["soc_code", "iwa_id"], kind="stable").reset_index(drop=True)


def read_soc_to_iwas(path) -> pd.DataFrame:
    """Read ``soc_to_iwas.csv`` as [soc_code, iwa_id] (duplicates dropped).

    Raises
    ------
    exposure.errors.DataFormatError
        An unreadable file or one without rows, a missing column, a missing or malformed
        SOC code, a SOC 2010 code (``15-1132``), or a missing or malformed IWA id (:func:`_odd_iwa`) (file, row and column named; they were kept, and
        :func:`rebuild_applicability` failed on ``SOC nan`` naming no file).

    Examples
    --------
    >>> import io
    >>> read_soc_to_iwas(io.StringIO("SOC Code,IWA\\n11-1011,4.A.4.a.2.I03\\n")).shape
    (1, 2)
    >>> read_soc_to_iwas(io.StringIO("SOC Code,IWA\\n11-1011,\\n"))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: <buffer>, row 2, column 'IWA': missing IWA id
    """
    name = _name(path)
    frame = _common.read_csv(path, name)
    _common.require_columns(frame, ["SOC Code", "IWA"], name)
    codes = _common.check_codes(frame["SOC Code"], SOC_PATTERN, name, "SOC Code", what="SOC code",
                                example="11-1011", unique=False)  # an occupation lists many IWAs
    _common.check_soc_vintage(codes, name, "SOC Code", vintage=2018, reader="Microsoft's files")
    iwa = _iwa_ids(frame["IWA"], name, unique=False)
    return (
        pd.DataFrame({"soc_code": frame["SOC Code"].str.strip(), "iwa_id": iwa.to_numpy()})
        .drop_duplicates()
        .reset_index(drop=True)
    )


def rebuild_applicability(
    iwa_metrics: pd.DataFrame,
    weights: pd.DataFrame,
    soc_to_iwas: pd.DataFrame,
    *,
    threshold: float = COVERAGE_THRESHOLD,
) -> pd.DataFrame:
    """Recompute the AI applicability score of every SOC code from its IWA components.

    Parameters
    ----------
    iwa_metrics : pandas.DataFrame
        Output of :func:`read_iwa_metrics`.
    weights : pandas.DataFrame
        Output of :func:`read_soc_iwa_weights`.
    soc_to_iwas : pandas.DataFrame
        Output of :func:`read_soc_to_iwas`.
    threshold : float, default 0.0005
        Minimum activity share for an IWA to count as covered.

    Returns
    -------
    pandas.DataFrame
        ``soc_code``, ``ai_applicability_score_user``, ``ai_applicability_score_ai``,
        ``ai_applicability_score`` (their mean), sorted by code.

    Raises
    ------
    exposure.errors.DataFormatError
        If a frame argument is not a DataFrame or lacks a column (or holds one twice),
        ``threshold`` is not a number of 0 or more (None and ``True`` were accepted), or is 1
        or more (``5``, ``inf``: no share is above it, and every score was 0 without a word). The frames are checked
        as the readers check their files (:func:`~exposure.measures._common.checked_frame`),
        naming the frame, the row (counted from 1) and the column: a code missing, an IWA given twice in
        ``iwa_metrics`` or a (SOC, IWA) pair twice in ``weights`` (it counted twice: 0.18
        for 0.15), a value that is not a finite number (text raised pandas' ``Invalid
        comparison``, ``True`` was 1), a share or weight missing, a share, completion or impact scope
        outside 0-1 (percent: a score of 25.0) or a negative weight. A (SOC, IWA) pair
        repeated in ``soc_to_iwas`` counts once, as :func:`read_soc_to_iwas` reads it. So
        are the frames that do not fit together (they named no frame nor row): an IWA of
        ``soc_to_iwas`` without metrics, or a pair without weight (``soc_to_iwas``, its
        row, ``iwa_id``); an IWA covered on a side without its completion or impact scope
        (``iwa_metrics``, its row and the column); a SOC code whose weights on its IWAs are
        all 0 (its score was 0.0; ``weights``, the row of its first weight).

    Notes
    -----
    Each code's terms are summed in (SOC code, IWA id) order, whatever the order of the
    rows given: the same frames in another order gave scores that differed in the last bit.

    Examples
    --------
    Two IWAs with weights 1 and 3; the second is below the coverage threshold on the AI side:

    >>> iwa = pd.DataFrame({"iwa_id": ["a", "b"], "share_user": [0.01, 0.01],
    ...     "share_ai": [0.01, 0.0001], "completion_user": [0.8, 0.5], "completion_ai": [1.0, 1.0],
    ...     "impact_scope_user": [0.5, 0.4], "impact_scope_ai": [0.2, 0.9]})
    >>> w = pd.DataFrame({"soc_code": ["x", "x"], "iwa_id": ["a", "b"], "weight": [1.0, 3.0]})
    >>> links = pd.DataFrame({"soc_code": ["x", "x"], "iwa_id": ["a", "b"]})
    >>> out = rebuild_applicability(iwa, w, links).round(4)
    >>> [float(v) for v in out.iloc[0, 1:]]
    [0.25, 0.05, 0.15]
    """
    sides = [f"{m}_{side}" for m in ("share", "completion", "impact_scope") for side in ("user", "ai")]
    for what, frame, columns in (("iwa_metrics", iwa_metrics, ["iwa_id", *sides]),
                                 ("weights", weights, ["soc_code", "iwa_id", "weight"]),
                                 ("soc_to_iwas", soc_to_iwas, ["soc_code", "iwa_id"])):
        _common.check_table(frame, what, columns)
        _common.check_once(frame, columns, what)  # 'weight' twice: "not a number: array([1.0, 0.5], ...)"
    given, threshold = threshold, as_real(threshold)  # Decimal('0.0005') was refused
    if not (is_number(threshold) and threshold >= 0):  # "x": "Invalid comparison" from pandas
        raise DataFormatError(f"threshold must be a number of 0 or more (an activity share), got {shown(given)}")
    if not threshold < 1:  # 5 (percent?), inf: no IWA covered, every score 0 without a word
        raise DataFormatError("threshold must be below 1 (an activity share: no share is above 1, so every score "
                              f"would be 0), got {shown(given)}")
    # values and keys checked as the readers check the files: text raised pandas' "Invalid
    # comparison", and a key given twice, a negative weight or a share in percent gave a
    # wrong score without a word
    iwa_metrics = _common.checked_frame(iwa_metrics, "iwa_metrics", ["iwa_id"], sides, high=1.0,
                                 required=[c for c in sides if c.startswith("share_")])
    # a missing weight was "no weight for SOC ... and IWA ...", as if the pair were not in weights
    weights = _common.checked_frame(weights, "weights", ["soc_code", "iwa_id"], ["weight"], required=["weight"])
    soc_to_iwas = _common.checked_frame(soc_to_iwas, "soc_to_iwas", ["soc_code", "iwa_id"], [], unique=False)
    # the row (from 1) of each pair in its frame, for the errors below: they named no frame nor row
    iwa_metrics = iwa_metrics[["iwa_id", *sides]].assign(_metrics_row=np.arange(1, len(iwa_metrics) + 1))
    weights = weights[["soc_code", "iwa_id", "weight"]].assign(_weights_row=np.arange(1, len(weights) + 1))
    links = soc_to_iwas[["soc_code", "iwa_id"]].assign(_row=np.arange(1, len(soc_to_iwas) + 1))
    links = links.drop_duplicates(["soc_code", "iwa_id"])  # as read_soc_to_iwas reads a file
    # summed in (SOC, IWA) order, not in the caller's row order: the same frames in another
    # order gave scores that differed in the last bit (360 of the 785 codes of the registry)
    links = links.iloc[np.lexsort((links["iwa_id"].astype(str).to_numpy(), links["soc_code"].astype(str).to_numpy()))]
    merged = links.merge(iwa_metrics, on="iwa_id", how="left", indicator=True)
    lost = (merged["_merge"] != "both").to_numpy(dtype=bool)
    if lost.any():
        row = merged.loc[lost].sort_values("_row").iloc[0]
        raise DataFormatError(f"IWA {row['iwa_id']!r} has no row in iwa_metrics", path="soc_to_iwas",
                              row=int(row["_row"]), column="iwa_id")
    merged = merged.drop(columns="_merge").merge(weights, on=["soc_code", "iwa_id"], how="left")
    lost = merged["weight"].isna().to_numpy(dtype=bool)
    if lost.any():
        row = merged.loc[lost].sort_values("_row").iloc[0]
        raise DataFormatError(f"no weight for SOC {row['soc_code']!r} and IWA {row['iwa_id']!r}: weights has no row "
                              "of this pair", path="soc_to_iwas", row=int(row["_row"]), column="iwa_id")
    total = merged.groupby("soc_code")["weight"].transform("sum")
    zero = (total <= 0).to_numpy(dtype=bool)
    if zero.any():  # 0 / 0 summed as nothing: a score of 0.0 without a word
        first = merged.loc[zero].sort_values("_row").iloc[0]
        code = first["soc_code"]
        n = int((merged["soc_code"] == code).sum())
        row = int(merged.loc[merged["soc_code"] == code, "_weights_row"].min())
        raise DataFormatError(f"SOC {code!r} has weight 0 on each of its {n} IWAs of soc_to_iwas: its score "
                              "is undefined (give it a weight, or leave it out of soc_to_iwas)", path="weights",
                              row=row, column="weight")
    share = merged["weight"] / total
    for side in ("user", "ai"):
        covered = merged[f"share_{side}"] > threshold
        parts = [f"completion_{side}", f"impact_scope_{side}"]
        gap = (covered & merged[parts].isna().any(axis=1)).to_numpy(dtype=bool)
        if gap.any():
            row = merged.loc[gap].sort_values("_metrics_row").iloc[0]
            column = next(c for c in parts if pd.isna(row[c]))
            raise DataFormatError(
                f"IWA {row['iwa_id']!r} is covered on the {side} side (share_{side} {float(row[f'share_{side}']):g} "
                f"above the threshold {threshold}) but has no {column}", path="iwa_metrics",
                row=int(row["_metrics_row"]), column=column,
            )
        merged[side] = np.where(
            covered, share * merged[f"completion_{side}"] * merged[f"impact_scope_{side}"], 0.0
        )
    out = merged.groupby("soc_code", sort=True)[["user", "ai"]].sum().reset_index()
    out = out.rename(columns={"user": "ai_applicability_score_user", "ai": "ai_applicability_score_ai"})
    out["ai_applicability_score"] = 0.5 * out["ai_applicability_score_user"] + 0.5 * out["ai_applicability_score_ai"]
    return out


def load_rebuild(*, mirror=None, data_dir=None) -> pd.DataFrame:
    """Rebuild the scores from the registry files and compare with the published ones.

    Returns
    -------
    pandas.DataFrame
        ``soc_code``, ``published``, ``rebuilt``, ``abs_diff``; ``attrs["max_abs_diff"]``.

    Examples
    --------
    >>> import tempfile
    >>> load_rebuild(mirror=tempfile.mkdtemp(), data_dir=tempfile.mkdtemp())
    Traceback (most recent call last):
    ...
    exposure.errors.DownloadError: reference/microsoft_working_with_ai/iwa_metrics.csv: not found in mirror ...
    """

    def res(name):
        return _common.resolve(DIR + name, mirror=mirror, data_dir=data_dir)

    rebuilt = rebuild_applicability(
        read_iwa_metrics(res("iwa_metrics.csv")),
        read_soc_iwa_weights(res("soc_iwa_weights.csv")),
        read_soc_to_iwas(res("soc_to_iwas.csv")),
    )
    published = read_applicability(res("soc_ai_applicability_scores.csv"))
    rebuilt = rebuilt.rename(columns={"ai_applicability_score": "rebuilt"})
    published = published.rename(columns={"ai_applicability_score": "published"})
    both = published.merge(rebuilt, on="soc_code", how="outer", indicator=True)
    if (both["_merge"] != "both").any():
        bad = both.loc[both["_merge"] != "both", "soc_code"].iloc[0]
        raise DataFormatError(f"SOC code {bad!r} is in only one of published/rebuilt scores")
    out = both[["soc_code", "published", "rebuilt"]].copy()
    out["abs_diff"] = (out["published"] - out["rebuilt"]).abs()
    out = out.sort_values("soc_code").reset_index(drop=True)
    out.attrs["max_abs_diff"] = float(out["abs_diff"].max())
    return out


def load_microsoft(*, mirror=None, data_dir=None) -> pd.DataFrame:
    """Published AI applicability on SOC 2018 codes, in crosswalked form.

    Returns
    -------
    pandas.DataFrame
        ``soc_code``, ``ai_applicability_score``, ``crosswalk_weight`` (1.0),
        ``n_sources`` (1).

    Examples
    --------
    >>> import tempfile
    >>> load_microsoft(mirror=tempfile.mkdtemp(), data_dir=tempfile.mkdtemp())
    Traceback (most recent call last):
    ...
    exposure.errors.DownloadError: reference/microsoft_working_with_ai/soc_ai_applicability_scores.csv: not found in mirror ...
    """
    path = _common.resolve(DIR + "soc_ai_applicability_scores.csv", mirror=mirror, data_dir=data_dir)
    scores = read_applicability(path)
    out = scores[["soc_code", "ai_applicability_score"]].copy()
    out["crosswalk_weight"] = 1.0
    out["n_sources"] = 1
    out.attrs.update(source_file=str(path), n_source=len(scores), n_matched=len(scores), unmatched=[])
    return out
