#!/usr/bin/env python3
"""Call the xcorr library in-process from Python with NumPy arrays, through JPype (Debian: python3-jpype).

One JVM starts with the Python process; each call then costs only the computation and one copy of the array
each way (numpy <-> Java double[] through the buffer protocol). Use this for many calls on small or medium
arrays (tracking through a stack, a notebook); use the command line (xcorr_from_python.py) for a few large
jobs, when JPype is not installed, or to keep the JVM out of the Python process.

The classpath: $XCORR_CLASSPATH if set, else this repository's xcorr-cli/target/xcorr-cli-all.jar (build it
once with ./xcorr --version). Add "--add-modules jdk.incubator.vector" to JVM_OPTIONS below for the SIMD FFT in a
long-running process (see the README).

Run: python3 examples/python/xcorr_jpype.py   (prints what it found and exits 0 when every check passes)
"""
import os
import sys

import jpype
import jpype.imports  # noqa: F401  (lets "from org.xcorr... import ..." find Java classes)
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
CLASSPATH = os.environ.get("XCORR_CLASSPATH") or os.path.join(HERE, "..", "..", "xcorr-cli", "target",
                                                              "xcorr-cli-all.jar")
JVM_OPTIONS = []


def to_java(a):
    """A NumPy array as an xcorr NdArray (float64, C order; one copy)."""
    from org.xcorr.array import NdArray
    a = np.ascontiguousarray(a, dtype=np.float64)
    return NdArray.wrap(jpype.JArray(jpype.JDouble)(a.ravel()), jpype.JArray(jpype.JInt)(list(a.shape)))


def to_numpy(nd):
    """An xcorr NdArray (real) as a NumPy array (one copy)."""
    return np.array(nd.backingReal(), dtype=np.float64).reshape(tuple(nd.shape()))


def main():
    classpath = [CLASSPATH]
    # Debian's python3-jpype keeps JPype's own support jar in /usr/share/java, where JPype 1.4 does not look
    if os.path.exists("/usr/share/java/org.jpype.jar"):
        classpath.append("/usr/share/java/org.jpype.jar")
    jpype.startJVM(*JVM_OPTIONS, classpath=classpath, convertStrings=True)
    from org.xcorr.correlate import Mode
    from org.xcorr.ncc import Ncc, NccOptions
    from org.xcorr.register import PhaseCorrelation, RegistrationOptions
    from org.xcorr.track import Offsets, OffsetOptions

    rng = np.random.default_rng(17)
    image = rng.normal(size=(120, 160))
    template = image[40:72, 90:114]

    # ncc(template, image): MATLAB normxcorr2's argument order; 'valid' is OpenCV TM_CCOEFF_NORMED's layout
    ncc = to_numpy(Ncc.ncc(to_java(template), to_java(image), NccOptions.defaults().withMode(Mode.VALID)))
    peak = np.unravel_index(np.argmax(ncc), ncc.shape)
    print("ncc valid", ncc.shape, "peak", tuple(int(i) for i in peak))
    assert tuple(peak) == (40, 90) and abs(ncc[peak] - 1) < 1e-12

    found = Offsets.offset(to_java(template), to_java(image), OffsetOptions.defaults())
    print("offset", list(found.offset()), "fit", round(found.fit(), 6))
    assert list(found.offset()) == [40.0, 90.0]

    moving = np.roll(image, (3, -5), axis=(0, 1))
    r = PhaseCorrelation.register(to_java(image), to_java(moving), RegistrationOptions.defaults().withUpsampleFactor(10))
    print("register shift", list(r.shift()))
    assert list(r.shift()) == [-3.0, 5.0]

    # library errors arrive as Java exceptions with the same one-line message the CLI prints
    try:
        Ncc.ncc(to_java(image), to_java(template), NccOptions.defaults())
    except jpype.JException as e:
        print("error, as expected:", e.getMessage())
        assert "may be swapped" in str(e.getMessage())
    else:
        raise AssertionError("swapped arguments were accepted")
    print("ok")


if __name__ == "__main__":
    sys.exit(main())
