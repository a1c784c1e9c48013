"""Free text on the real data: retrieval, confidence, the O*NET-id path, the CLI chain.

The paraphrases and the tenth modern set (``tests/data/scoring/freetext/``) were written by
hand before any scorer saw them; they are test sets, never used to tune the scorer. The
first nine modern sets were test sets too until 4 December 2026, when (trial T2, docs:
Agreement with the human labels) they became training rows of the text-alone set, in the
package (``exposure/data/training/modern_tasks.csv``, column ``set``): their figures are
now of a model that has seen them, and their tests keep their form and floors only.
"""

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from exposure._load import load
from exposure.measures.eloundou import load_task_labels
from exposure.onet import load_onet
from exposure.reports.agreement import modern_report
from exposure.scoring import score_tasks, task_score_table
from exposure.scoring.learned import load_model
from exposure.scoring.retrieval import build_index

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def onet(shared_data):
    return load_onet("29.1", mirror=shared_data)


@pytest.fixture(scope="module")
def freetext(fixtures):
    return fixtures / "scoring" / "freetext"


@pytest.fixture(scope="module")
def modern_sets():
    """Set name (``modern_tasks``, ``modern_tasks_v2`` ... ``_v9``) -> its rows, as the set's file had them."""
    import importlib.resources

    from exposure.scoring._train import MODERN_TRAINING

    with importlib.resources.files("exposure").joinpath(*MODERN_TRAINING).open("r", encoding="utf-8") as f:
        rows = pd.read_csv(f)
    return {name: part.drop(columns="set").dropna(axis=1, how="all").reset_index(drop=True)
            for name, part in rows.groupby("set", sort=False)}


def _other_tasks(modern_sets, freetext, name):
    """Tasks of every modern set but ``name``: the nine training sets and the test sets."""
    tasks = [part["task"] for other, part in modern_sets.items() if other != name]
    tasks += [pd.read_csv(f)["task"] for f in sorted(freetext.glob("modern_tasks*.csv")) if f.stem != name]
    return pd.concat(tasks)


def test_shipped_index_is_the_index_of_onet_29_1(onet):
    """The pinned artifact holds O*NET 29.1's tasks, in order, and the same vectors as a rebuild."""
    index = load_model().index
    assert index is not None and index.metadata["onet_release"] == "29.1"
    assert index.n_tasks == 18796 and index.dwas.shape[0] == 2087
    assert index.task_ids.tolist() == onet.tasks["task_id"].astype("int64").tolist()
    rebuilt = build_index(onet)
    assert rebuilt.vectorizer.vocabulary == index.vectorizer.vocabulary
    assert abs(rebuilt.tasks - index.tasks).max() < 1e-6  # float32 storage


def test_onet_task_text_finds_itself(onet):
    """An O*NET statement given as free text retrieves its own task (or an identical one)."""
    sample = onet.tasks.sample(300, random_state=0)
    out = score_tasks(sample[["task"]])
    index = load_model().index
    same = [index.onetsoc_codes[index.task_ids == t].tolist() for t in sample["task_id"]]
    found = out["nearest_task_id"].astype("int64").to_numpy() == sample["task_id"].to_numpy()
    texts = dict(zip(onet.tasks["task_id"], onet.tasks["task"]))
    equal_text = [texts[a] == texts[b] for a, b in zip(out["nearest_task_id"], sample["task_id"])]
    assert np.mean(found | np.array(equal_text)) > 0.97 and len(same) == 300
    # not 1: the most common terms are left out of the index (they stay in the query's norm)
    assert out["similarity"].median() > 0.85 and (out["similarity"] > 0.6).mean() > 0.95


def test_paraphrases_are_grounded_in_their_task(onet, freetext):
    para = pd.read_csv(freetext / "paraphrases.csv")
    out = score_tasks(para[["paraphrase"]], text_column="paraphrase")
    same_occupation = (out["nearest_onetsoc_code"].astype(str) == para["onetsoc_code"]).mean()
    assert same_occupation > 0.4  # the occupation of the closest O*NET task, out of 923
    assert out["confidence"].between(0, 1).all()


