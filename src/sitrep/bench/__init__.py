"""Benchmarks: throughput of each stage and of the whole pipeline, memory, Dask speed-up.

Every measurement runs in a fresh child process (``python -m sitrep.bench.cases``)
so that its peak RSS is its own (``os.wait4`` returns the child's resource use).
The fixed corpus is read at run time from the development pages
(``shared/data/extraction``); nothing of it is copied into the repository.
"""
