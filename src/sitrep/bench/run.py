"""Running the benchmark cases in child processes and printing the table."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..errors import SitrepError
from .corpus import corpus_files, synthetic_jsonl


def run_case(case: str, **kwargs: Any) -> list[dict[str, Any]]:
    """Run one case in a fresh interpreter; add its peak RSS (MB) to each row.

    ``wait4`` reports the largest resident set of the child and of the processes it
    waited for, so for a Dask case it is that of the largest worker.
    """
    proc = subprocess.Popen([sys.executable, "-m", "sitrep.bench.cases", case, json.dumps(kwargs)],
                            stdout=subprocess.PIPE)
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SitrepError(f"benchmark case {case} failed (exit {proc.returncode})")
    rows = json.loads(out.decode().strip().splitlines()[-1])["rows"]
    for r in rows:
        r["peak_rss_mb"] = usage.ru_maxrss / 1024  # Linux: kilobytes
    return rows


def machine() -> str:
    """One line describing this machine and the time."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {platform.machine()}, "
            f"{os.cpu_count()} cores, Python {platform.python_version()}, load average {load:.1f}")


def throughput(data_dir: Path, n_docs: int, dask: bool = True) -> dict[str, Any]:
    """Every throughput row, the pipeline/spaCy ratio and the Dask speed-up."""
    files = corpus_files(data_dir, n_docs)
    started = machine()
    rows = run_case("extract", files=files)
    rows += run_case("stages", files=files)
    rows += run_case("spacy", files=files)
    rows += run_case("pipeline", files=files)
    result: dict[str, Any] = {"machine": started, "corpus": f"{len(files)} pages", "rows": rows}
    whole = next(r for r in rows if r["name"].startswith("whole"))
    spacy = next(r for r in rows if r["name"].startswith("spaCy"))
    result["ratio_vs_spacy"] = _rate(whole) / _rate(spacy)
    result["ratio_vs_spacy_cpu"] = _rate(whole, "cpu_seconds") / _rate(spacy, "cpu_seconds")
    stages = [r for r in rows if r["name"].startswith("stage ")]
    # annotation (every stage, parse included) on the same English texts as spaCy alone
    result["annotate_vs_spacy"] = spacy["seconds"] / sum(r["seconds"] for r in stages)
    result["annotate_vs_spacy_cpu"] = spacy["cpu_seconds"] / sum(r["cpu_seconds"] for r in stages)
    if dask:
        d1 = run_case("dask", files=files, workers=1)[0]
        d2 = run_case("dask", files=files, workers=2)[0]
        rows += [d1, d2]
        result["dask_speedup"] = _rate(d2) / _rate(d1)
        result["parallel_ceiling"] = parallel_ceiling()
    return result


#: CPU seconds each calibration process burns (long enough to dwarf start-up).
_BURN_S = 2.0
_BURN = ("import time\nt = time.process_time()\n"
         f"while time.process_time() - t < {_BURN_S}:\n    pass\n")


def parallel_ceiling(n: int = 2) -> float:
    """Speed-up that ``n`` plain CPU-bound processes get over one on this machine now.

    On a machine shared with other work this is well under ``n``, and it bounds what
    any ``n``-worker Dask run can show; printed beside the Dask figure.
    """
    import time

    def burn(k: int) -> float:
        t0 = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, "-c", _BURN]) for _ in range(k)]
        for p in procs:
            p.wait()
        return time.perf_counter() - t0

    one = burn(1)
    return n * one / burn(n)


def memory(sizes: list[int], annotate: bool = False) -> dict[str, Any]:
    """Peak RSS of ``sitrep ingest`` over synthetic JSON Lines of each size."""
    rows, started = [], machine()
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"synthetic-{n}.jsonl"
            synthetic_jsonl(path, n)
            rows += run_case("pipeline", files=[str(path)], annotate=annotate)
            rows[-1]["name"] = f"{n} synthetic docs, " + rows[-1]["name"]
            path.unlink()
    return {"machine": started, "rows": rows}


def _rate(row: dict[str, Any], key: str = "seconds") -> float:
    """Documents per second of wall-clock (or, with ``key="cpu_seconds"``, CPU) time."""
    return row["docs"] / row[key] if row.get(key) else float("nan")


def _rss(row: dict[str, Any]) -> float | None:
    """Peak RSS to show: after this row (stages share a process), else the process's."""
    if "hwm_mb" in row and row["hwm_mb"] is None:
        return None  # measured elsewhere (Dask workers)
    return row.get("hwm_mb") or row.get("peak_rss_mb")


def table(result: dict[str, Any]) -> str:
    """The result as a fixed-width text table (what ``sitrep bench`` prints)."""
    lines = [f"machine: {result['machine']}"]
    if "corpus" in result:
        lines.append(f"corpus: {result['corpus']} from shared/data/extraction (zyte, wcxb, flattext)")
    head = (f"{'measurement':44} {'docs':>6} {'wall s':>8} {'docs/s':>7} {'words/s':>8} "
            f"{'CPU s':>8} {'docs/CPU-s':>10} {'peak RSS MB':>11}")
    lines += [head, "-" * len(head)]
    for r in result["rows"]:
        rss = _rss(r)
        cpu = r.get("cpu_seconds")
        lines.append(f"{r['name']:44} {r['docs']:>6} {r['seconds']:>8.2f} {_rate(r):>7.2f} "
                     f"{r['words'] / r['seconds'] if r['seconds'] else 0:>8.0f} "
                     f"{('%.2f' % cpu) if cpu else 'n/a':>8} "
                     f"{('%.2f' % _rate(r, 'cpu_seconds')) if cpu else 'n/a':>10} "
                     f"{('%.0f' % rss) if rss else 'n/a':>11}")
    if "ratio_vs_spacy" in result:
        lines.append(f"whole pipeline / spaCy alone: {result['ratio_vs_spacy']:.2f}x by wall-clock, "
                     f"{result['ratio_vs_spacy_cpu']:.2f}x by CPU time (goal >= 0.6x)")
    if "annotate_vs_spacy" in result:
        lines.append(f"annotation stages / spaCy alone (words/s): {result['annotate_vs_spacy']:.2f}x "
                     f"by wall-clock, {result['annotate_vs_spacy_cpu']:.2f}x by CPU time "
                     f"(goal >= 0.7x)")
    if "dask_speedup" in result:
        lines.append(f"Dask speed-up, 2 workers vs 1: {result['dask_speedup']:.2f}x (goal >= 1.7x)")
    if "parallel_ceiling" in result:
        lines.append(f"  ceiling on this machine now: 2 plain CPU-bound processes vs 1 = "
                     f"{result['parallel_ceiling']:.2f}x")
    return "\n".join(lines)
