"""Training, grouped cross-validation and the shuffled-label control, on synthetic tasks."""

import hashlib
import os
import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("sklearn")

from exposure.errors import DataFormatError, ExposureError, OutputError  # noqa: E402
from exposure.reports.agreement import (  # noqa: E402
    CODED_WORDS_NAME,
    PROTOCOL_NAMES,
    WORDS_ONLY_NAME,
    evaluate_free_text,
)
from exposure.scoring._evaluate import agreement  # noqa: E402
from exposure.scoring._train import (  # noqa: E402
    TrainConfig,
    cross_validate,
    fit_model,
    fit_temperature,
    grouped_folds,
    index_frame,
    train_and_save,
    training_frame,
)
from exposure.scoring.learned import (  # noqa: E402
    load_model,
    occupation_groups,
    read_registry,
    shipped_model_path,
)
from exposure.scoring.retrieval import build_index  # noqa: E402

WORDS = {
    "E0": ["lift", "weld", "drive", "repair", "clean", "pour", "cut"],
    "E1": ["write", "draft", "summarize", "translate", "edit", "proofread", "explain"],
    "E2": ["analyze", "schedule", "database", "spreadsheet", "forecast", "invoice", "track"],
}
FILLER = ["the", "materials", "reports", "equipment", "customers", "records", "sites", "plans"]
CONFIG = TrainConfig(sets={"text": ["word", "title", "major"]}, C={"text": 2.0}, word_min_df=1)


def synthetic_labels(n_occ=12, n_tasks=15, noise=0.15, seed=0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for o in range(n_occ):
        code = f"{11 + 2 * (o % 4):02d}-{1000 + o:04d}.00"
        mix = rng.dirichlet([1.0, 1.0, 1.0])
        for t in range(n_tasks):
            label = rng.choice(["E0", "E1", "E2"], p=mix)
            words = list(rng.choice(WORDS[label], 2, replace=False)) + list(rng.choice(FILLER, 2))
            rng.shuffle(words)
            human = label if rng.random() > noise else rng.choice(["E0", "E1", "E2"])
            rows.append({"onetsoc_code": code, "task_id": 100 * o + t,
                         "task": " ".join(words).capitalize() + ".",
                         "task_type": "Core" if t % 3 else None, "title": f"Occupation {o}",
                         "human_exposure_agg": human})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def rows():
    return training_frame(synthetic_labels())


def test_grouped_folds_keep_groups_together():
    groups = np.repeat([f"g{i}" for i in range(10)], [5, 1, 3, 8, 2, 2, 4, 6, 1, 3])
    folds = grouped_folds(groups, n_folds=3, seed=4)
    per_group = pd.Series(folds).groupby(groups).nunique()
    assert (per_group == 1).all()
    assert sorted(set(folds)) == [0, 1, 2]
    np.testing.assert_array_equal(folds, grouped_folds(groups, n_folds=3, seed=4))
    assert np.bincount(folds).max() - np.bincount(folds).min() <= 8


@pytest.mark.parametrize("n_folds", [1, 11, 100_000])
def test_grouped_folds_refuse_more_folds_than_groups(n_folds):
    """`exposure evaluate --folds 100000` ran for more than five minutes instead of refusing."""
    groups = np.repeat([f"g{i}" for i in range(10)], 2)
    want = ("n_folds must be a whole number of 2 or more, got int 1" if n_folds == 1 else
            f"n_folds {n_folds} is more than the 10 occupation groups (SOC 6-digit codes) of the labels")
    with pytest.raises(ExposureError, match=f"^{re.escape(want)}"):
        grouped_folds(groups, n_folds=n_folds)


def test_training_frame_refuses_task_types_it_would_weigh_as_supplemental():
    # "core" (or "CORE", 1) weighed 1 like a Supplemental task, silently: in training, in
    # the calibration and in the occupation means of exposure evaluate
    labels = synthetic_labels()
    labels["task_type"] = labels["task_type"].astype(object)
    labels.loc[labels.index[2], "task_type"] = "core"
    with pytest.raises(DataFormatError, match="labels, row 3, column 'task_type': task_type 'core' is not Core"):
        training_frame(labels)
    labels.loc[labels.index[2], "task_type"] = None  # missing: weighs 1, as documented
    assert training_frame(labels)["weight"].iloc[2] == 1


def test_training_frame_weights_and_targets(rows):
    assert rows["soc6"].str.len().eq(7).all()
    assert set(rows["y"]) == {0, 1, 2}
    assert rows["weight"].isin([1.0, 2.0]).all()
    assert (rows["weight"] == 2.0).sum() == 12 * 10  # t % 3 != 0 -> Core


def test_fit_is_deterministic(rows):
    a = fit_model(rows, CONFIG)
    b = fit_model(rows, CONFIG)
    np.testing.assert_array_equal(a.coef["text"], b.coef["text"])
    np.testing.assert_array_equal(a.intercept["text"], b.intercept["text"])


def test_inference_equals_sklearn_pipeline(rows):
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    model = fit_model(rows, CONFIG)
    # independent scikit-learn pipeline on the same rows
    vw = TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True).fit(rows["task"])
    vt = TfidfVectorizer(sublinear_tf=True).fit(rows["title"])
    majors = sorted(rows["onetsoc_code"].str[:2].unique())
    major = sparse.csr_matrix((rows["onetsoc_code"].str[:2].to_numpy()[:, None] == np.array(majors)).astype(float))
    X = sparse.hstack([vw.transform(rows["task"]), vt.transform(rows["title"]), major], format="csr")
    clf = LogisticRegression(C=2.0, max_iter=3000).fit(X, rows["y"])
    new = ["Weld and repair the equipment.", "Draft and edit reports.", "Track invoices in a spreadsheet."]
    codes = ["11-1000.00", "13-1001.00", ""]
    titles = ["Occupation 0", "Occupation 1", ""]
    Xn = sparse.hstack([vw.transform(new), vt.transform(titles),
                        sparse.csr_matrix((np.array([c[:2] for c in codes])[:, None] == np.array(majors)).astype(float))],
                       format="csr")
    ours = model.predict_proba(model.features("text", new, titles, codes), "text", calibrated=False)
    np.testing.assert_allclose(ours, clf.predict_proba(Xn), atol=1e-6)
    assert ours.argmax(axis=1).tolist() == [0, 1, 2]