def test_paraphrase_sets_reword_labelled_tasks_of_their_draws(shared_data, onet, freetext):
    """Each set: its draw's tasks, in order, each labelled and reworded once; the sets disjoint."""
    from exposure.reports.agreement import check_paraphrases
    from exposure.scoring._train import training_frame

    labelled = training_frame(load_task_labels(mirror=shared_data), onet)
    keys = {}
    for suffix, n in (("", 240), ("_v2", 260), ("_v3", 260), ("_v4", 260), ("_v5", 260), ("_v6", 260),
                      ("_v7", 260), ("_v8", 260), ("_v9", 260), ("_v10", 260), ("_v11", 260),
                      ("_v12", 260), ("_v13", 260)):
        para = pd.read_csv(freetext / f"paraphrases{suffix}.csv")
        sample = pd.read_csv(freetext / f"paraphrase_sample{suffix}.csv")
        checked = check_paraphrases(para, labelled)
        assert len(checked) == n
        assert list(zip(para["onetsoc_code"], para["task_id"])) == list(zip(sample["onetsoc_code"],
                                                                           sample["task_id"]))
        keys[suffix] = set(zip(para["onetsoc_code"], para["task_id"]))
    seen: set = set()
    for suffix in ("", "_v2", "_v3", "_v4", "_v5", "_v6", "_v7", "_v8", "_v9", "_v10", "_v11", "_v12", "_v13"):
        assert not seen & keys[suffix], suffix
        seen |= keys[suffix]


def test_modern_tasks_report(modern_sets):
    modern = modern_sets["modern_tasks"]
    table = modern_report(modern).set_index("measure")
    assert table.loc["exposed vs not", "n_tasks"] == len(modern) >= 150
    # figures reported in docs/validation/agreement.md; a floor against regressions
    assert table.loc["exposed vs not", "share_right"] > 0.75
    assert table.loc["exposed vs not (gamma >= 0.5)", "share_right"] > 0.75


def test_onet_id_path_equals_the_shipped_task_scores(onet):
    """Grounding changed the free-text path only: O*NET tasks keep their published scores."""
    tasks = onet.tasks.merge(onet.occupations[["onetsoc_code", "title"]], on="onetsoc_code", how="left")
    keys = ["onetsoc_code", "task_id"]
    cols = [*keys, "p_e0", "p_e1", "p_e2", "label", "alpha", "beta", "gamma", "method"]
    table = task_score_table(score_tasks(tasks, onet=onet))[cols].sort_values(keys)
    shipped = load("task_scores")[cols].sort_values(keys)  # rounded to 12 decimals when written
    pd.testing.assert_frame_equal(table.reset_index(drop=True), shipped.reset_index(drop=True),
                                  check_dtype=False, atol=1e-11, rtol=0)


