"""exposure score / evaluate / train: files in, files out, clean failures."""

import hashlib
import shutil

import pandas as pd
import pytest

from exposure.cli import build_parser, main
from exposure.scoring.learned import read_registry, update_registry


@pytest.fixture()
def tasks_csv(fixtures, tmp_path):
    path = tmp_path / "tasks.csv"
    shutil.copy(fixtures / "scoring" / "tasks_tiny.csv", path)
    return path


def test_score_csv_keeps_input_columns(tasks_csv, tmp_path, capsys):
    out = tmp_path / "scored.csv"
    assert main(["score", str(tasks_csv), "-o", str(out)]) == 0
    got = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(got.columns)[:5] == ["onetsoc_code", "task_id", "task", "title", "note"]
    assert list(got.columns)[5:] == ["p_e0", "p_e1", "p_e2", "label", "alpha", "beta", "gamma",
                                     "admin", "routine_coding", "entry_creative", "method",
                                     "confidence", "nearest_task_id", "nearest_onetsoc_code", "similarity"]
    assert got["note"].tolist() == ["a", "b", "c"]
    assert got["task"].iloc[0] == "Answer telephones, take messages and relay them to staff."
    assert got["method"].unique().tolist() == ["learned"]
    p = got[["p_e0", "p_e1", "p_e2"]].astype(float)
    assert (p.sum(axis=1) - 1).abs().max() < 1e-9
    assert got["label"].iloc[1] == "E0"
    assert "scored 3 tasks" in capsys.readouterr().out


def test_score_parquet_round_trip(tasks_csv, tmp_path):
    src = tmp_path / "tasks.parquet"
    pd.read_csv(tasks_csv).to_parquet(src)
    out = tmp_path / "scored.parquet"
    assert main(["score", str(src), "-o", str(out), "--method", "rubric"]) == 0
    got = pd.read_parquet(out)
    assert len(got) == 3 and (got["method"] == "rubric").all()
    assert got["gamma"].between(0, 1).all()


def test_score_reference_leaves_unlabelled_missing(tasks_csv, tmp_path, fixtures, monkeypatch, capsys):
    from exposure.measures import eloundou

    monkeypatch.setattr(eloundou, "load_task_labels",
                        lambda **kw: eloundou.read_task_labels(fixtures / "scoring" / "labels_tiny.tsv"))
    out = tmp_path / "ref.csv"
    assert main(["score", str(tasks_csv), "-o", str(out), "--method", "reference"]) == 0
    got = pd.read_csv(out)
    assert got["label"].tolist()[:2] == ["E1", "E0"]
    assert got.loc[2, ["p_e0", "alpha", "gamma"]].isna().all()
    assert "1 without a score" in capsys.readouterr().out


