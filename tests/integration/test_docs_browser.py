"""The built site renders in headless Chromium, with its figures and math, fully offline.

The site (built once per session, see ``docs/_ext/docs_testing.py``) is served from a
local ``http.server`` on 127.0.0.1. A small check page served beside the site loads a page
in a same-origin iframe and writes what rendered (``naturalWidth`` of each image, MathJax
output) into its own DOM, which ``--dump-dom`` returns.

Which requests did the page make? Every response of the server carries a report-only
Content-Security-Policy that allows this origin (and ``data:``/``blob:``) only, with a
``report-uri`` on the same server: each load the document starts from another host
(script, style, image, font, frame, fetch/XHR, media, worker) is reported by the browser
itself, with the page that made it (``document-uri``). Chromium's own background traffic
(component and extension updates, account and time checks: its hosts change between
versions) belongs to no document and is not reported, so no list of hosts is needed.
Nothing leaves the machine in any case: every host name resolves to nothing except
127.0.0.1 and all traffic goes to a local proxy that refuses it. Resource hints that CSP
does not govern (``<link rel=preconnect|dns-prefetch>``) are caught in the HTML by
``test_docs_build.py::test_no_page_loads_anything_from_another_host``.

Skipped with a clear reason when /usr/bin/chromium is absent, except in CI (``CI=true``),
where its absence is a failure.
"""

import functools
import http.server
import json
import os
import re
import socketserver
import subprocess
import sys
import threading
import zlib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "docs" / "_ext"))

import docs_testing  # noqa: E402

# one worker builds the site once for this module and test_docs_build.py (pytest -n auto)
pytestmark = [pytest.mark.integration, pytest.mark.slow, pytest.mark.browser,
              pytest.mark.xdist_group("docs_site")]

CHROMIUM = Path(os.environ.get("EXPOSURE_CHROMIUM", "/usr/bin/chromium"))

