"""exposure._io.write_arrays: deterministic, pickle-free artifacts; barely compressible members stored."""

import hashlib
import zipfile

import numpy as np
import pytest

from exposure._io import read_arrays, write_arrays
from exposure.errors import DataFormatError


def test_members_that_barely_compress_are_stored_and_read_back_equal(tmp_path):
    rng = np.random.default_rng(0)
    arrays = {"codes": rng.integers(-127, 128, size=(500, 64), dtype=np.int8),  # noise: stored
              "zeros": np.zeros((500, 64)),  # deflates to almost nothing
              "words": np.array(["email", "brick"] * 200)}
    path = write_arrays(arrays, {"v": 1}, tmp_path / "a.npz")
    kinds = {i.filename: i.compress_type for i in zipfile.ZipFile(path).infolist()}
    assert kinds["codes.npy"] == zipfile.ZIP_STORED
    assert kinds["zeros.npy"] == zipfile.ZIP_DEFLATED and kinds["words.npy"] == zipfile.ZIP_DEFLATED
    got, meta = read_arrays(path.read_bytes())
    assert meta == {"v": 1} and set(got) == set(arrays)
    for name, value in arrays.items():
        np.testing.assert_array_equal(got[name], value)
    # the same arrays, the same bytes (the sha256 pinned in the registry)
    assert write_arrays(arrays, {"v": 1}, tmp_path / "b.npz").read_bytes() == path.read_bytes()


@pytest.mark.parametrize("content", [b"", b"not a zip at all", b"PK\x03\x04truncated"])
def test_pinned_artifact_that_is_not_a_zip_is_named(tmp_path, content):
    # a damaged copy pinned by hand (a learned model, its index or vectors): zipfile's
    # BadZipFile, naming no file, was raised from every loader but the transformer's
    from exposure.scoring.learned import load_model
    from exposure.scoring.retrieval import load_index

    pins = {"learned-v1.npz": hashlib.sha256(content).hexdigest(), "index-v1.npz": hashlib.sha256(content).hexdigest()}
    registry = tmp_path / "registry.txt"
    registry.write_text("".join(f"{name} {digest}\n" for name, digest in pins.items()))
    for name, load in (("learned-v1.npz", lambda p: load_model(p, registry=registry)),
                       ("index-v1.npz", lambda p: load_index(p, pins))):
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(DataFormatError, match=rf"{name}: not a .*zip of \.npy arrays and metadata\.json"):
            load(path)


def test_pinned_artifact_without_an_array_is_named(tmp_path):
    from exposure.scoring.retrieval import load_index

    path = write_arrays({"x": np.arange(3)}, {"name": "index"}, tmp_path / "index-v1.npz")
    pins = {"index-v1.npz": hashlib.sha256(path.read_bytes()).hexdigest()}
    with pytest.raises(DataFormatError, match=r"index-v1\.npz: not a retrieval index: it lacks '"):
        load_index(path, pins)
