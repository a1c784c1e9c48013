"""Fixtures shared by the unit tests (those of the whole suite are in ``tests/conftest.py``)."""

from __future__ import annotations

import http.server
import signal
import threading
import time
from pathlib import Path

import pytest
from _frames import tiny_digests
from _http import serve

from exposure import pipeline
from exposure.pipeline import Stage
from exposure.schemas._catalog import TABLES
from exposure.scoring.learned import shipped_model_path


@pytest.fixture
def client():
    """A threads-only Dask client (one worker, one thread), closed after the test.

    One left open made Dask shuffle by P2P in the synchronous tests that followed it
    (fault round 36). Tests that need two threads define their own.
    """
    distributed = pytest.importorskip("distributed")
    with distributed.Client(processes=False, n_workers=1, threads_per_worker=1,
                            dashboard_address=":0") as c:
        yield c


@pytest.fixture
def tiny_recipe(monkeypatch):
    """The recipe of recompute replaced by one tiny stage and table (the output machinery is the subject)."""
    monkeypatch.setattr(pipeline, "RECOMPUTE_STAGES", (Stage("make", tiny_digests),))
    monkeypatch.setattr(pipeline, "RECOMPUTE_TABLES", (TABLES["task_digests"],))
    monkeypatch.setattr(pipeline, "RECOMPUTE_MANIFEST", ("releases",))


@pytest.fixture
def ctrl_c():
    """Python's own Ctrl-C handler on SIGINT for the test, as in a terminal, put back after.

    A shell's background job (``.ci/run &``) starts with SIGINT ignored, and Python then
    installs no handler of its own: the tests of what Ctrl-C does would test nothing.
    """
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, before)


@pytest.fixture
def server():
    """A local HTTP server on 127.0.0.1 answering fixed routes, shut down after the test.

    It serves what the test puts in ``server.routes[path] = (status, headers, body)``
    (any other path: 404), the body written in pieces of 300 bytes (see ``_http.serve``).

    Yields
    ------
    type
        Its handler class: ``routes``, ``hits[path]`` (the requests made of each path) and
        ``url`` (``http://127.0.0.1:PORT``, no final ``/``).
    """
    with serve() as handler:
        yield handler


class ScriptedServer:
    """An HTTP server on 127.0.0.1 whose answers are scripted per path.

    ``routes[path]`` is one response, or a list of them used in turn (the last repeats);
    a path without one answers 404. A response is a dict: ``status`` (200), ``body``
    (b""), ``headers`` (added to ``Content-Type: application/octet-stream``), ``length``
    (the Content-Length to declare, default ``len(body)``; None declares none), ``delay``
    (seconds to wait before answering) and ``trickle`` (seconds between single bytes of
    the body). It keeps ``hits[path]`` (requests made), ``sent[path]`` (body bytes written
    to the last request), ``agents`` and ``encodings`` (each request's ``User-Agent`` and
    ``Accept-Encoding``, in order).
    """

    def __init__(self):
        self.routes: dict[str, dict | list[dict]] = {}
        self.hits: dict[str, int] = {}
        self.sent: dict[str, int] = {}
        self.agents: list[str] = []
        self.encodings: list[str] = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):  # noqa: N802 - the http.server name
                self.close_connection = True
                n = server.hits.get(self.path, 0)
                server.hits[self.path] = n + 1
                server.agents.append(self.headers.get("User-Agent", ""))
                server.encodings.append(self.headers.get("Accept-Encoding", ""))
                script = server.routes.get(self.path, {"status": 404, "body": b"missing"})
                if isinstance(script, dict):
                    script = [script]
                resp = script[min(n, len(script) - 1)]
                if resp.get("delay"):
                    time.sleep(resp["delay"])
                body = resp.get("body", b"")
                pause = resp.get("trickle")
                step = 1 if pause else 65536
                server.sent[self.path] = 0
                try:
                    self.send_response(resp.get("status", 200))
                    for key, value in {"Content-Type": "application/octet-stream",
                                       **resp.get("headers", {})}.items():
                        self.send_header(key, value)
                    length = resp.get("length", len(body))
                    if length is not None:
                        self.send_header("Content-Length", str(length))
                    self.end_headers()
                    for at in range(0, len(body), step):
                        self.wfile.write(body[at:at + step])
                        if pause:
                            self.wfile.flush()
                        server.sent[self.path] += len(body[at:at + step])
                        if pause:
                            time.sleep(pause)
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       kwargs={"poll_interval": 0.02}, daemon=True)

    def url(self, path: str) -> str:
        """The server's URL of ``path`` (``/a.csv``; ``""`` for the server's own)."""
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"


