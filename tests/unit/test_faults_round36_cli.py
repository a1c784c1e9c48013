"""Round 36: ``exposure evaluate``, ``exposure report agreement`` and the recompute progress bar.

1. ``exposure evaluate --folds 1000000`` (any ``--folds`` above the number of occupation
   groups, SOC 6-digit codes, of the human labels: 598), also with ``--modern`` /
   ``--paraphrases``, and ``exposure report agreement --folds 599``: refused only after
   O*NET 29.1 was loaded (downloaded when not cached; on a mirror holding the labels only,
   the error was O*NET's ``not found in mirror``), as ``cannot deal 598 occupation groups
   into 599 folds: the folds must number from 2 to 598``, naming no option. Refused once the
   labels are read, naming ``--folds`` and its bound. (``exposure train --folds`` named it
   already.)
2. ``TQDM_DISABLE=1`` (tqdm's own variable, read when tqdm is imported): the recompute bar
   (``run_pipeline(progress=True)``, ``exposure recompute`` on a terminal) was drawn all the
   same: the bar was built with ``disable=False``, and tqdm reads the variable only for an
   argument not given. Honoured now.
3. ``exposure evaluate --out reports/`` (a directory meant): the slash was dropped, and the
   message read ``--out reports: the report is written as CSV; give a file name ending in
   .csv``. Named a directory now, with the file name to give.
4. ``exposure evaluate --out "e.csv "`` (a trailing space or tab) and ``--out .csv`` (or
   ``r/.CSV``): ``the report is written as CSV; give a file name ending in .csv`` of a name
   that, as the user reads it, ends in .csv. The message says why now.

Tiny files written by the tests; the --folds tests read the real human labels (a mirror that
holds them only: nothing beyond them is read).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pandas as pd
import pytest
from _frames import write_text
from test_faults_cli import cli_lines as cli

from exposure.errors import ExposureError
from exposure.measures.eloundou import LABELS_NAME


@pytest.fixture
def labels_mirror(tmp_path, shared_data):
    """A mirror that holds the human labels only (no O*NET): what is read after them fails."""
    target = tmp_path / "mirror" / LABELS_NAME
    target.parent.mkdir(parents=True)
    target.symlink_to((shared_data / LABELS_NAME).resolve())  # CI gives a relative mirror (../shared/data)
    return tmp_path / "mirror"


# 1. --folds above the occupation groups of the labels
FOLDS_599 = ("column 'O*NET-SOC Code': --folds 599 is more than the 598 occupation groups (SOC 6-digit codes) of "
             "the labels: the cross-validation holds out whole groups, one fold at least each; give --folds from 2 "
             "to 598")


@pytest.mark.parametrize("extra", [[], ["--modern", "m.csv"], ["--paraphrases", "p.csv"]])
def test_evaluate_folds_above_the_groups_names_folds_before_onet(tmp_path, capsys, labels_mirror, extra):
    """It was O*NET's 'not found in mirror' here (after a download elsewhere), then 'cannot deal ...'."""
    write_text(tmp_path, "m.csv", "task,label,exposed\nDraft replies to customer emails,E1,true\n")
    write_text(tmp_path, "p.csv", "onetsoc_code,task_id,paraphrase\n11-1031.00,15278,You will weigh voters' "
                                  "issues.\n")
    extra = [tmp_path / a if a.endswith(".csv") else a for a in extra]
    code, err = cli(capsys, "evaluate", "--mirror", labels_mirror, "--data-dir", tmp_path / "cache",
                    "--folds", "599", "--out", tmp_path / "r" / "e.csv", *extra)
    assert code == 2
    assert err == [f"exposure evaluate: error: {tmp_path / 'cache' / LABELS_NAME}, {FOLDS_599}"]
    assert not (tmp_path / "r").exists()


def test_report_agreement_folds_above_the_groups_names_folds(tmp_path, capsys, labels_mirror):
    code, err = cli(capsys, "report", "agreement", "--mirror", labels_mirror, "--data-dir", tmp_path / "cache",
                    "--folds", "1000000", "--out-dir", tmp_path / "r")
    assert code == 2
    assert err == [f"exposure report agreement: error: {tmp_path / 'cache' / LABELS_NAME}, "
                   + FOLDS_599.replace("599", "1000000", 1)]


def test_folds_up_to_the_groups_pass():
    from exposure.cli._report import check_folds_fit  # new in round 36

    labels = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1041.00", "15-1252.00"]})
    check_folds_fit(3, labels)
    with pytest.raises(ExposureError, match=r"^full_labelset_train\.tsv, column 'O\*NET-SOC Code': --folds 4 is "
                                            r"more than the 3 occupation groups .* give --folds from 2 to 3$"):
        check_folds_fit(4, labels)