def test_score_text_and_occupation_columns(tmp_path):
    src = tmp_path / "mine.csv"
    pd.DataFrame({"desc": ["Draft letters.", "Weld pipes."], "job": ["Secretary", "Welder"]}).to_csv(src, index=False)
    out = tmp_path / "out.csv"
    assert main(["score", str(src), "-o", str(out), "--text-column", "desc", "--occupation-column", "job"]) == 0
    assert pd.read_csv(out)["label"].iloc[1] == "E0"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--text-column", "missing"], "missing text column 'missing'"),
        (["--method", "magic"], "unknown scoring method 'magic'"),
        (["--occupation-column", "nope"], "missing occupation column 'nope'"),
    ],
)
def test_score_bad_options_fail_without_output(tasks_csv, tmp_path, capsys, args, message):
    out = tmp_path / "out.csv"
    assert main(["score", str(tasks_csv), "-o", str(out), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("exposure score: error:") and message in err
    assert not out.exists() and list(tmp_path.iterdir()) == [tasks_csv]


def test_score_empty_cell_names_file_row_column(fixtures, tmp_path, capsys):
    out = tmp_path / "out.csv"
    src = fixtures / "scoring" / "tasks_empty_cell.csv"
    assert main(["score", str(src), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "tasks_empty_cell.csv, row 3, column 'task'" in err
    assert not out.exists()


@pytest.mark.parametrize("src_kind", ["xlsx", "dta"])
@pytest.mark.parametrize("out_kind", ["xlsx", "dta", "csv"])
def test_score_excel_and_stata_in_and_out(tasks_csv, tmp_path, src_kind, out_kind):
    """Economists' formats: the same scores as from the CSV, whatever the container."""
    frame = pd.read_csv(tasks_csv, dtype=str)
    src = tmp_path / f"tasks.{src_kind}"
    if src_kind == "xlsx":
        frame.to_excel(src, index=False)
    else:
        frame.to_stata(src, write_index=False, version=118)
    out = tmp_path / f"scored.{out_kind}"
    assert main(["score", str(src), "-o", str(out), "--method", "rubric"]) == 0
    assert main(["score", str(tasks_csv), "-o", str(tmp_path / "ref.csv"), "--method", "rubric"]) == 0
    ref = pd.read_csv(tmp_path / "ref.csv")
    got = {"xlsx": pd.read_excel, "dta": pd.read_stata, "csv": pd.read_csv}[out_kind](out)
    assert got["task"].tolist() == frame["task"].tolist()
    assert got["label"].tolist() == ref["label"].tolist()
    assert (got["beta"].astype(float) - ref["beta"]).abs().max() < 1e-9


def test_score_bad_file_types(tasks_csv, tmp_path, capsys):
    assert main(["score", str(tasks_csv), "-o", str(tmp_path / "out.xls")]) == 2
    assert "unsupported output file type '.xls'" in capsys.readouterr().err
    other = tmp_path / "tasks.json"
    other.write_text('{"task": ["x"]}')
    assert main(["score", str(other), "-o", str(tmp_path / "o.csv")]) == 2
    assert "unsupported input file type '.json'" in capsys.readouterr().err
    assert main(["score", str(tmp_path / "absent.csv"), "-o", str(tmp_path / "o.csv")]) == 2
    assert "not found" in capsys.readouterr().err
    assert not (tmp_path / "o.csv").exists()


def test_score_refuses_tampered_model(tasks_csv, tmp_path, monkeypatch, capsys):
    from exposure.scoring import learned

    pinned = learned.read_registry()[learned.MODEL_NAME]
    art = tmp_path / learned.MODEL_NAME
    shutil.copy(str(learned._models_dir() / learned.MODEL_NAME), art)
    data = bytearray(art.read_bytes())
    data[-10] ^= 0xFF
    art.write_bytes(bytes(data))
    monkeypatch.setattr(learned, "_models_dir", lambda: tmp_path)
    (tmp_path / "registry.txt").write_text(f"{learned.MODEL_NAME} {pinned}\n")
    out = tmp_path / "out.csv"
    learned._CACHE.clear()
    assert main(["score", str(tasks_csv), "-o", str(out)]) == 2
    assert "sha256 mismatch" in capsys.readouterr().err
    assert not out.exists()
    learned._CACHE.clear()


def test_update_registry_replaces_line(tmp_path):
    reg = tmp_path / "registry.txt"
    update_registry(reg, "m.npz", "a" * 64)
    update_registry(reg, "n.npz", "b" * 64)
    update_registry(reg, "m.npz", "c" * 64)
    lines = reg.read_text().splitlines()
    assert lines[0].startswith("#")
    assert lines[1:] == [f"n.npz {'b' * 64}", f"m.npz {'c' * 64}"]
    assert read_registry(reg) == {"n.npz": "b" * 64, "m.npz": "c" * 64}
    assert hashlib.sha256(b"").hexdigest() not in reg.read_text()


def test_evaluate_rejects_bad_options(capsys):
    assert main(["evaluate", "--method", "magic"]) == 2
    assert "unknown scoring method" in capsys.readouterr().err
    assert main(["evaluate", "--folds", "1"]) == 2


def test_score_tsv_with_onet_headers(tmp_path, capsys):
    """O*NET's own headers ("O*NET-SOC Code", "Task ID", "Task", "Title") are understood."""
    src = tmp_path / "onet_style.tsv"
    src.write_text('O*NET-SOC Code\tTask ID\tTask\tTitle\n'
                   '43-9061.00\t101\tAnswer telephones and "relay" messages.\tOffice Clerks\n'
                   '47-2021.00\t201\tLay bricks to build walls.\tBrickmasons\n')
    out = tmp_path / "scored.csv"
    assert main(["score", str(src), "-o", str(out), "--onet", "none"]) == 0
    got = pd.read_csv(out, dtype=str, keep_default_na=False)
    # written under the library's names, so the output feeds `exposure rollup` (issue 12)
    assert list(got.columns)[:4] == ["onetsoc_code", "task_id", "task", "title"]
    assert got["task"].iloc[0] == 'Answer telephones and "relay" messages.'
    assert got["label"].iloc[1] == "E0" and got["label"].iloc[0] in {"E1", "E2"}


def test_score_auto_onet_without_data_notes_text_only(tasks_csv, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("EXPOSURE_MIRROR", raising=False)
    out = tmp_path / "scored.csv"
    empty_cache = tmp_path / "cache"
    assert main(["score", str(tasks_csv), "-o", str(out), "--data-dir", str(empty_cache)]) == 0
    captured = capsys.readouterr()
    assert "scored from the text alone" in captured.err
    assert "scored 3 tasks" in captured.out


def test_score_auto_onet_fails_cleanly_before_note(tasks_csv, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("EXPOSURE_MIRROR", raising=False)
    out = tmp_path / "scored.csv"
    args = ["score", str(tasks_csv), "-o", str(out), "--data-dir", str(tmp_path / "c"),
            "--text-column", "missing"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("exposure score: error:") and "text alone" not in err
    assert not out.exists()


def test_report_subcommands_and_defaults():
    parser = build_parser()
    args = parser.parse_args(["report", "rubric"])
    assert args.func.__name__ == "run_rubric" and str(args.out_dir) == "data/processed/reports"
    args = parser.parse_args(["report", "agreement", "--method", "rubric", "--out-dir", "x"])
    assert (args.method, str(args.out_dir), args.out) == ("rubric", "x", None)
    args = parser.parse_args(["evaluate"])
    assert args.func.__name__ == "run_evaluate" and args.out is None and args.paraphrases is None
    assert parser.parse_args(["report", "reproduction"]).func.__name__ == "run_reproduction"
    with pytest.raises(SystemExit):  # no default pointing into tests/: the sample is required
        parser.parse_args(["report", "categories"])


def test_report_fails_cleanly(tmp_path, capsys):
    missing = tmp_path / "absent.csv"
    assert main(["report", "categories", "--hand-checked", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("exposure report categories: error:") and "absent.csv" in err and "not found" in err
    assert main(["report", "agreement", "--method", "magic"]) == 2
    assert "unknown scoring method 'magic'" in capsys.readouterr().err


@pytest.mark.parametrize(("args", "text", "message"), [
    (["--text-column", "label"], "label\nWrite code.\n",
     "in.csv, column 'label': the text column 'label' has the name of a score column"),
    (["--method", "reference"], "task\nWrite code.\n",
     "in.csv, column 'task_id': the reference method needs a 'task_id' column"),
])
def test_score_refuses_with_the_file_named(tmp_path, capsys, fixtures, monkeypatch, args, text,
                                          message):
    from exposure.measures import eloundou

    monkeypatch.setattr(eloundou, "load_task_labels",
                        lambda **kw: eloundou.read_task_labels(fixtures / "scoring" / "labels_tiny.tsv"))
    src = tmp_path / "in.csv"
    src.write_text(text)
    for rows in ("1", "0"):
        assert main(["score", str(src), "-o", str(tmp_path / "o.csv"), "--batch-rows", rows, *args]) == 2
        err = capsys.readouterr().err
        assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "o.csv").exists()


def test_a_whole_file_note_is_said_once_and_not_for_a_header_only_file(tmp_path, capsys):
    """The note came twice (a WARNING line and the note); a header-only file got sorting advice."""
    from exposure.cli import main

    src = tmp_path / "nc.csv"
    src.write_text("onetsoc_code,task\n43-4171.00,Answer telephones.\n15-1252.00,Write code.\n"
                   "43-4171.00,Greet visitors.\n")
    assert main(["score", str(src), "-o", str(tmp_path / "o.csv"), "--batch-rows", "1",
                 "--onet", "none"]) == 0  # learned: the occupation context groups rows
    err = capsys.readouterr().err
    assert err.count("not contiguous") == 1 and "WARNING" not in err
    hdr = tmp_path / "hdr.csv"
    hdr.write_text("task,title\n")
    assert main(["score", str(hdr), "-o", str(tmp_path / "h.csv"), "--method", "rubric"]) == 0
    assert capsys.readouterr().err == ""


def test_the_odd_texts_warning_is_one_for_the_file_whatever_the_batches(tmp_path, caplog):
    """Streamed, it came once per batch with that batch's counts ('1 of 2 texts ...')."""
    import logging

    from exposure.scoring._files import score_file

    src = tmp_path / "odd.csv"
    src.write_text("task\nasdf qwer zxcv\nAnswer telephones.\nqwop zzxx\nWeld pipes.\n"
                   "lorem ipsum dolor\n")
    said = []
    for batch_rows in (2, None):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="exposure"):
            score_file(src, tmp_path / "o.csv", onet="none", batch_rows=batch_rows)
        said.append([r.getMessage() for r in caplog.records if "do not read as work tasks" in r.getMessage()])
    assert said[0] == said[1] and len(said[0]) == 1
    assert "odd.csv: 3 of 5 texts do not read as work tasks" in said[0][0] and "row 2" in said[0][0]