def test_score_output_on_onet_headers_feeds_rollup(onet, shared_data, tmp_path):
    """``exposure score`` on a file with O*NET's own headers, then ``exposure rollup`` on its output."""
    tasks = onet.tasks[onet.tasks["onetsoc_code"].str.startswith("43-")].head(200)
    src = tmp_path / "tasks.csv"
    tasks.rename(columns={"onetsoc_code": "O*NET-SOC Code", "task_id": "Task ID", "task": "Task",
                          "task_type": "Task Type"})[["O*NET-SOC Code", "Task ID", "Task", "Task Type"]] \
        .to_csv(src, index=False)
    scored = tmp_path / "scored.csv"
    run = [sys.executable, "-m", "exposure.cli"]
    subprocess.run([*run, "score", str(src), "-o", str(scored), "--mirror", str(shared_data)], check=True,
                   capture_output=True)
    head = scored.read_text().splitlines()[0].split(",")
    assert head[:4] == ["onetsoc_code", "task_id", "task", "task_type"]
    done = subprocess.run([*run, "rollup", str(scored), "-o", str(tmp_path / "rolled"), "--mirror",
                           str(shared_data), "--bootstrap", "0"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "rolled").is_dir()


def test_labels_are_not_in_the_index_payload_verbatim(shared_data):
    """The payload is the work-activity model's probabilities, not the published labels."""
    labels = load_task_labels(mirror=shared_data)
    index = load_model().index
    onehot = np.isclose(index.payload.max(axis=1), 1.0)
    assert onehot.mean() < 0.01 and len(labels) > 0


def test_evaluate_refuses_bad_paraphrase_and_modern_files_before_the_long_run(shared_data, freetext, tmp_path,
                                                                               capsys):
    """The shipped fixtures pass; a bad row is named by file and line in seconds, not after the CV."""
    from exposure.cli import main
    good = pd.read_csv(freetext / "paraphrases.csv", dtype=str).head(3)
    bad = tmp_path / "para.csv"
    good.assign(paraphrase=["Reword.", "", "Again."]).to_csv(bad, index=False)
    argv = ["evaluate", "--mirror", str(shared_data), "--out", str(tmp_path / "a.csv")]
    assert main([*argv, "--paraphrases", str(bad)]) == 2
    assert f"{bad}, row 3, column 'paraphrase'" in capsys.readouterr().err
    modern = tmp_path / "modern.csv"
    pd.read_csv(freetext / "modern_tasks_v10.csv", dtype=str).head(3).assign(label="E9").to_csv(modern, index=False)
    assert main([*argv, "--modern", str(modern)]) == 2
    assert f"{modern}, row 2, column 'label': label must be E0, E1 or E2, got 'E9'" in capsys.readouterr().err
    assert not (tmp_path / "a.csv").exists()


def test_lexicon_words_added_to_the_vectors_are_in_no_statement_the_model_was_trained_on(onet, shared_data):
    """The lexicon extends the vectors without changing what the trained model saw.

    The words the vectors gained from the lexicon (after their distilled vocabulary) may
    occur in no O*NET 29.1 statement and no labelled training statement: those texts'
    features, and so the fitted coefficients, would change.
    """
    from exposure.scoring._distill import read_lexicon
    from exposure.scoring._features import tokenize

    vectors = load_model().vectors
    added = set(vectors.words[vectors.metadata["n_words"]:])
    assert len(added) > 500 and added <= set(read_lexicon())
    labels = load_task_labels(mirror=shared_data)
    seen = set(tokenize(onet.tasks["task"].astype(str)).words) | set(tokenize(labels["task"].astype(str)).words)
    assert not added & seen


def test_second_modern_set_is_distinct_from_the_first_and_reported(modern_sets):
    """modern_tasks_v2: written after the lexicon, none of its tasks taken from the first set."""
    first = modern_sets["modern_tasks"]
    second = modern_sets["modern_tasks_v2"]
    assert len(second) == 80 and second["task"].is_unique
    assert not set(second["task"].str.lower()) & set(first["task"].str.lower())
    table = modern_report(second).set_index("measure")
    assert table.loc["exposed vs not", "n_tasks"] == 80
    # figures reported in docs/validation/agreement.md; a floor against regressions
    assert table.loc["exposed vs not", "share_right"] > 0.75


@pytest.mark.parametrize("name, n", [("modern_tasks_v3", 170), ("modern_tasks_v4", 180),
                                     ("modern_tasks_v5", 180)])
def test_blind_category_sets_are_distinct_and_reported(modern_sets, freetext, name, n):
    """The sets written blind to test the free-text category layer (docs: Categories)."""
    blind = modern_sets[name]
    assert len(blind) == n and blind["task"].is_unique
    others = _other_tasks(modern_sets, freetext, name)
    assert not set(blind["task"].str.lower()) & set(others.str.lower())
    table = modern_report(blind).set_index("measure")
    # figures reported in docs/methods/categories.md; floors against regressions
    for cat in ("admin", "routine_coding", "entry_creative"):
        row = table.loc[f"category {cat}"]
        assert row["n_labelled"] >= 35
        assert row["precision"] > 0.85 and row["recall"] > 0.5, (cat, row.to_dict())


def test_sixth_modern_set_clear_labels_is_distinct_and_reported(modern_sets, freetext):
    """modern_tasks_v6.csv: 200 tasks with clear labels, written blind by another hand (4 December 2026).

    Written from the rubric and the category definitions alone, with today's tools named on
    both sides (110 exposed, 90 E0), in five styles; scored once when it was written. The
    figures are in docs/validation/agreement.md ("Modern tasks"); these are floors a little
    under them, against regressions.
    """
    blind = modern_sets["modern_tasks_v6"]
    assert len(blind) == 200 and blind["task"].is_unique
    assert int(blind["exposed"].sum()) == 110
    assert (blind["exposed"] == blind["label"].isin(["E1", "E2"])).all()
    others = _other_tasks(modern_sets, freetext, "modern_tasks_v6")
    assert not set(blind["task"].str.lower()) & set(others.str.lower())
    table = modern_report(blind).set_index("measure")
    assert table.loc["exposed vs not (gamma >= 0.5)", "share_right"] >= 0.94  # 0.955 when written
    assert table.loc["exposed vs not", "share_right"] >= 0.92  # 0.935
    for cat in ("admin", "routine_coding", "entry_creative"):
        row = table.loc[f"category {cat}"]
        assert row["n_labelled"] == 30
        assert row["precision"] > 0.8 and row["recall"] > 0.7, (cat, row.to_dict())


def test_seventh_modern_set_blind_for_category_round_4_is_reported(modern_sets, freetext):
    """modern_tasks_v7.csv: 210 tasks written blind to test round 4 of the free-text tagger.

    Scored once with the tagger before and after round 4 (docs: Categories, "Round 4");
    these floors sit a little under the shipped figures.
    """
    blind = modern_sets["modern_tasks_v7"]
    assert len(blind) == 210 and blind["task"].is_unique
    assert (blind["exposed"] == blind["label"].isin(["E1", "E2"])).all()
    others = _other_tasks(modern_sets, freetext, "modern_tasks_v7")
    assert not set(blind["task"].str.lower()) & set(others.str.lower())
    table = modern_report(blind).set_index("measure")
    floors = {"admin": (0.85, 0.7), "routine_coding": (0.95, 0.8), "entry_creative": (0.95, 0.675)}
    for cat, (precision, recall) in floors.items():
        row = table.loc[f"category {cat}"]
        assert row["n_labelled"] == 40
        assert row["precision"] >= precision and row["recall"] >= recall, (cat, row.to_dict())
    assert table.loc["exposed vs not (gamma >= 0.5)", "share_right"] >= 0.87  # 0.895 when written


def test_eighth_modern_set_tools_in_manual_work_is_reported(modern_sets, freetext):
    """modern_tasks_v8.csv: 220 tasks written blind, half of them manual work that names its tools.

    The test set of a change that was not shipped (docs/validation/agreement.md, "The work,
    not the tool"); scored once with the shipped model. Floors a little under its figures.
    """
    blind = modern_sets["modern_tasks_v8"]
    assert len(blind) == 220 and blind["task"].is_unique
    assert int(blind["exposed"].sum()) == 110
    assert (blind["exposed"] == blind["label"].isin(["E1", "E2"])).all()
    others = _other_tasks(modern_sets, freetext, "modern_tasks_v8")
    assert not set(blind["task"].str.lower()) & set(others.str.lower())
    table = modern_report(blind).set_index("measure")
    assert table.loc["exposed vs not (gamma >= 0.5)", "share_right"] >= 0.83  # 0.855 when written
    for cat in ("admin", "routine_coding", "entry_creative"):
        assert table.loc[f"category {cat}", "precision"] >= 0.65, cat


def test_ninth_modern_set_is_well_formed_and_distinct(modern_sets, freetext):
    """modern_tasks_v9: 240 tasks written blind; the test set of trial T, then a training set."""
    from exposure.reports.agreement import check_modern_tasks

    blind = check_modern_tasks(modern_sets["modern_tasks_v9"])
    assert len(blind) == 240 and blind["task"].is_unique and int(blind["exposed"].sum()) == 120
    assert (blind["exposed"] == blind["label"].isin(["E1", "E2"])).all()
    others = _other_tasks(modern_sets, freetext, "modern_tasks_v9")
    assert not set(blind["task"].str.lower()) & set(others.str.lower())


def test_modern_training_rows_are_the_fifteen_sets(freetext):
    """The package's training rows: the nine sets of trial T2, the four of T3, the two of T4, each task once.

    The six (v10, v11, v13, v14, v12, v16) are the files of tests/data/scoring/freetext/, row
    for row, but for the one task of v12 that repeats a task of the first set up to its
    final full stop (left out of the training rows).
    """
    from exposure.scoring._train import modern_training_rows

    rows = modern_training_rows()
    sizes = rows.groupby("set", sort=False).size()
    assert sizes.to_dict() == {"modern_tasks": 187, "modern_tasks_v2": 80, "modern_tasks_v3": 170,
                               "modern_tasks_v4": 180, "modern_tasks_v5": 180, "modern_tasks_v6": 200,
                               "modern_tasks_v7": 210, "modern_tasks_v8": 220, "modern_tasks_v9": 240,
                               "modern_tasks_v10": 240, "modern_tasks_v11": 240, "modern_tasks_v13": 236,
                               "modern_tasks_v14": 239, "modern_tasks_v12": 239, "modern_tasks_v16": 239}
    assert rows["task"].str.lower().is_unique
    for name in ("modern_tasks_v10", "modern_tasks_v11", "modern_tasks_v13", "modern_tasks_v14",
                 "modern_tasks_v12", "modern_tasks_v16"):
        written = pd.read_csv(freetext / f"{name}.csv", dtype=str, keep_default_na=False)
        if name == "modern_tasks_v12":
            repeat = written["task"] == "Debug a Python function that returns wrong totals for discounted orders"
            assert repeat.sum() == 1
            written = written[~repeat]
        assert rows.loc[rows["set"] == name, "task"].tolist() == written["task"].tolist()
        assert rows.loc[rows["set"] == name, "label"].tolist() == written["label"].tolist()
    model = load_model()
    assert model.metadata["n_modern"] == len(rows) == 3100
    assert model.metadata["config"]["modern"] is True


@pytest.mark.parametrize(("name", "n", "n_exposed"), [("modern_tasks_v13", 236, 119),
                                                       ("modern_tasks_v14", 239, 119),
                                                       ("modern_tasks_v16", 239, 119)])
def test_trial_t3_t4_training_sets_are_well_formed_and_distinct(modern_sets, freetext, name, n, n_exposed):
    """modern_tasks_v13/v14.csv (trial T3) and v16 (T4): written blind, 240 each, repeats of other sets dropped."""
    from exposure.reports.agreement import check_modern_tasks

    written = check_modern_tasks(pd.read_csv(freetext / f"{name}.csv"))
    assert len(written) == n and written["task"].str.lower().is_unique
    assert int(written["exposed"].sum()) == n_exposed
    assert (written["exposed"] == written["label"].isin(["E1", "E2"])).all()
    assert all(written[c].sum() >= 20 for c in ("admin", "routine_coding", "entry_creative"))
    others = _other_tasks(modern_sets, freetext, name)
    assert not set(written["task"].str.lower()) & set(others.str.lower())


def test_trial_t5_training_set_is_well_formed_and_distinct(modern_sets, freetext):
    """modern_tasks_v18.csv (trial T5's new training rows): written blind, 240, none of another set.

    Its design (docs/validation/agreement.md, trial T5): 80 exposed tasks of booking and
    record upkeep in named systems, 80 E0 hands-on tasks in job-ad, first-person, résumé or
    survey voice, 80 exposed tasks of work with AI systems and their data.
    """
    from exposure.reports.agreement import check_modern_tasks

    written = check_modern_tasks(pd.read_csv(freetext / "modern_tasks_v18.csv"))
    assert len(written) == 240 and written["task"].str.lower().is_unique
    assert int(written["exposed"].sum()) == 160
    assert (written["exposed"] == written["label"].isin(["E1", "E2"])).all()
    assert not written.loc[~written["exposed"], ["admin", "routine_coding", "entry_creative"]].any().any()
    others = _other_tasks(modern_sets, freetext, "modern_tasks_v18")
    assert not set(written["task"].str.lower()) & set(others.str.lower())


@pytest.mark.parametrize("name", ["modern_tasks_v15", "modern_tasks_v17", "modern_tasks_v19"])
def test_blind_modern_sets_are_well_formed_and_distinct(modern_sets, freetext, name):
    """modern_tasks_v15.csv (after trial T3, T4's blind test), v17 (after T4, T5's) and v19 (after T5).

    Only their form is checked here: 240 tasks, 120 exposed, at least 20 of each category,
    none of another set. v15 and v17 were scored once, each as the blind test of a trial
    (docs/validation/agreement.md); the shipped model's figures on them are pinned below.
    No scorer or tagger is run on v19, nor on paraphrases_v13.csv (whose form the test of
    the paraphrase sets checks): they are the clean test of the next change to the
    free-text path.
    """
    from exposure.reports.agreement import check_modern_tasks

    blind = check_modern_tasks(pd.read_csv(freetext / f"{name}.csv"))
    assert len(blind) == 240 and blind["task"].str.lower().is_unique and int(blind["exposed"].sum()) == 120
    assert (blind["exposed"] == blind["label"].isin(["E1", "E2"])).all()
    assert all(blind[c].sum() >= 20 for c in ("admin", "routine_coding", "entry_creative"))
    others = _other_tasks(modern_sets, freetext, name)
    assert not set(blind["task"].str.lower()) & set(others.str.lower())


def test_blind_test_of_trial_t5(freetext):
    """Trial T5 (not shipped): the shipped model's (T4's) figures on its blind modern set, run once.

    modern_tasks_v17.csv (240 tasks written blind on 6 December): exposed vs not by gamma
    and by the label 98.75% (237 of 240), three-way 88.3%; T5 would have given 97.9%, so it
    was not shipped (docs/validation/agreement.md, trial T5). Floors a little under the
    shipped model's.
    """
    from exposure.reports.agreement import check_modern_tasks

    blind = check_modern_tasks(pd.read_csv(freetext / "modern_tasks_v17.csv"))
    table = modern_report(blind).set_index("measure")
    assert table.loc["exposed vs not (gamma >= 0.5)", "share_right"] >= 0.98  # 237 of 240
    assert table.loc["exposed vs not", "share_right"] >= 0.98  # 237 of 240
    assert table.loc["label (E0/E1/E2)", "share_right"] >= 0.875  # 212 of 240


def test_blind_test_of_trial_t4(freetext):
    """Trial T4, the text-alone set trained on two more modern sets: its blind modern test, run once.

    modern_tasks_v15.csv (240 tasks written blind on 5 December): exposed vs not by gamma
    224 -> 228 of 240 (93.3% -> 95.0%), by the label 93.75% -> 95.0%, three-way 84.6% ->
    87.1% (docs/validation/agreement.md, trial T4). Floors a little under the shipped model's.
    """
    from exposure.reports.agreement import check_modern_tasks

    blind = check_modern_tasks(pd.read_csv(freetext / "modern_tasks_v15.csv"))
    table = modern_report(blind).set_index("measure")
    assert table.loc["exposed vs not (gamma >= 0.5)", "share_right"] >= 0.945  # 228 of 240
    assert table.loc["exposed vs not", "share_right"] >= 0.945  # 228 of 240
    assert table.loc["label (E0/E1/E2)", "share_right"] >= 0.865  # 209 of 240


def test_blind_test_of_trial_t3(freetext):
    """Trial T3, the text-alone set trained on four more modern sets: its blind modern test, run once.

    modern_tasks_v12.csv (240 tasks written blind on 4 December): exposed vs not by gamma
    222 -> 226 of 240 (92.5% -> 94.2%), by the label 95.0% -> 95.8%, three-way 85.0% -> 89.6%
    (docs/validation/agreement.md, trial T3). Floors a little under T3's. Since trial T4
    the set is a training set (a figure on training rows).
    """
    from exposure.reports.agreement import check_modern_tasks

    blind = check_modern_tasks(pd.read_csv(freetext / "modern_tasks_v12.csv"))
    table = modern_report(blind).set_index("measure")
    assert table.loc["exposed vs not (gamma >= 0.5)", "share_right"] >= 0.935  # 226 of 240
    assert table.loc["exposed vs not", "share_right"] >= 0.95  # 230 of 240
    assert table.loc["label (E0/E1/E2)", "share_right"] >= 0.885  # 215 of 240


def test_tenth_modern_set_clean_test_of_trial_t2(modern_sets, freetext):
    """modern_tasks_v10.csv: 240 tasks written blind after trial T2's rule; scored once each way.

    The shipped model before T2 got 89.6% exposed-vs-not by gamma (215 of 240), the model
    trained with the nine modern sets 96.25% (231): docs/validation/agreement.md. A floor a
    little under it. Since trial T3 the set is a training set (a figure on training rows).
    """
    from exposure.reports.agreement import check_modern_tasks

    blind = check_modern_tasks(pd.read_csv(freetext / "modern_tasks_v10.csv"))
    assert len(blind) == 240 and blind["task"].is_unique and int(blind["exposed"].sum()) == 120
    assert (blind["exposed"] == blind["label"].isin(["E1", "E2"])).all()
    others = _other_tasks(modern_sets, freetext, "modern_tasks_v10")
    assert not set(blind["task"].str.lower()) & set(others.str.lower())
    table = modern_report(blind).set_index("measure")
    assert table.loc["exposed vs not (gamma >= 0.5)", "share_right"] >= 0.95
    assert table.loc["label (E0/E1/E2)", "share_right"] >= 0.85  # 0.883 when scored


def test_eleventh_modern_set_is_well_formed_and_distinct(modern_sets, freetext):
    """modern_tasks_v11.csv: 240 tasks written blind; since trial T3 a training set.

    Its form is checked here; its exposure labels were the blind test of trial G, its
    category columns of category round 5 (below; docs/validation/agreement.md).
    """
    from exposure.reports.agreement import check_modern_tasks

    blind = check_modern_tasks(pd.read_csv(freetext / "modern_tasks_v11.csv"))
    assert len(blind) == 240 and blind["task"].is_unique and int(blind["exposed"].sum()) == 120
    assert (blind["exposed"] == blind["label"].isin(["E1", "E2"])).all()
    others = _other_tasks(modern_sets, freetext, "modern_tasks_v11")
    assert not set(blind["task"].str.lower()) & set(others.str.lower())


def test_twelfth_modern_set_is_well_formed_and_distinct(modern_sets, freetext):
    """modern_tasks_v12.csv: 240 tasks written blind after trial G.

    Its form is checked here; its exposure labels were the blind test of trial T3 (below),
    its category columns of category round 6 (docs/validation/agreement.md).
    """
    from exposure.reports.agreement import check_modern_tasks

    blind = check_modern_tasks(pd.read_csv(freetext / "modern_tasks_v12.csv"))
    assert len(blind) == 240 and blind["task"].str.lower().is_unique and int(blind["exposed"].sum()) == 120
    assert (blind["exposed"] == blind["label"].isin(["E1", "E2"])).all()
    assert all(blind[c].sum() >= 20 for c in ("admin", "routine_coding", "entry_creative"))
    others = _other_tasks(modern_sets, freetext, "modern_tasks_v12")
    assert not set(blind["task"].str.lower()) & set(others.str.lower())


def test_blind_test_of_trial_g(shared_data, onet, freetext):
    """Trial G, the text alone blended with its closest O*NET tasks: its blind test, run once.

    Fold seed 0 on paraphrases_v6.csv (260 rewordings written blind): before the blend
    originals 0.495, paraphrases 0.374 (a gap of 0.121); with it 0.519 and 0.554 (-0.035);
    the text-alone kappa of all originals 0.531 -> 0.542. modern_tasks_v11.csv: exposed vs
    not by gamma 230 -> 229 of 240 (docs/validation/agreement.md, trial G). Floors a little
    under them; the words-only figures must stay below the blend's (the test fails if the
    blend is dropped).
    """
    from exposure.reports.agreement import check_modern_tasks, check_paraphrases
    from exposure.scoring._evaluate import cohen_kappa
    from exposure.scoring._train import TrainConfig, cross_validate, index_frame, training_frame

    rows = training_frame(load_task_labels(mirror=shared_data), onet)
    para = check_paraphrases(pd.read_csv(freetext / "paraphrases_v6.csv"), rows)
    text = {(c, int(t)): p for c, t, p in zip(para["onetsoc_code"], para["task_id"], para["paraphrase"])}
    extra = [text.get((c, int(t))) for c, t in zip(rows["onetsoc_code"], rows["task_id"])]
    config = TrainConfig(sets={"onet": TrainConfig().sets["onet"], "free": TrainConfig().sets["free"]})
    cv = cross_validate(rows, config, seed=0, index=build_index(onet), index_rows=index_frame(onet),
                        extra={"v6": extra})
    y = rows["y"].to_numpy()
    m = ~np.isnan(cv["extra"]["v6"]).any(axis=1)
    assert m.sum() == 260

    def kappa(p, where=m):
        return cohen_kappa(y[where], p[where].argmax(axis=1))

    originals, paraphrases = kappa(cv["proba"]["free"]), kappa(cv["extra"]["v6"])
    assert paraphrases >= 0.53 and originals - paraphrases <= 0.05, (originals, paraphrases)
    assert kappa(cv["extra_words"]["v6"]) < paraphrases - 0.1
    everything = np.ones(len(y), dtype=bool)
    assert kappa(cv["proba"]["free"], everything) >= 0.54 > kappa(cv["words_proba"]["free"], everything)
    blind = check_modern_tasks(pd.read_csv(freetext / "modern_tasks_v11.csv"))
    table = modern_report(blind).set_index("measure")
    assert table.loc["exposed vs not (gamma >= 0.5)", "share_right"] >= 0.95  # 229 of 240


def test_eleventh_modern_set_blind_for_category_round_5(freetext):
    """modern_tasks_v11.csv's category columns: the blind test of category round 5, run once.

    Round 4 got admin 0.778 / 0.600 (F1 0.677), round 5 0.900 / 0.771 (F1 0.831); routine
    coding 0.960 / 0.828 and entry-level creative 0.842 / 0.800 with both
    (docs/methods/categories.md). Floors a little under them. Only the tagger runs here:
    the set's exposure labels stay unscored (the next scorer change's test).
    """
    from exposure.reports.agreement import check_modern_tasks
    from exposure.scoring.categories import tag_categories

    blind = check_modern_tasks(pd.read_csv(freetext / "modern_tasks_v11.csv"))
    tags = tag_categories(blind[["task"]])
    floors = {"admin": (0.85, 0.74), "routine_coding": (0.92, 0.79), "entry_creative": (0.8, 0.75)}
    for cat, (p_floor, r_floor) in floors.items():
        truth, tagged = blind[cat].astype(bool).to_numpy(), tags[cat].to_numpy(dtype=bool)
        hits = int((truth & tagged).sum())
        assert hits / tagged.sum() >= p_floor and hits / truth.sum() >= r_floor, (cat, hits, tagged.sum())


def test_twelfth_modern_set_blind_for_category_round_6(freetext):
    """modern_tasks_v12.csv's category columns: the blind test of category round 6, run once.

    Round 6 was not shipped (mean F1 0.846 against round 5's 0.859: docs/methods/categories.md);
    the shipped round 5 got admin 0.846 / 0.880, routine coding 0.810 / 0.810 and
    entry-level creative 0.950 / 0.864 (precision / recall). Floors a little under them.
    Only the tagger runs here.
    """
    from exposure.reports.agreement import check_modern_tasks
    from exposure.scoring.categories import tag_categories

    blind = check_modern_tasks(pd.read_csv(freetext / "modern_tasks_v12.csv"))
    tags = tag_categories(blind[["task"]])
    floors = {"admin": (0.8, 0.84), "routine_coding": (0.76, 0.76), "entry_creative": (0.9, 0.82)}
    for cat, (p_floor, r_floor) in floors.items():
        truth, tagged = blind[cat].astype(bool).to_numpy(), tags[cat].to_numpy(dtype=bool)
        hits = int((truth & tagged).sum())
        assert hits / tagged.sum() >= p_floor and hits / truth.sum() >= r_floor, (cat, hits, tagged.sum())


def test_blind_test_of_trial_h(shared_data, onet, freetext):
    """Trial H, text with an O*NET-SOC code blended with its closest O*NET tasks: its blind test.

    Fold seed 0 on paraphrases_v8.csv (260 rewordings written blind), given with their task's
    code and title (the ``text`` set): before the blend paraphrases 0.476 against their
    originals' 0.459; with it 0.532 against 0.448; the ``text``-set kappa of all originals
    0.5400 -> 0.5391 (docs/validation/agreement.md, trial H). Floors a little under them;
    the figures before the blend must stay below (the test fails if the blend is dropped).
    """
    from exposure.reports.agreement import check_paraphrases
    from exposure.scoring._evaluate import cohen_kappa
    from exposure.scoring._train import TrainConfig, cross_validate, index_frame, training_frame

    rows = training_frame(load_task_labels(mirror=shared_data), onet)
    para = check_paraphrases(pd.read_csv(freetext / "paraphrases_v8.csv"), rows)
    text = {(c, int(t)): p for c, t, p in zip(para["onetsoc_code"], para["task_id"], para["paraphrase"])}
    extra = [text.get((c, int(t))) for c, t in zip(rows["onetsoc_code"], rows["task_id"])]
    config = TrainConfig(sets={"onet": TrainConfig().sets["onet"], "text": TrainConfig().sets["text"]})
    cv = cross_validate(rows, config, seed=0, index=build_index(onet), index_rows=index_frame(onet),
                        extra={"v8": extra})
    y = rows["y"].to_numpy()
    m = ~np.isnan(cv["extra_coded"]["v8"]).any(axis=1)
    assert m.sum() == 260

    def kappa(p, where=m):
        return cohen_kappa(y[where], p[where].argmax(axis=1))

    originals, paraphrases = kappa(cv["proba"]["text"]), kappa(cv["extra_coded"]["v8"])
    assert paraphrases >= 0.51 and originals - paraphrases <= 0.05, (originals, paraphrases)
    assert kappa(cv["extra_coded_words"]["v8"]) < paraphrases - 0.03
    everything = np.ones(len(y), dtype=bool)
    assert kappa(cv["proba"]["text"], everything) >= 0.535
