"""Fault round 76 (second wave), number arguments: figures, category reports, training, releases.

1. The employment floor of the figures and results tables (``min_employment`` of
   ``reports.figures.ranked``, ``plot_ranked_occupations``, ``results_tables`` and
   ``render_results``) given as a ``decimal.Decimal`` (what a database driver gives for a
   ``NUMERIC`` column) or a ``fractions.Fraction`` was refused:
   ``min_employment must be a number of workers of 0 or more (0: no floor), got Decimal
   150000``. Now it is read as the number it is (``_args.as_real``): the same lists, tables
   and figures as of ``150000``; ``Decimal('NaN')``, ``Decimal('-1')`` and True are refused
   as before, shown as written.
2. The interval ``level`` of ``reports.categories.validation_metrics`` and
   ``category_estimates`` given as a Decimal or a Fraction was refused: ``level must be a
   number between 0 and 1 (0.95 for 95%), got Decimal 0.9``. Now it is read as that number
   (the same intervals as of ``0.9``); ``Decimal(95)`` is refused as 95 is.
3. ``scoring.categories.nearest_occupations(..., min_score=Decimal('0.5'))`` was refused
   (``min_score must be a number in [0, 1], got Decimal('0.5')``). Now it is read as 0.5;
   ``Decimal('1.5')`` and ``Decimal('NaN')`` are refused as before.
4. ``scoring._train.TrainConfig`` kept its number hyper-parameters as they were given, and
   the training failed on them, or the trained model could not be loaded, only after the
   work was done: a weight given as a numpy number (``weights={"word": np.float32(1.5)}``,
   ``np.int64(1)``, as a grid search over ``np.linspace`` gives them) was written into the
   artifact's ``metadata.json`` as text (``"1.5"``), and ``load_model`` then refused the
   model just trained (``the model artifact's weights must map feature blocks to numbers,
   got dict``); ``C={"onet": Decimal(2)}`` was accepted, then scikit-learn raised
   ``InvalidParameterError: The 'C' parameter of LogisticRegression must be a float ...
   Got Decimal('2') instead`` in the first fit; a float32 ``C`` was recorded as the text
   ``"2.0"``. A Decimal weight was refused (``TrainConfig weights['word'] must be a number
   of 0 or more (the multiplier of the block), got Decimal 2``) and so was a
   ``char_ngram`` of Decimals (``got tuple (Decimal('2'), Decimal('5'))``). Now each ``C``
   and weight is kept as the plain int or float it is (a float32 as the decimal it shows),
   ``char_ngram`` items as ints, and every weight given is checked, used or not (each is
   stored in the artifact): the model trains, saves and loads with its weights.
5. A weight of ``TrainConfig`` for a feature block that does not exist (``"contxt"``, a
   typo of ``context``) was stored and never used, without a word: the ``context`` block
   kept its default weight of 3.0. Now it is refused as a mistyped block of ``sets`` is:
   ``TrainConfig weights: unknown feature block 'contxt'; the blocks are word, char, title,
   major, activity, context, grounded, embed`` (``'Context'`` is told to write
   ``'context'``).
6. ``reports.figures.read_results`` (``render_results``, ``results_tables``, the docs build)
   named a column missing from a processed table twice: ``p/soc_scores.parquet, column
   'beta': column 'beta' missing from soc_scores``. Now the file and the column are named
   once, file first: ``p/soc_scores.parquet, column 'beta': missing: `exposure recompute`
   writes it``.
7. The release checks gave a Decimal no advice where they advise a number:
   ``check_onet_release(Decimal(30))`` said only ``give it as text (str)`` (30 is told to
   write its minor number, such as '30.1'), ``Decimal('29.1')`` likewise (now ``: write
   '29.1'``, the text a Decimal keeps); ``check_oews_release(Decimal('2024.0'))`` and
   ``np.float32(2024)`` said ``is not a year such as 2025`` without ``: write 2024``, which
   ``2024.0`` is told. Now they are.
8. Decimal values (a ``NUMERIC`` column read with ``pd.read_sql``) where the reports read
   numbers: a category flag column of ``Decimal(1)`` / ``Decimal(0)`` given to
   ``reports.categories.validation_metrics`` (or ``category_estimates``) was refused with a
   message that was false: ``sample, row 1, column 'admin': admin must be True or False (or
   1 / 0), got Decimal 1``; ``reports.figures.format_workers(Decimal(52060))`` was ``value
   must be a number of workers (or missing), got Decimal 52060``. Now they are read as the
   numbers they are (``Decimal(2)`` is still refused as a flag, ``Decimal('NaN')`` workers
   are ``'n/a'`` as NaN is).
"""

