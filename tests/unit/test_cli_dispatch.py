"""``exposure <command>`` imports only its command module; the table of modules is complete."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pytest

from exposure.cli import COMMANDS, _module_of, build_parser, command_module, main


@pytest.mark.parametrize("module", list(COMMANDS))
def test_each_module_registers_exactly_its_listed_commands(module):
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    command_module(module).register(sub)
    assert tuple(sub.choices) == COMMANDS[module]


def test_the_full_parser_has_every_command_once():
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    listed = [c for cmds in COMMANDS.values() for c in cmds]
    assert list(sub.choices) == listed and len(set(listed)) == len(listed)


def test_the_command_is_found_after_global_options():
    assert _module_of(["-v", "train", "--seed", "1"]) == "_evaluate"
    assert _module_of(["--version"]) is None and _module_of([]) is None


def test_unknown_command_lists_every_command(capsys):
    with pytest.raises(SystemExit):
        main(["nope"])
    err = capsys.readouterr().err
    assert "invalid choice: 'nope'" in err and "rollup" in err and "evaluate" in err


def test_score_does_not_import_the_other_commands():
    code = ("import sys\nfrom exposure.cli import main\n"
            "try:\n    main(['score', '--help'])\nexcept SystemExit:\n    pass\n"
            "print('MODS', sorted(m for m in sys.modules if m.startswith('exposure.cli.')))\n"
            "print('HEAVY', sorted(m for m in ('exposure.scoring._train', 'exposure.reports',"
            " 'exposure.rollup', 'scipy.optimize') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    lines = dict(line.split(" ", 1) for line in out.stdout.splitlines() if line.startswith(("MODS", "HEAVY")))
    assert lines["MODS"] == "['exposure.cli._score']"
    assert lines["HEAVY"] == "[]"


def test_ctrl_c_while_a_command_is_imported_exits_130_without_a_traceback(monkeypatch, capsys):
    """The command's modules load inside main (a second of imports): Ctrl-C there is 130 too."""
    import exposure.cli as cli

    def interrupted(modules=None):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "build_parser", interrupted)
    assert cli.main(["score", "in.csv", "-o", "out.csv"]) == 130
    # round 79 (was: "exposure: interrupted", where SIGTERM said what was written)
    assert capsys.readouterr().err == "exposure: interrupted (SIGINT) while starting; nothing written\n"


def test_scoring_csv_to_csv_imports_neither_parquet_nor_the_network(tmp_path):
    """pyarrow.parquet (Parquet files only) and requests (downloads only) load on demand."""
    (tmp_path / "in.csv").write_text("task\nWeld pipes.\n")
    code = ("import sys\nfrom exposure.cli import main\n"
            f"rc = main(['score', {str(tmp_path / 'in.csv')!r}, '-o', "
            f"{str(tmp_path / 'out.csv')!r}, '--method', 'rubric'])\n"
            "print('RC', rc)\n"
            "print('LOADED', sorted(m for m in ('pyarrow.parquet', 'requests', 'tqdm')"
            " if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    lines = dict(line.split(" ", 1) for line in out.stdout.splitlines() if line.startswith(("RC", "LOADED")))
    assert lines == {"RC": "0", "LOADED": "[]"}
    assert (tmp_path / "out.csv").read_text().startswith("task,p_e0,")


_GC_PROBE = """
import gc, json, sys
import exposure.cli as cli
seen = {}
built = cli.build_parser
def probe(*args, **kwargs):
    seen["collector on while importing"] = gc.isenabled()
    return built(*args, **kwargs)
cli.build_parser = probe
sys.argv = ["exposure", "sources"]
if "{how}" == "main":
    code = cli.main(["sources"])
else:
    code = cli.entry()
seen.update(code=code, enabled=gc.isenabled(), frozen=gc.get_freeze_count())
print(json.dumps(seen), file=sys.stderr)
"""


@pytest.mark.parametrize("how", ["entry", "main"])
def test_the_command_freezes_its_imports_and_main_leaves_the_collector_alone(how):
    """entry() (the `exposure` script): collector off while importing, imports frozen, on after."""
    out = subprocess.run([sys.executable, "-c", _GC_PROBE.replace("{how}", how)],
                         capture_output=True, text=True, check=True)
    seen = json.loads(out.stderr.strip().splitlines()[-1])
    assert seen["code"] == 0 and seen["enabled"] is True
    if how == "entry":
        assert seen["collector on while importing"] is False and seen["frozen"] > 10_000
    else:
        assert seen["collector on while importing"] is True and seen["frozen"] == 0


def test_python_m_exposure_runs_the_command():
    # `python -m exposure` failed: "No module named exposure.__main__" (only
    # `python -m exposure.cli` worked)
    done = subprocess.run([sys.executable, "-m", "exposure", "--version"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("exposure ")
