"""The shipped learned artifact: pinned sha256, loading, round trip, determinism."""

import hashlib
import shutil

import numpy as np
import pandas as pd
import pytest

from exposure.errors import ChecksumMismatchError, DataFormatError, ExposureError
from exposure.scoring._embed import VECTORS_NAME
from exposure.scoring.learned import (
    MODEL_NAME,
    load_model,
    occupation_groups,
    read_registry,
    save_model,
    score_learned,
    shipped_model_path,
)
from exposure.scoring.retrieval import INDEX_NAME, save_index


def _shipped():
    return shipped_model_path().parent


def test_registry_pins_shipped_artifact():
    pins = read_registry()
    data = (_shipped() / MODEL_NAME).read_bytes()
    assert pins[MODEL_NAME] == hashlib.sha256(data).hexdigest()
    assert len(data) < 5 * 2**20  # small: a few MB at most


def test_shipped_model_contents():
    model = load_model()
    assert sorted(model.sets) == ["free", "onet", "text"]
    assert "activity" in model.sets["onet"] and "activity" not in model.sets["text"]
    assert "grounded" in model.sets["text"] and model.sets["free"] == ["word", "embed"]
    assert "embed" in model.sets["text"] and "embed" not in model.sets["onet"]
    assert model.index is not None and model.metadata["index"] == INDEX_NAME
    assert model.vectors is not None and model.metadata["vectors"] == VECTORS_NAME
    for which in model.sets:
        assert model.coef[which].shape[0] == 3
        assert 0.3 < model.temperature[which] < 3.0
    assert model.metadata["target"] == "human_exposure_agg"


def test_tampered_artifact_is_refused(tmp_path):
    art = tmp_path / MODEL_NAME
    shutil.copy(str(_shipped() / MODEL_NAME), art)
    shutil.copy(str(_shipped() / INDEX_NAME), tmp_path / INDEX_NAME)
    shutil.copy(str(_shipped() / VECTORS_NAME), tmp_path / VECTORS_NAME)
    registry = tmp_path / "registry.txt"
    pins = read_registry()
    registry.write_text(f"{MODEL_NAME} {pins[MODEL_NAME]}\n{INDEX_NAME} {pins[INDEX_NAME]}\n"
                        f"{VECTORS_NAME} {pins[VECTORS_NAME]}\n")
    assert load_model(art, registry=registry).sets  # intact copy loads
    vectors = bytearray((tmp_path / VECTORS_NAME).read_bytes())  # the vectors are verified too
    vectors[300] ^= 0xFF
    (tmp_path / VECTORS_NAME).write_bytes(bytes(vectors))
    with pytest.raises(ChecksumMismatchError, match=VECTORS_NAME):
        load_model(art, registry=registry)
    shutil.copy(str(_shipped() / VECTORS_NAME), tmp_path / VECTORS_NAME)
    index = bytearray((tmp_path / INDEX_NAME).read_bytes())  # the index is verified too
    index[100] ^= 0xFF
    (tmp_path / INDEX_NAME).write_bytes(bytes(index))
    with pytest.raises(ChecksumMismatchError, match=INDEX_NAME):
        load_model(art, registry=registry)
    data = bytearray(art.read_bytes())
    data[100] ^= 0xFF
    art.write_bytes(bytes(data))
    with pytest.raises(ChecksumMismatchError, match=MODEL_NAME):
        load_model(art, registry=registry)


def test_unlisted_or_missing_artifact(tmp_path):
    art = tmp_path / "other.npz"
    shutil.copy(str(_shipped() / MODEL_NAME), art)
    with pytest.raises(ExposureError, match="not listed"):
        load_model(art)
    with pytest.raises(ExposureError, match="not found"):
        load_model(tmp_path / "absent.npz")


def test_registry_format_errors(tmp_path):
    bad = tmp_path / "registry.txt"
    bad.write_text("# comment\nlearned.npz abc\n")
    with pytest.raises(DataFormatError, match="filename sha256") as info:
        read_registry(bad)
    assert info.value.row == 2


