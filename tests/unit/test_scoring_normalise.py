"""Text that reads the same is scored the same (:func:`exposure.scoring._features.normalise_text`)."""

import numpy as np
import pandas as pd
import pytest

from exposure.scoring._features import normalise_text, normalise_texts, tokenize

SAME_TEXT = [
    "Prepare résumés for clients.",  # composed accents (NFC)
    "Prepare re\u0301sume\u0301s for clients.",  # decomposed (NFD: macOS, some PDFs)
    "Pre\u00adpare résumés for clients.",  # soft hyphen (web pages, PDFs)
    "Pre\u200bpare résumés for clients.",  # zero-width space
    "\ufeffPrepare résumés for clients.",  # byte-order mark
    "Ｐｒｅｐａｒｅ résumés for clients.",  # full-width letters
    "Prepare resumes for clients.",  # O*NET's spelling
]


def test_text_that_reads_the_same_is_tokenised_the_same():
    assert {normalise_text(t) for t in SAME_TEXT} == {"Prepare resumes for clients."}
    tok = tokenize(SAME_TEXT)
    per_text = np.split(np.asarray(tok.words, dtype=object)[tok.codes], np.cumsum(tok.lengths)[:-1])
    assert {tuple(w) for w in per_text} == {("prepare", "resumes", "for", "clients")}
    # other scripts keep their marks; ASCII text is returned as the same object
    assert normalise_text("परीक्षा") == "परीक्षा"
    ascii_texts = ["Weld.", "Sew."]
    assert normalise_texts(ascii_texts) is ascii_texts


@pytest.mark.parametrize("method", ["learned", "rubric"])
def test_text_that_reads_the_same_gets_the_same_scores(method):
    """Hunt 4: NFD accents, a soft hyphen or full-width letters changed the label (E1 -> E0)."""
    from exposure.scoring import score_tasks
    title = "Care\u0301er Counselors"  # titles are read the same way
    frame = pd.DataFrame({"task": SAME_TEXT, "title": [title] * len(SAME_TEXT)}, index=list("abcdefg"))
    out = score_tasks(frame, method=method)
    assert out["task"].tolist() == SAME_TEXT and out.index.tolist() == list("abcdefg")  # caller's text kept
    scores = out[["p_e0", "p_e1", "p_e2", "label", "admin", "routine_coding", "entry_creative"]].astype(str)
    assert len(scores.drop_duplicates()) == 1, scores
    plain = score_tasks(pd.DataFrame({"task": ["Prepare resumes for clients."], "title": ["Career Counselors"]}),
                        method=method)
    assert plain["beta"].iloc[0] == pytest.approx(out["beta"].iloc[0], abs=0)


def test_web_markup_scores_as_the_plain_text():
    """HTML character references and underscore emphasis: the scores of the plain text.

    ``Schedule&nbsp;appointments`` read ``nbsp`` as a word and scored otherwise (gamma
    0.9378 against 0.9161 for one bullet) while the tagger read it as the plain text.
    """
    import pandas as pd

    from exposure.scoring import score_tasks

    marked = ["Schedule&nbsp;appointments for clients.", "_Draft_ replies to routine customer e&#8209;mails.",
              "Plan R&amp;D budgets &amp; travel."]
    plain = ["Schedule appointments for clients.", "Draft replies to routine customer e-mails.",
             "Plan R&D budgets & travel."]
    got = score_tasks(pd.DataFrame({"task": marked}))
    want = score_tasks(pd.DataFrame({"task": plain}))
    cols = [c for c in got.columns if c != "task"]
    pd.testing.assert_frame_equal(got[cols], want[cols])
