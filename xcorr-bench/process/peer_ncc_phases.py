"""peer_ncc.py / peer_ncc_png.py (by the template's extension) with a 'MARK name epoch-ns' line on stderr after
each step, for phases.py: interpreter start, numpy import, cv2 import, each read, the float32 casts,
matchTemplate, the float64 cast, the write."""
import time, sys
def mark(n): sys.stderr.write(f"MARK {n} {time.time_ns()}\n")
mark("main")
import numpy as np
mark("import_numpy")
import cv2
mark("import_cv2")
template, image, out = sys.argv[1:4]
png = template.endswith('.png')
if png:
    t = cv2.imread(template, cv2.IMREAD_UNCHANGED); mark("readT")
    i = cv2.imread(image, cv2.IMREAD_UNCHANGED); mark("read")
else:
    t = np.load(template); mark("readT")
    i = np.load(image); mark("read")
t = t.astype(np.float32); i = i.astype(np.float32); mark("to_f32")
r = cv2.matchTemplate(i, t, cv2.TM_CCOEFF_NORMED); mark("match")
r = r.astype(np.float64); mark("to_f64")
np.save(out, r); mark("write")