def test_save_load_round_trip_is_byte_identical(tmp_path):
    model = load_model()
    a, b = tmp_path / "a.npz", tmp_path / "b.npz"
    save_model(model, a)
    save_model(model, b)
    assert a.read_bytes() == b.read_bytes()
    index = save_index(model.index, tmp_path / INDEX_NAME)
    assert index.read_bytes() == (_shipped() / INDEX_NAME).read_bytes()
    shutil.copy(str(_shipped() / VECTORS_NAME), tmp_path / VECTORS_NAME)
    registry = tmp_path / "registry.txt"
    registry.write_text(f"a.npz {hashlib.sha256(a.read_bytes()).hexdigest()}\n"
                        f"{INDEX_NAME} {hashlib.sha256(index.read_bytes()).hexdigest()}\n"
                        f"{VECTORS_NAME} {read_registry()[VECTORS_NAME]}\n")
    again = load_model(a, registry=registry)
    tasks = pd.DataFrame({"task": ["Enter data into spreadsheets.", "Repair engines."],
                          "title": ["Data Entry Keyers", ""]})
    np.testing.assert_array_equal(score_learned(tasks, model=again).iloc[:, :3].to_numpy(),
                                  score_learned(tasks, model=model).iloc[:, :3].to_numpy())


def test_probabilities_are_calibrated_softmax():
    model = load_model()
    tasks = pd.DataFrame({"task": ["Enter data into spreadsheets."]})
    X = model.features("free", tasks["task"].tolist(), [""], [""])  # a text alone: set "free"
    raw = model.predict_proba(X, "free", calibrated=False)
    cal = model.predict_proba(X, "free")
    z = np.asarray(X @ model.coef["free"].T + model.intercept["free"]) / model.temperature["free"]
    expected = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
    np.testing.assert_allclose(cal, expected)
    np.testing.assert_allclose(raw.sum(), 1.0)
    # the score blends them with the closest O*NET tasks' onet-set probabilities (trial G)
    found = model.index.retrieve(tasks["task"].tolist(), weights=True)
    near = np.asarray(found.weights @ model.index.payload)
    w = np.clip((found.similarity[0] - 0.15) / (0.70 - 0.15), 0, 1)
    assert 0 < w < 1  # this text is blended, not scored from either part alone
    np.testing.assert_allclose(score_learned(tasks, model=model).iloc[0, :3].to_numpy(float),
                               (1 - w) * cal[0] + w * near[0])


def test_decision_function_equals_explicit_features():
    model = load_model()
    texts = ["Enter data into spreadsheets.", "Type letters.", "Repair engines.", "Weld pipes."]
    titles = ["Clerks", "Clerks", "", ""]
    codes = ["", "", "49-3023.00", ""]
    dwas = [[], [], [model.dwas[0]], []]
    groups = occupation_groups(codes, titles)
    for which in ("text", "onet", "free"):
        X = model.features(which, texts, titles, codes, dwas, groups)
        explicit = np.asarray(X @ model.coef[which].T + model.intercept[which])
        fast = model.decision_function(which, texts, titles, codes, dwas, groups)
        # scoring sums the word vectors of the embed block's norms in float32 (training's
        # features in float64): they agree to about 1e-7; the other blocks to rounding
        tol = 1e-6 if "embed" in model.sets[which] else 1e-10
        np.testing.assert_allclose(fast, explicit, atol=tol, rtol=tol)


def test_a_title_without_a_code_is_scored_as_the_text_alone():
    # under grouped CV the text set given titles without codes agreed less with the human
    # labels than the text alone, so a title alone does not change a row's scores
    model = load_model()
    texts = ["Enter data into spreadsheets.", "Weld pipes.", "Draft a press release."]
    alone = score_learned(pd.DataFrame({"task": texts}), model=model)
    titled = score_learned(pd.DataFrame({"task": texts, "title": ["Clerks", "Welders", "Writers"]}),
                           model=model)
    pd.testing.assert_frame_equal(titled, alone, check_exact=True)
    assert set(alone["feature_set"]) == {"free"}
    coded = score_learned(pd.DataFrame({"task": texts, "title": ["Clerks", "Welders", "Writers"],
                                        "onetsoc_code": ["43-9061.00", "51-4121.00", "27-3043.00"]}),
                          model=model)
    assert set(coded["feature_set"]) == {"text"}
    assert not np.allclose(coded[["p_e0", "p_e1", "p_e2"]], alone[["p_e0", "p_e1", "p_e2"]])


