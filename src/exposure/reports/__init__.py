"""Reports: everything computed from the outputs or to check them (recompute never needs it)."""
