"""Published reference measures of AI exposure and their loaders.

One module per source (e.g. :mod:`exposure.measures.eloundou` for the task labels of
Eloundou et al. 2023). Modules are imported on demand; this package imports nothing heavy.
"""
