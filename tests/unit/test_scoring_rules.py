"""The shared rule matcher (exposure.scoring._rules): RE2 and re agree, text by text."""

from dataclasses import dataclass

import numpy as np
import pytest

from exposure.scoring._rules import PatternRule, RuleSet, compile_rule, search
from exposure.scoring.categories import TEXT_RULES
from exposure.scoring.rubric import KEYWORD_RULES

TEXTS = [
    "Answer telephones and take messages.",
    "SCHEDULE APPOINTMENTS for clients.",
    "Write and debug code for web applications; test SQL queries.",
    "Lift boxes.",
    "File documents alphabetically.",
    "Update spreadsheets, databases and e-mail.",
    "Draft copy for brochures and sketch layouts.",
    "Rédiger le résumé; schedule café réservations for staff.",  # non-ASCII: re
    "Maintain records\tand files.",  # tab: not printable, re
    "Operate forklifts\x0band hoists.",  # vertical tab: RE2's \s differs, re
    "File it.",
    "File it.",  # duplicate: matched once
]


@pytest.mark.parametrize("rules", [TEXT_RULES, KEYWORD_RULES], ids=["categories", "rubric"])
def test_re2_and_re_give_what_search_gives(rules):
    patterns = [r.pattern for r in rules]
    expected = [[j for j, p in enumerate(patterns) if search(p, t)] for t in TEXTS]
    for use_re2 in (True, False):
        codes, uniques, found = RuleSet(patterns, use_re2=use_re2).match(TEXTS)
        assert [uniques[c] for c in codes] == TEXTS
        assert [found[c] for c in codes] == expected, use_re2
    assert any(expected), "the texts must fire some rules"


def test_match_factorizes_texts():
    codes, uniques, found = RuleSet([r"\bfile\b"]).match(TEXTS)
    assert len(uniques) == len(TEXTS) - 1 and codes[-1] == codes[-2]
    assert found[codes[-1]] == [0]


def test_hit_matrix_and_empty_input():
    rs = RuleSet(["a", "b"])
    codes, uniques, found = rs.match([])
    assert len(codes) == 0 and uniques == [] and found == []
    assert rs.hit_matrix(found).shape == (0, 2)
    np.testing.assert_array_equal(rs.hit_matrix([[1], [0, 1]]), [[False, True], [True, True]])


def test_pattern_rule_and_compile_cache():
    @dataclass(frozen=True)
    class Rule(PatternRule):
        pattern: str

    assert Rule(r"\bcode\b").search("CODE review.") and not Rule(r"\bcode\b").search("decoder")
    assert compile_rule(r"\bcode\b") is compile_rule(r"\bcode\b")
    assert TEXT_RULES[0].search is not None and KEYWORD_RULES[0].search("Use computers.")


@pytest.mark.parametrize("rules", [TEXT_RULES, KEYWORD_RULES], ids=["categories", "rubric"])
def test_all_ascii_batch_gives_what_search_gives(rules):
    # a batch of printable ASCII texts only goes through RE2 in one pass: same hits as re
    texts = [t for t in TEXTS if t.isascii() and t.isprintable()]
    patterns = [r.pattern for r in rules]
    expected = [[j for j, p in enumerate(patterns) if search(p, t)] for t in texts]
    codes, uniques, found = RuleSet(patterns).match(texts)
    assert [found[c] for c in codes] == expected
    assert any(expected)


def test_strip_list_marker_fast_path_agrees_with_the_pattern():
    """Texts starting with a letter skip the marker regex: the same result on every start."""
    from exposure.scoring._rules import LIST_MARKER, strip_list_marker

    rng = np.random.default_rng(0)
    alphabet = list("aAbiIvVxX1209.):-( \t•éÉ")
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet, size=int(rng.integers(0, 8)))) + " File records."
        marker = LIST_MARKER.match(text)
        assert strip_list_marker(text) == (text if marker is None else text[marker.end():]), text
