"""Round 77, wave 3: the arrays of the model artifacts (``exposure.scoring.retrieval``, ``learned``, ``transformer``).

1. A retrieval index whose ``payload`` rows do not sum to 1 (stored as float16: up to 4e-4
   away) was loaded, and every text scored then failed the scores' own check,
   ``SchemaError: TaskScores, row 1: p_e0 + p_e1 + p_e2 = 1 where scored; all three missing
   otherwise (check _probabilities_sum_to_one)``, naming no index. Now refused at load:
   ``PATH: the retrieval index's array 'payload' holds a row summing to 0.9998779296875
   (payload[0], float16 of shape (18796, 3)): each task's probabilities (E0, E1, E2) must sum
   to 1 (within 1e-06; the library stores them as float64)``. ``build_index(onet, payload)``
   and ``with_payload`` kept such a payload too: ``payload row 2 sums to 0.9: each task's
   probabilities (E0, E1, E2) must sum to 1 (within 1e-06)``. One rule,
   ``retrieval._unsummed``, with the tolerance of ``TaskScores`` (the shipped index is within
   4e-16; float32 is within it and loads as before).
2. A learned model whose ``majors``, ``dwas`` or ``iwas`` held a code twice was loaded
   without a word (the first one's column was never used, the scores changed); its
   coefficients of float16 were loaded, though the transformer refuses float16 weights. Now:
   ``PATH: the model artifact's array 'majors' holds '11' twice (majors[0] and majors[1]):
   each is one column of the 'major' block, and the first one's column was never used (the
   artifact is damaged)``; ``PATH: the model artifact's array 'coef_free' is float16: float64
   is expected (as save_model stores it)`` (the transformer's rule,
   ``retrieval.check_precision``).
3. Arrays and metadata given in memory that are not dicts: ``LearnedModel.from_arrays(arrays,
   [1])`` raised ``AttributeError: 'list' object has no attribute 'get'``,
   ``TaskIndex.from_arrays(arrays, None)`` ``TypeError: argument of type 'NoneType' is not
   iterable``, ``TransformerModel(arrays, [1])`` said ``a transformer artifact is a dict of
   arrays and a dict of metadata, got dict and list`` (``from_arrays``: ``TypeError`` of
   ``dict(None)``). One check now, in the words of a pinned file's ``metadata.json``
   (``exposure._io.read_arrays``): ``not a model artifact: its metadata.json is an array, not
   an object of names and values (as the library writes it)``.
"""

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from exposure import score_tasks
from exposure._io import read_arrays, write_arrays
from exposure.errors import DataFormatError, ExposureError
from exposure.scoring import retrieval
from exposure.scoring.learned import LearnedModel, load_model, shipped_model_path
from exposure.scoring.transformer import TransformerModel, shipped_transformer_path

TEXTS = pd.DataFrame({"task": ["Answer telephones and relay messages.", "Cut lumber with power saws."]})


def _damaged(models: Path, name: str, change) -> Path:
    """The shipped ``name`` written to ``models/name`` with ``change(arrays)``; a registry pinning all."""
    arrays, meta = read_arrays(shipped_model_path().with_name(name).read_bytes())
    (models / name).unlink()
    write_arrays({**arrays, **change(arrays)}, meta, models / name)
    registry = models / "registry.txt"
    registry.write_text("".join(f"{p.name} {hashlib.sha256(p.read_bytes()).hexdigest()}\n"
                                for p in sorted(models.glob("*.npz"))))
    return registry


# ------------------------------------------------ 1. payload rows that do not sum to 1
def test_a_float16_payload_is_refused_at_load_naming_the_index_and_float32_loads(models):
    registry = _damaged(models, "retrieval-v1.npz", lambda arrays: {"payload": arrays["payload"].astype(np.float16)})
    total = float(read_arrays((models / "retrieval-v1.npz").read_bytes())[0]["payload"][0].astype(float).sum())
    with pytest.raises(DataFormatError) as err:
        load_model(models / "learned-v1.npz", registry=registry)
    assert str(err.value) == (f"{models / 'retrieval-v1.npz'}: the retrieval index's array 'payload' holds a row "
                              f"summing to {total!r} (payload[0], float16 of shape (18796, 3)): each task's "
                              "probabilities (E0, E1, E2) must sum to 1 (within 1e-06; the library stores them "
                              "as float64)")
    # float32 is within the tolerance: loaded and scored as before
    registry = _damaged(models, "retrieval-v1.npz", lambda arrays: {"payload": arrays["payload"].astype(np.float32)})
    scores = score_tasks(TEXTS, model=load_model(models / "learned-v1.npz", registry=registry))
    assert scores["p_e0"].notna().all()
    arrays, _ = read_arrays(shipped_model_path().with_name("retrieval-v1.npz").read_bytes())
    assert np.abs(arrays["payload"].sum(axis=1) - 1).max() < 1e-15  # the shipped index, well within