from __future__ import annotations

import decimal
import fractions
import hashlib
import json
import re
import zipfile

import numpy as np
import pandas as pd
import pytest
from test_faults_round18_reports import EMP, EST_SAMPLE, EST_TAGS
from test_faults_round18_reports import _sample as _validation_sample
from test_faults_round66_figures import _processed, _soc

pytest.importorskip("sklearn")

from test_faults_round44_retrain import _label_file  # noqa: E402

from exposure.errors import DataFormatError, ExposureError  # noqa: E402
from exposure.measures.eloundou import read_task_labels  # noqa: E402
from exposure.releases import check_oews_release, check_onet_release  # noqa: E402
from exposure.reports import categories as cat  # noqa: E402
from exposure.reports import figures  # noqa: E402
from exposure.scoring._train import TrainConfig, train_learned  # noqa: E402
from exposure.scoring.categories import nearest_occupations  # noqa: E402
from exposure.scoring.learned import load_model, save_model  # noqa: E402

D = decimal.Decimal
F = fractions.Fraction


# --------------------------------------------------------------------------- 1. min_employment
def _ranking() -> pd.DataFrame:
    return pd.DataFrame({"soc_code": ["a", "b", "c"], "beta": [0.9, 0.5, 0.1],
                         "tot_emp": [200_000.0, 3_000.0, 150_000.0]})


@pytest.mark.parametrize("floor", [D(150_000), D("150000.0"), F(150_000), D("149999.5")])
def test_1_ranked_reads_a_decimal_floor(floor):
    top, bottom = figures.ranked(_ranking(), n=3, min_employment=floor)
    want_top, want_bottom = figures.ranked(_ranking(), n=3, min_employment=float(floor))
    assert top["soc_code"].tolist() == want_top["soc_code"].tolist() == ["a", "c"]
    pd.testing.assert_frame_equal(bottom, want_bottom)


@pytest.mark.parametrize("floor, said", [(D("NaN"), "Decimal NaN"), (D(-1), "Decimal -1"),
                                         (D("Infinity"), "Decimal Infinity"), (True, "bool True")])
def test_1_a_floor_that_is_no_number_of_workers_is_still_refused(floor, said):
    assert figures.ranked(_ranking(), n=1, min_employment=D(5))[0]["soc_code"].tolist() == ["a"]
    with pytest.raises(DataFormatError, match=rf"^min_employment must be a number of workers of 0 or more "
                                              rf"\(0: no floor\), got {said}$"):
        figures.ranked(_ranking(), n=3, min_employment=floor)


def test_1_results_tables_and_the_figure_read_a_decimal_floor(tmp_path):
    processed = _processed(tmp_path / "p")
    got = figures.results_tables(processed, min_employment=D(150_000))
    want = figures.results_tables(processed, min_employment=150_000)
    assert got.keys() == want.keys()
    for name in want:
        pd.testing.assert_frame_equal(got[name], want[name])
    # the floor is written under the figure: a Fraction as the number it is
    fig = figures.plot_ranked_occupations(_soc(), n=3, min_employment=F(150_000))
    texts = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
    assert any("at least 150,000 workers" in t for t in texts)


def test_1_render_results_reads_a_decimal_floor(tmp_path):
    processed = _processed(tmp_path / "p")
    drawn = figures.render_results(processed, tmp_path / "out", min_employment=D(150_000))
    assert len(drawn) == 7 and all(p.is_file() for p in drawn.values())


# --------------------------------------------------------------------------- 2. level
@pytest.mark.parametrize("level", [D("0.9"), F(9, 10)])
def test_2_validation_metrics_reads_a_decimal_level(level):
    sample = _validation_sample()
    got = cat.validation_metrics(sample, sample[list(cat.CATEGORIES)], n_boot=20, level=level)
    pd.testing.assert_frame_equal(got, cat.validation_metrics(sample, sample[list(cat.CATEGORIES)], n_boot=20,
                                                              level=0.9))


def test_2_category_estimates_reads_a_decimal_level():
    got = cat.category_estimates(EST_TAGS, EMP, EST_SAMPLE, EMP, n_boot=20, level=D("0.9"))
    pd.testing.assert_frame_equal(got, cat.category_estimates(EST_TAGS, EMP, EST_SAMPLE, EMP, n_boot=20, level=0.9))


