"""Fault round 67, found while landing the round (each test failed before its fix).

1. ``exposure score`` of a file with a column of the user's own named ``Beta`` (or
   ``Alpha``, ``Gamma``) kept it beside the score column ``beta`` without a word, and
   ``exposure rollup`` then refused the output (``columns 'beta' and 'Beta' are both given:
   which one holds the beta?``): the output did not feed the roll-up, as issue 12 asks.
   ``exposure score`` now warns once, naming the columns, that the roll-up refuses such a
   file and to rename or drop them.
2. :func:`exposure.dask.score` with a relative ``mirror`` (or ``data_dir``) shipped the path
   as given: each task read it against the directory it ran in, so a worker started in
   another directory, or a ``compute()`` after ``os.chdir``, could not find the O*NET
   release the graph was built for (``ExposureError: mirror directory does not exist:
   data``). It is made absolute on the client (``~`` expanded), as ``model_path`` was.
3. :func:`exposure.score_tasks` and ``exposure score FILE`` of tasks whose O*NET-SOC codes
   are under another name than ``onetsoc_code`` or a spelling of it (``onet_code``,
   ``O*NET Code``, ``soc_code``: names other tools give them) scored the rows as if they
   had no occupation, without a word: "Draft replies to routine customer emails." under
   43-6014.00 got beta 0.96 for 0.75 with the code read. Such a column (its first values
   all O*NET-SOC codes) is now warned of once, naming it and the name to give.
4. :func:`exposure.outcomes.run_outcomes` gave the exposure group of each occupation
   (``groups``, ``outcomes_groups.csv``) as floats: the file read ``11-1011,alpha,4.0``.
   They are whole numbers now (``4``); the shipped ``outcomes_groups.csv`` was regenerated
   and only that changed.
5. :func:`exposure.scoring.learned.load_model` of a model with a retrieval index of
   another O*NET release pinned beside it (a 30.1 index under the shipped index's name)
   loaded without a word and scored otherwise (round 67's retrieval helper saw "Answer
   billing emails from customers." go from E1 to E2). Refused now, naming the index and
   both releases.
6. :func:`exposure.fetch.download` (and ``fetch``) with ``timeout=1e10`` or
   ``deadline=1e10`` (a "no limit" written as a big number) raised ``OverflowError:
   timestamp out of range for platform time_t`` from inside the socket once it connected;
   round 67 refused such options on the command line only. Refused before any work, naming
   the argument.
7. ``score_tasks(frame, "reference", labels=L)`` with labels whose ``task`` column is given
   twice (two label files put side by side) raised ``AttributeError: 'DataFrame' object
   has no attribute 'tolist'`` from inside (round 67 named it for ``score_reference``
   only). Named now, by the same check (``_inputs.check_statement_column``).
8. ``exposure validate --report-dir "reports "`` (a value with its CRLF or a space) was
   refused by the report writer after the whole validation (about 28 s), naming
   ``report_dir``, since round 67; before that, a directory ``'reports '`` was made. It is
   refused first now, naming ``--report-dir``.
9. ``exposure train --out " m.npz"`` (a name with a leading space; trailing ones fail the
   ``.npz`` check) trained for minutes and wrote the model as ``' m.npz'``, beside
   ``m.npz``. ``_outdir.check_output_file`` refuses a name with surrounding spaces or a
   line end before any work, unless a file of that very name exists.
10. :func:`exposure.crosswalks.read_soc_2010_to_2018` read a SOC 2018 code given two
    titles (a shifted row) without a word, where an O*NET-SOC 2010 code given two is
    refused; refused now, naming both rows (the registered file has one title a code).
11. :func:`exposure.rollup.to_census_occ` (and ``census_weights``) with an employment
    frame holding an OEWS aggregate beside a code it publishes (``21-1018`` and
    ``21-1011``) counted the code's workers twice in the Census weights, without a word;
    round 67 refused the pair in the scores only. Refused now, naming both rows.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line


def test_a_column_named_like_a_score_but_for_case_is_warned_of(tmp_path, capsys, caplog):
    src = tmp_path / "t.csv"
    src.write_text("O*NET-SOC Code,Task ID,Task,Beta\n43-6014.00,2793,Draft replies to customer emails.,0.3\n"
                   "47-2022.00,8773,Lay bricks.,0.1\n")
    with caplog.at_level(logging.WARNING, logger="exposure.scoring._files"):
        code, _, err = cli(capsys, "score", src, "-o", tmp_path / "s.csv", "--onet", "none")
    assert code == 0, err
    said = [r.getMessage() for r in caplog.records if "only in case" in r.getMessage()]
    assert said == [f"{src}: the input column(s) 'Beta' differ from the score column(s) 'beta' only in case "
                    "or spaces: s.csv keeps them beside the scores, and exposure rollup refuses a file "
                    "holding both (rename or drop them)"]
    code, _, err = cli(capsys, "rollup", tmp_path / "s.csv", "-o", tmp_path / "r")
    assert code == 2 and "'Beta'" in one_error_line(err, command="rollup")  # what the warning said


def test_a_plain_input_is_not_warned_of(tmp_path, capsys, caplog):
    src = tmp_path / "t.csv"
    src.write_text("task,Betas\nDraft replies to routine customer emails.,0.3\n")
    with caplog.at_level(logging.WARNING, logger="exposure.scoring._files"):
        code, _, err = cli(capsys, "score", src, "-o", tmp_path / "s.csv", "--onet", "none")
    assert code == 0 and "only in case" not in caplog.text


def test_dask_reads_a_relative_mirror_as_the_client_did(tmp_path, monkeypatch):
    dd = pytest.importorskip("dask.dataframe")
    from exposure import dask as xd
    from exposure.scoring import _files

    mirror = Path(os.environ.get("EXPOSURE_MIRROR", "../shared/data")).resolve()
    frame = pd.DataFrame({"task": ["Draft replies to customer emails.", "Lay bricks."],
                          "onetsoc_code": ["43-6014.00", "47-2022.00"]})
    monkeypatch.chdir(mirror.parent)
    graph = xd.score(dd.from_pandas(frame, npartitions=2), "learned", onet="29.1", mirror=mirror.name)
    monkeypatch.chdir(tmp_path)  # a worker started elsewhere: another directory, nothing loaded yet
    monkeypatch.setattr(_files, "_ONETS", {})
    out = graph.compute(scheduler="sync")
    assert out["label"].tolist() == ["E1", "E0"] and out["task"].tolist() == frame["task"].tolist()


@pytest.mark.parametrize("name", ["onet_code", "O*NET Code", "soc_code"])
def test_codes_under_another_name_are_warned_of(name, caplog):
    from exposure import score_tasks

    frame = pd.DataFrame({"task": ["Draft replies to routine customer emails.", "Lay bricks."],
                          name: [None, "47-2022.00"]})
    with caplog.at_level(logging.WARNING, logger="exposure.scoring"):
        score_tasks(frame)
    said = [r.getMessage() for r in caplog.records if "holds O*NET-SOC codes" in r.getMessage()]
    assert said == [f"score_tasks: the column {name!r} holds O*NET-SOC codes (first: '47-2022.00') but is not "
                    "read: the occupation is read from a column 'onetsoc_code' only, so the rows were scored "
                    "as if they had none; name the column 'onetsoc_code' to have it read"]
    read = score_tasks(frame.rename(columns={name: "onetsoc_code"}))
    assert not read["beta"].equals(score_tasks(frame)["beta"])  # the code changes the scores: it matters


@pytest.mark.parametrize("other", [{"onetsoc_code": ["47-2022.00"]}, {"O*NET-SOC Code": ["47-2022.00"]},
                                   {"code": ["47-2022"]}, {"note": ["47-2022.00 and more"]}])
def test_read_keys_and_other_columns_are_not_warned_of(other, caplog):
    from exposure import score_tasks

    with caplog.at_level(logging.WARNING, logger="exposure.scoring"):
        score_tasks(pd.DataFrame({"task": ["Lay bricks."], **other}))
    assert "holds O*NET-SOC codes" not in caplog.text


def test_exposure_score_warns_of_codes_under_another_name_once(tmp_path, capsys, caplog):
    src = tmp_path / "t.csv"
    src.write_text("onet_code,task\n" + "43-6014.00,Draft replies to routine customer emails.\n" * 3)
    with caplog.at_level(logging.WARNING, logger="exposure.scoring"):
        code, _, err = cli(capsys, "score", src, "-o", tmp_path / "s.csv", "--batch-rows", 1)
    assert code == 0, err
    said = [r.getMessage() for r in caplog.records if "holds O*NET-SOC codes" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith(f"{src}: the column 'onet_code' holds O*NET-SOC codes")


def test_the_exposure_groups_are_whole_numbers(tmp_path):
    from _frames import outcome_exposures, outcome_panel

    from exposure.outcomes import run_outcomes
    from exposure.reports.outcomes import write_outcomes

    panel = outcome_panel()
    exposures = outcome_exposures(panel)
    exposures.loc[7, "beta"] = None  # a measure that does not cover every occupation, as published ones
    result = run_outcomes(panel, exposures, q=2, with_robustness=False)
    assert result.groups["group"].dtype == "int64" and set(result.groups["group"]) == {1, 2}
    assert len(result.groups) == 7
    write_outcomes(result, tmp_path, figures_too=False)
    lines = (tmp_path / "outcomes_groups.csv").read_text().splitlines()
    assert lines[0] == "soc_code,measure,group" and all(line.rsplit(",", 1)[1] in ("1", "2") for line in lines[1:])


def test_a_model_with_an_index_of_another_release_is_refused(tmp_path):
    import hashlib
    import shutil

    from exposure._io import read_arrays, write_arrays
    from exposure.errors import DataFormatError
    from exposure.scoring.learned import load_model, shipped_model_path, update_registry

    model = tmp_path / shipped_model_path().name
    shutil.copyfile(shipped_model_path(), model)
    meta = read_arrays(model.read_bytes())[1]
    shutil.copyfile(shipped_model_path().with_name(meta["vectors"]), tmp_path / meta["vectors"])
    arrays, index_meta = read_arrays(shipped_model_path().with_name(meta["index"]).read_bytes())
    index = tmp_path / meta["index"]
    registry = tmp_path / "registry.txt"

    def pin_all():
        for path in (model, tmp_path / meta["vectors"], index):
            update_registry(registry, path.name, hashlib.sha256(path.read_bytes()).hexdigest())

    write_arrays(arrays, index_meta, index)
    pin_all()
    assert load_model(model, registry=registry).index.metadata["onet_release"] == "29.1"  # the copy loads
    write_arrays(arrays, dict(index_meta, onet_release="30.1"), index)
    pin_all()
    with pytest.raises(DataFormatError, match=r"the retrieval index is of O\*NET 30\.1, but the model "
                       r"learned-v\d+\.npz was trained with the index of O\*NET 29\.1") as info:
        load_model(model, registry=registry)
    assert info.value.path == str(index)


@pytest.mark.parametrize("settings", [{"timeout": 1e10, "deadline": 1e10}, {"timeout": (5, 1e12)},
                                      {"deadline": 1e10}, {"backoff": 1e10}])
def test_download_refuses_settings_beyond_what_a_socket_waits(tmp_path, settings):
    import threading

    from exposure.errors import DataFormatError
    from exposure.fetch import _check_network, download

    with pytest.raises(DataFormatError, match=r"must be at most 9223372036 seconds \(about 292 years"):
        download("http://127.0.0.1:9/x", tmp_path / "x", retries=0, **settings)
    assert not list(tmp_path.iterdir())
    limit = {k: (5, threading.TIMEOUT_MAX) if k == "timeout" and isinstance(v, tuple) else threading.TIMEOUT_MAX
             for k, v in settings.items()}
    assert _check_network(**limit)  # the limit itself is accepted


def test_reference_labels_with_two_task_columns_are_named_by_score_tasks():
    from exposure import score_tasks
    from exposure.errors import DataFormatError
    from exposure.measures.eloundou import load_task_labels

    labels = load_task_labels(mirror=os.environ.get("EXPOSURE_MIRROR", "../shared/data")).head(20)
    frame = labels[["onetsoc_code", "task_id", "task"]].head(3)
    want = score_tasks(frame, "reference", labels=labels)["label"].tolist()
    assert want == labels["human_exposure_agg"].head(3).tolist()
    twice = pd.concat([labels, labels[["task"]]], axis=1)
    with pytest.raises(DataFormatError, match=r"^labels, column 'task': given more than once: keep one$"):
        score_tasks(frame, "reference", labels=twice)


def test_validate_refuses_a_report_dir_with_spaces_first(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = cli(capsys, "validate", "--report-dir", "reports\r")
    assert code == 2 and out == ""
    assert one_error_line(err, command="validate").endswith(
        "--report-dir 'reports\\r' has surrounding spaces (or a line end): remove them ('reports\\r' and "
        "'reports' are different directories)")
    assert not list(tmp_path.iterdir())


def test_train_refuses_an_output_name_with_spaces_before_any_work(tmp_path, capsys, monkeypatch):
    from exposure._outdir import OutputPathError, check_output_file

    monkeypatch.chdir(tmp_path)
    code, _, err = cli(capsys, "train", "--out", " m.npz")
    assert code == 2 and one_error_line(err, command="train").endswith(
        "output path ' m.npz' has surrounding spaces (or a line end): remove them (' m.npz' and 'm.npz' are "
        "different files)")
    assert not list(tmp_path.iterdir())
    with pytest.raises(OutputPathError, match="surrounding spaces"):
        check_output_file("m.npz\r")
    (tmp_path / " m.npz").write_bytes(b"")  # a file of that very name: it is the one meant
    assert check_output_file(" m.npz") == Path(" m.npz")


def test_a_soc_2018_code_of_two_titles_is_refused(tmp_path):
    from exposure.crosswalks import load_soc_2010_to_2018, read_soc_2010_to_2018
    from exposure.errors import DataFormatError

    path = tmp_path / "x.csv"
    path.write_text("O*NET-SOC 2010 Code,O*NET-SOC 2010 Title,2018 SOC Code,2018 SOC Title\n"
                    "15-1199.01,Software QA Engineers,15-1253,Software QA Analysts and Testers\n"
                    "15-1132.00,\"Software Developers, Applications\",15-1253,Software Developers\n")
    with pytest.raises(DataFormatError, match=r"x\.csv, row 3, column '2018 SOC Title': 2018 SOC Title "
                       r"'Software Developers' of the SOC 2018 code '15-1253' differs from its title on row 2"):
        read_soc_2010_to_2018(path)
    assert len(load_soc_2010_to_2018(mirror=os.environ.get("EXPOSURE_MIRROR", "../shared/data"))) == 1170


def test_census_weights_refuse_an_oews_aggregate_beside_its_code():
    from exposure.errors import DataFormatError
    from exposure.rollup import to_census_occ

    occ = pd.DataFrame({"onetsoc_code": ["21-1011.00", "21-1014.00"], "alpha": [0.2, 0.4], "beta": [0.3, 0.5],
                        "gamma": [0.4, 0.6]})
    census = pd.DataFrame({"onetsoc_code": ["21-1011.00", "21-1014.00"], "census_occ": ["2000", "2000"]})
    good = pd.DataFrame({"soc_code": ["21-1018"], "tot_emp": [100.0]})
    assert len(to_census_occ(occ, census, good)) == 1
    both = pd.DataFrame({"soc_code": ["21-1018", "21-1011"], "tot_emp": [100.0, 40.0]})
    with pytest.raises(DataFormatError, match=r"^employment, row 2, column 'soc_code': '21-1011' \(row 2\) "
                       r"is in '21-1018' \(row 1\), an OEWS aggregate, and both are rows: its workers would be "
                       r"counted twice"):
        to_census_occ(occ, census, both)