def test_neighbours_without_weights_are_retrieved_again_for_the_grounded_block():
    # score_learned retrieves free-text-only chunks without the neighbour weights; a set
    # with the grounded block on the same cache must still get them
    model = load_model()
    texts, titles = ["Enter data into spreadsheets.", "Weld pipes."], ["Clerks", "Welders"]
    codes, groups = ["", ""], occupation_groups(["", ""], titles)
    cache: dict = {}
    bare = model.neighbours(texts, cache, weights=False)
    assert bare.weights is None
    got = model.decision_function("text", texts, titles, codes, None, groups, cache)
    fresh = model.decision_function("text", texts, titles, codes, None, groups, {})
    np.testing.assert_array_equal(got, fresh)
    assert cache["found"].weights is not None
    np.testing.assert_array_equal(cache["found"].best, bare.best)


def test_scores_do_not_depend_on_the_chunks_scored_at_once(monkeypatch):
    # rows are scored SCORE_CHUNK at a time; the occupation context still averages every
    # task of an occupation, so occupations split across chunks score as in one pass
    from exposure.scoring import learned

    model = load_model()
    clerk = ["Enter data into spreadsheets.", "Type letters and memos.", "File records.",
             "Answer telephones.", "Schedule appointments."]
    frame = pd.DataFrame({
        "task": clerk + ["Repair diesel engines.", "Weld pipes.", "Draft replies to routine emails.",
                         "Prompt an AI agent to refactor code.", "asdf qwer", "Lay bricks."],
        "title": ["Office Clerks"] * 5 + ["Mechanics", "", "Office Clerks", "", "", "Mechanics"],
        "onetsoc_code": ["43-9061.00"] * 5 + [None, "47-2211.00", "43-9061.00", None, None, None],
    })
    whole = score_learned(frame, model=model)
    # a code gives the text set (title, context, grounded); a title alone, the text alone
    assert whole["feature_set"].tolist() == ["text"] * 5 + ["free", "text", "text"] + ["free"] * 3
    for chunk in (1, 2, 3, 4):
        monkeypatch.setattr(learned, "SCORE_CHUNK", chunk)
        pd.testing.assert_frame_equal(score_learned(frame, model=model), whole, check_exact=True)
    # the control: scoring the chunks separately changes the context of split occupations
    apart = pd.concat([score_learned(frame.iloc[:2], model=model), score_learned(frame.iloc[2:], model=model)])
    assert not np.array_equal(apart[["p_e0", "p_e1", "p_e2"]].to_numpy(), whole[["p_e0", "p_e1", "p_e2"]].to_numpy())


def test_texts_of_fewer_than_two_content_words_get_no_confidence_and_the_warning(caplog):
    """Function words only, a heading or one word: confidence 0.51 and 0.64 before, and no warning."""
    import logging

    from exposure.scoring import score_tasks

    texts = ["the and of to a in", "Description", "Bookkeeping", "Reconcile vendor invoices in a spreadsheet."]
    with caplog.at_level(logging.WARNING, logger="exposure"):
        out = score_tasks(pd.DataFrame({"task": texts}))
    assert out["confidence"].tolist()[:3] == [0.0, 0.0, 0.0]
    assert out["confidence"].iloc[3] > 0.3
    assert "3 of 4 texts do not read as work tasks" in caplog.text and "row 1, 'the and of to a in'" in caplog.text
    # their probabilities are still returned
    assert out[["p_e0", "p_e1", "p_e2"]].sum(axis=1).round(6).eq(1).all()
