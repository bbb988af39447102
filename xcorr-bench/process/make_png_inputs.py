"""PNG twins of make_inputs.py's scenes, for the PNG rows of the whole-process bench: image{N}.png and
template{N}.png, 8-bit grey, each .npy scaled min..max to 0..255 and rounded. Run after make_inputs.py:
python3 make_png_inputs.py DIR (the folder make_inputs.py wrote)."""
import sys
import numpy as np
import cv2

d = sys.argv[1]
for n in (1024, 2048, 4096):
    for name in (f"image{n}", f"template{n}"):
        a = np.load(f"{d}/{name}.npy")
        u8 = np.round((a - a.min()) / (a.max() - a.min()) * 255).astype(np.uint8)
        if not cv2.imwrite(f"{d}/{name}.png", u8):
            sys.exit(f"cannot write {d}/{name}.png")
