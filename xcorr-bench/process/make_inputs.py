"""Inputs of the whole-process bench, deterministic: a smooth random scene of N^2 (float64 .npy), a template of
M^2 cut from it, and for register a copy of the 2048^2 scene shifted by (13, -7)."""
import sys
import os
import numpy as np

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(16)
for n, m in ((1024, 64), (2048, 128), (4096, 128)):
    img = rng.random((n, n))
    # a little smoothing so the scene looks like an image, not white noise
    img = (img + np.roll(img, 1, 0) + np.roll(img, 1, 1) + np.roll(img, (1, 1), (0, 1))) / 4
    np.save(f"{out}/image{n}.npy", img)
    np.save(f"{out}/template{n}.npy", img[n // 3:n // 3 + m, n // 2:n // 2 + m].copy())
    if n == 2048:
        np.save(f"{out}/moving{n}.npy", np.roll(img, (13, -7), (0, 1)))
