"""Builds docs/examples/timelapse.tif's source: a synthetic time-lapse of 'cells' drifting on the stage.

40 frames of 160x200 cut from a larger field of Gaussian blobs on a dim background: the field moves under the
camera by a smooth drift plus jitter (sub-pixel, by the Fourier shift theorem on the whole field), so content
leaves at one edge and enters at the other as on a real stage; Poisson noise; stored as uint16. Writes timelapse.npy and the true
registering shifts (the negative of the drift) to timelapse_truth.csv; convert to a multi-page TIFF with
`xcorr apply-shifts` or use the .npy directly:

    python3 docs/examples/make_timelapse.py
    ./xcorr align docs/examples/timelapse.npy -o shifts.csv --plot docs/align-drift.png --aligned aligned.tif
"""
import numpy as np

rng = np.random.default_rng(7)
H, W, T = 160, 200, 40
M = 24  # margin of the field around the camera's view
FH, FW = H + 2 * M, W + 2 * M
y, x = np.mgrid[0:FH, 0:FW]
scene = np.full((FH, FW), 100.0)
for _ in range(90):
    cy, cx = rng.uniform(0, FH), rng.uniform(0, FW)
    r = rng.uniform(2.5, 7)
    scene += rng.uniform(300, 1200) * np.exp(-((y - cy) ** 2 + (x - cx) ** 2) / (2 * r * r))
t = np.arange(T)
drift = np.stack([2.5 * np.sin(t / 9.0) + 0.04 * t, -0.12 * t + 0.6 * np.sin(t / 5.0)], 1)
drift += rng.normal(0, 0.08, drift.shape)
drift -= drift[0]
ky = np.fft.fftfreq(FH)[:, None]
kx = np.fft.fftfreq(FW)[None, :]
F = np.fft.fft2(scene)
frames = []
for dy, dx in drift:
    f = np.fft.ifft2(F * np.exp(-2j * np.pi * (ky * dy + kx * dx))).real[M:M + H, M:M + W]
    frames.append(rng.poisson(np.clip(f, 0, None)).astype(np.uint16))
np.save("docs/examples/timelapse.npy", np.array(frames))
with open("docs/examples/timelapse_truth.csv", "w") as out:
    out.write("frame,dy,dx\n")
    for i, (dy, dx) in enumerate(-drift):
        out.write(f"{i},{float(dy)!r},{float(dx)!r}\n")
