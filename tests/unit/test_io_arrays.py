"""exposure._io.write_arrays: deterministic, pickle-free artifacts; barely compressible members stored."""

import zipfile

import numpy as np

from exposure._io import read_arrays, write_arrays


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
