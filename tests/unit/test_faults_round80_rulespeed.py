"""Round 80 (rulespeed): the category rules on free text, faster, with the same answers.

Speed changes in :mod:`exposure.scoring._rules` and :mod:`exposure.scoring.categories`,
each checked against the reference it replaces (the rule as written, matched with
:mod:`re` alone: ``RuleSet(use_re2=False)``, and the explained path), on inputs a wrong
fast path would get wrong: ``CI`` and ``C#`` in every case, next to every kind of
character (letters, digits, ``_``, ``#``, other scripts, full-width letters, a dotted
capital I, a long s, a line feed), music keys (``C# minor``), and the words of the
rewritten patterns with and without their optional characters. These are equivalence
tests: they need not fail on the old source (the answers did not change); those that
name a new helper (``prefilter_form``, ``_FAST_GATES``) or ask that no pattern run on
every text do fail there.

1. Three of the patterns of the fast path's core rule sets ran on every text (RE2's filter
   runs a pattern only on texts holding one of its words of three characters or more;
   these had none): the ``rota`` rule (RE2 merged ``rotas?|rosters?`` into
   ``ro(?:tas?|sters?)`` and read ``s?`` as anything, leaving ``ro``, ``ta``), the computer
   words of free text (``CI`` among them), and ``C#``. They cost about a third of the core
   rule set's time on 200,000 free texts. Now RE2 is given each pattern with ``x?`` written
   ``(?:x|)`` (``_rules.prefilter_form``: the same matches; the ``rota`` rule and the
   creative words are filtered by their words again); ``CI`` is an alternative of its own
   (``\\bCI\\b``, out of the list: the same texts match) and it and ``C#`` are run only
   on the texts where their gate is found (``RuleSet(gates=...)``,
   ``categories._FAST_GATES``): one search of all texts joined by line feeds. No pattern
   of a fast-path rule set runs on every text.
2. ``RuleSet.match`` read a text at a time with RE2 when any text was not printable
   ASCII; now the printable ASCII texts go through RE2 together (the gates need them
   joined), the others through :mod:`re` as before.
"""

from __future__ import annotations

import itertools
import random
import re

import pandas as pd
import pytest
import re2

from exposure.scoring import _rules, categories
from exposure.scoring._rules import RuleSet, alternatives, compile_rule
from exposure.scoring.categories import CONTEXT_TEXT, explain_categories, tag_categories
from exposure.scoring.rubric import KEYWORD_RULES

#: ``CI``, ``C#`` and the words of the rewritten patterns, as written and as they should
#: not match: case, neighbours, other scripts, long s and Kelvin sign, odd spaces.
WORDS = ["CI", "ci", "Ci", "CI/CD", "CI-CD", "CIs", "CIA", "ACI", "CI9", "9CI", "_CI", "CI_", "C I", "C.I.",
         "\uff23\uff29", "C\u0130", "c\u0131", "CI\u0301", "C#", "c#", "C# ", "C#m", "C# minor", "C# MAJOR", "C# mi",
         "C# ma", "C# m", "C# mj", "C#\t", "C#.", "C##", "C#/.NET", "AC#", "_C#", "C\uff03", "C\u266f", "C #",
         "C#-based", "C# 12", "C#\u00a0code", ".NET", "ASP.NET", "example.net", "rota", "rotas", "ROSTERS",
         "ro\u017fter", "shift patterns", "shift  plans", "shift\tplans", "duty-lists", "e-mail", "email", "e mail",
         "e\u2013mail", "Wi-Fi", "WiFi", "log-ins", "helpdesk", "mock-ups", "waitlist", "wait list", "APIs",
         "\u212aeep records", "\u017fchedule"]
