"""exposure: how exposed work is to large language models and LLM-driven agents.

The public API is small; see the documentation's API reference.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
