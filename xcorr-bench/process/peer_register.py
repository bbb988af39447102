"""Peer for the whole-process bench: what a Python user would write for `xcorr register REF MOV`.
Reads both .npy, runs scikit-image phase_cross_correlation (defaults: upsample 1) and prints the shift."""
import sys
import json
import numpy as np
from skimage.registration import phase_cross_correlation

ref, mov = sys.argv[1:3]
shift, error, phasediff = phase_cross_correlation(np.load(ref), np.load(mov))
print(json.dumps({"shift": [float(s) for s in shift], "error": float(error), "phasediff": float(phasediff)}))
