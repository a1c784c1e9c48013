"""``python -m exposure``: the same as the ``exposure`` command (and ``python -m exposure.cli``)."""

import sys

from exposure.cli import entry

sys.exit(entry())