#: What comes before and after the words.
BEFORE = ["", "Do the ", "Write code in ", "Transpose the hymn to ", "Draft captions for ", "Plan (x"]
AFTER = ["", ".", " code", "s", "_", "\u2019s", "\nnext", "; rota", " and rotas."]
_JOINED = [f"{b}{w}{a}" for b, w, a in itertools.product(BEFORE, WORDS, AFTER)]
#: Every combination, and one in five in capitals and in small letters.
TEXTS = list(dict.fromkeys(_JOINED + [t.upper() for t in _JOINED[::5]] + [t.lower() for t in _JOINED[2::5]]))
#: The gated patterns of the fast path and their gates (``categories._FAST_GATES``).
GATES = {r"\bCI\b": r"\bCI\b", r"\bC#(\s*$|[^\w\s#]|\s+([^\sm]|m[^ai]|ma[^j]|mi[^n]))": "C#"}
GATED = list(GATES)


def _fast_sets():
    return [(name, getattr(categories, name)) for name in categories._FAST_NAMES.values()]


def _all_patterns():
    """Every pattern RE2 is given: the category rule sets' and the rubric's."""
    out = {p for _, rs in categories._rulesets().items() for p in rs.patterns}
    return sorted(out | {r.pattern for r in KEYWORD_RULES})


# --- 1. no pattern runs on every text; the rewritten patterns match as written --------

@pytest.mark.parametrize("name", list(categories._FAST_NAMES.values()))
def test_no_fast_path_pattern_runs_on_every_text(name):
    rs = getattr(categories, name)
    rs._re2_match()
    # the patterns RE2 runs on a text that holds none of their words: those it cannot filter
    assert rs._filter._filter.Match(b"", True) == [], [rs.patterns[j][:40] for j in rs._filter._filter.Match(b"", True)]


def test_every_gate_is_of_a_fast_path_pattern():
    assert categories._FAST_GATES == GATES
    held = {p for _, rs in _fast_sets() for p in rs.patterns}
    assert set(GATED) <= held
    for _, rs in _fast_sets():
        assert {rs.patterns[j] for j in rs.gates} == set(GATED) & set(rs.patterns)


def test_prefilter_form_matches_as_the_pattern():
    # every pattern RE2 is given: re and RE2 on both forms, on texts of their words
    options = re2.Options()
    options.case_sensitive = False
    texts = TEXTS[::2]
    plain = [t for t in texts if t.isascii() and t.isprintable()]
    rewritten = 0
    for pattern in _all_patterns():
        form = _rules.prefilter_form(pattern)
        if form == pattern:
            continue
        rewritten += 1
        ours, theirs = re.compile(form, re.IGNORECASE), compile_rule(pattern)
        assert [ours.search(t) is not None for t in texts] == [theirs.search(t) is not None for t in texts], pattern
        ours, theirs = re2.compile(form, options), re2.compile(pattern, options)
        assert [ours.search(t) is not None for t in plain] == [theirs.search(t) is not None for t in plain], pattern
    assert rewritten > 50


@pytest.mark.parametrize(("pattern", "form"), [
    (r"\brotas?\b", r"\brota(?:s|)\b"),
    (r"e-?mail", r"e(?:-|)mail"),
    (r"Node\.?js", r"Node(?:\.|)js"),
    (r"[s?]x", r"[s?]x"),  # a "?" in a class is a literal
    (r"[\]s]?x", r"[\]s]?x"),  # a class with an escaped "]"
    (r"[]s]?", r"[]s]?"),  # a leading "]" is a literal of the class
    (r"\w?\s?\b", r"\w?\s?\b"),  # classes: as they are
    (r"(ab)?(?:c)?", r"(ab)?(?:c)?"),  # groups: as they are
    (r"s??", r"s??"),  # lazy: as it is
    (r"x{0,2}?", r"x{0,2}?"),
    (r"(?-i:\.N)et?", r"(?-i:\.N)e(?:t|)"),
    (r"\x41?b?", r"\x41?b?"),  # an escape of several characters: the pattern as it is
    (r"[[:alpha:]]s?", r"[[:alpha:]]s?"),  # a POSIX class: as it is
    (r"(?x) s ?", r"(?x) s ?"),  # verbose: as it is
])
def test_prefilter_form_rewrites_only_a_literal_character(pattern, form):
    assert _rules.prefilter_form(pattern) == form


# --- 1. the gates -----------------------------------------------------------------------