def test_shuffled_labels_do_worse_under_same_cv(rows):
    real = cross_validate(rows, CONFIG, n_folds=4, seed=0)
    shuffled = cross_validate(rows, CONFIG, n_folds=4, seed=0, shuffle_labels=True)
    a = agreement(real["proba"]["text"], rows["y"], rows["onetsoc_code"], rows["weight"])
    b = agreement(shuffled["proba"]["text"], rows["y"], rows["onetsoc_code"], rows["weight"])
    assert a["kappa"] > 0.5
    assert b["kappa"] < a["kappa"] - 0.3
    assert b["brier"] > a["brier"]


def test_temperature_flattens_overconfident_logits():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 3, 500)
    logits = np.eye(3)[y] * 6.0
    flip = rng.random(500) < 0.3
    logits[flip] = np.roll(logits[flip], 1, axis=1)
    t = fit_temperature(logits, y)
    assert t > 1.5
    # calibrated confidence of the top class ~ its accuracy (0.7)
    z = logits / t
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    assert p.max(axis=1).mean() == pytest.approx(0.7, abs=0.03)


def test_context_block_is_weighted_occupation_mean(rows):
    config = TrainConfig(sets={"text": ["word", "context"]}, C={"text": 2.0}, word_min_df=1,
                         weights={"word": 1.0, "context": 3.0})
    model = fit_model(rows, config)
    texts = ["Weld the equipment.", "Draft reports.", "Track invoices."]
    codes = ["11-1000.00", "11-1000.00", ""]
    titles = ["", "", ""]
    groups = occupation_groups(codes, titles)
    got = model.blocks(["word", "context"], texts, titles, codes, groups=groups)
    words = model.task_word.transform(texts).toarray()
    expected = np.vstack([words[:2].mean(axis=0), words[:2].mean(axis=0), words[2]]) * 3.0
    np.testing.assert_allclose(got["context"].toarray(), expected)
    np.testing.assert_allclose(got["word"].toarray(), words)


