"""``python -m exposure.cli``: the same as the ``exposure`` command."""

import sys

from exposure.cli import entry

sys.exit(entry())
