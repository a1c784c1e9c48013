"""The code examples of README.md and docs/ run as written and say what they show.

The examples are read from the Markdown files (fenced ``python``, ``bash``, ``console`` and
``shell`` blocks); nothing of their text is copied here. Checked:

- every quick Python example runs in a fresh interpreter, from an empty temporary
  directory, with ``$EXPOSURE_MIRROR`` set and ``$EXPOSURE_HOME``/``$EXPOSURE_DATA_DIR``
  temporary (nothing under the repository is written); the slow or unrunnable ones are in
  :data:`NOT_RUN`, each with its reason, and are still compiled and their ``exposure``
  names resolved;
- a comment that lists the columns of the frame assigned on its line (``x = f(...)  #
  a, b, c``) names columns that frame has;
- every ``exposure ...`` command line of a shell block parses with the CLI's own parser
  (the sub-command and each option exist);
- output shown in a ``text`` block after "Its output" or after an example of the rubric's
  ``rule`` column is what the code prints.
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from exposure.cli import build_parser

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.integration

FENCE = re.compile(r"^([ \t]*)(`{3,})[ \t]*\{?([\w-]*)\}?[^\n]*\n(.*?)^\1\2[ \t]*$", re.S | re.M)
HEADING = re.compile(r"^#{1,6}\s+(.*)$", re.M)
SHELL = {"bash", "console", "shell", "sh"}

# Python examples that are not run, keyed by (file, heading of their section): why.
NOT_RUN = {
    ("docs/methods/pipeline.md", "Shipped tables and `exposure.load`"): (
        "reads /tmp/onet30, the output of the O*NET 30.1 `exposure recompute` at the top of "
        "the page (several minutes)"),
    ("docs/refresh.md", "5. Read and compare"): (
        "reads a recompute of O*NET 31.0 / OEWS May 2026, which needs the publishers' sites"),
    ("docs/scale.md", "A cluster: `exposure.dask`"): (
        "needs a Dask scheduler at tcp://scheduler:8786 and an S3 bucket; exposure.dask is "
        "tested on local clusters by tests/unit/test_dask*.py"),
    ("docs/scale.md", "Running on a real cluster"): "needs dask-jobqueue and a SLURM cluster",
    ("docs/scale.md", "Spark: the same batch function under `mapInPandas`"): (
        "needs PySpark, Java and a `spark` session (tests/unit/test_spark.py, run in .venv-spark)"),
}


@dataclass(frozen=True)
class Block:
    """One fenced code block of a Markdown file."""

    path: str          # relative to the repository
    line: int          # line of the opening fence
    lang: str
    code: str
    heading: str       # the nearest heading above it ("" before the first)
    before: str        # the Markdown text between the previous block (or heading) and this one

    @property
    def id(self) -> str:
        return f"{self.path}:{self.line}"


def doc_files() -> list[Path]:
    """README.md and every Markdown page of docs/ (not a build output)."""
    docs = [p for p in sorted((REPO / "docs").rglob("*.md")) if "_build" not in p.parts]
    return [REPO / "README.md", *docs]


def blocks_of(path: Path) -> list[Block]:
    """The fenced code blocks of one Markdown file, with the heading each one sits under."""
    text = path.read_text()
    headings = [(m.start(), m.group(1).strip()) for m in HEADING.finditer(text)]
    out, last_end = [], 0
    for m in FENCE.finditer(text):
        indent = m.group(1)
        code = "\n".join(line[len(indent):] for line in m.group(4).splitlines()) + "\n"
        above = [h for h in headings if h[0] < m.start()]
        start = max(last_end, above[-1][0] if above else 0)
        out.append(Block(str(path.relative_to(REPO)), text.count("\n", 0, m.start()) + 1,
                         m.group(3), code, above[-1][1] if above else "", text[start:m.start()]))
        last_end = m.end()
    return out


ALL = [b for p in doc_files() for b in blocks_of(p)]
PYTHON = [b for b in ALL if b.lang == "python"]


def _env(tmp: Path, mirror: Path) -> dict[str, str]:
    env = dict(os.environ, EXPOSURE_MIRROR=str(Path(mirror).resolve()), EXPOSURE_HOME=str(tmp / "home"),
               EXPOSURE_DATA_DIR=str(tmp / "cache"))
    env.pop("PYTHONSTARTUP", None)
    return env


def _run_python(code: str, tmp: Path, mirror: Path) -> subprocess.CompletedProcess:
    work = tmp / "cwd"
    work.mkdir(exist_ok=True)
    return subprocess.run([sys.executable, "-c", code], cwd=work, env=_env(tmp, mirror),
                          capture_output=True, text=True, timeout=300)


# `name = call(...)  # a, b, c` (or the comment alone on the next line): the columns of name
ASSIGN = re.compile(r"^(\w+)\s*=\s*[^#\n]*(?:#\s*([^\n]*))?$")


def column_claims(code: str) -> list[tuple[str, list[str]]]:
    """Frames and the columns their comment names, for comments that are lists of names.

    >>> column_claims("x = f(y)   # a, b_1, <kind>_c, ...\\ny = g()  # one row per code, with\\n")
    [('x', ['a', 'b_1', '*_c'])]
    """
    lines = code.splitlines()
    claims = []
    for i, line in enumerate(lines):
        m = ASSIGN.match(line)
        if not m:
            continue
        comment = m.group(2)
        if comment is None and i + 1 < len(lines) and lines[i + 1].startswith("#"):
            comment = lines[i + 1].lstrip("# ")
        if not comment:
            continue
        items = [s.strip() for s in comment.split(",")]
        # a leading "+" (columns besides those above) or a few words before the first name
        first = items[0].lstrip("+ ").split()
        if not 1 <= len(first) <= 3:
            continue
        items[0] = first[-1]
        # "<category>_rule" stands for a family of columns: a glob
        names = [re.sub(r"<\w+>", "*", s) for s in items if s != "..."]
        if len(names) >= 2 and all(re.fullmatch(r"[\w*]+", s) for s in names):
            claims.append((m.group(1), names))
    return claims


def _with_checks(code: str) -> str:
    checks = [f"assert any(__import__('fnmatch').fnmatch(c, {pat!r}) for c in {name}.columns), "
              f"f'{name} has no column {pat}: {{list({name}.columns)}}'"
              for name, pats in column_claims(code) for pat in pats]
    return code + "\n" + "\n".join(checks) + "\n"


@pytest.mark.slow
@pytest.mark.parametrize("block", PYTHON, ids=lambda b: b.id)
def test_python_example_runs(block, shared_data, tmp_path):
    reason = NOT_RUN.get((block.path, block.heading))
    if reason:
        compile(block.code, block.id, "exec")
        _check_names(block)
        pytest.skip(f"not run: {reason} (compiled, exposure names resolved)")
    proc = _run_python(_with_checks(block.code), tmp_path, shared_data)
    assert proc.returncode == 0, f"{block.id} failed:\n{proc.stderr[-3000:]}"


def _check_names(block: Block) -> None:
    """Every ``alias.name`` of an ``exposure`` module imported by the block exists."""
    import importlib

    aliases = {}
    for m in re.finditer(r"^from (exposure[\w.]*) import (\w+)(?: as (\w+))?", block.code, re.M):
        mod = importlib.import_module(m.group(1))
        target = getattr(mod, m.group(2), None)
        if target is None:
            target = importlib.import_module(f"{m.group(1)}.{m.group(2)}")
        aliases[m.group(3) or m.group(2)] = target
    for m in re.finditer(r"^import (exposure[\w.]*)(?: as (\w+))?", block.code, re.M):
        aliases[m.group(2) or m.group(1)] = importlib.import_module(m.group(1))
    for alias, obj in aliases.items():
        for attr in re.findall(rf"\b{re.escape(alias)}\.(\w+)", block.code):
            assert hasattr(obj, attr), f"{block.id}: {alias}.{attr} does not exist"


def test_every_not_run_entry_names_an_example():
    keys = {(b.path, b.heading) for b in PYTHON}
    assert set(NOT_RUN) <= keys, sorted(set(NOT_RUN) - keys)


def test_column_comments_are_checked():
    # the comment convention this module checks is in use (README, quickstart, outcomes, ...)
    assert sum(bool(column_claims(b.code)) for b in PYTHON) >= 4


def _commands(code: str) -> list[str]:
    """The ``exposure`` command lines of a shell block (continuations joined, prompts cut)."""
    out = []
    for line in code.replace("\\\n", " ").splitlines():
        line = line.strip().removeprefix("$ ").strip()
        while line and re.match(r"^\w+=\S*\s", line):        # VAR=value before the command
            line = line.split(None, 1)[1]
        if line.startswith("exposure "):
            out.append(line)
    return out


SHELL_COMMANDS = [(b, c) for b in ALL if b.lang in SHELL for c in _commands(b.code)]


@pytest.mark.parametrize(("block", "command"), SHELL_COMMANDS,
                         ids=[f"{b.id}:{c.split()[1]}" for b, c in SHELL_COMMANDS])
def test_shell_command_parses(block, command):
    argv = shlex.split(re.sub(r'"\$\(.*?\)"', "DIR", command), comments=True)[1:]
    parser = build_parser()
    try:
        parser.parse_args(argv)
    except SystemExit as exc:
        assert exc.code == 0, f"{block.id}: `{command}` is refused by the CLI's parser"
    # argparse takes an abbreviation (`--our` for `--ours`): the docs write options in full
    known = _option_strings(parser, argv)
    for token in argv:
        if token.startswith("-"):
            assert token.split("=")[0] in known, f"{block.id}: `{command}`: no option {token}"


def _option_strings(parser: argparse.ArgumentParser, argv: list[str]) -> set[str]:
    """The option strings of the (sub-)commands that ``argv`` names."""
    known = set()
    for token in [None, *argv]:
        if token is not None:
            subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
            if not subs or token not in subs[0].choices:
                continue
            parser = subs[0].choices[token]
        known |= {o for a in parser._actions for o in a.option_strings}
    return known


def _shown_outputs() -> list[tuple[Block, Block]]:
    """(command block, output block): a shell block, then a text block "Its output ..."."""
    pairs = []
    for prev, block in zip(ALL, ALL[1:]):
        if (block.lang == "text" and prev.lang in SHELL and prev.path == block.path
                and re.search(r"\bIts output\b", block.before)):
            pairs.append((prev, block))
    return pairs


@pytest.mark.parametrize(("command", "shown"), _shown_outputs(), ids=lambda b: b.id)
def test_shown_command_output(command, shown, shared_data, tmp_path):
    (line,) = _commands(command.code)
    (tmp_path / "home").mkdir()
    proc = subprocess.run([sys.executable, "-m", "exposure.cli", *shlex.split(line, comments=True)[1:]],
                          cwd=tmp_path, env=_env(tmp_path, shared_data), capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    home = str(tmp_path / "home")
    got = [ln.rstrip() for ln in proc.stdout.replace(home, "HOME").splitlines()]
    want = [re.sub(r"(lock file )\S+/(exposure\.lock)", r"\1HOME/\2", ln.rstrip())
            for ln in shown.code.splitlines()]
    assert got == want, f"{shown.id}: the output shown differs from what `{line}` prints"


def test_there_is_a_shown_output():
    assert _shown_outputs()


def test_rubric_rule_example(shared_data, tmp_path):
    """The ``rule`` column shown on the rubric page is the one the rubric writes for the task."""
    (shown,) = [b for b in ALL if b.path == "docs/methods/rubric.md" and b.lang == "text"
                and "rule" in b.before]
    task = " ".join(re.findall(r'"([^"]+)"', shown.before)[-1].split())
    code = ("from exposure.onet import load_onet\n"
            "from exposure.scoring.rubric import score_rubric\n"
            "onet = load_onet('29.1')\n"
            f"t = onet.tasks[onet.tasks['task'].str.rstrip('.') == {task.rstrip('.')!r}]\n"
            "assert len(t) == 1, len(t)\n"
            "print(score_rubric(t, onet=onet)['rule'].iloc[0])\n")
    proc = _run_python(code, tmp_path, shared_data)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == shown.code.split(), f"{shown.id} differs:\n{proc.stdout}"


def test_blocks_are_found():
    # the parser sees the examples (a changed fence style would silently test nothing)
    files = {b.path for b in PYTHON}
    assert {"README.md", "docs/quickstart.md", "docs/refresh.md"} <= files
    assert fnmatch.filter([b.id for b in ALL], "docs/scale.md:*")