@pytest.fixture
def scripted_server():
    """A :class:`ScriptedServer` (responses in turn, delays, trickles), shut down after the test.

    Yields
    ------
    ScriptedServer
        The running server: the test sets its ``routes`` and reads ``url(path)``,
        ``hits``, ``sent``, ``agents`` and ``encodings``.
    """
    srv = ScriptedServer()
    srv.thread.start()
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()


@pytest.fixture
def mirror(shared_data) -> Path:
    """The real data mirror (``shared_data`` of ``tests/conftest.py``), as an absolute path.

    ``shared_data`` is read once a session, before the tests' own fixtures take
    ``$EXPOSURE_MIRROR`` out of the environment; the test is skipped (failed where
    ``EXPOSURE_REQUIRE_MIRROR=1``) when the mirror is absent.

    Returns
    -------
    Path
        The mirror's resolved path.
    """
    return shared_data.resolve()


@pytest.fixture
def models(tmp_path) -> Path:
    """A folder ``models`` holding links to the shipped model, its retrieval index and word vectors, and no registry.

    Returns
    -------
    Path
        The folder (in ``tmp_path``): the tests write a registry there, or damage a copy.
    """
    folder = tmp_path / "models"
    folder.mkdir()
    for file in shipped_model_path().resolve().parent.iterdir():
        if file.suffix == ".npz":
            (folder / file.name).symlink_to(file.resolve())
    return folder


@pytest.fixture
def no_env(monkeypatch):
    """No mirror or cache from the environment: each test names its own.

    ``$EXPOSURE_MIRROR`` and ``$EXPOSURE_DATA_DIR`` are taken out for the test (put back
    after). A fault file uses it for all its tests with
    ``pytestmark = pytest.mark.usefixtures("no_env")``; the real mirror is the ``mirror``
    fixture, read before this one empties the environment.
    """
    monkeypatch.delenv("EXPOSURE_MIRROR", raising=False)
    monkeypatch.delenv("EXPOSURE_DATA_DIR", raising=False)


@pytest.fixture
def bare_env(monkeypatch, tmp_path, no_env):
    """No mirror, cache or URL map from the environment (:func:`no_env` and ``$EXPOSURE_URL_MAP``).

    ``$EXPOSURE_HOME`` (the lock file's and the recomputes' home) is ``tmp_path / "home"``.
    """
    monkeypatch.delenv("EXPOSURE_URL_MAP", raising=False)
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "home"))


@pytest.fixture
def cache_in_tmp(monkeypatch, tmp_path, no_env):
    """:func:`no_env`, with the download cache in ``tmp_path / "cache"`` (empty: nothing is read from the user's)."""
    monkeypatch.setenv("EXPOSURE_DATA_DIR", str(tmp_path / "cache"))


@pytest.fixture
def home_in_tmp(monkeypatch, tmp_path, cache_in_tmp) -> Path:
    """:func:`cache_in_tmp`, with the home (``$EXPOSURE_HOME``) in ``tmp_path / "home"``; the current directory is left as it is.

    Returns
    -------
    Path
        The home (not made).
    """
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def env_in_tmp(monkeypatch, tmp_path, home_in_tmp):
    """:func:`home_in_tmp`, with ``tmp_path`` the current directory.

    Nothing is read or written outside ``tmp_path``.
    """
    monkeypatch.chdir(tmp_path)
