"""One BLAS thread for a block of numerical work, whatever the machine's cores.

OpenBLAS splits a product or a dot product among its threads and adds the partial sums in
an order that depends on how many there are, so the same inputs gave other bits with
another number of threads: the learned scorer's coefficients (L-BFGS's dot products over
vectors of tens of thousands of entries: 3e-13 to 0.006 apart, :mod:`exposure.scoring._train`),
the opt-in transformer's probabilities (about 1e-7 apart between a Dask worker process and
its client, :mod:`exposure.scoring.transformer`), and the event study's many small fits
(:mod:`exposure.outcomes`, where one thread is also the faster). :func:`one_blas_thread`
is the one context they share.
"""

from __future__ import annotations

import contextlib
import threading

__all__ = ["one_blas_thread"]

#: Held while a caller runs on one BLAS thread: the limit is process-wide (see below).
_LOCK = threading.RLock()


@contextlib.contextmanager
def one_blas_thread():
    """Context in which BLAS runs on one thread (threadpoolctl, when installed), one caller at a time.

    The limit is process-wide, and threadpoolctl lets one thread at a time set it (a limit
    set while another thread holds one is ignored, and the first to leave undoes it for
    all): so threads that enter at once run one after another, each under its own limit
    (the lock is re-entrant: a caller may nest it). The caller's BLAS setting is back on
    leaving. A limit the caller holds in another thread (``with threadpool_limits`` around
    threads that call this) is kept. Without threadpoolctl (it comes with scikit-learn,
    and with the ``transformer`` and ``outcomes`` extras) the work runs on the BLAS threads
    of the process, and its last bits follow them.

    Examples
    --------
    >>> import numpy as np
    >>> with one_blas_thread():
    ...     float(np.ones(3) @ np.ones(3))
    3.0
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # third-party, optional: the last bits then follow the BLAS threads
        threadpool_limits = None
    with _LOCK:
        if threadpool_limits is None:
            yield
        else:
            with threadpool_limits(limits=1, user_api="blas"):
                yield
