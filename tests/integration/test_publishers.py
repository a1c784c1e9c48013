"""Recompute without the mirror, against a local server that mimics the publishers.

A :class:`http.server.ThreadingHTTPServer` on 127.0.0.1 serves files in the exact layouts
of onetcenter.org and bls.gov (URL paths, zip names, member paths, headers) and, like BLS,
answers 403 to a client with no User-Agent or a bare library one. ``EXPOSURE_URL_MAP``
points the library at it; ``EXPOSURE_HOME`` / ``EXPOSURE_DATA_DIR`` at temporary
directories; ``EXPOSURE_MIRROR`` is unset.

- O*NET 31.0 (text layout, ``db_31_0_text.zip``) is a tiny hand-written release of three
  occupations; OEWS May 2026 is three tiny BLS workbooks (``oesm26nat.zip``,
  ``oesm26in4.zip``). Neither is pinned by the package: the run downloads them, validates
  them, pins them in ``exposure.lock`` and writes the tables; the next run verifies against
  the lock, and a changed upstream file is a checksum error.
- The two crosswalks the recipe reads and the OEWS national workbooks of May 2022-2024
  (for the occupation panel) are pinned by the package; the server serves the mirror's
  copies of them (read at test time, never copied into the repository), so the test needs
  ``../shared/data``. May 2021 and 2025 national workbooks are made up (BLS publishes
  them as xlsx; the package pins only the mirror's conversions).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from tests.unit._oews_files import bls_workbook
from tests.unit._release_files import release_files, release_zip

import exposure
from exposure import fetch as F
from exposure import pipeline
from exposure._load import tables_dir
from exposure.errors import ChecksumMismatchError, DownloadError
from exposure.oews import load_oews
from exposure.onet import load_onet

pytestmark = [pytest.mark.integration, pytest.mark.network]

ONET = "https://www.onetcenter.org"
BLS = "https://www.bls.gov"

# --------------------------------------------------------------------------- the fixture

_OCC = [("11-1011.00", "Chief Executives", 5), ("15-1252.00", "Software Developers", 4),
        ("43-9021.00", "Data Entry Keyers", 2)]
_TASKS = [
    ("11-1011.00", 8823, "Direct or coordinate an organization's financial activities.", "Core"),
    ("11-1011.00", 8824, "Confer with board members.", "Supplemental"),
    ("15-1252.00", 16363, "Write, update, and maintain computer programs.", "Core"),
    ("15-1252.00", 16364, "Analyze user needs and software requirements.", "Core"),
    ("43-9021.00", 14550, "Read source documents and enter data.", "Core"),
    ("43-9021.00", 14551, "Compile, sort, and verify the accuracy of data.", "Supplemental"),
]
_DWAS = [("4.A.2.a.4", "4.A.2.a.4.I09", "4.A.2.a.4.I09.D03", "Analyze data to inform decisions.",
          "Analyze business or financial data."),
         ("4.A.3.b.1", "4.A.3.b.1.I08", "4.A.3.b.1.I08.D02", "Write computer programs.",
          "Program computer systems or production equipment.")]
_TASK_DWAS = [("11-1011.00", 8823, "4.A.2.a.4.I09.D03"), ("15-1252.00", 16363,
              "4.A.3.b.1.I08.D02"), ("43-9021.00", 14551, "4.A.2.a.4.I09.D03")]


def onet_31_files() -> dict[str, bytes]:
    """The eight files of the tiny O*NET 31.0 text release (three occupations), by base name."""
    return release_files(_OCC, _TASKS, _DWAS, _TASK_DWAS)


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def publisher_site(shared_data) -> dict[str, tuple[bytes, str]]:
    """URL path -> (body, Content-Type), in the publishers' layouts."""
    onet = release_zip(onet_31_files() | {"Read Me": b"O*NET 31.0 Database\r\n"})
    nat = _zip({"oesm26nat/national_M2026_dl.xlsx": bls_workbook(
        [("000000", "Cross-industry")], "cross-industry", 1235)})
    in4 = _zip({
        "oesm26in4/natsector_M2026_dl.xlsx": bls_workbook(
            [("51", "Information"), ("52", "Finance and Insurance")], "sector", 5),
        "oesm26in4/nat3d_M2026_dl.xlsx": bls_workbook(
            [("513000", "Publishing Industries"),
             ("522000", "Credit Intermediation and Related Activities")], "3-digit", 5),
        "oesm26in4/nat4d_M2026_dl.xlsx": b"not read by the library",
    })
    # the occupation panel reads the national files of May 2021-2025: 2022-2024 are pinned
    # by the package (served from the mirror's copies of BLS's workbooks), 2021 and 2025
    # are not (BLS publishes xlsx; the mirror holds conversions) and are made up here
    panel = {}
    for year in range(2021, 2026):
        yy, member = f"{year % 100:02d}", f"national_M{year}_dl.xlsx"
        data = ((shared_data / "oews" / member).read_bytes() if 2022 <= year <= 2024 else
                bls_workbook([("000000", "Cross-industry")], "cross-industry", 1235))
        panel[f"/bls/oes/special-requests/oesm{yy}nat.zip"] = _zip({f"oesm{yy}nat/{member}": data})
    zip_type = "application/x-zip-compressed"
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    site = {
        "/onet/dl_files/database/db_31_0_text.zip": (onet, "application/zip"),
        "/bls/oes/special-requests/oesm26nat.zip": (nat, zip_type),
        "/bls/oes/special-requests/oesm26in4.zip": (in4, zip_type),
    }
    site.update({path: (body, zip_type) for path, body in panel.items()})
    for name, url in (("2019_to_SOC_Crosswalk.xlsx", "/onet/taxonomy/2019/soc/"),
                      ("SOC_Structure.xlsx", "/onet/taxonomy/2019/structure/")):
        site[url + name] = ((shared_data / "crosswalks" / name).read_bytes(), xlsx)
    return site


