"""Command-line interface: ``exposure <command> ...``.

Each command group lives in its own module in this package and exposes
``register(subparsers)``, which adds its sub-commands and sets ``func`` on each parser.
:data:`COMMANDS` lists the modules and their sub-commands; :func:`main` imports only the
module of the command it runs, and none for ``--help``, ``--version`` or an unknown command
(the commands are listed from :data:`COMMAND_HELP`).
``func(args)`` returns the process exit code. Library errors (:class:`exposure.errors.
ExposureError`) and operating-system errors (:class:`OSError`: a file that cannot be read
or written) become a one-line message on stderr naming the path, and exit code 2: never a
traceback. SIGTERM and SIGHUP (a closed terminal), like Ctrl-C, unwind the command
(:func:`exposure._outdir.terminate_cleanly`), so that its temporary files are removed, and
exit with 143 and 129 (128 + the signal). The command modules
hold argparse, calls into the library and printing only.
"""

from __future__ import annotations

import argparse
import errno
import gc
import importlib
import io
import logging
import os
import re
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from exposure._version import __version__
from exposure.errors import DataFormatError, ExposureError


def add_location_options(parser: argparse.ArgumentParser, *, mirror: bool = True) -> None:
    """Add the ``--mirror`` and ``--data-dir`` options every data-reading command shares.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        Sub-command parser.
    mirror : bool, default True
        Also add ``--mirror`` (``exposure sources`` only reads the cache).

    Examples
    --------
    >>> p = argparse.ArgumentParser()
    >>> add_location_options(p)
    >>> vars(p.parse_args(["--mirror", "../shared/data"]))
    {'mirror': '../shared/data', 'data_dir': None}
    """
    if mirror:
        parser.add_argument(
            "--mirror", metavar="DIR", default=None,
            help="local mirror laid out like ../shared/data, used instead of the network "
            "(default: $EXPOSURE_MIRROR; unset: download)",
        )
    parser.add_argument(
        "--data-dir", metavar="DIR", default=None,
        help="download cache (default: $EXPOSURE_DATA_DIR, else the user cache directory, "
        "e.g. ~/.cache/exposure)",
    )


def path_option(value: str):
    """The ``type=`` of a path option: a :class:`~pathlib.Path`, but ``""`` stays ``""``.

    ``Path("")`` is ``Path(".")``, the current directory: ``--out ""`` could not be told
    from ``--out .`` any more, and was written into the current directory (or refused as
    ``.: is a directory``). :func:`check_output_options` refuses it by its name.

    The path as given is kept for :func:`os.fspath` (:class:`_GivenPath`), which the
    messages show. ``Path`` drops a trailing separator, so ``--out-dir rubric.csv/`` (a
    directory is meant, as the slash says) was refused as named like a file, while
    :func:`exposure._outdir.refuse_file_named_dir` takes such a path as given; and it drops
    a leading ``./`` (``--reports ./f.csv/r`` was told ``output path f.csv/r lies under
    f.csv``, ``exposure score -o ./f.csv/s.csv`` and ``evaluate --out`` said ``./f.csv``):
    a message names the path as the user typed it, which the user can find in the command.

    Examples
    --------
    >>> path_option("out"), path_option("")
    (PosixPath('out'), '')
    >>> import os
    >>> os.fspath(path_option("r.csv/")), str(path_option("r.csv/")), os.fspath(path_option("r.csv/") / "a")
    ('r.csv/', 'r.csv', 'r.csv/a')
    >>> os.fspath(path_option("./r")), path_option("./r") == Path("r")
    ('./r', True)
    """
    if value == "":
        return ""
    if os.fspath(Path(value)) != value and value.strip("/" + os.sep):
        path = _GivenPath(value)
        path.given = value
        return path
    return Path(value)


class _GivenPath(type(Path())):
    """A path given otherwise than ``Path`` writes it (``r/``, ``./r``), which :func:`os.fspath` of it keeps (:func:`path_option`).

    Only of the path given itself: the paths made from it (``path / "a"``, ``path.parent``)
    are read as ever, without it.
    """

    given: str | None = None

    def __fspath__(self) -> str:
        return self.given if self.given is not None else str(self)


def checked_type(check):
    """An argparse ``type`` running ``check``: an ExposureError becomes a usage error naming the option.

    For the release options (``recompute --onet-release``, ``rollup --onet-release``,
    ``train --onet``), so that each says which option was given what, before any work:
    ``argument --onet-release: O*NET release 'latest' is not of the form MAJOR.MINOR (e.g.
    29.1, 31.0)``.

    Examples
    --------
    >>> from exposure.releases import check_onet_release
    >>> p = _Parser(prog="exposure rollup")
    >>> _ = p.add_argument("--onet-release", type=checked_type(check_onet_release))
    >>> p.parse_args(["--onet-release", "31.0"]).onet_release
    '31.0'
    """
    def convert(text: str) -> str:
        try:
            return check(text)
        except ExposureError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
    convert.__name__ = check.__name__.removeprefix("check_")
    return convert


#: Output options of the commands (argparse ``dest`` -> the option and what to give), checked
#: by :func:`check_output_options`. ``train --out`` has its own message (``check_artifact_name``).
OUTPUT_OPTIONS: dict[str, tuple[str, str]] = {
    "output": ("-o/--output", "the output {what}"),
    "out": ("--out", "the output {what}"),
    "out_dir": ("--out-dir", "the report directory"),
    "report_dir": ("--report-dir", "the report directory"),
    "reports": ("--reports", "the directory of the diff reports"),
}
#: What the ``{what}`` of :data:`OUTPUT_OPTIONS` is, by command (default: directory).
_OUTPUT_KIND = {"score": "file's name, e.g. scores.csv", "evaluate": "file's name, e.g. agreement.csv",
                "report": "file's name, e.g. agreement.csv"}


