"""Peer for the whole-process bench: what a Python user would write for `xcorr ncc --mode valid`.
Reads the template and image .npy, runs OpenCV's matchTemplate TM_CCOEFF_NORMED (float32, as OpenCV requires),
writes the map as float64 .npy like the CLI."""
import sys
import numpy as np
import cv2

template, image, out = sys.argv[1:4]
t = np.load(template).astype(np.float32)
i = np.load(image).astype(np.float32)
np.save(out, cv2.matchTemplate(i, t, cv2.TM_CCOEFF_NORMED).astype(np.float64))
