#!/usr/bin/env bash
# Whole-jar check of the Fiji/ImageJ plugin: the built xcorr_imagej-*.jar is dropped into a fresh plugins
# folder, ImageJ 1 (the ij.jar Maven resolved for the build) starts on a virtual display (its -batch macro mode
# still builds the AWT menus, which is where plugins.config entries are installed), and a macro runs the
# commands by their menu names and prints results that are checked here. Run after `mvn verify`. A missing
# command makes ImageJ wait on an error dialog, hence the timeout.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=$(ls xcorr-imagej/target/xcorr_imagej-*.jar 2>/dev/null | head -n 1 || true)
[ -n "$jar" ] || { echo "imagej-smoke: no xcorr-imagej/target/xcorr_imagej-*.jar; run mvn verify first" >&2; exit 1; }
ij_version=$(grep -A1 '<artifactId>ij</artifactId>' xcorr-imagej/pom.xml | sed -n 's:.*<version>\(.*\)</version>.*:\1:p')
ij_jar="${MAVEN_REPO:-$HOME/.m2/repository}/net/imagej/ij/$ij_version/ij-$ij_version.jar"
[ -f "$ij_jar" ] || { echo "imagej-smoke: $ij_jar not found (ij version '$ij_version')" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "imagej-smoke: xvfb-run is missing (apt-get install -y xvfb)" >&2; exit 1; }

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/plugins"
cp "$jar" "$dir/plugins/"
cat > "$dir/smoke.ijm" <<'IJM'
setBatchMode(true);
random("seed", 7); // seeds Add Specified Noise too: the same images every run
// a textured scene and a chip cut from it at (40, 30)
newImage("scene", "32-bit black", 128, 96, 1);
run("Add Specified Noise...", "standard=100");
run("Gaussian Blur...", "sigma=2");
makeRectangle(40, 30, 24, 20);
run("Duplicate...", "title=chip");
selectImage("scene");
run("Select None");
run("Find Template", "template=chip subpixel=none");
print("FIND x=" + getResult("x", 0) + " y=" + getResult("y", 0) + " fit=" + d2s(getResult("fit", 0), 6));
// a drifting stack: frame t is the window of a finer scene at (10 - 2t, 10 - t): its content moves by (2t, t)
newImage("fine", "32-bit black", 128, 96, 1);
run("Add Specified Noise...", "standard=100");
run("Gaussian Blur...", "sigma=1");
for (t = 0; t < 5; t++) {
    selectImage("fine");
    makeRectangle(10 - 2 * t, 10 - t, 96, 80);
    run("Duplicate...", "title=frame" + t);
}
run("Images to Stack", "name=drift title=frame use");
run("Align Stack", "reference=first upsample=100 aligned plot");
print("ALIGN frames=" + nResults + " dy=" + d2s(getResult("dy", 4), 3) + " dx=" + d2s(getResult("dx", 4), 3)
    + " status=" + getResultString("status", 4) + " image=" + getTitle() + " slices=" + nSlices);
selectImage("drift");
setSlice(1);
makeSelection("point", newArray(40, 60), newArray(30, 50));
run("Track Points", "frames=all template_radius=8 search_radius=16 subpixel=none");
print("TRACK rows=" + nResults + " x=" + getResult("x", 8) + " y=" + getResult("y", 8) + " x=" + getResult("x", 9)
    + " y=" + getResult("y", 9) + " status=" + getResultString("status", 9));
IJM

out=$(timeout 120 xvfb-run -a java -Djava.awt.headless=false -Dplugins.dir="$dir" -cp "$ij_jar" ij.ImageJ \
    -batch "$dir/smoke.ijm" 2>&1) || { echo "$out" >&2; echo "imagej-smoke: ImageJ failed" >&2; exit 1; }
echo "$out"

fail() { echo "imagej-smoke: FAILED: $*" >&2; exit 1; }
find=$(grep '^FIND ' <<<"$out") || fail "no Find Template result (is the plugin installed? output above)"
[[ $find =~ x=40\ y=30\ fit=(0\.99999[0-9]|1\.000000) ]] || fail "Find Template: expected x=40 y=30 fit~1, got: $find"
align=$(grep '^ALIGN ' <<<"$out") || fail "no Align Stack result"
[[ $align =~ frames=5\ dy=-?(3\.9[5-9][0-9]|4\.0[0-4][0-9])\ dx=-?(7\.9[5-9][0-9]|8\.0[0-4][0-9])\ status=ok\ image=drift\ aligned\ slices=5 ]] \
    && [[ $align == *"dy=-"* && $align == *"dx=-"* ]] \
    || fail "Align Stack: expected dy~-4 dx~-8 on frame 5 and a 5-slice aligned stack, got: $align"
track=$(grep '^TRACK ' <<<"$out") || fail "no Track Points result"
[[ $track == "TRACK rows=10 x=48 y=34 x=68 y=54 status=ok" ]] \
    || fail "Track Points: expected (48, 34) and (68, 54) on frame 5, got: $track"
echo "imagej-smoke: OK ($(basename "$jar") on ImageJ $ij_version)"