#: A path that starts with a Windows drive (``C:\\``, ``d:/``).
_WINDOWS_DRIVE = re.compile(r"[A-Za-z]:[\\/]")


def check_output_options(args: argparse.Namespace) -> None:
    """Refuse an output option that is empty, blank, standard output or a Windows path, naming the option.

    On a system whose paths use ``/``, ``-o C:\\Users\\me\\scores.csv`` (or
    ``reports\\2026``) wrote a file or directory of that name, backslashes and all, into the
    current directory, and said it had written it.

    Before: ``exposure score IN -o ''`` said ``.: cannot write: is a directory``, ``exposure
    outcomes -o ''`` wrote its ten files into the current directory, ``rollup -o ''``
    refused to replace the current directory, ``evaluate --out ''`` and ``validate
    --report-dir ''`` were read as the option left out.

    An output given as ``-`` (standard output, as ``-o -`` means to many programs),
    ``/dev/stdout`` or another standard stream (:func:`exposure._tables.std_stream`), or
    as spaces only (``--out-dir ' '``), is refused too: ``exposure rollup scores.csv -o -``,
    ``compare -o -``, ``report rubric --out-dir -`` and ``validate --report-dir -`` wrote
    their files into a new directory ``-`` (or ``' '``) of the current directory, and said
    so in words easily read as standard output (``wrote 7 files to -``). A directory ``-``
    that exists is written into as before.

    Raises
    ------
    exposure.errors.ExposureError
        ``-o/--output is empty: give the output file's name, e.g. scores.csv``.

    Examples
    --------
    >>> check_output_options(argparse.Namespace(command="rollup", output=""))
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: -o/--output is empty: give the output directory
    >>> check_output_options(argparse.Namespace(command="validate", report_dir="-"))
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: --report-dir -: standard output (or a pipe) is not a place to write files: give the report directory
    """
    if getattr(args, "command", None) == "train":  # check_artifact_name says more
        return
    for dest, (option, what) in OUTPUT_OPTIONS.items():
        value = getattr(args, dest, None)
        kind = _OUTPUT_KIND.get(getattr(args, "command", None), "directory")
        if isinstance(value, str) and value == "":
            raise ExposureError(f"{option} is empty: give {what.format(what=kind)}")
        text = os.fspath(value) if isinstance(value, (str, os.PathLike)) else None
        if isinstance(text, str) and not text.strip():  # ' ': a folder ' ' was made
            raise ExposureError(f"{option} {text!r} is blank (spaces only): give {what.format(what=kind)}")
        if isinstance(text, str) and importlib.import_module("exposure._tables").std_stream(text):
            # `-o -` made a folder '-' and wrote the files there
            raise ExposureError(f"{option} {text}: standard output (or a pipe) is not a place to write "
                                f"files: give {what.format(what=kind)}")
        if os.sep == "/" and isinstance(text, str) and "\\" in text:
            # `-o C:\Users\me\scores.csv` wrote a file of that name into the current directory
            hint = " (under WSL, drive C: is /mnt/c)" if _WINDOWS_DRIVE.match(text) else ""
            raise ExposureError(f"{option} {text}: a Windows-style path; this system separates "
                                f"folders with '/', and '\\' would become part of the file's "
                                f"name: write it with '/'{hint}")


def check_location_options(args: argparse.Namespace) -> None:
    """Refuse an empty ``--mirror`` or ``--data-dir`` before any work, as the loaders refuse it.

    ``Path("")`` is the current directory: ``exposure score IN -o OUT --mirror ''`` (``--mirror
    "$MIRROR"`` with ``MIRROR`` unset) was refused as ``refusing to write OUT: it is inside the
    mirror ., which the run reads`` (also ``rollup``, ``compare``, ``report``), the check of
    the output folders taking the empty mirror for the current directory, where ``--mirror
    ' '`` and ``exposure fetch --mirror ''`` said that the option is empty
    (:func:`exposure.fetch.check_location`, whose words are used here).

    Raises
    ------
    exposure.errors.ExposureError
        ``the mirror directory (from --mirror/mirror=) is empty; give a directory, or leave
        it out to download``.
    """
    fetch = None
    for dest in ("mirror", "data_dir"):
        value = getattr(args, dest, None)
        if isinstance(value, str) and not value.strip():
            fetch = fetch or importlib.import_module("exposure.fetch")
            fetch.check_location(value, dest)


#: Modules of this package that register sub-commands, in the order they appear in --help,
#: with the sub-commands each registers. A command runs with its own module imported only
#: (:func:`main`): ``exposure score`` does not load the report, training or roll-up code.
COMMANDS: dict[str, tuple[str, ...]] = {
    "_data": ("sources", "fetch"),
    "_validate": ("validate",),
    "_score": ("score",),
    "_evaluate": ("evaluate", "train"),
    "_report": ("report",),
    "_rollup": ("rollup",),
    "_pipeline": ("recompute", "diff"),
    "_outcomes": ("outcomes",),
    "_compare": ("compare",),
}


