#!/usr/bin/env python3
"""Phase profile of whole-process runs: phases.py ROUNDS CMDFILE (lines 'label<TAB>shell command', as pair.py).
Runs every command once per round in rotating order (one warm-up round dropped) with XCORR_MARKS=1 in the
environment, and reads the lines 'MARK name epoch-ns [cpu-ns wait-ns]' the command prints on stderr: for xcorr a
build with phase-marks.patch applied (cpu and wait: sums over the JVM's live threads of
/proc/self/task/*/schedstat, time on a CPU and time runnable but waiting for one), for the Python peer
peer_ncc_phases.py. Prints per command the median (and min) wall time of each phase (launch -> first mark,
mark -> mark, last mark -> process end), the median CPU and run-queue wait of each, and whole-process wall and
user+sys. CPU of threads that ended before a mark (and of the launcher's shell) lands in the last phase."""
import sys, subprocess, resource, time, statistics, os
rounds = int(sys.argv[1])
cmds = [l.rstrip('\n').split('\t', 1) for l in open(sys.argv[2]) if l.strip() and not l.startswith('#')]
res = {c[0]: [] for c in cmds}
load0 = open('/proc/loadavg').read().split()[:3]
env = dict(os.environ, XCORR_MARKS='1')
for r in range(-1, rounds):
    for j in range(len(cmds)):
        label, cmd = cmds[(j + max(r, 0)) % len(cmds)]
        b = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.time_ns()
        p = subprocess.run(cmd, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        t1 = time.time_ns()
        a = resource.getrusage(resource.RUSAGE_CHILDREN)
        if p.returncode != 0:
            print("FAILED", label, p.stderr.decode()[-800:]); sys.exit(1)
        cpu_total = ((a.ru_utime - b.ru_utime) + (a.ru_stime - b.ru_stime)) * 1e9
        marks = []
        for l in p.stderr.decode().splitlines():
            if l.startswith('MARK '):
                f = l.split()
                marks.append((f[1], int(f[2]), int(f[3]) if len(f) > 3 else None, int(f[4]) if len(f) > 4 else None))
        ph = []
        prev = ('launch', t0, 0, 0)
        for m in marks:
            dc = (m[2] - prev[2]) / 1e6 if m[2] is not None else float('nan')
            dw = (m[3] - prev[3]) / 1e6 if m[3] is not None else float('nan')
            ph.append((prev[0] + '->' + m[0], (m[1] - prev[1]) / 1e6, dc, dw)); prev = m
        endc = (cpu_total - prev[2]) / 1e6 if prev[2] is not None else float('nan')
        ph.append((prev[0] + '->end', (t1 - prev[1]) / 1e6, endc, float('nan')))
        ph.append(('WALL / CPU', (t1 - t0) / 1e6, cpu_total / 1e6, float('nan')))
        if r >= 0:
            res[label].append(ph)
load1 = open('/proc/loadavg').read().split()[:3]
print(f"rounds {rounds}, load at start {' '.join(load0)}, at end {' '.join(load1)}")
for label, runs in res.items():
    print(f"== {label}   (phase: wall median [min]  cpu median  wait median, ms)")
    names = [x[0] for x in runs[0]]
    for k, n in enumerate(names):
        v = [run[k] for run in runs if len(run) > k and run[k][0] == n]
        w = [x[1] for x in v]; c = [x[2] for x in v]; q = [x[3] for x in v]
        print(f"  {n:24s} {statistics.median(w):8.1f} [{min(w):7.1f}]  cpu {statistics.median(c):8.1f}  wait {statistics.median(q):7.1f}")
