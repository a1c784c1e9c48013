"""The rule matcher shared by the rule-based scorers (``rubric`` and the task categories).

A rule is a case-insensitive regular expression searched anywhere in a task statement
(:class:`PatternRule`). :class:`RuleSet` finds which of several rules occur in each of many
texts, fast: each distinct text is matched once, and texts of printable ASCII characters go
through an RE2 ``FilteredRE2`` (the literal atoms of all patterns are found in one pass and
only the patterns whose atoms occur are run). It gives exactly what :func:`search` gives
rule by rule, text by text (tested on every O*NET 29.1 task statement):

- on printable ASCII text RE2 and :mod:`re` agree on every construct the rules use
  (``\\b``, ``\\w``, ``\\W``, ``\\s``, classes, case folding);
- other texts (accents, curly quotes, tabs, vertical tabs, ...) are matched with
  :mod:`re`, where the two engines can differ (RE2's ``\\w``/``\\b`` are ASCII, its ``\\s``
  has no ``\\v``).

Examples
--------
>>> rules = RuleSet([r"\\bfile\\b", r"\\bcode\\b"])
>>> codes, uniques, found = rules.match(["File it.", "Write code.", "File it.", "Résumé"])
>>> codes.tolist(), uniques[1], found
([0, 1, 0, 2], 'Write code.', [[0], [1], []])
>>> search(r"\\bspreadsheets?\\b", "Update SPREADSHEETS weekly.")
True
"""

from __future__ import annotations

import functools
import itertools
import re

import numpy as np
import pandas as pd
import re2

__all__ = ["PatternRule", "RuleSet", "compile_rule", "search"]


@functools.lru_cache(maxsize=None)
def compile_rule(pattern: str) -> re.Pattern:
    """``re.compile(pattern, re.IGNORECASE)``, compiled once per pattern.

    Examples
    --------
    >>> compile_rule(r"\\bfile\\b").search("FILE reports.").group(0)
    'FILE'
    """
    return re.compile(pattern, re.IGNORECASE)


def search(pattern: str, text: str) -> bool:
    """Return True when the case-insensitive ``pattern`` occurs in ``text`` (with :mod:`re`).

    Examples
    --------
    >>> search(r"\\bcode\\b", "Write code."), search(r"\\bcode\\b", "Write decoders.")
    (True, False)
    """
    return compile_rule(pattern).search(text) is not None


class PatternRule:
    """Mixin of the rule dataclasses: a ``pattern`` attribute and :meth:`search`.

    Examples
    --------
    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True)
    ... class Rule(PatternRule):
    ...     pattern: str
    >>> Rule(r"\\bfile\\b").search("File reports.")
    True
    """

    pattern: str

    def search(self, text: str) -> bool:
        """Return True when the rule fires on ``text``.

        Examples
        --------
        >>> from exposure.scoring.categories import TEXT_RULES
        >>> TEXT_RULES[0].search("Schedule appointments for clients.")
        True
        """
        return search(self.pattern, text)


class RuleSet:
    """Which of several case-insensitive regular expressions occur in each text, fast.

    Parameters
    ----------
    patterns : iterable of str
        The rules' regular expressions, in rule order.
    use_re2 : bool, default True
        Match printable ASCII texts with RE2's filtered matching; False matches every
        text with :mod:`re` (the reference path, used to test that both agree).

    Examples
    --------
    >>> rules = RuleSet([r"\\bfile\\b", r"\\bcode\\b"], use_re2=False)
    >>> rules.search_one("File the code.")
    [0, 1]
    >>> rules.hit_matrix([[0], [], [0, 1]]).astype(int).tolist()
    [[1, 0], [0, 0], [1, 1]]
    """

    def __init__(self, patterns, *, use_re2: bool = True):
        self.patterns = tuple(patterns)
        self.use_re2 = use_re2
        self._filter = None

    @functools.cached_property
    def _re(self) -> list:
        """The patterns compiled by :mod:`re` (on first use: RE2 matches printable ASCII)."""
        return [compile_rule(p) for p in self.patterns]

    def _re2_match(self):
        """``Match`` of the RE2 filter of all patterns (compiled on first use)."""
        if self._filter is None:
            options = re2.Options()
            options.case_sensitive = False
            flt = re2.Filter()
            for pattern in self.patterns:
                flt.Add(pattern, options)
            flt.Compile()
            self._filter = flt
        return self._filter.Match

    def search_one(self, text: str) -> list[int]:
        """Indices of the patterns found in ``text``, ascending (with :mod:`re`).

        Examples
        --------
        >>> RuleSet([r"\\bfile\\b", r"\\bcode\\b"]).search_one("Write code.")
        [1]
        """
        return [j for j, rx in enumerate(self._re) if rx.search(text) is not None]

    def match(self, texts) -> tuple[np.ndarray, list[str], list[list[int]]]:
        """Match a sequence of str.

        Parameters
        ----------
        texts : sequence of str

        Returns
        -------
        (numpy.ndarray, list of str, list of list of int)
            ``(codes, uniques, found)``: ``uniques[codes[i]] == texts[i]`` and ``found[u]``
            is the ascending list of the indices of the patterns occurring in
            ``uniques[u]``.

        Examples
        --------
        >>> RuleSet([r"\\bfile\\b"]).match(["File it.", "Weld.", "File it."])[0].tolist()
        [0, 1, 0]
        """
        codes, uniques = pd.factorize(np.asarray(texts, dtype=object))
        uniques = uniques.tolist()
        re2_match = self._re2_match() if self.use_re2 else None
        raw = getattr(getattr(re2_match, "__self__", None), "_filter", None)
        if raw is not None and uniques:
            whole = "".join(uniques)
            if whole.isascii() and whole.isprintable():  # every text: one call each, no checks
                # the wrapper's own call minus its Python layer: ASCII text is its own UTF-8
                hits = map(raw.Match, map(str.encode, uniques), itertools.repeat(False))
                return codes, uniques, [list(h) if h else [] for h in hits]
        search_one = self.search_one
        found: list[list[int]] = []
        for text in uniques:
            if re2_match is not None and text.isascii() and text.isprintable():
                # the wrapper's own call minus its Python layer: ASCII text is its own UTF-8
                hits = raw.Match(text.encode("ascii"), False) if raw is not None else re2_match(text)
                found.append(list(hits) if hits else [])
            else:
                found.append(search_one(text))
        return codes, uniques, found

    def hit_matrix(self, found: list[list[int]]) -> np.ndarray:
        """Bool matrix (len(found), number of patterns) from ``found`` of :meth:`match`.

        Examples
        --------
        >>> RuleSet(["a", "b", "c"]).hit_matrix([[2], [0, 1]]).tolist()
        [[False, False, True], [True, True, False]]
        """
        hits = np.zeros((len(found), len(self.patterns)), dtype=bool)
        rows = [u for u, js in enumerate(found) for _ in js]
        cols = [j for js in found for j in js]
        hits[rows, cols] = True
        return hits