def test_build_index_and_with_payload_refuse_rows_not_summing_to_one():
    payload = [[0.2, 0.5, 0.3], [0.3, 0.3, 0.3]]
    with pytest.raises(DataFormatError) as err:
        retrieval._tiny_index().with_payload(payload)
    assert str(err.value) == ("payload row 2 sums to 0.8999999999999999: each task's probabilities (E0, E1, E2) "
                              "must sum to 1 (within 1e-06)")
    arrays, meta = retrieval._tiny_index().to_arrays()
    with pytest.raises(ExposureError, match=r"^the retrieval index's array 'payload' holds a row summing to 0\.8999+ \(payload\[1\]"):
        retrieval.TaskIndex.from_arrays(dict(arrays, payload=np.array(payload)), meta)


# ------------------------------------------------ 2. a column code twice, float16 coefficients
@pytest.mark.parametrize("name, block", [("majors", "major"), ("dwas", "activity"), ("iwas", "activity")])
def test_a_code_given_twice_among_the_columns_is_refused(models, name, block):
    registry = _damaged(models, "learned-v1.npz",
                        lambda arrays: {name: np.concatenate([arrays[name][:1], arrays[name][:-1]])})
    first = str(read_arrays(shipped_model_path().read_bytes())[0][name][0])
    with pytest.raises(DataFormatError) as err:
        load_model(models / "learned-v1.npz", registry=registry)
    assert str(err.value) == (f"{models / 'learned-v1.npz'}: the model artifact's array {name!r} holds {first!r} "
                              f"twice ({name}[0] and {name}[1]): each is one column of the {block!r} block, and "
                              "the first one's column was never used (the artifact is damaged)")


@pytest.mark.parametrize("array", ["coef_free", "intercept_onet"])
def test_float16_coefficients_are_refused_as_the_transformers_weights_are(models, array):
    registry = _damaged(models, "learned-v1.npz", lambda arrays: {array: arrays[array].astype(np.float16)})
    with pytest.raises(DataFormatError) as err:
        load_model(models / "learned-v1.npz", registry=registry)
    assert str(err.value) == (f"{models / 'learned-v1.npz'}: the model artifact's array {array!r} is float16: "
                              "float64 is expected (as save_model stores it)")


# ------------------------------------------------ 3. arrays and metadata that are not dicts, in memory
def _parts(path: Path):
    return read_arrays(path.read_bytes())


@pytest.mark.parametrize("meta, kind", [(None, "null"), ([1], "an array"), ("x", "a string")])
def test_metadata_given_in_memory_that_is_no_dict_is_named_as_a_files(meta, kind):
    said = f"its metadata.json is {kind}, not an object of names and values (as the library writes it)"
    arrays, _ = _parts(shipped_model_path())
    with pytest.raises(DataFormatError) as err:
        LearnedModel.from_arrays(arrays, meta)
    assert str(err.value) == f"not a model artifact: {said}"
    arrays, _ = _parts(shipped_model_path().with_name("retrieval-v1.npz"))
    with pytest.raises(DataFormatError) as err:
        retrieval.TaskIndex.from_arrays(arrays, meta)
    assert str(err.value) == f"not a retrieval index: {said}"
    arrays, _ = _parts(shipped_transformer_path())
    for build in (TransformerModel, TransformerModel.from_arrays):
        with pytest.raises(DataFormatError) as err:
            build(arrays, meta)
        assert str(err.value) == f"not a transformer artifact: {said}"


def test_arrays_given_in_memory_that_are_no_dict_are_named():
    _, meta = _parts(shipped_transformer_path())
    with pytest.raises(DataFormatError) as err:
        TransformerModel([1], meta)
    assert str(err.value) == ("not a transformer artifact: its arrays are a list, not a dict of names and arrays "
                              "(as exposure._io.read_arrays gives them)")
