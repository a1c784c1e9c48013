"""The Spark session of the tests that run ``exposure.spark`` (PySpark and Java needed)."""

from __future__ import annotations

import os
import shutil
import sys


def spark_ready() -> bool:
    """True when PySpark and Java are here, or CI's Spark step requires them (then a missing one fails)."""
    if os.environ.get("EXPOSURE_REQUIRE_SPARK"):
        return True
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return False
    return bool(shutil.which("java") or os.environ.get("JAVA_HOME"))


def spark_session(app: str):
    """A local session on two cores, named ``app``.

    Arrow batches of 3 rows (occupations straddle the batches of ``mapInPandas``), 3 shuffle
    partitions, no UI, logs from errors up.
    """
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers run this interpreter
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[2]").appName(app)
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "3")
               .config("spark.sql.execution.arrow.pyspark.enabled", "true")
               .config("spark.sql.execution.arrow.maxRecordsPerBatch", "3")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    return session