#: The one-line help of each command, as ``exposure --help`` lists it: ``--help``, ``--version``,
#: no command or an unknown one build the parser from it alone (:func:`build_parser`), without
#: importing any command module (they load pandas, pandera and scipy: ``exposure --version``
#: took 0.7 s). Each module registers its commands with these words (``help=COMMAND_HELP[name]``).
COMMAND_HELP: dict[str, str] = {
    "sources": "list the source registry and what is cached and verified",
    "fetch": "populate the cache (from a mirror or the network), verifying sha256",
    "validate": "parse and validate every raw source; print row counts per table",
    "score": "score task texts (CSV, TSV, Parquet, .xlsx or .dta) for exposure to LLMs and agents",
    "evaluate": "agreement of a scoring method with the human labels (grouped CV)",
    "train": "retrain the shipped learned model from the human labels",
    "report": "write a validation report (agreement, categories, rubric, reproduction)",
    "rollup": "roll task scores up to occupations, SOC codes, sectors and the workforce",
    "recompute": "recompute every processed table from the raw sources",
    "diff": "compare two recompute outputs (e.g. O*NET 29.1 vs 30.1)",
    "outcomes": "event study of employment and wages (OEWS May 2021-2025) on exposure",
    "compare": "compare published exposure measures (and our SOC scores) on common SOC codes",
}


def command_module(name: str):
    """Import and return the module ``exposure.cli.<name>`` of :data:`COMMANDS`.

    The command modules import :func:`add_location_options` from this package, so they
    are imported after it, on demand (:func:`importlib.import_module`).

    Examples
    --------
    >>> command_module("_score").__name__
    'exposure.cli._score'
    """
    if name not in COMMANDS:
        raise KeyError(f"not a command module of exposure.cli: {name!r}")
    return importlib.import_module(f"{__name__}.{name}")


def _module_of(argv: list[str]) -> str | None:
    """The :data:`COMMANDS` module of the sub-command named in ``argv`` (None if none).

    Examples
    --------
    >>> _module_of(["-v", "score", "in.csv"]), _module_of(["--help"]), _module_of(["nope"])
    ('_score', None, None)
    """
    name = next((a for a in argv if not a.startswith("-")), None)
    return next((mod for mod, cmds in COMMANDS.items() if name in cmds), None)


#: Options of the ``exposure`` command itself, given before the sub-command.
_TOP_OPTIONS = ("-v", "--verbose", "--version")