@pytest.mark.parametrize("level, said", [(D(95), "Decimal 95"), (D("NaN"), "Decimal NaN"), (F(1), "Fraction 1")])
def test_2_a_level_out_of_range_is_still_refused(level, said):
    cat.category_estimates(EST_TAGS, EMP, EST_SAMPLE, EMP, n_boot=5, level=D("0.5"))
    with pytest.raises(DataFormatError, match=rf"^level must be a number between 0 and 1 \(0\.95 for 95%\), "
                                              rf"got {said}$"):
        cat.category_estimates(EST_TAGS, EMP, EST_SAMPLE, EMP, n_boot=5, level=level)


# --------------------------------------------------------------------------- 3. min_score
OCCUPATIONS = pd.DataFrame({"onetsoc_code": ["15-1252.00", "43-4171.00"],
                            "title": ["Software Developers", "Receptionists and Information Clerks"]})


@pytest.mark.parametrize("min_score", [D("0.5"), F(1, 2), D(1), D(0)])
def test_3_nearest_occupations_reads_a_decimal_min_score(min_score):
    titles = ["Software Developer", "Clerk", "Welder"]
    assert (nearest_occupations(titles, OCCUPATIONS, min_score=min_score)
            == nearest_occupations(titles, OCCUPATIONS, min_score=float(min_score)))
    assert nearest_occupations(["Software Developers"], OCCUPATIONS, min_score=D("0.5")) == ["15-1252.00"]


@pytest.mark.parametrize("min_score", [D("1.5"), D("NaN"), D("-0.1")])
def test_3_a_min_score_out_of_range_is_still_refused(min_score):
    assert nearest_occupations(["Clerk"], OCCUPATIONS, min_score=D(0)) == ["43-4171.00"]
    with pytest.raises(DataFormatError, match=re.escape(f"min_score must be a number in [0, 1], got {min_score!r}")):
        nearest_occupations(["Clerk"], OCCUPATIONS, min_score=min_score)


# --------------------------------------------------------------------------- 4. TrainConfig numbers
def test_4_a_model_of_numpy_weights_and_a_decimal_c_trains_saves_and_loads(tmp_path):
    config = TrainConfig(sets={"onet": ["word", "title"]}, C={"onet": D(2)},
                         weights={"word": np.float32(1.5), "title": np.int64(1)}, word_min_df=1, modern=False)
    labels = read_task_labels(_label_file(tmp_path, n_rows=120, n_words=50))
    model, _ = train_learned(labels, config=config, n_folds=2)  # InvalidParameterError (C) before
    path = save_model(model, tmp_path / "mine.npz")
    meta = json.loads(zipfile.ZipFile(path).read("metadata.json"))
    assert meta["weights"] == {"word": 1.5, "title": 1}  # {"word": "1.5", "title": "1"} before
    assert meta["config"]["C"] == {"onet": 2}
    (tmp_path / "registry.txt").write_text(f"mine.npz {hashlib.sha256(path.read_bytes()).hexdigest()}\n")
    loaded = load_model(path, registry=tmp_path / "registry.txt")  # refused before: weights not numbers
    assert loaded.weights == {"word": 1.5, "title": 1}


def test_4_config_numbers_are_kept_as_plain_numbers():
    config = TrainConfig(C={"onet": np.float32(0.9), "text": D("2.5"), "free": F(1)},
                         weights={**TrainConfig().weights, "word": D(2), "char": np.float16(0.5)},
                         char_ngram=(D(2), np.int64(5)))
    assert config.C == {"onet": 0.9, "text": 2.5, "free": 1}
    assert all(type(v) in (int, float) for v in [*config.C.values(), *config.weights.values()])
    assert config.weights["word"] == 2 and config.weights["char"] == 0.5
    assert config.char_ngram == (2, 5) and all(type(n) is int for n in config.char_ngram)
    assert TrainConfig().to_dict() == TrainConfig(C=dict(TrainConfig().C)).to_dict()  # the defaults as they were


