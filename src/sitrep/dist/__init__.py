"""Beyond one machine: batch processing on Dask into Parquet, and loading it.

``run_batch`` splits the input into partitions and runs the ordinary pipeline on
each worker (built once per worker); ``load`` puts the results in the store.
"""

from .batch import BatchResult, PipelinePlugin, process_partition, run_batch
from .load import load
from .partition import Partition, plan, read_partition

__all__ = ["BatchResult", "Partition", "PipelinePlugin", "load", "plan", "process_partition",
           "read_partition", "run_batch"]