class _Parser(argparse.ArgumentParser):
    """The parser of ``exposure`` and of each sub-command (``add_subparsers`` makes its own kind).

    An argument a sub-command does not know is refused by that sub-command's parser:
    argparse handed it up to the top parser, which printed ``exposure``'s usage and
    ``exposure: error: unrecognized arguments: -o x`` for ``exposure report rubric -o x``
    (the usage of a command with no ``-o``, not of ``report rubric``). ``-v`` given after
    the sub-command is refused with where it belongs. A choice given in another case
    (``--format TSV``) is refused with the choice to write (:func:`exposure._args.choice_hint`).

    Options are written in full: argparse took the start of an option for the option
    (``allow_abbrev``), so that ``exposure report rubric --out r.csv`` (``--out`` is the
    report file of ``exposure evaluate``) was read as ``--out-dir r.csv`` and wrote the
    report into a new directory ``r.csv``. The start of an option is refused, naming the
    options it starts.
    """

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def parse_known_args(self, args=None, namespace=None):  # noqa: D102
        self._given = list(sys.argv[1:] if args is None else args)  # for error()'s hint
        namespace, extras = super().parse_known_args(args, namespace)
        if extras:
            self.error(f"unrecognized arguments: {' '.join(extras)}{self._unknown_hint(extras)}")
        return namespace, extras

    def error(self, message: str):  # noqa: D102
        super().error(message + self._values_hint(message) + self._after_dashes_hint())

    def _after_dashes_hint(self) -> str:
        """Which options were given after ``--``, which ends the options, for any usage error.

        ``exposure score -- in.csv -o out.csv`` said ``the following arguments are
        required: -o/--output`` (the ``-o`` after ``--`` is read as a value, not the
        option), and ``exposure validate -- --onet-release 29.1`` said ``unrecognized
        arguments: -- --onet-release 29.1 (options are written in full: --onet-release)``,
        advice to write what was written. Now the options after ``--`` are named.

        Examples
        --------
        >>> p = _Parser(prog="exposure score")
        >>> _ = p.add_argument("-o", "--output")
        >>> p._given = ["--", "in.csv", "-o", "out.csv"]
        >>> p._after_dashes_hint()
        " (-o is given after '--', which ends the options: what follows '--' is read as values, not options; give the options before '--')"
        """
        given = list(getattr(self, "_given", []))
        if "--" not in given:
            return ""
        after = [arg for arg in given[given.index("--") + 1:]
                 if arg.partition("=")[0] in self._option_string_actions]
        if not after:
            return ""
        named = ", ".join(dict.fromkeys(arg.partition("=")[0] for arg in after))
        verb = "is" if len(after) == 1 else "are"
        return (f" ({named} {verb} given after '--', which ends the options: what follows '--' is read as "
                "values, not options; give the options before '--')")

    def _values_hint(self, message: str) -> str:
        """What an option of several values takes, for argparse's ``expected 2 arguments``.

        ``exposure validate --file=tasks "Task Statements.txt"`` (the ``=`` of an option of
        one value) was told ``argument --file: expected 2 arguments``, and
        ``--file "Task Statements.txt"`` the same: neither said which values, nor that
        ``=`` gives one. Now it is followed by
        ``(--file takes 2 values, TABLE PATH, each after a space: write --file tasks PATH, not --file=tasks)``.

        Examples
        --------
        >>> p = _Parser(prog="exposure validate")
        >>> _ = p.add_argument("--file", nargs=2, metavar=("TABLE", "PATH"))
        >>> p._given = ["--file=tasks", "t.txt"]
        >>> p._values_hint("argument --file: expected 2 arguments")
        ' (--file takes 2 values, TABLE PATH, each after a space: write --file tasks PATH, not --file=tasks)'
        """
        found = re.fullmatch(r"argument (\S+): expected (\d+) arguments", message)
        if found is None:
            return ""
        options, count = found.group(1).split("/"), int(found.group(2))
        action = self._option_string_actions.get(options[-1])
        metavar = getattr(action, "metavar", None)
        names = list(metavar) if isinstance(metavar, tuple) and len(metavar) == count else []
        listed = f", {' '.join(names)}," if names else ""
        for arg in getattr(self, "_given", []):
            option, equals, value = arg.partition("=")
            if equals and option in options:
                rest = " ".join(names[1:]) if names else "..."
                return (f" ({option} takes {count} values{listed} each after a space: write {option} {value} "
                        f"{rest}, not {arg})")
        return f" ({options[-1]} takes {count} values{listed.rstrip(',')})" if names else ""

    def _unknown_hint(self, extras: list[str]) -> str:
        """Where an unknown option goes: ``-v`` before the command; the start of an option in full."""
        for arg in extras:
            option = arg.split("=")[0]
            if option in _TOP_OPTIONS and self.prog != "exposure":
                return (f" ({option} is an option of exposure itself: give it before the command, "
                        f"e.g. exposure {option} {self.prog.removeprefix('exposure ')} ...)")
            if option.startswith("--") and len(option) > 2 and option not in self._option_string_actions:
                # (an option written in full is unknown only after '--': error() says so)
                full = sorted(o for o in self._option_string_actions if o.startswith(option))
                if full:
                    return f" (options are written in full: {' or '.join(full)})"
        return ""

    def _check_value(self, action, value):
        try:
            super()._check_value(action, value)
        except argparse.ArgumentError as exc:  # exposure._args loads numpy: on this path only
            hint = importlib.import_module("exposure._args").choice_hint(value, action.choices or ())
            message = exc.message
            if isinstance(action, argparse._SubParsersAction) and self.prog == "exposure":
                message, hint = self._command_error(value, hint)
            if not hint and value == "help" and isinstance(action, argparse._SubParsersAction):
                # `exposure help` is no command: say where the help is
                hint = f" (for help: {self.prog} --help, or {self.prog} {action.metavar} --help)"
            if not hint and message == exc.message:
                raise
            raise argparse.ArgumentError(action, f"{message}{hint}") from None

    def _command_error(self, value: str, hint: str) -> tuple[str, str]:
        """The ``invalid choice`` error of the command, listing every command, and its hint.

        Only the module of the command named in the arguments is loaded (:func:`main`):
        ``exposure -- validate`` (argparse 3.11 takes the ``--`` for the command) was told
        ``invalid choice: '--' (choose from 'validate')``, the one command it had loaded, as
        if it were the only one, and nothing on the ``--``.
        """
        commands = [name for names in COMMANDS.values() for name in names]
        message = f"invalid choice: {value!r} (choose from {', '.join(map(repr, commands))})"
        if value == "--" and not hint:
            given = list(getattr(self, "_given", []))
            rest = given[given.index("--") + 1:] if "--" in given else []
            command = rest[0] if rest and rest[0] in commands else "COMMAND"
            hint = (f" ('--' ends the options of exposure, and the command is not one of them: write "
                    f"exposure {command} ..., without '--')")
        return message, hint


def command_name(args: argparse.Namespace, parser: argparse.ArgumentParser) -> str:
    """The sub-command ``args`` ran, as typed: ``report agreement``, ``score``.

    Errors name it as its usage errors do (``exposure report agreement: error: ...``);
    they said ``exposure report: error: ...``.

    Examples
    --------
    >>> parser = build_parser(("_report",))
    >>> command_name(parser.parse_args(["report", "rubric"]), parser)
    'report rubric'
    """
    names = []
    while True:
        sub = next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)
        name = None if sub is None else getattr(args, sub.dest, None)
        if not isinstance(name, str) or name not in sub.choices:
            return " ".join(names) or str(getattr(args, "command", ""))
        names.append(name)
        parser = sub.choices[name]