def labels_file(labels, path):
    """Write ``labels`` as the published label file (``full_labelset_train.tsv``)."""
    table = labels.rename(columns={"onetsoc_code": "O*NET-SOC Code", "task_id": "Task ID",
                                   "task": "Task", "task_type": "Task Type", "title": "Title"})
    table["gpt4_exposure"] = table["gpt4_exposure_alt_rubric"] = table["human_exposure_agg"]
    table["gpt_3_relevant"], table["gpt4_automation"] = "False", "T1"
    table["Task ID"] = table["Task ID"].astype(float)  # as published: 8823.0
    table.to_csv(path, sep="\t")
    return path


def test_train_and_save_writes_and_pins_the_artifact(tmp_path):
    labels = synthetic_labels(n_occ=8, n_tasks=10)
    path = labels_file(labels, tmp_path / "labels.tsv")
    done = train_and_save(path, synthetic_onet(labels), tmp_path / "models" / "m.npz", n_folds=2)
    pins = read_registry(tmp_path / "models" / "registry.txt")
    assert done.path.is_file() and pins["m.npz"] == done.sha256
    index_file = tmp_path / "models" / "retrieval-v1.npz"
    assert pins["retrieval-v1.npz"] == hashlib.sha256(index_file.read_bytes()).hexdigest()
    vectors_file = tmp_path / "models" / "vectors-v1.npz"  # the shipped vectors, pinned beside it
    assert pins["vectors-v1.npz"] == hashlib.sha256(vectors_file.read_bytes()).hexdigest()
    assert vectors_file.read_bytes() == (shipped_model_path().parent / "vectors-v1.npz").read_bytes()
    assert set(done.cv) == {"onet", "text", "title", "free"} and done.cv["free"]["n_tasks"] == 80
    assert done.model.metadata["labels_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    reloaded = load_model(done.path, registry=tmp_path / "models" / "registry.txt")
    assert reloaded.metadata["cv"] == done.cv
    assert reloaded.index is not None and reloaded.index.n_tasks == 80
    # the grounded free-text sets are used, and reproduce the in-memory model
    texts = ["Draft and proofread the reports.", "Weld and cut the equipment."]
    found = reloaded.neighbours(texts)
    assert (found.similarity > 0).all()
    z = reloaded.decision_function("free", texts, ["", ""], ["", ""])
    np.testing.assert_allclose(z, done.model.decision_function("free", texts, ["", ""], ["", ""]),
                               atol=1e-5)
    assert z[0].argmax() != 0 and z[1].argmax() == 0


def test_train_and_save_refuses_a_pipe_before_reading_the_labels(tmp_path):
    """A FIFO (or /dev/full) as the artifact: refused at once, not after the training."""
    models = tmp_path / "models"
    models.mkdir()
    os.mkfifo(models / "m.npz")
    with pytest.raises(OutputError, match="not a regular file"):
        train_and_save(tmp_path / "no-labels.tsv", None, models / "m.npz")
    with pytest.raises(OutputError, match="written beside the artifact"):
        train_and_save(tmp_path / "no-labels.tsv", None, models / "registry.txt")
    assert sorted(p.name for p in models.iterdir()) == ["m.npz"]


def test_train_and_save_writes_its_files_as_one_set(tmp_path, monkeypatch):
    """A failure while writing leaves the previous vectors, index and registry as they were."""
    labels = synthetic_labels(n_occ=8, n_tasks=10)
    path = labels_file(labels, tmp_path / "labels.tsv")
    models = tmp_path / "models"
    models.mkdir()
    old_registry = "# mine\nm.npz " + "a" * 64 + "\n"
    (models / "registry.txt").write_text(old_registry)
    (models / "retrieval-v1.npz").write_bytes(b"old index")

    def fail(model, where):
        raise OSError(28, "No space left on device", str(where))

    monkeypatch.setattr("exposure.scoring._train.save_model", fail)
    with pytest.raises(OSError, match="No space left"):
        train_and_save(path, synthetic_onet(labels), models / "m.npz", n_folds=2)
    assert sorted(p.name for p in models.iterdir()) == ["registry.txt", "retrieval-v1.npz"]
    assert (models / "registry.txt").read_text() == old_registry
    assert (models / "retrieval-v1.npz").read_bytes() == b"old index"


def synthetic_onet(labels):
    """A made-up O*NET release over the synthetic tasks: one DWA per label word group."""
    dwa_of = {"E0": "4.A.3.a.2.I01.D01", "E1": "4.A.4.a.1.I01.D01", "E2": "4.A.2.a.1.I01.D02"}
    first = {w: label for label, words in WORDS.items() for w in words}
    tasks = labels[["onetsoc_code", "task_id", "task"]].copy()
    kinds = [next(first[w] for w in t.lower().rstrip(".").split() if w in first) for t in tasks["task"]]
    task_dwas = tasks[["onetsoc_code", "task_id"]].assign(dwa_id=[dwa_of[k] for k in kinds])
    dwas = pd.DataFrame({"dwa_id": list(dwa_of.values()), "iwa_id": [d[:-4] for d in dwa_of.values()],
                         "dwa_title": ["Weld and cut materials.", "Write and edit texts.",
                                       "Analyze data in spreadsheets."]})
    occupations = labels[["onetsoc_code", "title"]].drop_duplicates().assign(job_zone=2)
    return SimpleNamespace(release="synthetic", tasks=tasks, task_dwas=task_dwas, dwas=dwas,
                           occupations=occupations)


def test_free_text_report_grounds_held_out_folds_in_training_occupations_only():
    labels = synthetic_labels(n_occ=8, n_tasks=10)
    labels["gpt4_exposure"] = labels["human_exposure_agg"]
    onet = synthetic_onet(labels)
    para = labels.iloc[::5][["onetsoc_code", "task_id"]].assign(
        paraphrase=[t.lower().replace(".", " for the team.") for t in labels["task"].iloc[::5]])
    report = evaluate_free_text(labels, onet, paraphrases=para, n_folds=2)
    table = report.agreement.set_index("scorer")
    assert len(table) == 8 and (table["n_tasks"] == 80).all()
    assert table.loc[PROTOCOL_NAMES["free"], "kappa"] > 0.3
    assert table.loc[WORDS_ONLY_NAME, "kappa"] > 0.3  # the text alone before the blend, for comparison
    assert report.paraphrases["fold"].tolist() == ["0", "1", "all"]
    assert report.paraphrases["n_tasks"].iloc[-1] == len(para)
    assert {"kappa_paraphrase_unlisted", "kappa_paraphrase_words", "kappa_original_coded",
            "kappa_paraphrase_coded"} <= set(report.paraphrases.columns)
    assert table.loc[CODED_WORDS_NAME, "kappa"] > 0.3  # the text set before the blend
    # any subset of sets: the protocols follow the sets
    rows = training_frame(labels, onet)
    cv = cross_validate(rows, TrainConfig(sets={"onet": ["word", "activity"], "free": ["word", "grounded"]},
                                          C={"onet": 2.0, "free": 2.0}, word_min_df=1),
                        n_folds=2, index=build_index(onet), index_rows=index_frame(onet))
    assert set(cv["proba"]) == {"onet", "free"}


def test_a_bad_seed_is_refused_before_any_work():
    from exposure.scoring._train import grouped_folds, train_learned

    for seed in (-1, 1.5, True, "0"):
        with pytest.raises(ExposureError, match="seed must be a whole number, 0 or more"):
            grouped_folds(["a", "b"], n_folds=2, seed=seed)
        with pytest.raises(ExposureError, match="seed must be a whole number"):
            train_learned(None, seed=seed)  # refused before the labels are read
    assert grouped_folds(["a", "b"], n_folds=2, seed=np.int64(3)).tolist() in ([0, 1], [1, 0])


@pytest.mark.parametrize("n_folds", [2.5, True, "3"])
def test_grouped_folds_refuse_a_fold_count_that_is_not_a_whole_number(n_folds):
    with pytest.raises(ExposureError, match="^n_folds must be a whole number of 2 or more, got "):
        grouped_folds([f"g{i}" for i in range(10)], n_folds=n_folds)


def test_train_and_save_refuses_too_many_folds_before_the_vectors(tmp_path):
    """`exposure train --distill --folds 100` distilled for minutes before refusing the folds."""
    labels = synthetic_labels(n_occ=8, n_tasks=10)
    path = labels_file(labels, tmp_path / "labels.tsv")
    out = tmp_path / "models" / "m.npz"
    # distill=True with no release fails at once in the vectors step: the folds must fail first
    with pytest.raises(ExposureError, match=r"labels\.tsv, column 'O\*NET-SOC Code': n_folds 9 is more than the 8 "
                                            r"occupation groups"):
        train_and_save(path, None, out, n_folds=9, distill=True)
    assert not out.parent.exists() or not any(out.parent.iterdir())


# --- the hand-labelled modern tasks as extra rows of the text-alone set (trial T2) ---------

FREE = TrainConfig(sets={"text": ["word", "title", "major"], "free": ["word"]}, C={"text": 2.0, "free": 1.0},
                   word_min_df=1)
MODERN = pd.DataFrame({"task": ["Lift boxes in the warehouse and scan them on a handheld.",
                                "Draft the weekly newsletter in a shared document.",
                                "Track invoices in the accounting database."],
                       "y": [0, 1, 2]})


def test_extra_rows_train_the_free_set_only():
    """The extra rows move the ``free`` set's coefficients and nothing else, vocabularies included."""
    rows = training_frame(synthetic_labels())
    plain = fit_model(rows, FREE)
    more = fit_model(rows, FREE, extra=MODERN)
    assert plain.task_word.vocabulary == more.task_word.vocabulary
    assert plain.coef["free"].shape == more.coef["free"].shape
    np.testing.assert_array_equal(plain.coef["text"], more.coef["text"])
    np.testing.assert_array_equal(plain.intercept["text"], more.intercept["text"])
    assert np.abs(plain.coef["free"] - more.coef["free"]).max() > 1e-3
    # the extra labels are learned: flipping them moves the coefficients the other way
    flipped = fit_model(rows, FREE, extra=MODERN, extra_y=[2, 1, 0])
    assert np.abs(flipped.coef["free"] - more.coef["free"]).max() > 1e-3


def test_cross_validation_adds_the_package_rows_to_every_free_fold_only():
    """``TrainConfig.modern``: the ``free`` protocol changes, the others do not."""
    rows = training_frame(synthetic_labels(n_occ=8, n_tasks=10))
    with_rows = cross_validate(rows, FREE, n_folds=2)
    without = cross_validate(rows, TrainConfig(**{**FREE.__dict__, "modern": False}), n_folds=2)
    np.testing.assert_array_equal(with_rows["logits"]["text"], without["logits"]["text"])
    assert np.abs(with_rows["logits"]["free"] - without["logits"]["free"]).max() > 1e-3
    assert TrainConfig().to_dict()["modern"] is True


def test_package_modern_rows_are_well_formed():
    from exposure.scoring._train import modern_training_rows

    rows = modern_training_rows()
    assert len(rows) == 3100 and set(rows["label"]) == {"E0", "E1", "E2"}
    assert (rows["y"] == rows["label"].map({"E0": 0, "E1": 1, "E2": 2})).all()
    assert rows["set"].nunique() == 15


@pytest.mark.parametrize("text, message", [
    ("task,label\nDraft replies.,E1\nWeld pipes.,E3\n", r"m\.csv, row 3, column 'label': label must be E0, E1 or E2, got 'E3'"),
    ("task,label\nDraft replies.,E1\n ,E0\n", r"m\.csv, row 3, column 'task': empty task"),
    ("task,label\nDraft replies.,E1\n draft  REPLIES.,E1\n", r"m\.csv, row 3, column 'task': task given twice"),
    # the same task but for its final full stop, under two labels (it was read as two tasks)
    ("task,label\nDraft replies.,E1\nDraft replies,E2\n", r"m\.csv, row 3, column 'task': task given twice"),
    ("task,grade\nDraft replies.,E1\n", r"m\.csv, row 1: missing column\(s\) \['label'\]"),
    ("task,label\n", r"m\.csv: no rows below the header"),
])
def test_modern_rows_of_another_file_are_checked(tmp_path, text, message):
    from exposure.errors import DataFormatError
    from exposure.scoring._train import modern_training_rows

    path = tmp_path / "m.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFormatError, match=message):
        modern_training_rows(path)


def test_modern_rows_file_that_is_not_text_is_refused(tmp_path):
    from exposure.errors import DataFormatError
    from exposure.scoring._train import modern_training_rows

    path = tmp_path / "m.csv"
    path.write_bytes(b"task,label\n\xff\xfe,E1\n")
    with pytest.raises(DataFormatError, match=r"m\.csv, row 2, column 'task': byte 0xff is not valid UTF-8"):
        modern_training_rows(path)


def test_train_and_save_names_the_label_file_when_the_folds_cannot_be_dealt(tmp_path):
    """The refusal of too many folds named no file (it came from the fold dealer)."""
    labels = synthetic_labels(n_occ=8, n_tasks=10)
    path = labels_file(labels, tmp_path / "labels.tsv")
    with pytest.raises(DataFormatError) as caught:
        train_and_save(path, None, tmp_path / "models" / "m.npz", n_folds=9)
    assert str(caught.value) == (f"{path}, column 'O*NET-SOC Code': n_folds 9 is more than the 8 occupation groups "
                                 "(SOC 6-digit codes) of the labels: the cross-validation holds out whole groups, "
                                 "one fold at least each; give n_folds from 2 to 8")


def test_cross_validation_blends_the_text_set_as_the_scorer_does():
    # trial H: rows with a code and title (the text set) are blended too, and each extra
    # text is scored with its row's code and title, retrieved in the whole index
    labels = synthetic_labels(n_occ=8, n_tasks=10)
    onet = synthetic_onet(labels)
    rows = training_frame(labels, onet)
    config = TrainConfig(sets={"onet": ["word", "activity"], "text": ["word", "title"], "free": ["word"]},
                         C={"onet": 2.0, "text": 2.0, "free": 1.0}, word_min_df=1, modern=False)
    verbatim = [t if i % 4 == 0 else None for i, t in enumerate(rows["task"])]
    cv = cross_validate(rows, config, n_folds=2, index=build_index(onet), index_rows=index_frame(onet),
                        extra={"p": verbatim})
    words, blended = cv["words_proba"]["text"], cv["proba"]["text"]
    np.testing.assert_allclose(blended.sum(axis=1), 1.0)
    assert not np.allclose(words, blended)
    assert "title" not in cv["words_proba"]  # a comparison the scorer never uses: not blended
    have = ~np.isnan(cv["extra_coded"]["p"]).any(axis=1)
    assert have.sum() == 20
    # a verbatim copy with its code and title, before the blend, is its original's text-set score
    np.testing.assert_allclose(cv["extra_coded_words"]["p"][have], words[have])
    # blended, it meets itself in the whole index, while its original met other occupations
    assert not np.allclose(cv["extra_coded"]["p"][have], blended[have])
    np.testing.assert_allclose(cv["extra_coded"]["p"][have], cv["extra"]["p"][have])


def test_cross_validation_blends_the_text_alone_as_the_scorer_does():
    # trial G: held-out originals meet the fold's index only; an extra text (a rewording)
    # meets the whole index too, where it may find the task it rewords
    labels = synthetic_labels(n_occ=8, n_tasks=10)
    onet = synthetic_onet(labels)
    rows = training_frame(labels, onet)
    config = TrainConfig(sets={"onet": ["word", "activity"], "free": ["word"]}, C={"onet": 2.0, "free": 1.0},
                         word_min_df=1, modern=False)
    verbatim = [t if i % 4 == 0 else None for i, t in enumerate(rows["task"])]
    cv = cross_validate(rows, config, n_folds=2, index=build_index(onet), index_rows=index_frame(onet),
                        extra={"p": verbatim})
    words, blended = cv["words_proba"]["free"], cv["proba"]["free"]
    np.testing.assert_allclose(blended.sum(axis=1), 1.0)
    assert not np.allclose(words, blended)
    have = ~np.isnan(cv["extra"]["p"]).any(axis=1)
    assert have.sum() == 20
    # a verbatim copy scored before the blend is its original scored before the blend
    np.testing.assert_allclose(cv["extra_words"]["p"][have], words[have])
    # in the whole index it finds itself (similarity 1: its fold's onet-set probabilities);
    # in the fold's index, only tasks of other occupations
    assert not np.allclose(cv["extra"]["p"][have], cv["extra_unlisted"]["p"][have])
    np.testing.assert_allclose(cv["extra_unlisted"]["p"][have], blended[have])
    # without the onet set there is no payload to blend with
    plain = cross_validate(rows, TrainConfig(sets={"free": ["word"]}, C={"free": 1.0}, word_min_df=1,
                                             modern=False),
                           n_folds=2, index=build_index(onet), index_rows=index_frame(onet))
    assert plain["words_proba"] == {}
