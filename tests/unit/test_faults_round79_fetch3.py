"""Fault round 79 (fetch3): a dead host written with its default port, a home linked to a missing folder, a mirror file's link to nothing.

1. :func:`exposure.fetch.fetch_many` keeps, for the run, the hosts that could not be
   reached (``exposure fetch``): the later files of such a host are not tried again. The
   key was the scheme and host as written, port included: ``http://h:80`` (a redirect or
   a URL map writing the default port) and ``http://h`` were two hosts, and each later
   file of the dead host written the other way was tried again, with its retries and
   backoff (``https://h:443`` and ``https://h`` likewise). Now the default port is left
   out of the key: ``not downloaded from http://dead.invalid/...: http://dead.invalid
   could not be reached for FILE earlier in this run (...)``.
2. ``$EXPOSURE_HOME`` that is a symbolic link to nothing was said ``$EXPOSURE_HOME H is a
   symbolic link to T, which does not exist: the user data directory holds your
   recomputes and the lock file exposure.lock; mount or create the directory it points
   to, or set $EXPOSURE_HOME to a directory``, not why it may be so, as the lock file's
   link into a missing folder says it (round 79); a loop of links was told to "mount or
   create the directory it points to". Now ``... which does not exist (a drive not
   mounted, or the folder moved?): the user data directory holds your recomputes and the
   lock file exposure.lock; mount or restore the directory it points to, or set
   $EXPOSURE_HOME to a directory`` (the words in the parentheses are the lock file's,
   kept in one place); a loop: ``H is a loop of symbolic links: ...; point the link at a
   directory, or set $EXPOSURE_HOME to a directory``.
3. A symbolic link to nothing, or a loop of links, in the mirror's place of a file ended
   ``...: mount or restore what it points to, or put the pinned file (sha256 S, 8 bytes)
   in its place; fix the mirror or unset it to download`` (the loop: ``point it at the
   pinned file (sha256 S, 8 bytes), or put the file in its place; fix the mirror ...``):
   no URL to copy the file from, where every other mirror message says it. Now ``...:
   mount or restore what it points to, or remove the link and put the pinned file at
   M/demo/a.csv (sha256 S, 8 bytes), copied unchanged from URL, or unset the mirror
   (--mirror, $EXPOSURE_MIRROR) to download it`` (the loop: ``point it at the pinned file,
   or remove it and put the pinned file at M/demo/a.csv ...``).

Tiny made-up files written by the tests, a local HTTP server and hosts of the reserved
``.invalid`` domain (no connection is made); nothing is downloaded from the internet.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from exposure import fetch as F
from exposure.cli import main
from exposure.errors import DownloadError, ExposureError
from exposure.sources import Source

pytestmark = pytest.mark.usefixtures("bare_env")

PREFIX = "https://raw.githubusercontent.com/gianluigilopardo/AnthropicEconomicIndex/b2181087"
FIRST, SECOND = ("reference/anthropic_economic_index/SOC_Structure.csv",
                 "reference/anthropic_economic_index/automation_vs_augmentation.csv")


# 1. a dead host written with and without its default port

@pytest.mark.parametrize("first, second, said", [
    ("http://dead.invalid:80", "http://dead.invalid", "http://dead.invalid"),
    ("https://dead.invalid:443", "https://dead.invalid", "https://dead.invalid"),
    ("http://dead.invalid", "http://DEAD.invalid:80", "http://dead.invalid"),
])
def test_a_dead_host_written_with_its_default_port_is_not_tried_again(tmp_path, monkeypatch, first, second, said):
    monkeypatch.setenv("EXPOSURE_URL_MAP", f"{PREFIX}/SOC_Structure.csv={first}/SOC_Structure.csv {PREFIX}={second}")
    fetched, errors = F.fetch_many([FIRST, SECOND], data_dir=tmp_path / "cache", retries=0, timeout=2.0)
    assert fetched == {} and sorted(errors) == [FIRST, SECOND]
    assert "ConnectionError" in str(errors[FIRST])
    assert str(errors[SECOND]).startswith(
        f"{SECOND}: not downloaded from {second}/automation_vs_augmentation.csv: {said} could not be reached for "
        f"{FIRST} earlier in this run (")
    assert not (tmp_path / "cache" / "reference").exists()


def test_a_redirect_to_a_dead_host_with_its_default_port_marks_the_host(tmp_path, monkeypatch, scripted_server):
    monkeypatch.setenv("EXPOSURE_URL_MAP",
                       f"{PREFIX}/SOC_Structure.csv={scripted_server.url('/SOC_Structure.csv')} "
                       f"{PREFIX}=http://dead.invalid")
    scripted_server.routes["/SOC_Structure.csv"] = {
        "status": 302, "headers": {"Location": "http://dead.invalid:80/SOC_Structure.csv"}}
    fetched, errors = F.fetch_many([FIRST, SECOND], data_dir=tmp_path / "cache", retries=0, timeout=2.0)
    assert fetched == {} and scripted_server.hits == {"/SOC_Structure.csv": 1}
    assert str(errors[SECOND]).startswith(
        f"{SECOND}: not downloaded from http://dead.invalid/automation_vs_augmentation.csv: http://dead.invalid could "
        f"not be reached for {FIRST} earlier in this run (")


# 2. $EXPOSURE_HOME a symbolic link to nothing, or a loop

HOME_SAID = "the user data directory holds your recomputes and the lock file exposure.lock"


def test_a_home_linked_to_a_missing_folder_says_why_as_the_lock_file_does(tmp_path, monkeypatch, capsys):
    home = tmp_path / "home"
    home.symlink_to(tmp_path / "usb" / "exposure")
    monkeypatch.setenv("EXPOSURE_HOME", str(home))
    assert main(["sources", "--releases"]) == 2
    said = (f"$EXPOSURE_HOME {home} is a symbolic link to {tmp_path}/usb/exposure, which does not exist (a drive not "
            f"mounted, or the folder moved?): {HOME_SAID}; mount or restore the directory it points to, or set "
            "$EXPOSURE_HOME to a directory")
    assert capsys.readouterr().err == f"exposure sources: error: {said}\n"
    with pytest.raises(ExposureError) as info:
        F.DataStore(cache=tmp_path / "cache", home=home)
    assert str(info.value) == said.replace("$EXPOSURE_HOME", "home", 1)
    assert not (tmp_path / "usb").exists()


def test_a_home_that_is_a_loop_of_links_is_told_to_point_the_link_at_a_directory(tmp_path, monkeypatch, capsys):
    home = tmp_path / "home"
    home.symlink_to("home")
    monkeypatch.setenv("EXPOSURE_HOME", str(home))
    assert main(["sources", "--releases"]) == 2
    assert capsys.readouterr().err == (
        # round 80: where the loop's link points
        f"exposure sources: error: $EXPOSURE_HOME {home} is a loop of symbolic links (it points to home): "
        f"{HOME_SAID}; point the link at "
        "a directory, or set $EXPOSURE_HOME to a directory\n")


# 3. a mirror file that is a link to nothing, or a loop

BODY = b"a,b\n1,2\n"
SHA = hashlib.sha256(BODY).hexdigest()
URL = "http://127.0.0.1:9/demo/a.csv"
PUT_BACK = f"copied unchanged from {URL}, or unset the mirror (--mirror, $EXPOSURE_MIRROR) to download it"


def _demo() -> Source:
    return Source(name="demo/a.csv", release="1", url=URL, sha256=SHA, size=len(BODY), licence="CC0",
                  attribution="demo")


@pytest.mark.parametrize("kind", ["link to nothing", "loop"])
def test_a_mirror_file_that_is_a_broken_link_says_where_to_copy_the_file_from(tmp_path, kind):
    mirror = tmp_path / "mirror"
    (mirror / "demo").mkdir(parents=True)
    place = mirror / "demo" / "a.csv"
    if kind == "loop":
        place.symlink_to("a.csv")
        what = "a loop of symbolic links (it points to a.csv): point it at the pinned file, or remove it and"
    else:
        place.symlink_to(tmp_path / "usb" / "a.csv")
        what = (f"a symbolic link to {tmp_path}/usb/a.csv, which does not exist (a drive not mounted, or the file "
                "moved?): mount or restore what it points to, or remove the link and")
    with pytest.raises(DownloadError) as info:
        F.fetch(_demo(), mirror=mirror, data_dir=tmp_path / "cache")
    assert str(info.value) == (
        f"demo/a.csv: not found in mirror {mirror} (expected {place}); it is {what} put the pinned file at {place} "
        f"(sha256 {SHA}, 8 bytes), {PUT_BACK}")
    assert sorted(p.name for p in Path(tmp_path).iterdir()) == ["mirror"]
