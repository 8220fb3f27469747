#!/usr/bin/env python3
"""measure.py RUNS CWD [--fresh FILE] CMD...: run CMD RUNS times in CWD; print
the fastest wall time in ms and the largest peak RSS in MiB (from wait4's
rusage). With --fresh, FILE and the files beside it named FILE.* are removed
before each run, untimed (an apply from nothing, every time)."""
import glob, os, subprocess, sys, time

runs, cwd, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
fresh = None
if cmd[:1] == ["--fresh"]:
    fresh, cmd = cmd[1], cmd[2:]
best, peak = float("inf"), 0
for _ in range(runs):
    if fresh:
        for f in glob.glob(os.path.join(cwd, fresh)) + glob.glob(os.path.join(cwd, fresh + ".*")):
            os.remove(f)
    start = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    best = min(best, time.perf_counter() - start)
    peak = max(peak, usage.ru_maxrss)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1, 2):
        sys.exit(f"{cmd} exited with {code}")
print(f"{best * 1000:.1f} {peak / 1024:.0f}")
