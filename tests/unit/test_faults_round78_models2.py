"""Round 78 (models2): ``exposure score --model`` advice in one place; output names of two lines; ``path/``.

1. ``exposure score --model m/m.npz`` checked the model against the ``registry.txt`` beside it
   in a copy of the library's rule (``exposure.cli._score``), and caught the library's sha256
   mismatch to say it again (``_edited``): the retrieval index and word vectors beside the
   model, which only the library checks, were told its Python advice: ``m/retrieval-v1.npz:
   retrieval index 'retrieval-v1.npz' is not listed in the model registry, which pins each
   file by its name and sha256; to load a file of your own, write a registry file holding the
   line 'retrieval-v1.npz <sha256>' (...) and load it with that registry (load_model(the model
   beside it, registry=...))``. Now the library says it in the command's words, one rule for
   the model and each file beside it (``exposure._io.pinned_option``, ``PinnedOption``):
   ``m/retrieval-v1.npz: --model: the registry.txt beside it does not pin this retrieval
   index, which the model's metadata names: add the line 'retrieval-v1.npz <sha256>' to
   m/registry.txt, as exposure train --out pins the files it writes beside the model``
   (``these static word vectors`` for the vectors). ``load_model`` keeps its Python words.
2. ``exposure score --model m/transformer-v1.npz`` named the Python reader the command's user
   does not call: ``... it is a transformer artifact (exposure.scoring.transformer.
   load_transformer reads it); --method transformer loads ...``. Now ``... it is a
   transformer artifact; --method transformer loads the shipped transformer itself: the model
   given is the learned scorer's, which scores the rows given by O*NET ids``.
3. ``exposure score t.csv -o "$(printf 's\\nt.csv')"``: the error started with the name as
   given, its line end splitting the first line: ``exposure score: error: s`` / ``t.csv:
   cannot write: 's\\nt.csv' holds a line end: ...``. Now one line, the name as the rest of
   the message shows it: ``exposure score: error: 's\\nt.csv': cannot write: holds a line end:
   a value of two lines (...) would name one new file of both; give a single path``. So is every
   refusal of ``exposure._io.check_output_path`` of such a name (``exposure._io.error_path``);
   a directory path of two lines (``'s\\nt/'``, told ``the output must be a file name, not a
   directory path`` across two lines) is said of its line end first: ``... would name one new
   directory of both``.
4. A path option of a directory (``exposure diff --reports``, ``recompute --out``, ``report
   --out-dir``) lost its trailing ``/`` (``pathlib.Path``), so ``--reports d.csv/`` (a
   directory is meant, as the slash says) was refused: ``--reports d.csv names the directory
   that gets the four diff reports (...), but 'd.csv' is named like a .csv file: give a
   directory``. Now the slash reaches that check, which takes the path as a directory.
"""

from __future__ import annotations

import os

import pytest
from _model_files import own_model as _own_model
from _model_files import sha256_of as _sha
from _model_files import tasks_file as _tasks

from exposure import _io
from exposure.cli import _score, main, path_option
from exposure.errors import DataFormatError, OutputError
from exposure.scoring import learned
from exposure.scoring.learned import load_model, shipped_model_path

# 1. the files beside a --model that its registry does not pin ------------------------------------

@pytest.mark.parametrize(("name", "said"), [("retrieval-v1.npz", "this retrieval index"),
                                            ("vectors-v1.npz", "these static word vectors")])
def test_unpinned_file_beside_the_model_is_told_in_the_command_words(models, tmp_path, capsys, name, said):
    assert (models / name).is_file()
    model = _own_model(models, leave_out=name)
    registry = models / "registry.txt"
    out = tmp_path / "o.csv"
    assert main(["score", str(_tasks(tmp_path)), "-o", str(out), "--model", str(model)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"exposure score: error: {models / name}: --model: the registry.txt beside it does not pin {said}, which "
        f"the model's metadata names: add the line '{name} {_sha(models / name)}' to {registry}, as exposure "
        "train --out pins the files it writes beside the model")
    assert not out.exists()
    # the library keeps its Python advice
    with pytest.raises(DataFormatError, match=r"load_model\(the model beside it, registry=\.\.\.\)"):
        load_model(model, registry=registry)


def test_the_command_keeps_no_copy_of_the_pinning_rule():
    """The command's second check and its rewording of the mismatch are gone: the library says both."""
    assert not hasattr(_score, "_edited")
    assert not hasattr(_score, "file_sha256")
    assert _io.REGISTRY_NAME is learned.REGISTRY_NAME is _score.REGISTRY_NAME


# 2. the transformer's artifact as --model: no Python reader named --------------------------------

def test_transformer_artifact_as_model_names_no_python_reader(models, tmp_path, capsys):
    shipped = shipped_model_path().parent / "transformer-v1.npz"
    (models / "registry.txt").write_text(f"{shipped.name} {_sha(shipped)}\n")
    assert main(["score", str(_tasks(tmp_path)), "-o", str(tmp_path / "o.csv"),
                 "--model", str(models / shipped.name)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"exposure score: error: {models / shipped.name}: not a model of the learned scorer: it is a transformer "
        "artifact; --method transformer loads the shipped transformer itself: the model given is the learned "
        "scorer's, which scores the rows given by O*NET ids")


# 3. an output name holding a line end: one line of error -----------------------------------------

def test_output_name_with_a_line_end_is_shown_on_one_line(tmp_path, capsys):
    out = str(tmp_path / "s\nt.csv")
    assert main(["score", str(_tasks(tmp_path)), "-o", out]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (f"exposure score: error: {out!r}: cannot write: holds a line end: a value of two lines (a shell "
                   "variable, or a $(...) that gave two names?) would name one new file of both; give a single path")
    assert "\n" not in err
    with pytest.raises(OutputError) as info:
        _io.check_output_path(tmp_path / "new\ndir" / "o.csv")
    assert str(info.value).startswith(f"{str(tmp_path / 'new') + chr(10) + 'dir/o.csv'!r}: cannot write: holds "
                                      "a line end")
    assert not (tmp_path / "new\ndir").exists()
    given = str(tmp_path / "s\nt") + "/"  # a directory path of two lines: said of the line end first, in one line
    with pytest.raises(OutputError) as info:
        _io.check_output_path(given)
    assert str(info.value) == (f"{given!r}: cannot write: holds a line end: a value of two lines (a shell variable, "
                               "or a $(...) that gave two names?) would name one new directory of both; give a "
                               "single path")


# 4. a directory option's trailing slash -----------------------------------------------------------

def test_directory_option_keeps_its_trailing_slash(tmp_path, capsys, monkeypatch):
    assert os.fspath(path_option("d.csv/")) == "d.csv/"
    assert str(path_option("d.csv/")) == "d.csv" and os.fspath(path_option("d.csv/") / "a.csv") == "d.csv/a.csv"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    assert main(["diff", "old", "new", "--reports", "d.csv"]) == 2  # no slash: named like a file, as before
    assert "but 'd.csv' is named like a .csv file: give a directory" in capsys.readouterr().err
    assert main(["diff", "old", "new", "--reports", "d.csv/"]) == 2  # past that check: the inputs are refused
    err = capsys.readouterr().err
    assert "named like a .csv file" not in err
    assert "old: not an exposure recompute output" in err
