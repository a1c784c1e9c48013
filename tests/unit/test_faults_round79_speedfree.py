"""Round 79 (speedfree): faster free-text scoring, with the same answers.

Speed changes, each checked against the reference path it replaces (the per-text function,
or the rule sets matched with :mod:`re` alone, ``RuleSet(use_re2=False)``), on inputs a
wrong fast path would get wrong: other characters than ASCII, unprintable characters, line
feeds inside a text, empty texts, repeated texts, texts that several rules fire on, texts
only the slow path reads. These tests need not fail on the old source (the answers did not
change); those that name a new helper do fail there (it does not exist).

1. ``RuleSet`` gave each RE2 pattern RE2's default memory (8 MiB): the DFA cache of the
   context rules (``[^.;]{0,40}``) was flushed again and again. Now 32 MiB
   (``_rules.RE2_MAX_MEM``); the same matches as ``re``.
2. ``rule_texts`` (and so the categories' ``_one_spaced``) looked at each text (ASCII?
   two spaces? printable? a backtick?); now one look at all texts
   (``_rules.plain_texts``), and each text only when some text needs it.
3. ``categories._unlisted`` called ``strip_list_marker`` on every text; now one search
   of the texts joined by line feeds finds those it may change (``_MAYBE_MARKED``).
4. ``_features.without_markup`` (of every text the learned scorer reads) looked at the
   start of each text; now one search of all (``_features._odd_starts``).
5. ``_features.posting_lines`` normalised and read the markup of each candidate line one
   call at a time; now of all at once (``_features._posting_lines_read``).
6. The categories' hit matrices: ``RuleSet.hit_matrix`` and ``_fast_hits`` built per-text
   lists and a matrix of alternatives reduced with ``logical_or.reduceat``; now index arrays
   (``_rules.found_pairs``) set the rules' columns at once. ``_flags`` reads each kind of
   rule from the distinct texts any rule fired on, once per category.
"""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest

from exposure._measures import CATEGORIES
from exposure.scoring import _features, _rules, categories
from exposure.scoring._rules import RuleSet, found_pairs, plain_texts, rule_texts, strip_list_marker
from exposure.scoring.categories import explain_categories, tag_categories

#: Texts a fast path may get wrong: other characters than ASCII, control characters, white
#: space at the ends or doubled, list markers, markup, several rules at once, repeats.
ODD_TEXTS = [
    "Schedule appointments and answer telephones; enter data into the database.",
    "Schedule appointments and answer telephones; enter data into the database.",  # repeated
    "Write Python code and unit tests for the API.",
    "Draft captions for TikTok posts and edit the newsletter.",
    "Caf\u00e9 staff: schedule appointments.",  # accent: the re path
    "You\u2019ll email customers and file records.",
    "Send e\u2013mail to the client`s suppliers.",
    "Develop  Web sites.",  # two spaces
    " Answer telephones. ",  # spaces at the ends
    "Answer\ttelephones.",  # a tab (unprintable)
    "Answer\ntelephones.",  # a line feed inside a text
    "Answer\x0btelephones.",
    "1. File records.",
    "b) Supervise staff.",
    "(iv) Weld pipes.",
    "o File records.",
    "o-rings replaced.",
    "<li>File records.</li>",
    "II. Start infusions.",
    "V",
    "x",
    "1.5mm pipes cut.",
    "Maintain C# services and .Net apps.",
    "Build the staff rota for the week.",
    "\u00c9tablir le planning.",
    "Weld.",
]


def _plain_reference(texts, ends=False):
    return all(t.isascii() and t.isprintable() and "  " not in t and "`" not in t
               and (not ends or t == t.strip(" ")) for t in texts)


def _random_texts(rng, alphabet, n_lists=3000, most=6, longest=7):
    return [["".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest)))
             for _ in range(rng.randint(0, most))] for _ in range(n_lists)]


def test_plain_texts_is_the_per_text_test():
    rng = random.Random(1)
    alphabet = list("ab .`\t\n\r\x7f\x1f~") + ["  ", "\u00e9", " \n"]
    for texts in [*_random_texts(rng, alphabet), ODD_TEXTS, [], [""], ["", ""], ["a ", " b"]]:
        for ends in (False, True):
            assert plain_texts(texts, ends=ends) == _plain_reference(texts, ends), (texts, ends)


def test_rule_texts_reads_each_text_as_alone():
    # a text that is not plain ("\t") makes rule_texts read every text one by one
    texts = ODD_TEXTS + ["Weld pipes.", "Sort mail.", ""]
    slow = rule_texts(texts + ["\t"])[:-1]
    assert rule_texts(texts) == slow
    plain = ["Weld pipes.", "Sort mail.", "", "File records."]
    assert rule_texts(plain) == rule_texts(plain + ["\t"])[:-1] == plain


def test_one_spaced_and_unlisted_are_the_per_text_functions():
    rng = random.Random(2)
    alphabet = list("ab oO.)(1Ii\t\r\n `-<>l") + ["  ", "e\u2013", "\u00e9", "\u2019", "A"]
    for texts in [*_random_texts(rng, alphabet), ODD_TEXTS, [], [""], ["", "1."], ["o File", "x"]]:
        read = [t.strip(" ") for t in rule_texts(texts)]
        expected = texts if read == texts else read
        got = categories._one_spaced(texts)
        assert got == expected, texts
        assert (got is texts) == (expected is texts)
        read = [strip_list_marker(t) for t in texts]
        expected = texts if read == texts else read
        got = categories._unlisted(texts)
        assert got == expected, texts
        assert (got is texts) == (expected is texts)


