"""Run one piagen command in this fresh process and print its wall time and peak memory as JSON."""

from __future__ import annotations

import json
import resource
import sys
import time

start = time.perf_counter()
from piagen.__main__ import main  # noqa: E402  (import time is part of what a user waits for)

sys.argv = ["piagen", *sys.argv[1:]]
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else 0
elapsed = time.perf_counter() - start
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
child_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest layout process
print(
    json.dumps(
        {"seconds": elapsed, "peak_mib": peak_kib / 1024, "child_peak_mib": child_kib / 1024, "exit": code}
    ),
    file=sys.__stderr__,
)