def build_parser(modules: tuple[str, ...] | None = None) -> argparse.ArgumentParser:
    """Build the argument parser with every registered sub-command.

    Parameters
    ----------
    modules : tuple of str, optional
        Register only the sub-commands of these :data:`COMMANDS` modules (default: all);
        the other commands are listed by name and one-line help (:data:`COMMAND_HELP`),
        without importing their modules. ``()`` imports none: what ``exposure --help``,
        ``--version`` and an unknown command need.

    Returns
    -------
    argparse.ArgumentParser

    Examples
    --------
    >>> parser = build_parser()
    >>> parser.prog
    'exposure'
    >>> sub = build_parser(())._subparsers._group_actions[0]
    >>> list(sub.choices)[:4], getattr(sub.choices["score"], "func", None)
    (['sources', 'fetch', 'validate', 'score'], None)
    """
    parser = _Parser(
        prog="exposure",
        description="Measure exposure of tasks, occupations and sectors to LLMs and agents.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, commands in COMMANDS.items():
        if modules is None or name in modules:
            command_module(name).register(sub)
            continue
        for command in commands:  # listed only: `exposure -h score` listed score alone
            sub.add_parser(command, help=COMMAND_HELP[command])
    return parser


def describe_os_error(exc: OSError) -> str:
    """One line for an :class:`OSError`: the path(s) it names, then the reason.

    Examples
    --------
    >>> describe_os_error(PermissionError(13, "Permission denied", "/data/in.csv"))
    '/data/in.csv: Permission denied'
    >>> describe_os_error(OSError(28, "No space left on device"))
    'No space left on device'
    """
    reason = exc.strerror or " ".join(str(exc).split()) or type(exc).__name__
    if exc.filename is None:
        return reason
    where = os.fsdecode(exc.filename)
    if exc.filename2 is not None:
        where += f" -> {os.fsdecode(exc.filename2)}"
    return f"{where}: {reason}"


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code.

    Parameters
    ----------
    argv : list of str, optional
        Arguments without the program name; defaults to ``sys.argv[1:]``.

    Returns
    -------
    int
        0 on success, 2 on a library error (bad input, checksum mismatch, ...) or an
        :class:`OSError` (a file that cannot be read or written), reported in one line
        naming the path; 130 after Ctrl-C, 143 after SIGTERM and 129 after SIGHUP (the
        terminal was closed), all of which remove the command's temporary files and leave
        earlier outputs as they were; 141, silently,
        when the reader of the output closes the pipe (``exposure sources | head -1``,
        also for ``--help`` and ``--version``); 1 when no command is given (the help is
        printed). With stdout closed (``>&-``), a command whose output is what it prints
        (``sources``, ``validate``) fails with exit code 2 (``standard output is closed``);
        one whose output is the files it writes (:data:`SUMMARY_COMMANDS`) drops its
        summary, as it does when stdout is full (``> /dev/full``) or its reader has gone;
        for the others a full stdout is an error naming ``standard output`` (exit 2).
        Ctrl-C, SIGTERM or SIGHUP before the command begins (while its modules load and its
        arguments are read): one line, ``exposure: terminated (SIGTERM) while starting;
        nothing written`` (``interrupted (SIGINT)``), exit 130, 143 or 129. A command
        stopped by one names the outputs it had written in full before it, if any
        (:func:`exposure._outdir.stopped_note`).
    """
    return _run(argv)


def entry() -> int:
    """The ``exposure`` command and ``python -m exposure.cli``: :func:`main` in a process of its own.

    Python's cyclic garbage collector is off while the command's modules are imported
    (pandas, pandera, scipy: about 100,000 objects, and no garbage cycles worth
    collecting); those objects are then frozen (:func:`gc.freeze`: never collected, as they
    live until the process ends anyway) and the collector is turned on again. The
    collection passes that walked them took about 0.3 s of ``exposure score`` on the
    18,796 O*NET tasks (1.47 s -> 1.16 s, best of 8). :func:`main`, which tests and other
    programs call in their own process, leaves the collector alone.

    A Ctrl-C once the command has ended (while its error line prints, or on the way out)
    raised ``KeyboardInterrupt`` outside every handler: a traceback, exit 1. It is exit
    130 now, without a word more; from the end of the command on, Ctrl-C is only recorded
    (:func:`_record_interrupts`), so that none can come between the last handler and the
    exit.

    Returns
    -------
    int
        The exit code of :func:`main`; 130 after a Ctrl-C once the command had ended.
    """
    gc.disable()
    interrupted: list[int] = []
    try:
        try:
            code = _run(None, own_process=True)
        finally:
            _record_interrupts(interrupted)
            gc.enable()
    except KeyboardInterrupt:  # after the command (the command's own handlers say it within)
        return 130
    return 130 if interrupted else code


def _record_interrupts(into: list[int]) -> None:
    """From now on Ctrl-C (SIGINT) appends to ``into`` instead of raising ``KeyboardInterrupt`` (main thread only)."""
    # (a SIGINT ignored, as in a background job, stays ignored)
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGINT) != signal.SIG_IGN:
        signal.signal(signal.SIGINT, lambda signum, frame: into.append(signum))


def _run(argv: list[str] | None, *, own_process: bool = False) -> int:
    if sys.stderr is not None:
        return _run_with_stderr(argv, own_process)
    # stderr closed (`2>&-`): Python's sys.stderr is None, and print(..., file=None) writes to
    # stdout: `exposure validate > counts.txt 2>&-` wrote its error lines (and argparse its
    # usage) into counts.txt, among the command's output. They are dropped now; the exit
    # code still tells the failure. (The stream is not closed: a log handler set up in the
    # run keeps it.)
    global _NO_STDERR
    if _NO_STDERR is None:
        _NO_STDERR = open(os.devnull, "w")
    sys.stderr = _NO_STDERR
    try:
        return _run_with_stderr(argv, own_process)
    finally:
        sys.stderr = None


#: What ``sys.stderr`` is while a command runs with stderr closed (:func:`_run`): /dev/null.
_NO_STDERR = None


def _run_with_stderr(argv: list[str] | None, own_process: bool) -> int:
    """:func:`_run`, with ``sys.stderr`` a stream (a :class:`_Stderr` while the command runs)."""
    real_stderr = sys.stderr
    sys.stderr = _Stderr(real_stderr)
    try:
        return _run_command_line(argv, own_process)
    finally:
        if isinstance(sys.stderr, _Stderr):
            sys.stderr = real_stderr


def _run_command_line(argv: list[str] | None, own_process: bool) -> int:
    """:func:`_run_with_stderr`, with stderr's write errors dropped."""
    argv = sys.argv[1:] if argv is None else list(argv)
    module = _module_of(argv)
    # importing a command's modules (pandas, scipy...) takes a second: Ctrl-C or SIGTERM may
    # come. exposure._outdir (which loads pandas) is imported here, not when this package is:
    # Ctrl-C in the first half second of any command printed a KeyboardInterrupt traceback.
    # The start-up's handlers stay until the command's own (terminate_cleanly) take over: a
    # SIGTERM between the two (the arguments parsed, the output options checked) killed the
    # process without a word
    startup = None
    try:
        with _startup_signals() as startup:
            # no command (--help, --version, none or an unknown one): no command module, no pandas
            outdir = None if module is None else importlib.import_module("exposure._outdir")
            parser = build_parser(() if module is None else (module,))
            startup.imported()  # a signal whose exception an import's compile() lost
            if own_process:  # see entry()
                gc.freeze()
                gc.enable()
            return _with_stdout(parser, argv, outdir, startup)
    except KeyboardInterrupt:
        if startup is not None and startup.handed_off:  # after the command: as before
            raise
        print(f"exposure: interrupted (SIGINT) while starting; {_NOTHING_WRITTEN}", file=sys.stderr)
        return 130
    except _StartupSignal as exc:
        print(f"exposure: terminated ({signal.Signals(exc.signum).name}) while starting; {_NOTHING_WRITTEN}",
              file=sys.stderr)
        return 128 + exc.signum


#: What a signal before the command began left.
_NOTHING_WRITTEN = "nothing written"


def _with_stdout(parser: argparse.ArgumentParser, argv: list[str], outdir, startup: "_Startup") -> int:
    """:func:`_dispatch`, with ``sys.stdout`` a :class:`_Stdout` (or None) and the streams set to print any path."""
    real_stdout = sys.stdout
    err = sys.stderr.stream if isinstance(sys.stderr, _Stderr) else sys.stderr
    for stream in (sys.stdout, err):  # a path with non-UTF-8 bytes must print
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="backslashreplace")
    if real_stdout is not None:
        sys.stdout = _Stdout(real_stdout)
    try:
        return _dispatch(parser, argv, outdir, startup)
    finally:
        if isinstance(sys.stdout, _Stdout):
            sys.stdout = real_stdout


