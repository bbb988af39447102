#!/usr/bin/env python3
"""Paired, interleaved whole-process timing: pair.py ROUNDS CMDFILE; CMDFILE lines 'label<TAB>shell command'.
Each round runs every command once in rotating order; one warm-up round dropped. Prints median wall, median
user+sys, min wall per command, and load."""
import sys, subprocess, resource, time, statistics, os
rounds = int(sys.argv[1])
cmds = [l.rstrip('\n').split('\t', 1) for l in open(sys.argv[2]) if l.strip() and not l.startswith('#')]
res = {c[0]: [] for c in cmds}
load0 = open('/proc/loadavg').read().split()[:3]
for r in range(-1, rounds):
    for j in range(len(cmds)):
        label, cmd = cmds[(j + max(r, 0)) % len(cmds)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        p = subprocess.run(cmd, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if p.returncode != 0:
            print("FAILED", label, p.stderr.decode()[-500:]); sys.exit(1)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        sysc = after.ru_stime - before.ru_stime
        if r >= 0:
            res[label].append((wall, cpu, sysc))
load1 = open('/proc/loadavg').read().split()[:3]
print(f"rounds {rounds}, load at start {' '.join(load0)}, at end {' '.join(load1)}")
for label, v in res.items():
    w = [x[0] for x in v]; c = [x[1] for x in v]; s = [x[2] for x in v]
    print(f"{label:28s} wall median {statistics.median(w):.2f} s (min {min(w):.2f}, max {max(w):.2f})  cpu u+s {statistics.median(c):.2f} s  sys {statistics.median(s):.2f}")
