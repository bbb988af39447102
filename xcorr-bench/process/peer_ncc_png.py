"""Peer for the whole-process bench, PNG inputs: what a Python user would write for
`xcorr ncc template.png image.png --mode valid -o out.npy`. Reads both PNGs as stored (cv2.IMREAD_UNCHANGED, so
8-bit grey stays 0..255 as xcorr reads it), runs OpenCV's matchTemplate TM_CCOEFF_NORMED (float32, as OpenCV
requires), writes the map as float64 .npy like the CLI."""
import sys
import numpy as np
import cv2

template, image, out = sys.argv[1:4]
t = cv2.imread(template, cv2.IMREAD_UNCHANGED).astype(np.float32)
i = cv2.imread(image, cv2.IMREAD_UNCHANGED).astype(np.float32)
np.save(out, cv2.matchTemplate(i, t, cv2.TM_CCOEFF_NORMED).astype(np.float64))