# 2. TQDM_DISABLE
SCRIPT = textwrap.dedent("""
    import pandas as pd, sys
    from exposure.pipeline import Stage, run_pipeline
    from exposure.schemas._catalog import TABLES

    def make():
        return {"task_digests": pd.DataFrame({
            "onetsoc_code": "11-1011.00", "task_id": [2, 1], "task_type": ["Core", None],
            "text_digest": ["0123456789abcdef"] * 2, "dwa_digest": ["e3b0c44298fc1c14"] * 2})}

    run_pipeline([Stage("make", make)], [TABLES["task_digests"]], sys.argv[1], progress=True)
""")


def _bar(tmp_path, **env):
    environ = {k: v for k, v in os.environ.items() if not k.startswith("TQDM_")}
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "out")], capture_output=True, text=True,
                          env={**environ, **env}, timeout=120, check=True)
    return done.stderr


def test_tqdm_disable_hides_the_recompute_bar(tmp_path):
    """The bar was drawn with TQDM_DISABLE=1 (disable=False given explicitly)."""
    assert "recompute" in _bar(tmp_path)  # progress=True draws it, on a pipe too
    assert "recompute" not in _bar(tmp_path, TQDM_DISABLE="1")


SCORE_BAR = textwrap.dedent("""
    import io, sys
    class Terminal(io.StringIO):
        def isatty(self):
            return True
    sys.stderr = Terminal()
    from exposure.cli._score import _progress_bar
    bar = _progress_bar()
    print(type(bar).__name__, bool(getattr(bar, "disable", None)))
""")


@pytest.mark.parametrize("env, shown", [({}, "tqdm False"), ({"TQDM_DISABLE": "1"}, "tqdm True")])
def test_tqdm_disable_hides_the_score_bar_on_a_terminal(env, shown):
    """`exposure score` passed disable=None, which overrides TQDM_DISABLE: the bar was drawn."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("TQDM_")}
    done = subprocess.run([sys.executable, "-c", SCORE_BAR], capture_output=True, text=True,
                          env={**environ, **env}, timeout=120, check=True)
    assert done.stdout.strip() == shown


# 3. --out naming a directory
@pytest.mark.parametrize("extra, name", [([], "agreement.csv"), (["--modern", "m.csv"], "freetext_agreement.csv")])
def test_evaluate_out_ending_in_a_slash_is_named_a_directory(tmp_path, capsys, extra, name):
    """It said 'give a file name ending in .csv' of the name without its slash."""
    write_text(tmp_path, "m.csv", "task,label,exposed\nDraft replies to customer emails,E1,true\n")
    extra = [tmp_path / a if a.endswith(".csv") else a for a in extra]
    out = f"{tmp_path / 'reports'}/"
    (tmp_path / "mirror").mkdir()
    code, err = cli(capsys, "evaluate", "--mirror", tmp_path / "mirror", "--data-dir", tmp_path / "cache",
                    "--out", out, *extra)
    assert code == 2
    assert err == [f"exposure evaluate: error: --out {out}: a directory, not a file name: give the report's file "
                   f"name, e.g. {tmp_path / 'reports' / name}"]
    assert not (tmp_path / "cache").exists()


# 4. names that end in .csv as the user reads them
@pytest.mark.parametrize("name, why", [("e.csv ", "the name ends in white space"),
                                       ("e.CSV\t", "the name ends in white space"),
                                       (".csv", ".csv alone is a hidden file's name, not a suffix"),
                                       (".CSV", ".csv alone is a hidden file's name, not a suffix")])
def test_evaluate_out_that_looks_like_csv_says_why_it_is_not(tmp_path, capsys, name, why):
    """It said 'give a file name ending in .csv' and no more."""
    (tmp_path / "mirror").mkdir()
    out = tmp_path / name
    code, err = cli(capsys, "evaluate", "--mirror", tmp_path / "mirror", "--data-dir", tmp_path / "cache",
                    "--out", out)
    assert code == 2
    # (round 75) a name ending in white space is refused as such first, as exposure train --out says it
    expected = (f"output path {str(out)!r} has surrounding spaces (or a line end): remove them ({str(out)!r} "
                f"and {str(out).strip()!r} are different files)" if why == "the name ends in white space" else
                f"--out {out}: the report is written as CSV; give a file name ending in .csv ({why})")
    assert err == [f"exposure evaluate: error: {expected}"]
    assert not (tmp_path / "cache").exists()