def test_moving_ci_out_of_the_computer_words_matches_the_same_texts():
    computer = CONTEXT_TEXT["computer"]
    before = computer.replace(r"|\bCI\b", "").replace("|CI/CD|", "|CI|CI/CD|")
    assert before != computer and r"\bCI\b" in alternatives(computer)
    assert [compile_rule(before).search(t) is not None for t in TEXTS] == \
        [compile_rule(computer).search(t) is not None for t in TEXTS]
    assert any(compile_rule(computer).search(t) for t in ("Run CI.", "Fix the ci.", "Write C# code."))


@pytest.mark.parametrize("pattern", GATED)
def test_each_gate_is_found_where_its_pattern_is(pattern):
    gate = re.compile(GATES[pattern], re.IGNORECASE)
    rng = random.Random(80)
    alphabet = list("cCiI#mMajnor _.\t/-9\u00e9\u0130\u017f") + ["\n"]
    fuzz = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 9))) for _ in range(4000)]
    found = [t for t in TEXTS + fuzz if compile_rule(pattern).search(t)]
    assert len(found) > 100
    assert all(gate.search(t) for t in found)
    assert all("\n" not in m.group() for t in TEXTS + fuzz for m in gate.finditer(t))


@pytest.mark.parametrize("pattern", GATED)
def test_gated_rule_set_matches_as_re(pattern):
    rng = random.Random(pattern)
    alphabet = list("cCiI#mMajn _.\t/-9\u00e9")
    fuzz = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 9))) for _ in range(4000)]
    patterns = [r"\bfile\b", pattern, r"\bCI/CD\b"]
    gated = RuleSet(patterns, gates=GATES)
    assert gated.gates == {1: GATES[pattern]}
    slow = RuleSet(patterns, use_re2=False)
    for texts in (TEXTS + fuzz, [t for t in TEXTS + fuzz if t.isascii() and t.isprintable()]):  # both branches
        got, want = gated.match(texts), slow.match(texts)
        assert got[0].tolist() == want[0].tolist() and got[1] == want[1] and got[2] == want[2]
    assert gated.match(["Run CI and C# builds; file it.", "CI", "C#", ""])[2] == slow.match(
        ["Run CI and C# builds; file it.", "CI", "C#", ""])[2]
    assert gated.match([])[2] == []


def test_gates_in_the_middle_keep_the_order_of_the_patterns():
    patterns = [r"\bCI\b", r"\bci\b", r"\bfile\b", r"\bC#", r"#"]
    gated = RuleSet(patterns, gates={r"\bCI\b": r"\bCI\b", r"\bC#": "c#"})
    assert gated.match(["File CI and C# #tags.", "ci", "C#", "x"])[2] == [[0, 1, 2, 3, 4], [0, 1], [3, 4], []]
    # a gated pattern's place in RE2's filter: no printable text matches it
    every = "".join(map(chr, range(32, 127)))
    assert re2.compile(_rules._NO_TEXT).search(every * 3) is None


# --- the rule sets and the categories: fast path as the reference ------------------------

def test_fast_rule_sets_match_as_re():
    texts = TEXTS[::3]
    slow_sets = categories._rulesets(use_re2=False)
    for name, fast in categories._rulesets(use_re2=True).items():
        for some in (texts, [t for t in texts if t.isascii() and t.isprintable()]):  # both branches of match
            got, want = fast.match(some), slow_sets[name].match(some)
            assert got[0].tolist() == want[0].tolist() and got[1] == want[1] and got[2] == want[2], name


@pytest.mark.parametrize("title", [None, "Software Developers", "Secretaries"])
def test_tag_categories_is_the_explained_path(title, monkeypatch):
    texts = [t for t in TEXTS if t.strip() and any(c.isalnum() for c in t)][::7]
    frame = pd.DataFrame({"task": texts} if title is None else {"task": texts, "title": title})
    for name, rs in categories._rulesets(use_re2=False).items():
        monkeypatch.setattr(categories, name, rs)
    expected = explain_categories(frame)[list(categories.CATEGORIES)]
    monkeypatch.undo()
    got = tag_categories(frame)
    pd.testing.assert_frame_equal(got, expected)
    assert got["routine_coding"].any()
