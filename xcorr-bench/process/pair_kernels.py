#!/usr/bin/env python3
"""Scalar vs Vector API FFT kernels through the launcher, whole process, paired: pair_kernels.py XCORR ROUNDS CASEFILE.
CASEFILE lines are 'label<TAB>shell command', with @X standing for the launcher XCORR; each command runs with
XCORR_SIMD=0 and XCORR_SIMD=1 once per round, the order alternating from round to round. Prints per case the median
wall time and median user+sys CPU time (the steadier number on a shared machine) of both, their ratios
scalar / Vector API (above 1: the Vector API is faster) and the 1-minute load average before and after.
(The numbers of RESULTS.md "Issue 16: which kernels ./xcorr runs" were taken with it; KernelsBench is the same
measurement as a Suite job.)"""
import os
import resource
import statistics
import subprocess
import sys
import time

xcorr, rounds, casefile = sys.argv[1], int(sys.argv[2]), sys.argv[3]
cases = [l.rstrip('\n').split('\t', 1) for l in open(casefile) if l.strip() and not l.startswith('#')]


def run(cmd, simd):
    env = dict(os.environ, XCORR_SIMD=str(simd))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(cmd.replace('@X', xcorr), shell=True, env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        print("FAILED", cmd, p.stderr.decode()[-400:], flush=True)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


for label, cmd in cases:
    load0 = open('/proc/loadavg').read().split()[0]
    res = {0: [], 1: []}
    for r in range(rounds):
        for simd in ((0, 1) if r % 2 == 0 else (1, 0)):
            res[simd].append(run(cmd, simd))
    load1 = open('/proc/loadavg').read().split()[0]

    def med(simd, i):
        return statistics.median(x[i] for x in res[simd])

    print(f"{label}\tscalar {med(0, 0):.2f} [{med(0, 1):.2f}]\tsimd {med(1, 0):.2f} [{med(1, 1):.2f}]"
          f"\twall s/v {med(0, 0) / med(1, 0):.2f}\tcpu s/v {med(0, 1) / med(1, 1):.2f}\tload {load0}-{load1}",
          flush=True)
