"""Shared by the benchmarks: the median of repeated timings."""
from __future__ import annotations

import statistics
import time


def median_ms(work, repeat: int) -> float:
    """The median wall time of `work()` over `repeat` runs, in milliseconds."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)