def test_without_markup_finds_the_texts_it_reads_as_each_text_alone():
    rng = random.Random(3)
    alphabet = list("ivxIVXab <.1\t\n") + ["\u00e9", "  ", "</b>"]
    roman = _features._ROMAN
    for texts in [*_random_texts(rng, alphabet), ODD_TEXTS, [], [""], ["V"], ["a", ""]]:
        expected = [i for i, t in enumerate(texts)
                    if not t[:1].isalpha() or (t[:1] in roman and t[1:2] in roman) or "<" in t]
        got = _features._odd_starts(texts)
        assert got is None or got == expected, texts
        assert _features.without_markup(texts, addresses=False) == [
            _features.without_markup([t, "\u00e9"], addresses=False)[0] for t in texts]  # "\u00e9": no search


def test_posting_lines_read_all_at_once_as_one_by_one():
    texts = [*ODD_TEXTS, "Salary: $65,000 - $80,000 per year", "\u2022 Competitive salary &amp; benefits",
             "<li>Must be able to lift 50 pounds.</li>", "Contact hr@acme.com or see www.acme.com",
             "Full\u2011time, remote", "401(k) with 4% match", "A collaborative team", ""]
    assert _features._posting_lines_read(texts) == [_features._posting_lines_read([t])[0] for t in texts]
    assert _features._posting_lines_read(texts) == [_features._posting_line(t) for t in texts]
    expected = [_features.posting_lines([t, "Weld pipes."])[0] for t in texts]
    assert _features.posting_lines(texts).tolist() == expected
    assert any(expected) and not all(expected)


def test_found_pairs_and_hit_matrices_are_the_per_text_loops():
    found = [[2], [], [0, 1], [], [1, 2, 3]]
    rows, cols = found_pairs(found)
    assert rows.tolist() == [u for u, js in enumerate(found) for _ in js]
    assert cols.tolist() == [j for js in found for j in js]
    assert [a.tolist() for a in found_pairs([])] == [[], []]
    hits = RuleSet(["a", "b", "c", "d"]).hit_matrix(found)
    assert hits.tolist() == [[j in js for j in range(4)] for js in found]
    for name in categories._FAST_NAMES.values():  # the OR of each rule's alternatives
        rs = getattr(categories, name)
        codes, uniques, found = rs.match(ODD_TEXTS)
        expected = (np.logical_or.reduceat(rs.hit_matrix(found), categories._FAST_STARTS[name], axis=1)
                    if found else np.zeros((0, len(categories._FAST_STARTS[name])), dtype=bool))
        assert np.array_equal(categories._fast_hits(name, found), expected), name
        assert categories._fast_hits(name, []).shape == (0, len(categories._FAST_STARTS[name]))


def test_re2_rule_sets_match_as_re_on_odd_texts():
    assert _rules.RE2_MAX_MEM == 32 << 20
    texts = ODD_TEXTS + ["", " ", "\x07", "Answer telephones."]
    for name, fast in categories._rulesets(use_re2=True).items():
        slow = categories._rulesets(use_re2=False)[name]
        got, want = fast.match(texts), slow.match(texts)
        assert got[0].tolist() == want[0].tolist() and got[1] == want[1] and got[2] == want[2], name
    # every text printable ASCII: one call each, no checks (the other branch of match)
    ascii_texts = [t for t in texts if t.isascii() and t.isprintable()]
    for name, fast in categories._rulesets(use_re2=True).items():
        assert fast.match(ascii_texts)[2] == categories._rulesets(use_re2=False)[name].match(ascii_texts)[2]
    several = categories._TEXT_RULESET.match([ODD_TEXTS[0]])[2][0]
    assert len(several) >= 2  # a text several rules fire on


@pytest.mark.parametrize("use_re2", [True, False])
def test_tag_categories_of_odd_texts_is_the_explained_path(use_re2, monkeypatch):
    titles = [None, "Office Clerk", "Web Developer"]
    frame = pd.DataFrame({"task": [t for t in ODD_TEXTS for _ in titles if t.strip()],
                          "title": [title for t in ODD_TEXTS for title in titles if t.strip()]})
    for name, rs in categories._rulesets(use_re2=False).items():
        monkeypatch.setattr(categories, name, rs)
    expected = explain_categories(frame)[list(CATEGORIES)]
    for name, rs in categories._rulesets(use_re2).items():
        monkeypatch.setattr(categories, name, rs)
    got = tag_categories(frame)
    pd.testing.assert_frame_equal(got, expected)
    assert got.to_numpy().any(axis=0).all()  # every category fires somewhere
    # free text alone (the fast path's "free" rule sets), row by row as in one frame
    free = frame[["task"]]
    one_by_one = pd.concat([tag_categories(free.iloc[[i]]) for i in range(len(free))])
    pd.testing.assert_frame_equal(tag_categories(free), one_by_one)


def test_phrase_set_reads_each_word_once_with_the_same_answers():
    titles = _features.PhraseSet(["Software Developers", "Registered Nurses", "Secretaries"])
    texts = ["Software developer", "registered nurses.", "Train software developers.", "Nurses", "secretary",
             "Secretaries", "SOFTWARE DEVELOPERS", "", "Caf\u00e9 software developers"]

    def expected(text):
        tok = _features.tokenize([text])
        return tuple(_features._singular(tok.words[c]) for c in tok.codes.tolist()) in {("software", "developer"), ("registered", "nurse"), ("secretary",)}

    want = [expected(t) for t in texts]
    tokens = _features.tokenize(texts)
    assert titles.match(tokens).tolist() == want
    assert titles.match(tokens).tolist() == want  # the words' ids now remembered
    assert titles.match(_features.tokenize(texts[::-1])).tolist() == want[::-1]
