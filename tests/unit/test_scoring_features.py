"""The numpy/scipy vectorisers reproduce scikit-learn's TfidfVectorizer exactly."""

import numpy as np
import pytest
from scipy import sparse

from exposure.scoring._features import CharTfidf, WordTfidf, group_mean

sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")

TRAIN = [
    "Answer telephones, take messages and relay them to staff.",
    "File records in cabinets by \"date\" and subject.",
    "Lay bricks to build walls and chimneys.",
    "Estimate the cost of materials from blueprints.",
    "Write and debug code for web applications.",
    "Answer questions from customers about products and prices.",
    "Build walls, floors and roofs from wood.",
]
TEST = TRAIN + [
    "Écrire des lettres — naïve café résumé.",  # accents and a non-ASCII dash
    "a",  # one-letter word: no word token, short char n-grams
    "x\ty\n z  ",  # odd whitespace
    "Tele-phone the C.E.O. at 9am!!",
    "Unrelated zebra xylophone",  # out of vocabulary
]


def test_word_tfidf_equals_sklearn():
    vec = sklearn_text.TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True).fit(TRAIN)
    ours = WordTfidf(vec.get_feature_names_out(), vec.idf_, 2)
    expected = vec.transform(TEST)
    got = ours.transform(TEST)
    assert got.shape == expected.shape
    assert abs(got - expected).max() < 1e-12


@pytest.mark.parametrize("ngram", [(2, 5), (1, 3), (3, 3)])
def test_char_tfidf_equals_sklearn(ngram):
    vec = sklearn_text.TfidfVectorizer(analyzer="char_wb", ngram_range=ngram, min_df=1,
                                       sublinear_tf=True).fit(TRAIN)
    ours = CharTfidf(vec.get_feature_names_out(), vec.idf_, *ngram)
    expected = vec.transform(TEST)
    got = ours.transform(TEST)
    assert abs(got - expected).max() < 1e-12


def test_empty_inputs():
    ours = CharTfidf([" a", "ab"], [1.0, 2.0], 2, 2)
    assert ours.transform([]).shape == (0, 2)
    assert ours.transform(["   "]).nnz == 0
    word = WordTfidf(["ab"], [1.0])
    assert word.transform(["zz"]).nnz == 0


def test_group_mean_hand_computed():
    m = sparse.csr_matrix(np.array([[2.0, 0.0], [0.0, 4.0], [1.0, 1.0], [3.0, 3.0]]))
    got = group_mean(m, ["a", "b", "a", "b"]).toarray()
    np.testing.assert_allclose(got, [[1.5, 0.5], [1.5, 3.5], [1.5, 0.5], [1.5, 3.5]])


def _words_per_text(tok):
    words = [tok.words[c] for c in tok.codes]
    ends = np.cumsum(tok.lengths)
    return [words[e - n:e] for e, n in zip(ends, tok.lengths)]


def test_tokenize_ascii_fast_path_equals_regex():
    # the byte-table split of ASCII text must give the regex's words, text by text
    import re

    from exposure.scoring._features import normalise_text, tokenize, without_markup

    rng = np.random.default_rng(0)
    alphabet = [chr(c) for c in range(128)] + ["ab", "_x", "9z", " ", "Tel-e", "a.b", "\x0b\x1c"]
    texts = ["".join(rng.choice(alphabet, size=rng.integers(0, 40))) for _ in range(400)]
    texts += TEST[:-5] + ["x\ty\n z  ", "Tele-phone the C.E.O. at 9am!!", "a", "", "__ _a a_ 1 22"]
    pattern = re.compile(r"(?u)\b\w\w+\b")
    # the regex's words of the text as the scorers read it (normalise_text: underscore
    # emphasis such as "_a" and HTML character references are read as what they stand for;
    # without_markup: HTML tags and a leading list marker are not read, round 71)
    expected = [pattern.findall(without_markup([normalise_text(t)])[0].lower()) for t in texts]
    assert all(t.isascii() for t in texts)
    tok = tokenize(texts)
    assert _words_per_text(tok) == expected
    distinct = list(dict.fromkeys(w for ws in expected for w in ws))  # first-occurrence order
    assert tok.words == distinct
    assert tok.codes.tolist() == [distinct.index(w) for ws in expected for w in ws]
    assert tok.lengths.tolist() == [len(ws) for ws in expected]
    # a non-ASCII text sends the whole call through the regex: same words, after normalise_text
    from exposure.scoring._features import normalise_text
    mixed = texts[:50] + ["Écrire des lettres — naïve café résumé."]
    assert _words_per_text(tokenize(mixed)) == [pattern.findall(without_markup([normalise_text(t)])[0].lower())
                                                for t in mixed]
    assert _words_per_text(tokenize(mixed))[-1] == ["ecrire", "des", "lettres", "naive", "cafe", "resume"]


def test_unigram_columns_are_what_the_hash_table_finds():
    # "answer" is a token of a bigram only: no column of its own
    vec = WordTfidf(["answer telephones", "telephones", "the"], [1.0, 2.0, 3.0])
    ids = np.arange(len(vec._tokens))
    assert vec._unigram_columns().tolist() == vec._table.get_indexer(vec._base + ids).tolist()
    assert vec._unigram_columns().tolist() == [-1, 1, 2]