CHECK_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>check</title></head>
<body><pre id="report">pending</pre>
<iframe id="page" src="{target}" style="width:1200px;height:900px"></iframe>
<script>
function settled(d) {{
  var images = Array.prototype.every.call(d.images, function (i) {{ return i.complete; }});
  var math = d.querySelectorAll(".math").length === 0 || d.querySelectorAll("mjx-container").length > 0;
  return images && math;
}}
function report(d) {{
  var imgs = Array.prototype.map.call(d.images, function (i) {{
    return {{src: i.getAttribute("src"), complete: i.complete, width: i.naturalWidth}};
  }});
  var out = {{
    title: d.title,
    h1: d.querySelector("h1") ? d.querySelector("h1").textContent : null,
    images: imgs,
    tables: Array.prototype.map.call(d.querySelectorAll("table"), function (t) {{
      var box = t.parentElement, style = d.defaultView.getComputedStyle(box);
      return {{box: box.className, overflowX: style.overflowX, table: t.scrollWidth,
               right: box.getBoundingClientRect().right, height: box.getBoundingClientRect().height,
               scrolls: box.scrollWidth > box.clientWidth}};
    }}),
    article: d.querySelector("article") ? d.querySelector("article").clientWidth : null,
    articleRight: d.querySelector("article") ? d.querySelector("article").getBoundingClientRect().right : null,
    window: d.defaultView.innerHeight,
    mathjax: d.querySelectorAll("mjx-container").length,
    math: d.querySelectorAll(".math").length,
    stylesheets: d.styleSheets.length
  }};
  document.getElementById("report").textContent = "REPORT" + JSON.stringify(out) + "END";
}}
document.getElementById("page").addEventListener("load", function () {{
  var d = this.contentDocument, tries = 0;
  (function poll() {{
    if (settled(d) || ++tries > 100) {{ report(d); }} else {{ setTimeout(poll, 100); }}
  }})();
}});
</script></body></html>
"""


@pytest.fixture(scope="module")
def chromium():
    if not CHROMIUM.is_file():
        reason = f"headless Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason + "; CI must run the browser test")
        pytest.skip(reason)
    return CHROMIUM


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    build = docs_testing.built_site(tmp_path_factory.getbasetemp() / "docs_site")
    if build.returncode != 0:
        pytest.fail(f"docs build failed ({build.returncode}):\n{build.output[-6000:]}")
    return build


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


class _TCPServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True


#: Report-only policy on every response: loads from anywhere but this origin are reported.
CSP = "default-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob:; report-uri /__csp-report"


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    requests: list = []
    violations: list = []  # the "csp-report" objects the browser posted

    def end_headers(self):
        self.send_header("Content-Security-Policy-Report-Only", CSP)
        super().end_headers()

    def do_POST(self):  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path == "/__csp-report":
            self.violations.append(json.loads(body)["csp-report"])
        self.send_response(204)
        self.end_headers()

    def do_GET(self):  # noqa: N802 - http.server's name
        self.requests.append(self.path)
        if self.path == "/__external.html":  # a page that asks for another host
            body = b'<!doctype html><title>x</title><img src="https://fonts.example.org/f.png">'
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        match = re.fullmatch(r"/__check/(.+)", self.path)
        if match:
            body = CHECK_PAGE.format(target="/" + match.group(1)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, *args):
        pass


class _ProxyHandler(socketserver.StreamRequestHandler):
    """Records the request line of anything sent to the proxy and refuses it."""

    seen: list = []

    def handle(self):
        line = self.rfile.readline(4096).decode("latin-1").strip()
        self.seen.append(line)
        self.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


@pytest.fixture(scope="module")
def servers(site):
    handler = type("Handler", (_SiteHandler,), {"requests": [], "violations": []})
    proxy_handler = type("Proxy", (_ProxyHandler,), {"seen": []})
    web = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(site.html)))
    proxy = _TCPServer(("127.0.0.1", 0), proxy_handler)
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in (web, proxy)]
    for t in threads:
        t.start()
    yield {"url": f"http://127.0.0.1:{web.server_address[1]}", "proxy": proxy.server_address[1],
           "requests": handler.requests, "violations": handler.violations,
           "external": proxy_handler.seen}
    for s in (web, proxy):
        s.shutdown()
        s.server_close()


# Fewer background requests from Chromium itself (they are not counted anyway, see above).
_DISABLED_FEATURES = (
    "Translate", "MediaRouter", "OptimizationHints", "AutofillServerCommunication",
    "NetworkTimeServiceQuerying", "CertificateTransparencyComponentUpdater",
    "InterestFeedContentSuggestions", "SafeBrowsing", "DialMediaRouteProvider",
    "AccountConsistency", "DiceWebSigninInterception", "GaiaRemoteConsentFlow",
)


def _run_chromium(chromium, servers, tmp_path, url, *extra) -> subprocess.CompletedProcess:
    args = [
        str(chromium), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--no-default-browser-check", "--disable-default-apps",
        "--disable-extensions", "--disable-domain-reliability", "--metrics-recording-only",
        "--disable-client-side-phishing-detection", "--no-pings", "--disable-breakpad",
        "--disable-features=" + ",".join(_DISABLED_FEATURES),
        f"--user-data-dir={tmp_path / 'profile'}",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        f"--proxy-server=http://127.0.0.1:{servers['proxy']}",
        "--window-size=1280,1600", "--virtual-time-budget=15000",
        *extra, url,
    ]
    return subprocess.run(args, capture_output=True, text=True, timeout=180, cwd=tmp_path)


def _host(request_line: str) -> str:
    """Host name of a proxy request line (``CONNECT h:443 ...`` or ``GET http://h/... ...``)."""
    parts = request_line.split()
    target = parts[1] if len(parts) > 1 else request_line
    if "://" in target:
        target = target.split("://", 1)[1].split("/", 1)[0]
    return target.rsplit(":", 1)[0] if re.search(r":[0-9]+$", target) else target


def _from_page(servers) -> list[str]:
    """``page: blocked URL`` of each load from another host that a page made (CSP reports)."""
    return [f"{v.get('document-uri')}: {v.get('blocked-uri')}" for v in servers["violations"]]


def _report(chromium, servers, tmp_path, page: str) -> dict:
    proc = _run_chromium(chromium, servers, tmp_path, f"{servers['url']}/__check/{page}",
                         "--dump-dom")
    match = re.search(r"REPORT(.*?)END", proc.stdout, re.S)
    assert match, f"check page did not report for {page}:\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}"
    return json.loads(match.group(1))


def _png_pixels(path: Path):
    """(width, height, distinct 8-bit grey levels seen) of an RGB(A) PNG, without PIL."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, ctype = 8, b"", 0, 0, 0
    while pos < len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height = int.from_bytes(body[:4], "big"), int.from_bytes(body[4:8], "big")
            ctype = body[9]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    return width, height, len(set(raw[:: 97])), ctype


def test_index_page_renders(chromium, servers, site, tmp_path):
    servers["violations"].clear()  # count this test's pages only
    report = _report(chromium, servers, tmp_path, "index.html")
    assert report["h1"].startswith("exposure")
    assert report["stylesheets"] >= 2
    shot = tmp_path / "index.png"
    proc = _run_chromium(chromium, servers, tmp_path, f"{servers['url']}/index.html",
                         f"--screenshot={shot}")
    assert shot.is_file(), proc.stderr[-3000:]
    width, height, levels, _ = _png_pixels(shot)
    assert (width, height) == (1280, 1600)
    assert levels > 10, "the screenshot is blank"
    assert not _from_page(servers), f"the page asked for other hosts: {_from_page(servers)}"


def test_results_page_renders_every_figure(chromium, servers, site, tmp_path):
    servers["violations"].clear()  # count this test's pages only
    report = _report(chromium, servers, tmp_path, "results.html")
    assert report["h1"].startswith("Results")
    figures = [i for i in report["images"] if "/_images/" in "/" + i["src"]]
    assert len(figures) == 7, report["images"]
    for image in figures:
        assert image["complete"] and image["width"] == 800, image
    fetched = [p for p in servers["requests"] if p.startswith("/_images/")]
    assert len(set(fetched)) == 7
    assert not _from_page(servers), f"the page asked for other hosts: {_from_page(servers)}"


def test_math_is_rendered_by_the_local_mathjax(chromium, servers, site, tmp_path):
    servers["violations"].clear()  # count this test's pages only
    report = _report(chromium, servers, tmp_path, "methods/index.html")
    assert report["math"] >= 1
    assert report["mathjax"] >= 1, "MathJax did not typeset the formulas"
    assert any(p.startswith("/_static/mathjax/") for p in servers["requests"])
    assert not _from_page(servers), f"the page asked for other hosts: {_from_page(servers)}"


def test_wide_tables_scroll_inside_their_box(chromium, servers, site, tmp_path):
    """Tables wider than the text scroll sideways instead of being cut at the right edge.

    The comparison tables and the correlation matrix are wider than the text column; each
    table sits in a box that fits the text column and the window, so its scrollbar is in
    sight (docs/_static/exposure.css).
    """
    servers["violations"].clear()
    report = _report(chromium, servers, tmp_path, "validation/measures.html")
    tables = report["tables"]
    wide = [t for t in tables if t["table"] > report["article"]]
    assert wide, f"no table wider than the text ({report['article']} px): {tables}"
    for t in tables:
        assert "table-wrapper" in t["box"], t
        assert t["overflowX"] in ("auto", "scroll"), t
        assert t["right"] <= report["articleRight"] + 1, t
        assert t["height"] <= 0.85 * report["window"] + 1, t
    assert all(t["scrolls"] for t in wide), wide
    assert not _from_page(servers), f"the page asked for other hosts: {_from_page(servers)}"


def test_a_request_to_another_host_is_caught(chromium, servers, tmp_path):
    servers["violations"].clear()
    before = len(servers["external"])
    _report(chromium, servers, tmp_path, "__external.html")
    reported = list(servers["violations"])
    assert [(v["document-uri"].rsplit("/", 1)[-1], v["blocked-uri"]) for v in reported] == [
        ("__external.html", "https://fonts.example.org/f.png")], reported
    # the request did go out, to the local proxy, which refused it
    assert "fonts.example.org" in [_host(r) for r in servers["external"][before:]]
    servers["violations"].clear()


def test_host_of_request_lines():
    assert _host("CONNECT fonts.googleapis.com:443 HTTP/1.1") == "fonts.googleapis.com"
    assert _host("GET http://cdn.example.org/mathjax.js HTTP/1.1") == "cdn.example.org"
