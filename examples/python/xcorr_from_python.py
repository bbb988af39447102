#!/usr/bin/env python3
"""Call xcorr from Python through .npy files and the command line.

The pattern: save NumPy arrays with np.save, run `xcorr COMMAND ... -o out.npy` with subprocess, read the one
JSON object it prints on stdout (json.loads), and load the output array with np.load. Nothing to install on the
Python side but NumPy; the JVM starts once per call (about 0.3-0.5 s), so batch many images per call where a
command allows it, or use the in-process example (xcorr_jpype.py) for many small calls.

Which xcorr runs: $XCORR if set (a command line, e.g. "java -jar /opt/xcorr/xcorr-cli-all.jar"), else the
./xcorr launcher of this repository.

Run: python3 examples/python/xcorr_from_python.py   (prints what it found and exits 0 when every check passes)
"""
import json
import os
import shlex
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
XCORR = shlex.split(os.environ.get("XCORR", "")) or [os.path.join(HERE, "..", "..", "xcorr")]


def xcorr(*args):
    """Runs xcorr with args; returns its JSON result, or raises with xcorr's one-line error."""
    p = subprocess.run(XCORR + [str(a) for a in args], capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"xcorr {args[0]} failed (exit {p.returncode}): {p.stderr.strip()}")
    return json.loads(p.stdout)


def main():
    rng = np.random.default_rng(17)
    image = rng.normal(size=(120, 160))
    template = image[40:72, 90:114].copy()          # cut at row 40, column 90: NumPy's (y, x) order

    with tempfile.TemporaryDirectory() as tmp:
        img, tpl = os.path.join(tmp, "image.npy"), os.path.join(tmp, "template.npy")
        np.save(img, image)
        np.save(tpl, template)

        # 1. Where is the template? offset prints one JSON object; positions are [y, x] like NumPy indices.
        found = xcorr("offset", tpl, img)
        print("offset:", found["offset"], "fit:", round(found["fit"], 6))
        assert found["offset"] == [40, 90], found

        # 2. The whole NCC map (MATLAB normxcorr2 'full' layout): a float64 .npy, plus a summary on stdout.
        out = os.path.join(tmp, "ncc.npy")
        summary = xcorr("ncc", tpl, img, "--mode", "valid", "-o", out)
        ncc = np.load(out)
        peak = np.unravel_index(np.argmax(ncc), ncc.shape)
        print("ncc valid map", ncc.shape, "peak", tuple(int(i) for i in peak), "value", summary["value"])
        assert ncc.shape == (120 - 32 + 1, 160 - 24 + 1) and tuple(peak) == (40, 90)
        assert list(peak) == summary["peak"] and abs(ncc[peak] - 1) < 1e-12

        # 3. Registration: the shift that aligns moving with reference, in scipy.ndimage.shift's sign.
        moving = np.roll(image, (3, -5), axis=(0, 1))   # content moved by +3 rows, -5 columns
        mov = os.path.join(tmp, "moving.npy")
        np.save(mov, moving)
        reg = xcorr("register", img, mov, "--upsample", "10")
        print("register shift:", reg["shift"])
        assert reg["shift"] == [-3.0, 5.0], reg

        # 4. A bad input is one line on stderr and exit status 2, never a traceback to parse.
        try:
            xcorr("ncc", img, tpl, "-o", out)          # swapped: the template must fit inside the image
        except RuntimeError as e:
            print("error, as expected:", e)
            assert "may be swapped" in str(e)
        else:
            raise AssertionError("swapped arguments were accepted")
    print("ok")


if __name__ == "__main__":
    sys.exit(main())
