#!/usr/bin/env python3
"""measure.py RUNS CWD[,CWD...] [--fresh FILE] CMD...: run CMD RUNS times in
each CWD; print, for each CWD in turn, the fastest wall time in ms and the
largest peak RSS in MiB (from wait4's rusage). Several CWDs are taken in
turn within each round, so the VM's drift from minute to minute touches
them alike (their ratio is what `bench/run.sh` compares for scaling).
With --fresh, FILE and the files beside it named FILE.* are removed before
each run, untimed (an apply from nothing, every time)."""
import glob, os, subprocess, sys, time

runs, cwds, cmd = int(sys.argv[1]), sys.argv[2].split(","), sys.argv[3:]
fresh = None
if cmd[:1] == ["--fresh"]:
    fresh, cmd = cmd[1], cmd[2:]
best = {cwd: float("inf") for cwd in cwds}
peak = {cwd: 0 for cwd in cwds}
for _ in range(runs):
    for cwd in cwds:
        if fresh:
            for f in glob.glob(os.path.join(cwd, fresh)) + glob.glob(os.path.join(cwd, fresh + ".*")):
                os.remove(f)
        start = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        best[cwd] = min(best[cwd], time.perf_counter() - start)
        peak[cwd] = max(peak[cwd], usage.ru_maxrss)
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1, 2):
            sys.exit(f"{cmd} exited with {code}")
print(" ".join(f"{best[c] * 1000:.1f} {peak[c] / 1024:.0f}" for c in cwds))
