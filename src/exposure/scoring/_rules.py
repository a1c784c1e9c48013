"""The rule matcher shared by the rule-based scorers (``rubric`` and the task categories).

A rule is a case-insensitive regular expression searched anywhere in a task statement
(:class:`PatternRule`). :class:`RuleSet` finds which of several rules occur in each of many
texts, fast: each distinct text is matched once, and texts of printable ASCII characters go
through an RE2 ``FilteredRE2`` (the literal atoms of all patterns are found in one pass and
only the patterns whose atoms occur are run; :func:`prefilter_form` writes them so that RE2
finds such atoms, and a pattern with none runs only where its gate is found: ``gates`` of
:class:`RuleSet`). It gives exactly what :func:`search` gives rule by rule, text by text
(tested on every O*NET 29.1 task statement):

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

import bisect
import functools
import itertools
import re

import numpy as np
import pandas as pd
import re2

__all__ = ["LEADING_TAGS", "LIST_MARKER", "PatternRule", "RuleSet", "compile_rule", "found_pairs", "plain_texts",
           "prefilter_form", "rule_texts", "search", "strip_list_marker"]


#: Memory budget of each RE2 pattern of a :class:`RuleSet` (bytes), mostly its DFA's cache of
#: states, which grows as texts need them (the category rule sets took some 10 MB more than with
#: RE2's default of 8 MiB on 200,000 texts, and 15 to 20% less time).
RE2_MAX_MEM = 32 << 20
#: A pattern no printable text matches (three NUL characters): a gated pattern's place in
#: the RE2 filter of a :class:`RuleSet`, which keeps the filter's pattern numbers the rules'.
_NO_TEXT = r"\x00\x00\x00"
#: The escapes of one character class or assertion (``\b``, ``\w``, ``\s``, ``\n``):
#: :func:`prefilter_form` leaves them as they are. Another letter or digit after ``\``
#: (``\x41``, ``\p{L}``, ``\1``) may begin a longer escape: the pattern is left whole.
_ONE_CHARACTER_ESCAPES = frozenset("bBwWsSdDAzZntrfv")
#: The characters of a pattern that are no literal of their own.
_META = frozenset("()[]{}|*+?.^$")
#: The characters of a plain text (:func:`plain_texts`): printable ASCII but the backtick.
_PLAIN_BYTES = bytes(c for c in range(32, 127) if c != ord("`"))
#: A white-space run other than one plain space: a line break, a tab, two spaces.
_ODD_SPACE = re.compile(r"\s{2,}|[^\S ]")
#: A dash other than ``-`` between two letters (figure dash, en dash, minus sign; not the
#: em dash of an aside): ``e–mail`` as typed by word processors or copied from PDFs.
_DASH_IN_WORD = re.compile(r"(?<=[^\W\d_])[\u2012\u2013\u2212](?=[^\W\d_])")
#: A character other than ``'`` written for the apostrophe between two letters: the left
#: single quote (U+2018), the modifier letter apostrophe (U+02BC), the prime (U+2032), the
#: backtick, and the acute accent of European keyboards (``client\u00b4s``), which the
#: scorers' NFKC form writes as a space and a combining acute (U+0301).
_APOSTROPHE_IN_WORD = re.compile("(?<=[^\\W\\d_])(?:[\u2018\u02bc\u2032`]| \u0301)(?=[^\\W\\d_])")
#: A list marker before the first word of a duty copied from a numbered list: ``1.``,
#: ``2)``, ``3:``, ``1.2``, ``(a)``, ``b.``, ``iv)``, followed by a space; a number
#: closed by ``.`` or ``)`` also right before a letter (``1.Write``, ``2)File``: a list
#: copied from a PDF, whose space after the marker was lost; not ``1.5mm``, ``3D``).
LIST_MARKER = re.compile(r"\W*(?:(?:[0-9]+(?:\.[0-9]+)*[.):]?|(?:[A-Za-z]|[ivxIVX]{1,4})[.)])\s+"
                         r"|[0-9]+(?:\.[0-9]+)*[.)](?=[A-Za-z]))")
#: HTML tags before the first word of a duty copied from a web page's source: ``<li>``,
#: ``<p><strong>``, ``<li class="duty">`` (a letter after ``<``).
LEADING_TAGS = re.compile(r"\s*(?:<[A-Za-z][^<>]*>\s*)+")


def rule_texts(texts: list) -> list:
    """``texts`` as the text rules read them: white space as one space, dashes in words as ``-``.

    The rules spell their words with one space (``in person``, ``hand tools``, ``data
    entry``), a hyphen (``e-mail``, ``face-to-face``) and the apostrophe ``'`` (``you'll``,
    ``client's``): a task copied with a line break or a tab between two words (``Meet
    in\\nperson.``, a cell of a workbook), two spaces, an en dash or minus sign inside a
    word (``e–mail``), or the typographic apostrophe ``’`` (U+2019) that word processors,
    web pages and phones write (``You’ll email customers.``) matched no rule, and scored
    as if the words were not there; so did another character written for the apostrophe
    between two letters (:data:`_APOSTROPHE_IN_WORD`: ``You‘ll``, ``clientʼs``, the
    backtick, and the acute accent of European keyboards, ``You´ll``, as the scorers read
    it: :func:`~exposure.scoring._features.normalise_text`). O*NET's statements have none
    of these. Shared by the rubric and the task categories (:mod:`exposure.scoring.rubric`,
    :mod:`exposure.scoring.categories`).

    Examples
    --------
    >>> rule_texts(["Meet in\\nperson.", "Use hand\\t tools.", "Send e\u2013mail.", "Weld 1\u20132 pipes."])
    ['Meet in person.', 'Use hand tools.', 'Send e-mail.', 'Weld 1\u20132 pipes.']
    >>> rule_texts(["You\u2019ll email the client\u2019s suppliers."])
    ["You'll email the client's suppliers."]
    >>> rule_texts(["You\u2018ll email the client`s suppliers.", "Call the client \u0301s suppliers."])
    ["You'll email the client's suppliers.", "Call the client's suppliers."]
    >>> rule_texts(["Say \u2018hello\u2019 to `ls` 5\u2032 away."])
    ["Say \u2018hello' to `ls` 5\u2032 away."]
    """
    out = list(texts)
    if plain_texts(out):  # every text as the rules read it: nothing to change, no loop
        return out
    for i, text in enumerate(out):
        if text.isascii():
            # ASCII white space other than the space is not printable, and a run of it
            # holds two spaces or a character of that kind: two C scans, where the search
            # of _ODD_SPACE cost a tenth of the free-text scoring time (the same result)
            if "  " in text or not text.isprintable():
                text = out[i] = _ODD_SPACE.sub(" ", text)
            if "`" in text:  # "client`s": the backtick for the apostrophe
                out[i] = _APOSTROPHE_IN_WORD.sub("'", text)
            continue
        if _ODD_SPACE.search(text) is not None:
            text = _ODD_SPACE.sub(" ", text)
        # "you\u2019ll", "client\u2019s": the rules spell the apostrophe "'" (you'll, \w+'s)
        text = _DASH_IN_WORD.sub("-", text).replace("\u2019", "'")
        out[i] = _APOSTROPHE_IN_WORD.sub("'", text)  # "you\u2018ll", "client \u0301s" (an acute accent)
    return out


def plain_texts(texts: list, *, ends: bool = False) -> bool:
    """Whether every text is printable ASCII with no two spaces in a row nor a backtick.

    :func:`rule_texts` returns such texts as they are: one look at all of them (their
    join, as bytes and as an array), where a look at each cost a tenth of a second on
    200,000 texts. ``ends``: and none begins or ends with a space (``rule_texts`` and
    ``str.strip(" ")`` return them as they are).

    Examples
    --------
    >>> plain_texts(["Weld pipes.", "File records."]), plain_texts(["Weld\\tpipes."]), plain_texts(["Caf\u00e9."])
    (True, False, False)
    >>> plain_texts(["Weld ", " pipes."]), plain_texts(["Weld ", " pipes."], ends=True), plain_texts([])
    (True, False, True)
    >>> plain_texts(["Weld  pipes."]), plain_texts(["Weld `ls`."]), plain_texts(["Weld\\npipes.", ""])
    (False, False, False)
    """
    lines = "\n".join(texts)
    if not lines.isascii():
        return False
    data = lines.encode("ascii")
    # the line feeds between the texts are all that is left of them, once their plain
    # characters are dropped: none holds a line feed, another control character or a backtick
    if data.translate(None, _PLAIN_BYTES) != b"\n" * (len(texts) - 1):
        return False
    if not data:
        return True
    chars = np.frombuffer(data, dtype=np.uint8)
    space = chars == 32
    if (space[1:] & space[:-1]).any():  # two spaces in a row (never across two texts: a line feed)
        return False
    if not ends:
        return True
    feed = chars == 10
    return not (space[0] or space[-1] or (space[1:] & feed[:-1]).any() or (space[:-1] & feed[1:]).any())


def strip_list_marker(text: str) -> str:
    """``text`` without the list marker before its first word (:data:`LIST_MARKER`).

    A duty copied from a numbered or lettered list starts with its marker (``1. File
    records.``, ``a) Draft letters.``, ``(iv) Enter data.``; ``1.File records.`` from a PDF
    that lost the space after it), which hid the verb that
    heads the statement from the rules that look for it. Bullets (``-``, ``•``) are not
    word characters: the rules skip them already, and so does this function; Word's
    second-level bullet ``o`` before a tab and a capital is dropped here. So is a
    list item of a web page (``<li>File records.</li>``, :data:`LEADING_TAGS`), whose
    ``li`` was read as the verb: the rubric lost the verb's vote and the category tags the
    rules on it (``File records.`` admin, ``<li>File records.</li>`` not).

    Examples
    --------
    >>> [strip_list_marker(t) for t in ("1. File records.", "(a) Operate a lift.", "2.3 Sort mail.",
    ...                                 "A forklift is driven.", "U.S. forms filed.", "File it.")]
    ['File records.', 'Operate a lift.', 'Sort mail.', 'A forklift is driven.', 'U.S. forms filed.', 'File it.']
    >>> [strip_list_marker(t) for t in ("<li>File records.</li>", "<ul><li> 1. Sort mail.", "<b>Weld.</b>")]
    ['File records.</li>', 'Sort mail.', 'Weld.</b>']
    >>> [strip_list_marker(t) for t in ("o\\tFile records.", "o File records.", "o-rings replaced.")]
    ['File records.', 'File records.', 'o-rings replaced.']
    >>> [strip_list_marker(t) for t in ("1.File records.", "2)Sort mail.", "1.2.Weld.", "1.5mm pipes cut.", "3D prints.")]
    ['File records.', 'Sort mail.', 'Weld.', '1.5mm pipes cut.', '3D prints.']
    """
    head = text[1:5]
    if text[:1].isalpha() and "." not in head and ")" not in head:
        # a letter first: a marker would be a letter or numeral of 1-4 letters then . or )
        # (a task's usual start: one C scan, not a regex match per text), or Word's
        # second-level bullet, a lower-case "o" and a tab (a space once the white space is
        # read as one) before a capital: "o\tFile records." pasted from a list
        if text[:1] == "o" and text[1:2] in (" ", "\t") and text[2:3].isupper():
            return text[2:]
        return text
    if text.lstrip()[:1] == "<":  # an HTML tag first
        tags = LEADING_TAGS.match(text)
        text = text if tags is None else text[tags.end():]
    marker = LIST_MARKER.match(text)
    return text if marker is None else text[marker.end():]


def alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression.

    A search for the pattern finds a match exactly when a search for one of them does.
    RE2's filtered matching is faster with the alternatives as patterns of their own: each
    gets its own required words, and each automaton stays small.

    Examples
    --------
    >>> alternatives(r"\\b(a|b)\\b|[|(]x|y\\|z")
    ['\\\\b(a|b)\\\\b', '[|(]x', 'y\\\\|z']
    """
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "^":
                i += 1
            if pattern[i + 1:i + 2] == "]":  # a leading ] is a literal
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def prefilter_form(pattern: str) -> str:
    """``pattern`` with each optional single character written as a group: ``s?`` as ``(?:s|)``.

    The two match the same text the same way (the character when it is there, else
    nothing, in that order), but RE2's prefilter (the words a text must hold for the
    pattern to be run: :class:`RuleSet`) reads ``(?:s|)`` as "``s`` or nothing" and ``s?``
    as "anything": once RE2 had merged the common start of ``rotas?|rosters?`` into
    ``ro(?:tas?|sters?)``, the words it required were ``ro``, ``ta`` and ``ster``, too
    short (under three characters) to require, and the pattern ran on every text. Only a
    literal character is rewritten (not a class, a group or ``\\w?``, nor a lazy ``s??``);
    a pattern with an escape of several characters (``\\x41?``), a POSIX class
    (``[[:alpha:]]``) or the flag ``x`` is returned as it is.

    Examples
    --------
    >>> prefilter_form(r"\\b(rotas?|e-?mails?)\\b")
    '\\\\b(rota(?:s|)|e(?:-|)mail(?:s|))\\\\b'
    >>> prefilter_form(r"[s?]\\w?(ab)?\\.?s??x{0,2}?"), prefilter_form(r"\\x41?")
    ('[s?]\\\\w?(ab)?(?:\\\\.|)s??x{0,2}?', '\\\\x41?')
    """
    if "[:" in pattern or re.search(r"\(\?[a-zA-Z-]*x", pattern):  # a POSIX class; verbose
        return pattern
    out, i, n = [], 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "[":  # a class, copied as it is (a "?" in it is a literal)
            j = i + 1 + (pattern[i + 1:i + 2] == "^")
            j += pattern[j:j + 1] == "]"  # a leading "]" is a literal
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            out.append(pattern[i:j + 1])
            i = j + 1
            continue
        token = pattern[i:i + 2] if ch == "\\" else ch
        i += len(token)
        if ch == "\\" and token[1:].isalnum() and token[1] not in _ONE_CHARACTER_ESCAPES:
            return pattern
        literal = not token[1:].isalnum() if ch == "\\" else ch not in _META
        if literal and pattern[i:i + 1] == "?" and pattern[i + 1:i + 2] not in ("?", "+"):
            out.append(f"(?:{token}|)")
            i += 1
        else:
            out.append(token)
    return "".join(out)


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
    gates : dict of str to str, optional
        For a pattern that RE2's filter would run on every text (no word of three
        characters that each of its matches holds: ``\\bCI\\b``), its gate: a regular
        expression found (case-insensitively) in every text the pattern matches, whose
        matches hold no line feed and which asserts nothing but ``\\b``. RE2 looks for
        the gate once in all printable ASCII texts joined by line feeds, and runs the
        pattern only on the texts where it is found; the answers are the same.

    Examples
    --------
    >>> rules = RuleSet([r"\\bfile\\b", r"\\bcode\\b"], use_re2=False)
    >>> rules.search_one("File the code.")
    [0, 1]
    >>> rules.hit_matrix([[0], [], [0, 1]]).astype(int).tolist()
    [[1, 0], [0, 0], [1, 1]]
    >>> RuleSet([r"\\bCI\\b", r"\\bfile\\b"], gates={r"\\bCI\\b": r"\\bCI\\b"}).match(["File CI runs.", "Cite."])[2]
    [[0, 1], []]
    """

    def __init__(self, patterns, *, use_re2: bool = True, gates: dict | None = None):
        self.patterns = tuple(patterns)
        self.use_re2 = use_re2
        self.gates = {j: gates[p] for j, p in enumerate(self.patterns) if p in gates} if gates else {}
        self._filter = None
        self._gated: list = []

    @functools.cached_property
    def _re(self) -> list:
        """The patterns compiled by :mod:`re` (on first use: RE2 matches printable ASCII)."""
        return [compile_rule(p) for p in self.patterns]

    def _re2_match(self):
        """``Match(text: bytes, potential: bool)`` of the RE2 filter of all patterns (compiled on first use).

        Each pattern as :func:`prefilter_form` writes it; a gated pattern's place holds
        :data:`_NO_TEXT` (:meth:`_match_plain` runs it where its gate is found).
        """
        if self._filter is None:
            options = re2.Options()
            options.case_sensitive = False
            # the DFA cache of each pattern: RE2's 8 MiB default was full after some
            # thousand texts, and was flushed again and again (a third of the time of the
            # context rules, whose [^.;]{0,40} make many states); the answers are the same
            options.max_mem = RE2_MAX_MEM
            flt = re2.Filter()
            for j, pattern in enumerate(self.patterns):
                flt.Add(_NO_TEXT if j in self.gates else prefilter_form(pattern), options)
            flt.Compile()
            self._gated = [(j, re2.compile(gate.encode(), options), re2.compile(self.patterns[j], options))
                           for j, gate in self.gates.items()]
            self._filter = flt
        raw = getattr(self._filter, "_filter", None)  # the wrapper's own call minus its Python layer
        return raw.Match if raw is not None else lambda data, potential: self._filter.Match(data, potential) or []

    def search_one(self, text: str) -> list[int]:
        """Indices of the patterns found in ``text``, ascending (with :mod:`re`).

        Examples
        --------
        >>> RuleSet([r"\\bfile\\b", r"\\bcode\\b"]).search_one("Write code.")
        [1]
        """
        return [j for j, rx in enumerate(self._re) if rx.search(text) is not None]

    def _match_plain(self, texts: list[str]) -> list[list[int]]:
        """``found`` of :meth:`match` for distinct printable ASCII texts, with RE2.

        One call of the filter per text (ASCII text is its own UTF-8; each call returns a
        new list, ascending); then each gated pattern on the texts where its gate is found.
        """
        found = list(map(self._re2_match(), map(str.encode, texts), itertools.repeat(False)))
        if self._gated and texts:
            lines = "\n".join(texts).encode("ascii")
            ends = np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1)
            for j, gate, rx in self._gated:
                # a gate's match holds no line feed: it lies in one text, as found there alone
                # (a line feed is no word character, as the start and end of a text are not)
                at = [m.start() for m in gate.finditer(lines)]
                for u in np.unique(np.searchsorted(ends, at, side="right")).tolist():
                    if rx.search(texts[u]) is not None:
                        bisect.insort(found[u], j)
        return found

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
        if not self.use_re2:
            return codes, uniques, list(map(self.search_one, uniques))
        whole = "".join(uniques)
        if whole.isascii() and whole.isprintable():  # every text: no look at each
            return codes, uniques, self._match_plain(uniques)
        plain = [text.isascii() and text.isprintable() for text in uniques]
        found_plain = iter(self._match_plain([text for text, ok in zip(uniques, plain, strict=True) if ok]))
        # the others (accents, curly quotes, tabs) with re, where RE2 may differ
        found = [next(found_plain) if ok else self.search_one(text) for text, ok in zip(uniques, plain, strict=True)]
        return codes, uniques, found

    def hit_matrix(self, found: list[list[int]]) -> np.ndarray:
        """Bool matrix (len(found), number of patterns) from ``found`` of :meth:`match`.

        Examples
        --------
        >>> RuleSet(["a", "b", "c"]).hit_matrix([[2], [0, 1]]).tolist()
        [[False, False, True], [True, True, False]]
        """
        hits = np.zeros((len(found), len(self.patterns)), dtype=bool)
        hits[found_pairs(found)] = True
        return hits


def found_pairs(found: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """``(texts, patterns)``: the index arrays of the pairs in ``found`` (of :meth:`RuleSet.match`).

    Examples
    --------
    >>> [a.tolist() for a in found_pairs([[2], [], [0, 1]])]
    [[0, 2, 2], [2, 0, 1]]
    """
    lengths = np.fromiter(map(len, found), dtype=np.int64, count=len(found))
    cols = np.fromiter(itertools.chain.from_iterable(found), dtype=np.int64, count=int(lengths.sum()))
    return np.repeat(np.arange(len(found), dtype=np.int64), lengths), cols
