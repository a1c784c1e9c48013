"""Faults of round 80 (posting): job-posting lines that name no duty, still read as tasks.

1. ``exposure.scoring._features.posting_lines`` (rounds 77 and 78) missed most lines of a third,
   independent set of posting lines, ``boilerplate_v3.csv`` (256 non-duty and 120 duty lines
   written as from many postings: tech, retail, health, trades, hospitality, the public sector,
   British and European wordings; split at random by ``draw_boilerplate_v3.py``, seed 20261280,
   before the rule was run on it): 36 of 130 non-duty lines flagged on its ``dev`` half and 38
   of 126 on its ``test`` half; and 64 of 102 on v2's ``test`` half. ``score_tasks`` gave them
   the confidence of a task, with no warning. Among the misses named in the docs: perks worded as
   a noun phrase (``Free on-site gym and yoga classes``, ``Catered lunches three days a week``),
   culture blurbs not in the first person (``Diversity makes us stronger.``, ``Series B, backed
   by Sequoia and a16z.``), "heading: value" lines (``Shifts available: 6am-2:30pm``, ``Travel
   required: 25-50%``), requirements (``Full UK driving licence``), places (``Anywhere in the
   EU``), contact lines (``Include a link to your GitHub.``) and the posting's headings (``Key
   responsibilities``). Now ``POSTING_PATTERNS`` holds patterns for them (written on v2's
   ``test`` half and v3's ``dev`` half only): v3 ``test`` half, measured once, 97 of 126 (was
   38; 98 once the word filter read ``City & Guilds ...`` as the rule as written does); v3
   ``dev`` 130 of 130; v2 ``test`` 102 of 102; no duty line of the three sets flagged.
2. ``posting_line_kind``, the rule as written, read seven O*NET statements and work activities
   as requirements (``Direct technical activities or operations.`` -> ``'requirement'``: "direct"
   read as the adjective of "direct experience") and a training task written in the first person
   as a schedule (``Three nights a week I stack pallets ...`` -> ``'schedule or location'``);
   ``posting_lines`` did not flag them only because its word filter skipped them. Now both are
   None: "Direct" does not begin a requirement of skills, and a line in which the writer says
   "I" is a worker's own task (``Experience in a Level I trauma center desired.`` is still a
   requirement).
3. Speed: the patterns read from the start are tried only with those that may begin with the
   line's first letter (``_first_chars``, read from the parsed pattern), the ``.*\\b`` patterns
   as one regex, and words that begin many tasks (``Clean``, ``Set``, ``Apply``, ``You``) are
   read only before one of their second words (``_POSTING_PAIRS``): the same answers on every
   line of the three sets and on O*NET's statements (below), and less time than before on
   200,000 texts despite the new patterns.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pandas as pd
import pytest

from exposure.scoring import score_tasks

FREETEXT = Path(__file__).resolve().parents[1] / "data" / "scoring" / "freetext"
V1, V2, V3 = (FREETEXT / f"boilerplate_v{k}.csv" for k in (1, 2, 3))
#: Non-duty lines of v3's test half flagged when the rules were written (measured once, 97 of 126; 98 once the
#: word filter read "City & Guilds ..." as the rule as written does).
V3_TEST_CAUGHT = 97
#: Of v2's test half (development data in round 80).
V2_TEST_CAUGHT = 102


def _frame(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _lines(path: Path, split: str, duty: bool) -> list[str]:
    frame = _frame(path)
    rows = (frame["split"] == split) & ((frame["kind"] == "duty") == duty)
    return frame.loc[rows, "text"].tolist()


def _check_v3_is_new_and_split_by_its_script():
    import importlib.util

    frame = _frame(V3)
    assert list(frame.columns) == ["text", "kind", "split"] and frame["text"].is_unique
    old = set(pd.concat([_frame(V1)["text"], _frame(V2)["text"]]).str.lower())
    assert not frame["text"].str.lower().isin(old).any()
    assert (frame["kind"] != "duty").sum() >= 150 and (frame["kind"] == "duty").sum() >= 100
    spec = importlib.util.spec_from_file_location("draw_boilerplate_v3", FREETEXT / "draw_boilerplate_v3.py")
    draw = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(draw)
    assert draw.draw(frame[["text", "kind"]]).tolist() == frame["split"].tolist()


def test_v3_test_half_is_caught_and_no_duty_is_flagged():
    from exposure.scoring._features import posting_lines

    _check_v3_is_new_and_split_by_its_script()
    lines = _lines(V3, "test", duty=False)
    caught = posting_lines(lines)
    assert caught.sum() >= V3_TEST_CAUGHT, [t for t, f in zip(lines, caught) if not f]
    for path in (V1, V2, V3):
        for split in ("dev", "test"):
            duties = _lines(path, split, duty=True)
            flagged = posting_lines(duties)
            assert not flagged.any(), (path.name, [t for t, f in zip(duties, flagged) if f])


def test_development_halves():
    from exposure.scoring._features import posting_lines

    assert posting_lines(_lines(V3, "dev", duty=False)).all()
    assert posting_lines(_lines(V2, "test", duty=False)).sum() >= V2_TEST_CAUGHT


@pytest.mark.parametrize(("text", "kind", "duty"), [
    ("Free on-site gym and yoga classes", "benefits", "Clean the on-site gym and restock the towels."),
    ("Catered lunches three days a week", "benefits", "Order catered lunches for client meetings."),
    ("Discounted gym membership", "benefits", "Monthly budget reconciliation in Excel"),
    ("Diversity makes us stronger.", "company", "Run diversity training for new managers."),
    ("Series B, backed by Sequoia and a16z.", "company", "Prepare the Series B data room for investors."),
    ("Shifts available: 6am-2:30pm, 2pm-10:30pm", "schedule or location",
     "Order processing: entering phone and email orders into NetSuite."),
    ("Travel required: 25-50%", "schedule or location", "Travel to client sites to install equipment."),
    ("Anywhere in the EU", "schedule or location", "Ship orders anywhere in the EU."),
    ("Rota: alternate weekends", "schedule or location", "Schedule the weekly rota for care staff."),
    ("Include a link to your GitHub.", "how to apply", "Include a link to the survey in every newsletter."),
    ("Full UK driving licence", "requirement", "Check drivers' licences before each shift."),
    ("Key responsibilities", "company", "Key in customer orders."),
    ("Tips shared equally among all staff", "pay", "Share tips with new staff on the tills."),
])
def test_kind_of_a_line_and_of_its_duty(text, kind, duty):
    from exposure.scoring._features import posting_line_kind, posting_lines

    assert posting_line_kind(text) == kind
    assert posting_line_kind(duty) is None
    assert posting_lines([duty, text]).tolist() == [False, True]


def test_rule_as_written_spares_statements_and_first_person_tasks():
    from exposure.scoring._features import posting_line_kind

    texts = {"Direct technical activities or operations.": None,
             "Direct activities of professional and technical staff members and volunteers.": None,
             "Three nights a week I stack pallets and drive the forklift in the cold store": None,
             # (still requirements: a level numeral "I", and "direct experience")
             "Experience in a Level I trauma center desired.": "requirement",
             "Direct experience with Kubernetes": "requirement"}
    assert {text: posting_line_kind(text) for text in texts} == texts


def test_rule_as_written_flags_no_onet_text(mirror):
    from exposure.scoring._features import posting_line_kind

    texts = pd.read_csv(mirror / "onet" / "29.1" / "Task Statements.txt", sep="\t", dtype=str)["Task"].tolist()
    texts += pd.read_csv(mirror / "onet" / "29.1" / "DWA Reference.txt", sep="\t", dtype=str)["DWA Title"].tolist()
    texts += pd.read_csv(mirror / "onet" / "29.1" / "IWA Reference.txt", sep="\t", dtype=str)["IWA Title"].tolist()
    flagged = [t for t in dict.fromkeys(texts) if posting_line_kind(t) is not None]
    assert flagged == []


def test_fast_path_is_the_rule_as_written():
    from exposure.scoring._features import (
        POSTING_PATTERNS,
        _first_chars,
        posting_line_kind,
        posting_lines,
    )

    texts = [t for path in (V1, V2, V3) for t in _frame(path)["text"]]
    # every pattern begins its matches with one of the characters _first_chars names
    for pattern in (p for ps in POSTING_PATTERNS.values() for p in ps):
        chars = _first_chars(pattern)
        rule = re.compile(pattern, re.IGNORECASE)
        for text in texts:
            line = " ".join(text.split())
            if chars is not None and line.isascii() and rule.match(line):
                assert line[:1].lower() in chars, (pattern, line)
    # posting_lines flags the lines the rule as written does (round 81: "N/A" too, whose words
    # tokenize does not read, is read now)
    fast = posting_lines(texts)
    written = [posting_line_kind(t) is not None for t in texts]
    differ = [t for t, a, b in zip(texts, fast, written) if a != b]
    assert differ == []


def test_score_tasks_gives_the_named_misses_confidence_0(caplog):
    lines = ["Free on-site gym and yoga classes", "Diversity makes us stronger.",
             "Travel required: 25-50%", "Anywhere in the EU"]
    with caplog.at_level(logging.WARNING, logger="exposure"):
        out = score_tasks(pd.DataFrame({"task": ["Answer telephones and relay messages."] + lines}))
    assert out["confidence"].iloc[0] > 0.3
    assert (out["confidence"].iloc[1:] == 0).all(), out["confidence"].tolist()
    said = [r.getMessage() for r in caplog.records if "do not read as work tasks" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith("4 of 5 texts do not read as work tasks"), said
