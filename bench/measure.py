#!/usr/bin/env python3
"""measure.py RUNS CWD[,CWD...] [--fresh FILE] [--beside ARGS] CMD...: run
CMD RUNS times in each CWD; print, for each CWD in turn, the fastest wall
time in ms and the largest peak RSS in MiB (from wait4's rusage). Several
CWDs are taken in turn within each round, so the VM's drift from minute to
minute touches them alike (their ratio is what `bench/run.sh` compares for
scaling).
With --fresh, FILE and the files beside it named FILE.* are removed before
each run, untimed (an apply from nothing, every time).
With --beside, the same program with ARGS (one string, split as a shell
would) runs before each run of CMD, and its fastest time follows each
CWD's pair: `bench/run.sh` divides by it for "x lint", so the two are
measured under the same load, not minutes apart."""
import glob, os, shlex, subprocess, sys, time

runs, cwds, cmd = int(sys.argv[1]), sys.argv[2].split(","), sys.argv[3:]
fresh = None
if cmd[:1] == ["--fresh"]:
    fresh, cmd = cmd[1], cmd[2:]
beside = None
if cmd[:1] == ["--beside"]:
    beside, cmd = shlex.split(cmd[1]), cmd[2:]
    beside = [cmd[0]] + beside


def run(command, cwd):
    """Wall seconds and peak RSS (KiB) of one run of `command` in `cwd`."""
    start = time.perf_counter()
    p = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1, 2):
        sys.exit(f"{command} exited with {code}")
    return seconds, usage.ru_maxrss


best = {cwd: float("inf") for cwd in cwds}
best_beside = {cwd: float("inf") for cwd in cwds}
peak = {cwd: 0 for cwd in cwds}
for _ in range(runs):
    for cwd in cwds:
        if beside:
            best_beside[cwd] = min(best_beside[cwd], run(beside, cwd)[0])
        if fresh:
            for f in glob.glob(os.path.join(cwd, fresh)) + glob.glob(os.path.join(cwd, fresh + ".*")):
                os.remove(f)
        seconds, rss = run(cmd, cwd)
        best[cwd] = min(best[cwd], seconds)
        peak[cwd] = max(peak[cwd], rss)
print(
    " ".join(
        f"{best[c] * 1000:.1f} {peak[c] / 1024:.0f}"
        + (f" {best_beside[c] * 1000:.1f}" if beside else "")
        for c in cwds
    )
)
