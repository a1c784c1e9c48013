"""Round 73: the public scoring API (``score_tasks``, the tagger, ``score_rubric``, ``score_reference``) and ``exposure score``.

Faults found (each test below failed before its fix):

1. ``score_tasks(df, "rubric", model=m)`` and ``score_tasks(df, "reference", model=m)``
   returned the rubric's (or the labels') scores, the model ignored without a word, while
   a ``reference_source`` given with another method than ``reference`` is refused. Now
   ``ExposureError: model is read by methods 'learned' and 'transformer' only (method
   'rubric' ignores it): give method='learned', or leave model out``.
2. A text column of bytes (``b'Answer email'``, as a database driver gives it) was refused
   as ``row 1, column 'task': task text must be a non-empty string, got b'Answer
   email'``, not saying what to do; so was a title of bytes (``occupation title must be
   text or missing, got bytes b'Clerk'``) and a code of bytes. Now the message goes on
   ``: bytes, not text (from a database driver or a binary column?): decode them first,
   df['task'] = df['task'].str.decode('utf-8') (or the column's own encoding)`` (a
   ``map`` decoding the bytes alone for a column mixing them with text, which
   ``.str.decode`` would make missing); following it, the frame is scored.
3. A text column of Arrow's ``binary`` (a Parquet binary column read with
   ``dtype_backend="pyarrow"``) raised ``pyarrow.lib.ArrowNotImplementedError: Function
   'utf8_length' has no kernel matching input types (binary)`` from inside
   ``score_tasks``. Now refused as bytes, with the advice that works for that dtype
   (``df['task'].astype(object).str.decode('utf-8')``: ``.str.decode`` raised
   ``AttributeError`` on it; since round 78 ``pd.Series(df['task'].tolist(),
   index=df.index).str.decode('utf-8')``, as ``.astype(object)`` raised pyarrow's
   ``ArrowNotImplementedError`` for ``binary_view``). Following it, the frame is scored.
4. O*NET-SOC codes given as bytes in Arrow's ``binary`` or as categories passed
   ``score_tasks`` (an object column of bytes was refused): ``learned`` read them as the
   codes, while ``rubric`` and the tagger read them as no code (``rubric``'s beta 0.645
   against 0.622 for the same task with its code as text), without a word;
   ``score_rubric(df, onet=...)`` and ``score_reference`` took codes of bytes in any
   dtype, and ``score_rubric`` scored those rows without their work activities and job
   zone. Now refused as ``score_tasks`` refuses bytes, with the advice of 2.
5. A code that is not an O*NET-SOC code was refused by ``score_tasks``, ``tag_categories``,
   ``explain_categories``, ``score_rubric`` and ``score_reference`` saying only ``O*NET-SOC
   code '15-1252' is not of the form 00-0000.00 (e.g. 11-1011.00)`` (``151252``: ``... got
   int 151252`` for the tagger), where the tables keyed by O*NET-SOC code give the code
   to write. Now the message goes on with the shared hint of
   ``exposure.schemas._fields`` (``: a SOC code? an O*NET-SOC code has a two-digit
   suffix: write '15-1252.00' ...``; ``: a code saved as a number? ... '15-1252.00'``),
   said in one place (``exposure.scoring._inputs.onetsoc_code_message``).
6. ``exposure score --method reference-gpt4 --reference-source human`` was refused in the
   words of the Python API, ``method 'reference-gpt4' and reference_source 'human' name
   different labels; give one of them``: the command has no ``method`` or
   ``reference_source``. Now ``--method reference-gpt4 and --reference-source human name
   different labels: give --method reference --reference-source human, or --method
   reference-gpt4 alone``.

Tiny made-up frames and files written by the tests, and O*NET 29.1 of the mirror.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest
from _cli import _no_env  # noqa: F401 (autouse fixture)
from test_faults_cli import cli, one_error_line  # tests/unit is on sys.path

from exposure.errors import DataFormatError, ExposureError
from exposure.onet import load_onet
from exposure.scoring import score_tasks
from exposure.scoring.categories import explain_categories, tag_categories
from exposure.scoring.learned import load_model
from exposure.scoring.reference import score_reference
from exposure.scoring.rubric import score_rubric

TEXTS = ["Answer telephones and relay messages.", "Write press releases for the company."]
BINARY = pd.ArrowDtype(pa.binary())


@pytest.fixture(scope="module")
def onet(shared_data, tmp_path_factory):
    """O*NET 29.1 from the real data mirror."""
    return load_onet("29.1", mirror=shared_data, data_dir=tmp_path_factory.mktemp("onet"))


@pytest.fixture(scope="module")
def coded(onet):
    """Two O*NET 29.1 tasks with their keys (codes as text)."""
    return onet.tasks.iloc[[0, 1]][["onetsoc_code", "task_id", "task"]].reset_index(drop=True)


SCORES = ["p_e0", "p_e1", "p_e2", "label", "admin", "routine_coding", "entry_creative", "confidence"]


def _same_scores(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(got[SCORES].reset_index(drop=True), expected[SCORES].reset_index(drop=True))


# 1. a model given to a method that reads none -----------------------------------------------

@pytest.mark.parametrize("method", ["rubric", "reference", "reference-gpt4"])
def test_1_a_model_given_to_a_method_without_one_is_refused(method):
    frame = pd.DataFrame({"task": TEXTS, "task_id": [1, 2]})
    with pytest.raises(ExposureError) as info:
        score_tasks(frame, method, model=load_model())
    shown = method.split("-")[0]
    assert str(info.value) == (f"model is read by methods 'learned' and 'transformer' only (method {shown!r} "
                               "ignores it): give method='learned', or leave model out")
    _same_scores(score_tasks(frame, model=load_model()), score_tasks(frame))  # learned reads it, as before


# 2. bytes: the advice says how to decode them, and following it works --------------------------

@pytest.mark.parametrize("func", [score_tasks, tag_categories, explain_categories, score_rubric])
def test_2_a_text_column_of_bytes_is_told_how_to_decode_it(func):
    df = pd.DataFrame({"task": [t.encode() for t in TEXTS]})
    with pytest.raises(DataFormatError) as info:
        func(df)
    assert str(info.value) == ("row 1, column 'task': task text must be a non-empty string, got b'Answer "
                               "telephones and relay messages.': bytes, not text (from a database driver or "
                               "a binary column?): decode them first, df['task'] = df['task'].str.decode('utf-8') "
                               "(or the column's own encoding)")
    df["task"] = df["task"].str.decode("utf-8")  # the advice
    pd.testing.assert_frame_equal(func(df), func(pd.DataFrame({"task": TEXTS})))


def test_2_a_column_mixing_bytes_and_text_is_told_to_decode_the_bytes_alone():
    df = pd.DataFrame({"task": [TEXTS[0], TEXTS[1].encode()]}, index=[5, 6])
    with pytest.raises(DataFormatError) as info:
        score_tasks(df, "rubric")
    said = str(info.value)
    assert said.startswith("row 2, column 'task': task text must be a non-empty string, got b'Write")
    assert said.endswith("decode them first, df['task'] = df['task'].map(lambda v: v.decode('utf-8') if "
                         "isinstance(v, bytes) else v) (or the column's own encoding) (index 6)")
    df["task"] = df["task"].map(lambda v: v.decode("utf-8") if isinstance(v, bytes) else v)  # the advice
    _same_scores(score_tasks(df, "rubric"), score_tasks(pd.DataFrame({"task": TEXTS}), "rubric"))


def test_2_a_title_of_bytes_is_told_how_to_decode_it():
    df = pd.DataFrame({"task": TEXTS, "title": [b"Receptionists", b"Writers"]})
    with pytest.raises(DataFormatError) as info:
        score_tasks(df)
    assert str(info.value).endswith("got b'Receptionists': bytes, not text (from a database driver or a binary "
                                    "column?): decode them first, df['title'] = df['title'].str.decode('utf-8') "
                                    "(or the column's own encoding)")
    df["title"] = df["title"].str.decode("utf-8")
    assert score_tasks(df)["label"].notna().all()


def test_2_bytes_in_a_named_file_are_told_to_be_saved_as_text():
    df = pd.DataFrame({"task": [t.encode() for t in TEXTS]})
    with pytest.raises(DataFormatError) as info:
        score_tasks(df, "rubric", path="tasks.parquet")
    assert str(info.value).endswith("got b'Answer telephones and relay messages.': bytes, not text: save the "
                                    "column as text (decoded from UTF-8, or from its own encoding)")


# 3. a text column of Arrow's binary: refused, not an ArrowNotImplementedError ------------------

@pytest.mark.parametrize("func", [score_tasks, tag_categories, explain_categories, score_rubric])
@pytest.mark.parametrize("dtype", [BINARY, pd.ArrowDtype(pa.large_binary())])
def test_3_an_arrow_binary_text_column_is_refused_with_advice_that_works(func, dtype):
    df = pd.DataFrame({"task": pd.Series([t.encode() for t in TEXTS], dtype=dtype)})
    with pytest.raises(DataFormatError) as info:
        func(df)
    # round 78 (was: df['task'].astype(object).str.decode('utf-8'), which raised for binary_view)
    assert str(info.value).endswith("decode them first, df['task'] = pd.Series(df['task'].tolist(), "
                                    "index=df.index).str.decode('utf-8') (or the column's own encoding)")
    df['task'] = pd.Series(df['task'].tolist(), index=df.index).str.decode('utf-8')  # the advice, as said
    pd.testing.assert_frame_equal(func(df), func(pd.DataFrame({"task": TEXTS})))


# 4. codes of bytes in any dtype: refused everywhere -------------------------------------------

@pytest.mark.parametrize("dtype", [BINARY, "category"])
@pytest.mark.parametrize("method", ["learned", "rubric", "reference"])
def test_4_score_tasks_refuses_codes_of_bytes_in_any_dtype(onet, coded, dtype, method):
    df = coded.assign(onetsoc_code=pd.Series([c.encode() for c in coded["onetsoc_code"]], dtype=dtype))
    with pytest.raises(DataFormatError) as info:
        score_tasks(df, method, onet=onet)
    said = str(info.value)
    assert said.startswith(f"row 1, column 'onetsoc_code': O*NET-SOC code b'{coded['onetsoc_code'][0]}' is not ")
    assert ": bytes, not text (from a database driver or a binary column?)" in said
    # round 78 (was: df['onetsoc_code'].astype(object).str.decode('utf-8') for Arrow's binary)
    if dtype is BINARY:
        assert ("df['onetsoc_code'] = pd.Series(df['onetsoc_code'].tolist(), index=df.index).str.decode('utf-8') "
                "(or") in said
        df['onetsoc_code'] = pd.Series(df['onetsoc_code'].tolist(), index=df.index).str.decode('utf-8')  # the advice
    else:
        assert "df['onetsoc_code'] = df['onetsoc_code'].str.decode('utf-8') (or" in said
        df['onetsoc_code'] = df['onetsoc_code'].str.decode('utf-8')  # the advice
    _same_scores(score_tasks(df, method, onet=onet), score_tasks(coded, method, onet=onet))


@pytest.mark.parametrize("dtype", [object, BINARY])
def test_4_score_rubric_refuses_codes_of_bytes(onet, coded, dtype):
    """They were looked up as no code: the rows lost their work activities and job zone."""
    df = coded.assign(onetsoc_code=pd.Series([c.encode() for c in coded["onetsoc_code"]], dtype=dtype))
    with pytest.raises(DataFormatError, match=r"^row 1, column 'onetsoc_code': O\*NET-SOC code b'.*: bytes, "
                                              r"not text"):
        score_rubric(df, onet=onet)


@pytest.mark.parametrize("dtype", [object, BINARY, "category"])
def test_4_score_reference_refuses_codes_of_bytes(coded, dtype):
    labels = coded.drop(columns="task").assign(human_exposure_agg=["E1", "E2"])
    df = coded.assign(onetsoc_code=pd.Series([c.encode() for c in coded["onetsoc_code"]], dtype=dtype))
    with pytest.raises(DataFormatError, match=r"^row 1, column 'onetsoc_code': O\*NET-SOC code b'.*: bytes, "
                                              r"not text"):
        score_reference(df, labels)


# 5. a code that is not an O*NET-SOC code: the code to write ------------------------------------

@pytest.mark.parametrize("code", ["15-1252", 151252, 151252.0])
@pytest.mark.parametrize("method", ["learned", "rubric"])
def test_5_score_tasks_gives_the_code_to_write(code, method):
    df = pd.DataFrame({"task": TEXTS, "onetsoc_code": pd.Series([None, code], dtype=object)})
    with pytest.raises(DataFormatError) as info:
        score_tasks(df, method)
    said = str(info.value)
    assert said.startswith(f"row 2, column 'onetsoc_code': O*NET-SOC code {code!r} is not of the form "
                           "00-0000.00 (e.g. 11-1011.00): ")
    assert "write" in said and "'15-1252.00'" in said
    df["onetsoc_code"] = [None, "15-1252.00"]  # the code written as said
    assert score_tasks(df, method)["label"].notna().all()


@pytest.mark.parametrize("func", [tag_categories, explain_categories])
@pytest.mark.parametrize("code", ["15-1252", 151252])
def test_5_the_tagger_gives_the_code_to_write(func, code):
    df = pd.DataFrame({"task": TEXTS, "onetsoc_code": pd.Series(["15-1252.00", code], dtype=object)})
    with pytest.raises(DataFormatError) as info:
        func(df)
    said = str(info.value)
    assert said.startswith("row 2, column 'onetsoc_code': O*NET-SOC code ")
    assert "write" in said and "'15-1252.00'" in said


def test_5_score_rubric_and_score_reference_give_the_code_to_write(onet, coded):
    df = coded.assign(onetsoc_code=["11-1021.00", "11-1021"])
    labels = coded.drop(columns="task").assign(human_exposure_agg=["E1", "E2"])
    for call in (lambda: score_rubric(df, onet=onet), lambda: score_reference(df, labels)):
        with pytest.raises(DataFormatError) as info:
            call()
        said = str(info.value)
        assert said.startswith("row 2, column 'onetsoc_code': O*NET-SOC code '11-1021' is not of the form "
                               "00-0000.00 (e.g. 11-1011.00): ")
        assert "'11-1021.00'" in said


# 6. exposure score: two names of labels, in the command's words --------------------------------

@pytest.mark.parametrize(("method", "source"), [("reference-gpt4", "human"), ("reference-human", "gpt4")])
def test_6_a_method_and_a_reference_source_naming_other_labels_are_refused_in_options(
        tmp_path, capsys, method, source):
    src = tmp_path / "t.csv"
    src.write_text("task,onetsoc_code,task_id\nAnswer telephones.,43-4171.00,1\n")
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", "--method", method,
                       "--reference-source", source, "--onet", "none")
    assert code == 2
    assert one_error_line(err, command="score") == (
        f"exposure score: error: --method {method} and --reference-source {source} name different labels: give "
        f"--method reference --reference-source {source}, or --method {method} alone")
    assert not (tmp_path / "o.csv").exists()
