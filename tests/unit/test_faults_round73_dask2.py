"""Round 73 (dask2): what :mod:`exposure.dask` said or did wrong, a second pass.

Found in this round, as an analyst rolling up and checking scored postings at scale meets them:

1. :func:`exposure.dask.to_occupations` with its default ``by="onetsoc_code"`` (or a
   ``by="soc_code"``) took codes of any form: ``15-1252.00``, ``15-1252`` and ``151252``
   (a SOC code, a code saved as a number) were three occupations of one row each, without
   a word, where :func:`exposure.rollup.to_occupations` refuses the last two. Now refused
   when computed, naming the partition, the row and the column, in the pandas words:
   ``scored.partitions[0], row 2, column 'onetsoc_code': onetsoc_code not an O*NET-SOC
   code (like 11-1011.00): '15-1252': a SOC code? an O*NET-SOC code has a two-digit
   suffix: write '15-1252.00' (...) or the O*NET-SOC code meant``; of a ``soc_code``,
   ``soc_code not a SOC code (like 11-1011): '15-1252.00': an O*NET-SOC code? ...``; so
   are those of O*NET's header ``by="O*NET-SOC Code"`` (which the advice on a missing
   ``onetsoc_code`` column gives). Codes of another column (``naics``, a ``soc`` of one's own) are read as before.
2. :func:`exposure.dask.check` compared task keys as one text ``code|task ID`` and by its
   64-bit hash, and reported the rows of the hash it found without looking at their keys:
   two different keys, ``('11-1011.00|1', 2)`` and ``('11-1011.00', '1|2')``, were
   ``1 task key(s) (onetsoc_code, task_id) are on more than one row, e.g. (11-1011.00,
   1|2) at scored.partitions[0], row 1 and scored.partitions[0], row 2`` (the first row's
   key misread too); two keys of one hash would have been so too. Now the keys are texts
   of their own (the code's length first), the rows found are checked to hold one key
   (the others dropped), and where none does (two keys of one hash), the keys are
   counted again by their texts: the coverage is returned.
3. :func:`exposure.dask.read_dataset` and :func:`~exposure.dask.score_dataset`
   (``exposure score DIR -o OUT --engine dask``) refused a Parquet ``binary`` column (text
   written without the UTF-8 annotation by Impala, Hive, older Spark, or pandas from
   bytes): ``a.parquet, column 'task': the column holds binary values (binary), which
   --engine dask cannot carry (Dask turns them into text); use --engine stream, or drop
   the column``, though the stream engine reads such a column as UTF-8 text. Now read as
   the stream engine reads it (:func:`exposure._tables.binary_as_text`, per partition):
   the scores of the stream engine; a cell that is not UTF-8 is refused naming the file,
   its row and the column (``b.parquet, row 2, column 'task': the column is binary, read
   as UTF-8 text, and this cell is not UTF-8 (byte 0x93, ...)``).

Tiny frames and Parquet files written here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

dd = pytest.importorskip("dask.dataframe")
pytest.importorskip("distributed")

from exposure import dask as xd  # noqa: E402
from exposure.errors import DataFormatError  # noqa: E402
from exposure.scoring._files import score_file  # noqa: E402


def _scores(codes, by: str) -> pd.DataFrame:
    """Scored rows of these codes under ``by`` (valid measures, flags false)."""
    n = len(codes)
    return pd.DataFrame({by: codes, "alpha": [0.2] * n, "beta": [0.3] * n, "gamma": [0.4] * n,
                         "admin": False, "routine_coding": False, "entry_creative": False})


# 1 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("codes,where,said", [
    (["15-1252.00", "15-1252", "151252"], ("[0], row 2", "[0], row 2"),
     "not an O*NET-SOC code (like 11-1011.00): '15-1252': a SOC code? an O*NET-SOC code has a "
     "two-digit suffix: write '15-1252.00' (the SOC occupation itself) or the O*NET-SOC code meant"),
    (["15-1252.00", "151252"], ("[0], row 2", "[1], row 1"),
     "not an O*NET-SOC code (like 11-1011.00): '151252': a code saved as a number? write it as "
     "text with its hyphen and suffix: '15-1252.00' (the SOC occupation itself) or the O*NET-SOC code meant"),
    (pd.Categorical(["15-1252.00", "15-1252.00", "15–1252.00"]), ("[0], row 3", "[1], row 1"),
     "not an O*NET-SOC code (like 11-1011.00): '15–1252.00': '–' (U+2013, a dash that is "
     "not the hyphen '-'; pasted from a document?): write '15-1252.00'"),
], ids=["soc", "number", "en-dash-categorical"])
def test_1_onetsoc_codes_of_another_form_are_refused(codes, where, said):
    for npartitions, place in zip((1, 2), where, strict=True):
        scored = dd.from_pandas(_scores(codes, "onetsoc_code"), npartitions=npartitions)
        with pytest.raises(DataFormatError) as info:
            xd.to_occupations(scored).compute()
        assert str(info.value) == f"scored.partitions{place}, column 'onetsoc_code': {said}"


def test_1_soc_codes_and_onet_headers_of_another_form_are_refused():
    scored = dd.from_pandas(_scores(["15-1252", "15-1252.00"], "soc_code"), npartitions=1)
    with pytest.raises(DataFormatError) as info:
        xd.to_occupations(scored, by="soc_code").compute()
    assert str(info.value).startswith("scored.partitions[0], row 2, column 'soc_code': not a SOC code "
                                      "(like 11-1011): '15-1252.00'"), str(info.value)
    # O*NET's header of the codes, as the missing-column advice names it (by='O*NET-SOC Code')
    onet = dd.from_pandas(_scores(["15-1252.00", "15-1252"], "O*NET-SOC Code"), npartitions=1)
    with pytest.raises(DataFormatError) as info:
        xd.to_occupations(onet, by="O*NET-SOC Code").compute()
    assert str(info.value).startswith("scored.partitions[0], row 2, column 'O*NET-SOC Code': not "
                                      "an O*NET-SOC code (like 11-1011.00): '15-1252': a SOC code?"), str(info.value)
    # codes of their form as before
    occ = xd.to_occupations(dd.from_pandas(_scores(["15-1252.00", "11-1011.00", "15-1252.00"], "onetsoc_code"),
                                           npartitions=2)).compute()
    assert occ.index.tolist() == ["11-1011.00", "15-1252.00"] and occ["n_rows"].tolist() == [1, 2]
    soc = xd.to_occupations(dd.from_pandas(_scores(["15-1252", "15-1252"], "soc_code"), npartitions=2),
                            by="soc_code").compute()
    assert soc.index.tolist() == ["15-1252"] and soc["n_rows"].tolist() == [2]
    # a column of one's own holds codes of any form
    own = xd.to_occupations(dd.from_pandas(_scores(["15-1252", "151252"], "soc"), npartitions=1),
                            by="soc").compute()
    assert own.index.tolist() == ["15-1252", "151252"]


# 2 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("npartitions", [1, 2])
def test_2_two_keys_of_one_text_are_not_one_repeated_key(npartitions):
    scored = pd.DataFrame({"onetsoc_code": ["11-1011.00|1", "11-1011.00", "a|b", "a"],
                           "task_id": [2, "1|2", "c", "b|c"], "p_e0": [0.5, 0.5, 0.5, None]})
    # round 80 (dask2): check reads the task IDs by the roll-up's rule, so a task ID holding
    # the separator is refused before any key is formed (as to_occupations refuses it)
    with pytest.raises(DataFormatError) as info:
        xd.check(dd.from_pandas(scored, npartitions=npartitions))
    # round 81 (dask): check reads the codes first, by the roll-up's rule, so the code holding the
    # separator is refused before any task ID (as to_occupations refuses it)
    assert str(info.value) == ("scored.partitions[0], row 1, column 'onetsoc_code': not an O*NET-SOC code "
                               "(like 11-1011.00): '11-1011.00|1'")


def test_2_a_repeated_key_beside_them_is_named_with_its_own_rows():
    # (round 80: a task ID "1|2" in the second row is now refused itself; a valid one stands there)
    scored = pd.DataFrame({"onetsoc_code": ["11-1011.00|1", "11-1011.00", "11-1011.00|1"],
                           "task_id": [2, 12, 2.0], "p_e0": 0.5}).astype({"task_id": object})
    with pytest.raises(DataFormatError) as info:
        xd.check(dd.from_pandas(scored, npartitions=2))
    # round 81 (dask): a code holding the separator is refused as a code now, before any key is
    # formed; the key texts are still counted as the hashes (test_2_the_key_texts_count_as_the_hashes)
    assert str(info.value) == ("scored.partitions[0], row 1, column 'onetsoc_code': not an O*NET-SOC code "
                               "(like 11-1011.00): '11-1011.00|1'")


def test_2_rows_of_one_hash_are_those_of_one_key():
    # the rows found at one hash, as the check gathers them: only those sharing a key are named
    found = pd.DataFrame({"partition": [0, 0, 1, 2], "row": [1, 4, 2, 1],
                          "code": ["11-1011.00", "43-9061.00", "11-1011.00", "43-9061.00"],
                          "task_id": ["1", "2", "1", "3"]})
    assert xd._shared_key_rows(found)[["partition", "row"]].values.tolist() == [[0, 1], [1, 2]]
    # keys that share only their hash: none (the check then counts the keys by their texts)
    assert xd._shared_key_rows(found.iloc[[1, 3]]).empty


def test_2_the_key_texts_count_as_the_hashes():
    scored = dd.from_pandas(pd.DataFrame({"onetsoc_code": ["11-1011.00", "43-9061.00", "11-1011.00", "a|b", "a"],
                                          "task_id": [1, 2, "1.0", "c", "b|c"], "p_e0": 0.5}), npartitions=3)
    scored = scored.reset_index(drop=True)
    for exact in (False, True):
        n, rows = xd._repeated_key_rows(scored, exact)
        assert n == 1 and rows[["partition", "row"]].values.tolist() == [[0, 1], [1, 1]], exact


# 3 ---------------------------------------------------------------------------------------
TEXTS = [b"Answer telephones and relay messages.", b"Operate a forklift to move pallets.",
         b"Type letters.", b"Sort mail."]


def _binary_dataset(folder, second=(b"Type letters.", b"Sort mail.")):
    folder.mkdir()
    pd.DataFrame({"task": TEXTS[:2], "n": [1, 2]}).to_parquet(folder / "a.parquet")  # pandas writes bytes so
    pq.write_table(pa.table({"task": pa.array(list(second), pa.binary()), "n": pa.array([3, 4], pa.int64())}),
                   folder / "b.parquet")
    return folder


def test_3_binary_text_is_read_as_the_stream_engine_reads_it(tmp_path, client):
    src = _binary_dataset(tmp_path / "in")
    ddf = xd.read_dataset(src)
    assert isinstance(ddf.dtypes["task"], pd.StringDtype)
    assert ddf["task"].compute().tolist() == [t.decode() for t in TEXTS]
    done = xd.score_dataset(src, tmp_path / "out", "rubric", client=client, progress=False)
    assert done.n_tasks == 4
    got = pd.read_parquet(tmp_path / "out")
    pq.write_table(pa.table({"task": pa.array(TEXTS, pa.binary()), "n": pa.array([1, 2, 3, 4], pa.int64())}),
                   tmp_path / "all.parquet")
    score_file(tmp_path / "all.parquet", tmp_path / "all_scored.parquet", "rubric")
    want = pd.read_parquet(tmp_path / "all_scored.parquet")
    assert got["task"].tolist() == want["task"].tolist() == [t.decode() for t in TEXTS]
    assert np.array_equal(got["p_e0"].to_numpy(float), want["p_e0"].to_numpy(float))


def test_3_a_binary_cell_that_is_not_utf8_is_named(tmp_path):
    src = _binary_dataset(tmp_path / "in", second=(b"Type letters.", b"Sew \x93shirts\x94."))
    with pytest.raises(DataFormatError) as info:
        xd.read_dataset(src).compute(scheduler="sync")
    assert str(info.value) == (f"{src / 'b.parquet'}, row 2, column 'task': the column is binary, read as UTF-8 "
                               "text, and this cell is not UTF-8 (byte 0x93, at offset 4, is '“' in Windows-1252): "
                               "decode the column with its own encoding (pandas: .str.decode('cp1252')) and write "
                               "it as text, or drop the column")

    # a fixed-size binary column (a UUID, a hash) is no text: refused as before
    pq.write_table(pa.table({"task": ["Type letters."], "id": pa.array([b"0123456789abcdef"], pa.binary(16))}),
                   tmp_path / "fixed.parquet")
    with pytest.raises(DataFormatError, match=r"fixed\.parquet, column 'id': the column holds binary values "
                                              r"\(fixed_size_binary\[16\]\).* use --engine stream"):
        xd.read_dataset(tmp_path / "fixed.parquet")