@pytest.mark.parametrize("fields, message", [
    ({"char_ngram": (D("2.5"), 5)}, r"TrainConfig char_ngram must be two whole numbers .*, got tuple "
                                    r"\(Decimal\('2\.5'\), 5\)"),
    ({"weights": {**TrainConfig().weights, "word": D("NaN")}},
     r"^TrainConfig weights\['word'\] must be a number of 0 or more \(the multiplier of the block\), "
     r"got Decimal NaN$"),
    # not used by the sets given, but stored in the artifact, which load_model then refused
    ({"sets": {"onet": ["word"]}, "C": {"onet": 2.0}, "weights": {"word": 1.0, "char": "1"}},
     r"^TrainConfig weights\['char'\] must be a number of 0 or more .*, got str '1'$"),
    ({"weights": [1.0]}, r"^TrainConfig weights must be a dict of feature blocks to multipliers, e\.g\. "
                         r"\{'word': 1\.0\}, got list \[1\.0\]$"),
])
def test_4_a_bad_number_is_still_refused_when_made(fields, message):
    assert TrainConfig(char_ngram=(D(3), D("4.0"))).char_ngram == (3, 4)
    with pytest.raises(DataFormatError, match=message):
        TrainConfig(**fields)


# --------------------------------------------------------------------------- 5. unknown weights
def test_5_a_weight_of_a_mistyped_block_is_refused():
    with pytest.raises(DataFormatError, match=r"^TrainConfig weights: unknown feature block 'contxt'; the blocks "
                                              r"are word, char, title, major, activity, context, grounded, embed$"):
        TrainConfig(weights={**TrainConfig().weights, "contxt": 5.0})
    with pytest.raises(DataFormatError, match=r"unknown feature block 'Context'; .*: write 'context'"):
        TrainConfig(weights={**TrainConfig().weights, "Context": 5.0})


# --------------------------------------------------------------------------- 6. read_results
def test_6_a_missing_column_is_named_once_file_first(tmp_path):
    processed = _processed(tmp_path / "p", soc=_soc().drop(columns="beta"))
    path = processed / "soc_scores.parquet"
    with pytest.raises(DataFormatError) as err:
        figures.read_results(processed)
    assert str(err.value) == f"{path}, column 'beta': missing: `exposure recompute` writes it"
    with pytest.raises(DataFormatError, match=r"column 'beta': missing: `exposure recompute` writes it$"):
        figures.results_tables(processed)


# --------------------------------------------------------------------------- 7. release hints
@pytest.mark.parametrize("release, hint", [
    (D(30), " with its minor number, such as '30.1' (the release of O*NET 30 the package pins)"),
    (F(30), " with its minor number, such as '30.1' (the release of O*NET 30 the package pins)"),
    (D("29.1"), ": write '29.1'"),
    (D("30.0"), ": write '30.0'"),
    (D(2025), ", such as '29.1': 2025 is a year, not an O*NET release"),
])
def test_7_a_decimal_onet_release_is_told_what_to_write(release, hint):
    with pytest.raises(DataFormatError) as err:
        check_onet_release(release)
    assert "give it as text (str)" + hint in str(err.value)


@pytest.mark.parametrize("release", [D("2024.0"), D("2024.00"), np.float32(2024)])
def test_7_an_oews_year_written_as_a_decimal_is_told_the_year(release):
    with pytest.raises(ExposureError, match=r"is not a year such as 2025: write 2024$"):
        check_oews_release(release)


# --------------------------------------------------------------------------- 8. Decimal values
def test_8_decimal_flags_are_read_as_one_and_zero():
    sample = _validation_sample()
    predicted = sample[list(cat.CATEGORIES)]
    want = cat.validation_metrics(sample, predicted, n_boot=20)
    as_decimals = sample.assign(admin=[D(int(v)) for v in sample["admin"]])
    pd.testing.assert_frame_equal(cat.validation_metrics(as_decimals, predicted, n_boot=20), want)
    with pytest.raises(DataFormatError, match=r"^sample, row 1, column 'admin': admin must be True or False "
                                              r"\(or 1 / 0\), got Decimal 2$"):
        cat.validation_metrics(as_decimals.assign(admin=[D(2)] + [D(0)] * 5), predicted, n_boot=20)


def test_8_format_workers_reads_a_decimal():
    assert [figures.format_workers(v) for v in (D(52060), D("2595750.0"), D("NaN"), F(840))] == \
        ["52k", "2.6M", "n/a", "840"]
    with pytest.raises(DataFormatError, match=r"^value must be a number of workers \(or missing\), got Decimal sNaN$"):
        figures.format_workers(D("sNaN"))
