"""Stacks of the kernel-choice bench (issue 16: which FFT kernels ./xcorr runs), deterministic: for each size S in
512, 1024, 2048 a float32 3-D .npy of N frames (time first) of one smooth random scene, each frame shifted by a
few whole pixels (a slow drift), a points file of 16 points for `track STACK --points`, and the first four frames
as 2-D .npy files for a `batch` of register rows.
Usage: make_stacks.py OUTDIR [N ...] (default N: 5 20 64); writes stackS_N.npy, pointsS.csv, frameS_K.npy."""
import sys
import os
import numpy as np

out = sys.argv[1]
counts = [int(a) for a in sys.argv[2:]] or [5, 20, 64]
os.makedirs(out, exist_ok=True)
for s in (512, 1024, 2048):
    rng = np.random.default_rng(s)
    scene = rng.random((s, s))
    scene = (scene + np.roll(scene, 1, 0) + np.roll(scene, 1, 1) + np.roll(scene, (1, 1), (0, 1))) / 4
    n_max = max(counts + [4])  # the four single frames below exist for any N
    frames = np.empty((n_max, s, s), dtype=np.float32)
    for k in range(n_max):
        frames[k] = np.roll(scene, (k % 7 - 3, (2 * k) % 9 - 4), (0, 1))
    for n in counts:
        np.save(f"{out}/stack{s}_{n}.npy", frames[:n])
    for k in range(4):
        np.save(f"{out}/frame{s}_{k}.npy", frames[k])
    with open(f"{out}/points{s}.csv", "w") as f:
        f.write("id,y,x\n")
        for i in range(16):
            f.write(f"{i},{s // 8 + (i // 4) * s // 4},{s // 8 + (i % 4) * s // 4}\n")