def _dispatch(parser: argparse.ArgumentParser, argv: list[str], outdir, startup: "_Startup") -> int:
    """Parse ``argv`` and run the command, with ``sys.stdout`` a :class:`_Stdout` (or None)."""
    try:
        args = parser.parse_args(argv)
    except SystemExit:  # --help, --version (printed into stdout's buffer), a usage error
        code = _flush_stdout()
        if code:
            return code
        raise
    with _log_level(bool(getattr(args, "verbose", False))):
        return _run_command(parser, args, outdir, startup)


#: The handler :func:`_log_level` gave the root logger (``logging.basicConfig``), if any.
_LOG_HANDLER: logging.Handler | None = None


@contextmanager
def _log_level(verbose: bool) -> Iterator[None]:
    """Within the block, the log shows INFO with ``-v`` and WARNING and above without.

    ``logging.basicConfig`` alone did nothing in a process whose logging was set up
    already: :func:`main` called again (``main(["-v", ...])`` after ``main([...])``) kept
    the first call's level, showing progress without ``-v`` or none with it, and in a
    program with its own logging ``-v`` showed nothing. The root logger's level is set when
    its handler is the one set up here; with ``-v`` the ``exposure`` loggers log INFO
    within the block, whoever set up the handlers.
    """
    global _LOG_HANDLER
    level = logging.INFO if verbose else logging.WARNING
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
        _LOG_HANDLER = root.handlers[0] if root.handlers else None
    elif _LOG_HANDLER is not None and _LOG_HANDLER in root.handlers:
        root.setLevel(level)
    library = logging.getLogger("exposure")
    before = library.level
    if verbose:
        library.setLevel(logging.INFO)
    try:
        yield
    finally:
        library.setLevel(before)