class _Publisher(BaseHTTPRequestHandler):
    site: dict[str, tuple[bytes, str]] = {}
    log: list[tuple[str, str, int]] = []

    def do_GET(self):  # noqa: N802 - http.server's name
        agent = self.headers.get("User-Agent", "")
        if not agent or agent.split("/")[0].lower() in {"python-requests", "curl", "wget",
                                                         "python-urllib"}:
            return self._send(403, b"<!DOCTYPE html><html><body>Access Denied</body></html>",
                              "text/html", agent)
        if self.path not in self.site:
            return self._send(404, b"<html><body>Not Found</body></html>", "text/html", agent)
        body, ctype = self.site[self.path]
        return self._send(200, body, ctype, agent)

    def _send(self, status, body, ctype, agent):
        self.log.append((self.path, agent, status))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", "Wed, 01 Apr 2026 12:00:00 GMT")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture()
def publisher(shared_data):
    _Publisher.site = publisher_site(shared_data)
    _Publisher.log = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Publisher)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    yield base, _Publisher
    server.shutdown()
    server.server_close()


@pytest.fixture()
def no_mirror(monkeypatch, tmp_path, publisher):
    base, _ = publisher
    monkeypatch.delenv("EXPOSURE_MIRROR", raising=False)
    monkeypatch.delenv("EXPOSURE_REQUIRE_MIRROR", raising=False)
    monkeypatch.delenv("EXPOSURE_USER_AGENT", raising=False)
    monkeypatch.setenv("EXPOSURE_DATA_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("EXPOSURE_URL_MAP", f"{ONET}={base}/onet {BLS}={base}/bls")
    return F.DataStore.default()


# --------------------------------------------------------------------------- the tests


def test_server_refuses_bare_user_agents(publisher):
    base, _ = publisher
    url = f"{base}/bls/oes/special-requests/oesm26nat.zip"
    assert requests.get(url, timeout=5).status_code == 403  # python-requests/x.y
    assert requests.get(url, headers={"User-Agent": ""}, timeout=5).status_code == 403
    assert requests.get(url, headers={"User-Agent": F.USER_AGENT}, timeout=5).status_code == 200


def test_download_sends_the_configured_user_agent(no_mirror, publisher, monkeypatch, tmp_path):
    base, server = publisher
    url = f"{base}/bls/oes/special-requests/oesm26nat.zip"
    F.download(url, tmp_path / "a.zip", retries=0)
    assert server.log[-1][1] == F.USER_AGENT and server.log[-1][2] == 200
    assert F.USER_AGENT.startswith("ai-exposure/") and "https://" in F.USER_AGENT
    monkeypatch.setenv("EXPOSURE_USER_AGENT", "my-study/1.0 (me@example.org)")
    F.fetch("oews/national_M2026_dl.xlsx", store=F.DataStore.default())
    assert server.log[-1][1] == "my-study/1.0 (me@example.org)"
    monkeypatch.setenv("EXPOSURE_USER_AGENT", "python-requests/2.32")
    with pytest.raises(DownloadError, match="HTTP 403"):
        F.download(url, tmp_path / "b.zip", retries=0)
    assert not (tmp_path / "b.zip").exists()


def test_new_releases_are_fetched_validated_and_pinned(no_mirror, publisher):
    store = no_mirror
    onet = load_onet("31.0", store=store)
    assert onet.tasks["task_id"].tolist() == [8823, 8824, 16363, 16364, 14550, 14551]
    assert len(onet.task_ratings) == 6 * 8
    emp = load_oews("2026", "by_industry", store=store)
    assert emp.groupby("i_group")["naics"].nunique().to_dict() == {
        "3-digit": 2, "cross-industry": 1, "sector": 2}
    assert emp.loc[emp["naics"] == "52", "naics_title"].iloc[0] == "Finance and Insurance"
    lock = store.lock.entries()
    assert sorted(lock) == sorted(
        [f"onet/31.0/{b}.txt" for b in onet_31_files()]
        + ["oews/national_M2026_dl.xlsx", "oews/natsector_M2026_dl.xlsx",
           "oews/nat3d_M2026_dl.xlsx"])
    entry = lock["onet/31.0/Task Statements.txt"]
    assert entry["member"] == "db_31_0_text/Task Statements.txt"
    assert entry["url"] == f"{ONET}/dl_files/database/db_31_0_text.zip"  # official URL
    text = store.lock_path.read_text()
    assert text.startswith("# exposure.lock") and "\tsha256\t" in text
    # every archive was downloaded once (the cached archive serves the other members)
    fetched = [p for p, _, status in publisher[1].log if status == 200]
    assert sorted(fetched) == sorted(set(fetched))


def test_a_changed_upstream_file_fails_the_lock(no_mirror, publisher):
    store = no_mirror
    load_onet("31.0", store=store)
    base, server = publisher
    site = dict(server.site)
    files = onet_31_files()
    files["Job Zones"] = files["Job Zones"].replace(b"\t4\t", b"\t3\t")
    site["/onet/dl_files/database/db_31_0_text.zip"] = (release_zip(files), "application/zip")
    server.site = site
    fresh = F.DataStore(cache=store.cache.parent / "cache2", home=store.home,
                        url_map=store.url_map, user_agent=store.user_agent)
    with pytest.raises(ChecksumMismatchError, match="onet/31.0/Job Zones.txt"):
        load_onet("31.0", store=fresh)
    assert not (fresh.cache / "onet/31.0/Job Zones.txt").exists()


def test_a_file_that_fails_its_schema_is_not_pinned(no_mirror, publisher):
    store = no_mirror
    base, server = publisher
    files = onet_31_files()
    files["Job Zones"] = files["Job Zones"].replace(b"\t4\t", b"\tfour\t")
    server.site = dict(server.site)
    server.site["/onet/dl_files/database/db_31_0_text.zip"] = (release_zip(files), "application/zip")
    with pytest.raises(exposure.errors.DataFormatError, match="Job Zone"):
        load_onet("31.0", store=store)
    assert "onet/31.0/Job Zones.txt" not in store.lock.entries()
    assert not (store.cache / "onet/31.0/Job Zones.txt").exists()


@pytest.mark.slow
def test_recompute_without_mirror_pins_and_writes_the_user_tables(no_mirror, publisher):
    store = no_mirror
    result = pipeline.recompute(onet_release="31.0", oews_release="2026")
    assert result.out == store.home / "processed" / "onet-31.0_oews-2026"
    manifest = json.loads((result.out / "manifest.json").read_text())
    assert manifest["releases"] == {"onet": "31.0", "oews": "2026"}
    pins = store.lock.entries()
    recorded = {s["name"]: s["sha256"] for s in manifest["sources"]}
    assert all(recorded[name] == pins[name]["sha256"] for name in pins)
    assert not (result.out / "timings.json").exists()
    assert json.loads(store.timings_path.read_text())["out"] == str(result.out.resolve())
    # exposure.load now reads the user's recompute, and says which directory it read
    assert tables_dir() == result.out
    occ = exposure.load("occupations")
    assert occ.attrs["exposure_directory"] == str(result.out)
    assert sorted(occ["onetsoc_code"]) == ["11-1011.00", "15-1252.00", "43-9021.00"]
    assert set(exposure.load("sectors", release="31.0")["naics"]) == {"51", "52"}
    # a second run, through the command line in a fresh process configured only by the
    # environment, verifies every new file against the lock and gives the same bytes
    before = {p.name: p.read_bytes() for p in result.out.glob("*.parquet")}
    done = subprocess.run(
        [sys.executable, "-m", "exposure.cli", "recompute", "--onet-release", "31.0",
         "--oews-release", "2026", "--quiet"], capture_output=True, text=True,
        env={k: v for k, v in os.environ.items() if k != "EXPOSURE_PIPELINE_PAUSE"})
    assert done.returncode == 0, done.stderr
    assert {p.name: p.read_bytes() for p in result.out.glob("*.parquet")} == before
    assert store.lock.entries() == pins
    assert "pinned new file" not in done.stderr


def test_pinned_release_downloads_from_the_publisher_layout(no_mirror, publisher, shared_data):
    """O*NET 29.1 (pinned by the package) from db_29_1_text.zip: verified, never locked."""
    store = no_mirror
    base, server = publisher
    bases = ["Occupation Data", "Task Statements", "Tasks to DWAs", "DWA Reference",
             "IWA Reference", "Job Zones", "Emerging Tasks"]
    members = {f"db_29_1_text/{b}.txt": (shared_data / "onet/29.1" / f"{b}.txt").read_bytes()
               for b in bases}
    server.site = dict(server.site)
    server.site["/onet/dl_files/database/db_29_1_text.zip"] = (_zip(members), "application/zip")
    onet = load_onet("29.1", store=store)
    assert len(onet.tasks) == 18796 and onet.task_ratings is None
    assert not store.lock_path.exists()
    # a damaged member of a pinned release is a checksum error naming the file
    members["db_29_1_text/Job Zones.txt"] = members["db_29_1_text/Job Zones.txt"][:-10]
    server.site["/onet/dl_files/database/db_29_1_text.zip"] = (_zip(members), "application/zip")
    fresh = F.DataStore(cache=store.cache.parent / "cache2", home=store.home,
                        url_map=store.url_map, user_agent=store.user_agent)
    with pytest.raises(ChecksumMismatchError, match="onet/29.1/Job Zones.txt"):
        load_onet("29.1", store=fresh)
