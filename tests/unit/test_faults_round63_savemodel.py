"""Round 63 (save_model): :func:`exposure.scoring.learned.save_model` checks its arguments.

Given a ``None`` path it raised ``TypeError: expected str, bytes or os.PathLike object, not
NoneType``, and given something other than a model ``AttributeError: 'NoneType' object has
no attribute 'to_arrays'``, while ``save_transformer`` refuses both (round 63, scorers).
Now both are a ``DataFormatError`` naming the argument, and nothing is written.
"""

from __future__ import annotations

import pytest

from exposure.errors import DataFormatError
from exposure.scoring.learned import load_model, save_model


def test_save_model_refuses_a_path_that_is_none(tmp_path):
    with pytest.raises(DataFormatError, match="path must be a model artifact path"):
        save_model(load_model(), None)


def test_save_model_refuses_what_is_not_a_model(tmp_path):
    with pytest.raises(DataFormatError, match="model must be a LearnedModel"):
        save_model({"coef": [1.0]}, tmp_path / "m.npz")
    assert list(tmp_path.iterdir()) == []


def test_save_model_writes_the_shipped_model_byte_for_byte(tmp_path):
    save_model(load_model(), tmp_path / "a.npz")
    save_model(load_model(), tmp_path / "b.npz")
    assert (tmp_path / "a.npz").read_bytes() == (tmp_path / "b.npz").read_bytes()