def _run_command(parser: argparse.ArgumentParser, args: argparse.Namespace, outdir, startup: "_Startup") -> int:
    """Run the command ``args`` parsed, with stdout as :func:`_dispatch` set it.

    Ctrl-C says what SIGTERM says (it said ``exposure NAME: interrupted``, not what it
    removed or left), and both name the outputs written in full before the signal
    (:func:`exposure._outdir.stopped_note`): they said ``previous outputs untouched`` also
    of a set of files written before it.
    """
    if not getattr(args, "func", None):
        parser.print_help()
        return _flush_stdout() or 1
    if sys.stdout is None:  # `exposure sources >&-`: print() wrote nothing, and exit 0
        # a command whose output is its files prints only a summary: dropped, not an error
        # (`exposure rollup ... >&-` wrote its tables, then exited 2)
        sys.stdout = open(os.devnull, "w") if args.command in SUMMARY_COMMANDS else _ClosedStdout()
    elif isinstance(sys.stdout, _Stdout) and args.command in SUMMARY_COMMANDS:
        # `exposure rollup ... > /dev/full` (or `| head -0`) wrote its tables, then exited 2
        # (`No space left on device`) or 141, as if it had failed: the summary is dropped
        sys.stdout.drop = True
    name = command_name(args, parser)  # report agreement, as its usage errors say
    written: list = []
    try:
        check_output_options(args)  # -o '': named, before any work
        check_location_options(args)  # --mirror '': not the current directory
        with outdir.terminate_cleanly() as written:  # SIGTERM/SIGHUP unwind like an error: temporary files go
            startup.handoff()  # its handlers are this block's now
            code = int(args.func(args) or 0)
            sys.stdout.flush()  # a closed pipe is found here, not after exit (exit 120)
            return code
    except outdir.Terminated as exc:
        print(f"exposure {name}: terminated ({exc.signal_name}); {outdir.stopped_note(written)}", file=sys.stderr)
        return exc.exit_code
    except ExposureError as exc:
        print(f"exposure {name}: error: {with_record_line(exc)}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader of the output went away (`exposure sources | head -1`)
        _silence_stdout()
        return 141  # 128 + SIGPIPE: what a shell shows for a command stopped by a closed pipe
    except OSError as exc:  # a file that cannot be read or written: one line naming it
        print(f"exposure {name}: error: {describe_os_error(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        if not startup.handed_off:  # before the command began: as SIGTERM there, "while starting"
            raise
        print(f"exposure {name}: interrupted (SIGINT); {outdir.stopped_note(written)}", file=sys.stderr)
        return 130


def with_record_line(exc: ExposureError) -> ExposureError:
    """``exc``, also naming the line of its row when a cell above spans lines.

    The row of a :class:`~exposure.errors.DataFormatError` about a ``.csv`` file is the
    record as a spreadsheet shows it; a quoted cell spanning lines above puts the record
    further down the file (:func:`exposure._lines.record_line`), and the message then names
    both: ``ml.csv, row 3 (line 4), column 'task': ...``. Other errors, and rows whose line
    is the row or cannot be found, are returned unchanged. Run on the error path only.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "ml.csv"
    >>> _ = p.write_text('task\\n"Two\\nlines."\\n\\n')
    >>> str(with_record_line(DataFormatError("empty", path=p, row=3)))  # doctest: +ELLIPSIS
    '.../ml.csv, row 3 (line 4): empty'
    >>> str(with_record_line(DataFormatError("empty", path=p, row=2)))  # doctest: +ELLIPSIS
    '.../ml.csv, row 2: empty'
    """
    if (not isinstance(exc, DataFormatError) or exc.path is None or exc.row is None
            or isinstance(exc.row, bool)):
        return exc
    # (an .xlsx formula never computed is refused by the workbook readers themselves,
    # exposure._tables._check_computed: it no longer reaches here as an empty cell)
    if exc.line is not None:
        return exc
    line = importlib.import_module("exposure._lines").record_line(exc.path, exc.row)
    return exc if line is None or line == exc.row else exc.with_line(line)


#: Commands whose output is the files they write: what they print is a summary, dropped
#: when stdout is closed (``>&-``). The others (``sources``, ``validate``) print their
#: output, so a closed stdout is an error for them.
SUMMARY_COMMANDS = frozenset({"score", "rollup", "recompute", "diff", "outcomes", "compare", "evaluate",
                              "train", "report", "fetch"})


def _flush_stdout() -> int:
    """Flush stdout after argparse printed into it; the exit code of a failure, else 0.

    141 (stdout silenced) when the reader of the pipe has gone, 2 (one line on stderr)
    when stdout could not take the text (``> /dev/full``). Without it the interpreter's
    last flush found the closed pipe: ``exposure --help``, ``--version`` or a short listing
    into a pipe whose reader had gone exited 120 after ``Exception ignored in:
    <_io.TextIOWrapper name='<stdout>' ...> BrokenPipeError``. argparse itself drops an
    error of its writes (``_print_message``): it is read from :attr:`_Stdout.error`.
    """
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError:  # recorded by _Stdout
        pass
    error = getattr(sys.stdout, "error", None)
    if isinstance(error, BrokenPipeError):
        return 141
    if isinstance(error, OSError):
        print(f"exposure: error: {describe_os_error(_stdout_error(error))}", file=sys.stderr)
        return 2
    return 0


class _StartupSignal(BaseException):
    """SIGTERM or SIGHUP while the command's modules load (:func:`_startup_signals`)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class _Startup:
    """The start-up's signal handlers (:func:`_startup_signals`), until the command's take over (:meth:`handoff`)."""

    def __init__(self) -> None:
        self.received: list[int] = []  # before the hand-off
        self.later: list[int] = []  # after it: raised again once the block ends
        self.handed_off = False
        self.previous: dict = {}  # the handlers before the block

    def handle(self, signum, frame) -> None:
        """Raise :class:`_StartupSignal` (``KeyboardInterrupt`` for SIGINT); after :meth:`handoff`, record it."""
        if self.handed_off:  # the command has ended (its handlers were put back): as before, at the end
            self.later.append(signum)
            return
        self.received.append(signum)
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise _StartupSignal(signum)

    def check(self) -> None:
        """Raise again a signal whose exception was lost (:func:`compile` drops it), if any."""
        if self.received and not self.handed_off:
            if self.received[-1] == signal.SIGINT:
                raise KeyboardInterrupt
            raise _StartupSignal(self.received[-1])

    def imported(self) -> None:
        """The command's modules are loaded: :meth:`check`, then Ctrl-C is Python's again.

        Python's own handler raises ``KeyboardInterrupt`` wherever it comes (no signal
        falls between two handlers), and :func:`exposure._outdir.terminate_cleanly` takes
        over only from it.
        """
        self.check()
        if signal.SIGINT in self.previous:
            signal.signal(signal.SIGINT, self.previous.pop(signal.SIGINT))

    def handoff(self) -> None:
        """The command's handlers are set (:func:`exposure._outdir.terminate_cleanly`): a signal is theirs now."""
        self.check()
        self.handed_off = True


@contextmanager
def _startup_signals() -> Iterator[_Startup]:
    """Within the block, SIGTERM and SIGHUP raise :class:`_StartupSignal` (main thread only), until the command runs.

    The block imports the command's modules and parses its arguments, before anything is
    written: the process died silently there, where a running command says ``terminated
    (SIGTERM)``. It ends after the command: its handlers stay until the command's own
    take over (:meth:`_Startup.handoff`, called inside
    :func:`exposure._outdir.terminate_cleanly`), so that no signal falls between the two:
    a SIGTERM after the imports (while the arguments were parsed and the output options
    checked) killed the process without a word, exit -15. A signal after the command ended
    (its handlers put back) is recorded and raised again once the block ends, as it was.
    A SIGHUP that the caller ignores (``nohup``) stays ignored.

    A signal whose exception was lost is raised again (:meth:`_Startup.check`): Python's
    :func:`compile` drops an exception raised by a signal handler while it runs (CPython
    3.11 to 3.13), and every module imported without a usable ``.pyc`` is compiled
    (``PYTHONDONTWRITEBYTECODE``, a changed source, a read-only install): a SIGTERM or
    Ctrl-C in the first tenths of a second of ``exposure rollup`` was lost, and the run
    went on and exited 0. Ctrl-C is recorded likewise when Python's own handler has it,
    while the modules load; then Python's own handler has it again (:meth:`_Startup.imported`),
    and a Ctrl-C before the command began says ``exposure: interrupted (SIGINT) while
    starting; nothing written`` as SIGTERM there does (it said ``exposure: interrupted``).
    """
    startup = _Startup()
    if threading.current_thread() is not threading.main_thread():
        yield startup
        return
    previous = startup.previous
    try:
        for name in ("SIGTERM", "SIGHUP"):
            sig = getattr(signal, name, None)
            if sig is None or (name == "SIGHUP" and signal.getsignal(sig) == signal.SIG_IGN):
                continue
            previous[sig] = signal.signal(sig, startup.handle)
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            previous[signal.SIGINT] = signal.signal(signal.SIGINT, startup.handle)
        yield startup
        startup.check()  # a command that set no handlers of its own (--help, no command)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for sig in dict.fromkeys(startup.later):
            signal.raise_signal(sig)


def _stdout_error(exc: OSError) -> OSError:
    """``exc``, an error of a write to stdout, naming ``standard output`` as its file."""
    if exc.filename is not None or isinstance(exc, BrokenPipeError):
        return exc
    named = OSError(exc.errno, exc.strerror or str(exc), "standard output")
    named.__cause__ = exc
    return named


class _Stdout:
    """``sys.stdout`` while a command runs: the real stream, whose write errors are handled.

    A write or flush that fails (``> /dev/full``; a pipe whose reader has gone) is kept in
    :attr:`error` and stdout is pointed at /dev/null, so that the interpreter's last flush
    finds nothing to fail on. With :attr:`drop` set (the :data:`SUMMARY_COMMANDS`, whose
    output is their files) the text is dropped and the command goes on; otherwise the
    error is raised, naming ``standard output`` (``exposure sources > /dev/full`` said only
    ``error: No space left on device``). Everything else is the real stream's.
    """

    def __init__(self, stream) -> None:
        self._stream = stream
        self.error: OSError | None = None
        self.drop = False

    def __getattr__(self, name):
        return getattr(self._stream, name)

    def _failed(self, exc: OSError) -> None:
        if self.error is None:
            self.error = exc
            _silence_stdout(self._stream)
        if not self.drop:
            raise _stdout_error(exc) from None

    def write(self, text: str) -> int:  # noqa: D102
        if self.error is not None and self.drop:
            return len(text)
        try:
            return self._stream.write(text)
        except OSError as exc:
            self._failed(exc)
            return len(text)

    def flush(self) -> None:  # noqa: D102
        if self.error is not None and self.drop:
            return
        try:
            self._stream.flush()
        except OSError as exc:
            self._failed(exc)


class _Stderr:
    """``sys.stderr`` while a command runs: the real stream, whose write errors are dropped.

    With stderr full (``2>/dev/full``) or a pipe whose reader has gone, printing the
    error line raised again inside the handler that caught the error: a traceback that
    could not be shown either, and exit code 1 instead of 2. What cannot be written to
    stderr is dropped; the exit code still tells a failure. Everything else is the real
    stream's (:attr:`stream`).
    """

    def __init__(self, stream) -> None:
        self.stream = stream
        self.error: OSError | None = None

    def __getattr__(self, name):
        return getattr(self.stream, name)

    def write(self, text: str) -> int:  # noqa: D102
        if self.error is None:
            try:
                return self.stream.write(text)
            except OSError as exc:
                self.error = exc
        return len(text)

    def flush(self) -> None:  # noqa: D102
        if self.error is None:
            try:
                self.stream.flush()
            except OSError as exc:
                self.error = exc


class _ClosedStdout(io.TextIOBase):
    """Stands for a closed stdout (``>&-``): writing to it is an error, not a silent no-op.

    Python sets ``sys.stdout`` to None when file descriptor 1 is closed, and ``print``
    then writes nothing: ``exposure sources >&-`` showed nothing and exited 0.
    """

    def writable(self) -> bool:  # noqa: D102
        return True

    def write(self, text: str) -> int:  # noqa: D102
        raise OSError(errno.EBADF, "standard output is closed: the command's output cannot be "
                      "shown; redirect it to a file or to /dev/null")


def _silence_stdout(stream=None) -> None:
    """Point stdout (or ``stream``) at /dev/null, so that the interpreter's last flush finds no closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, (sys.stdout if stream is None else stream).fileno())
        os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):  # no real stdout (captured, closed)
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
