"""exposure._io.csv_text writes what pandas.DataFrame.to_csv writes, byte for byte."""

import numpy as np
import pandas as pd
import pytest

from exposure._io import csv_text, write_csv

TRICKY = ["plain", "comma, inside", 'a "quoted" word', "line\nbreak", "carriage\rreturn", "crlf\r\n",
          "", " leading space", "trailing space ", "tab\there", "'=1+1", "naïve café — résumé",
          "semi;colon", '"', ",", "\n", "nul\x00byte", "emoji 🙂", "x" * 300]


def _pandas(frame, header=True, **kwargs):
    """What pandas writes, but with every cell holding a carriage return quoted.

    Python 3.11's csv quotes a cell holding the line terminator "\\n" but not a bare "\\r",
    which every reader takes as a record end; with "\\r\\n" it quotes both, and the
    record ends (outside quotes) are made "\\n" again.
    """
    text = frame.to_csv(index=False, lineterminator="\r\n", header=header, **kwargs)
    parts = text.split('"')
    parts[::2] = [part.replace("\r\n", "\n") for part in parts[::2]]
    return '"'.join(parts)


def _frame(n, seed):
    rng = np.random.default_rng(seed)
    floats = rng.normal(size=n) * 10.0 ** rng.integers(-12, 12, size=n)
    floats[rng.random(n) < 0.1] = np.nan
    floats[:4] = [0.1, -0.0, np.inf, 1e-05][: min(4, n)]
    text = rng.choice(np.array(TRICKY, dtype=object), size=n)
    text[rng.random(n) < 0.1] = None
    frame = pd.DataFrame({
        "task": pd.Series(text, dtype=object),
        "str_col": pd.Series(rng.choice(TRICKY, size=n)).astype("str"),
        "string_col": pd.Series(rng.choice(TRICKY, size=n), dtype="string"),
        "p": floats,
        "f32": floats.astype(np.float32),
        "i": rng.integers(-10**12, 10**12, size=n),
        "u8": rng.integers(0, 255, size=n).astype(np.uint8),
        "b": rng.random(n) < 0.5,
        "nb": pd.array(np.where(rng.random(n) < 0.2, None, rng.random(n) < 0.5), dtype="boolean"),
        "ni": pd.array(np.where(rng.random(n) < 0.2, None, rng.integers(-5, 10**9, size=n)), dtype="Int64"),
        "a, b": ["x"] * n,
    })
    frame.loc[frame.index[::5], "string_col"] = pd.NA
    frame.loc[frame.index[::7], "str_col"] = np.nan
    return frame


@pytest.mark.parametrize("seed", range(6))
def test_csv_text_equals_pandas(seed):
    frame = _frame(300, seed)
    got = csv_text(frame)
    assert got is not None  # every column type here is covered: the fast path ran
    assert got == _pandas(frame)
    assert csv_text(frame, header=False) == _pandas(frame, header=False)
    for j in range(frame.shape[1] - 1):  # each column type on its own
        sub = frame.iloc[:, [j, -1]]
        assert csv_text(sub) == _pandas(sub), sub.columns[0]


def test_csv_text_falls_back_for_other_types():
    base = pd.DataFrame({"a": ["x", "y"], "b": [1.5, 2.5]})
    assert csv_text(base.assign(d=pd.to_datetime(["2024-01-01", "2024-01-02"]))) is None
    assert csv_text(base.assign(m=pd.Series([1, "x"], dtype=object))) is None  # mixed object column
    assert csv_text(base.assign(c=pd.Categorical(["u", "v"]))) is None
    assert csv_text(base[["a"]]) is None  # one column: an empty cell would be quoted
    assert csv_text(base.iloc[:0]) is None
    assert csv_text(base.set_axis([0, 1], axis=1)) is None


def test_write_csv_same_bytes_as_pandas(tmp_path):
    frame = _frame(200, 9).drop(columns=["task"])  # no formula-like cells to neutralise
    frame = frame[~frame["str_col"].astype("string").str.startswith("'").fillna(False)]
    path = write_csv(frame, tmp_path / "fast.csv")
    assert path.read_bytes() == _pandas(frame).encode("utf-8")
    write_csv(frame, tmp_path / "tab.tsv", sep="\t")  # other options: pandas writes it
    assert (tmp_path / "tab.tsv").read_bytes() == _pandas(frame, sep="\t").encode("utf-8")


def test_write_xlsx_is_byte_reproducible(tmp_path):
    import time
    import zipfile

    from exposure._io import write_xlsx

    frame = pd.DataFrame({"task": ["Weld.", None], "beta": [0.5, 0.25]})
    first = write_xlsx(frame, tmp_path / "a.xlsx").read_bytes()
    time.sleep(2.1)  # zip entries keep time to 2 s, the workbook's modified stamp to 1 s
    assert write_xlsx(frame, tmp_path / "b.xlsx").read_bytes() == first
    with zipfile.ZipFile(tmp_path / "b.xlsx") as zf:
        assert zf.testzip() is None
        assert b"1980-01-01T00:00:00Z</dcterms:modified>" in zf.read("docProps/core.xml")


@pytest.mark.parametrize(("cell", "what"), [("x" * 32_768, "32,768 characters"),
                                            (np.array([1, 2]), "nested value"),
                                            ({"a": 1}, "nested value")])
def test_write_xlsx_refuses_cells_it_cannot_hold(tmp_path, cell, what):
    from exposure._io import XLSX_MAX_CELL, write_xlsx
    from exposure.errors import DataFormatError

    frame = pd.DataFrame({"task": ["Weld.", "Sew."], "v": pd.Series(["ok", None], dtype=object)})
    frame.at[1, "v"] = cell
    with pytest.raises(DataFormatError) as exc:
        write_xlsx(frame, tmp_path / "o.xlsx")
    assert "o.xlsx, row 3, column 'v'" in str(exc.value) and what in str(exc.value)
    assert not (tmp_path / "o.xlsx").exists()
    frame.at[1, "v"] = "x" * XLSX_MAX_CELL  # the limit itself fits
    write_xlsx(frame, tmp_path / "o.xlsx")
