#!/usr/bin/env bash
# Fuzzes one reader with Jazzer's own command line for as long as you like (the build fuzzes all four together for
# 8 seconds; see ReaderFuzzTest). Usage, from anywhere:
#   xcorr-io/fuzz-readers.sh npy|png|png-crc|tiff|jpeg SECONDS
# The generated corpus grows in xcorr-io/target/fuzz-long/READER (kept between runs); a finding (an exception
# other than InputException, a message that is not one printable line, a read over 10 s, or the heap blown) is
# written to xcorr-io/target/fuzz-long/findings-READER/ and stops the run with a non-zero status. Replay one with
#   xcorr-io/fuzz-readers.sh READER 0 path/to/crash-file
# and add it to src/test/resources/org/xcorr/io/ReaderFuzzTestInputs/READER/ once fixed, as a regression seed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
reader="${1:?usage: fuzz-readers.sh npy|png|png-crc|tiff|jpeg SECONDS [crash-file]}"
seconds="${2:?usage: fuzz-readers.sh npy|png|png-crc|tiff|jpeg SECONDS [crash-file]}"
case "$reader" in
  npy) target=Npy ;; png) target=Png ;; png-crc) target=PngBehindCrc ;; tiff) target=Tiff ;; jpeg) target=Jpeg ;;
  *) echo "fuzz-readers.sh: reader must be npy, png, png-crc, tiff or jpeg, got '$reader'" >&2; exit 2 ;;
esac
# png-crc: PNG with every chunk's CRC made right before reading, so mutations get past the CRC check.
seeds="$reader"; [ "$reader" = png-crc ] && seeds=pngBehindCrc
cd "$here/.."
cp="$here/target/fuzz-classpath.txt"
mvn -B -q -ntp -pl xcorr-core,xcorr-io test-compile dependency:build-classpath \
  -Dmdep.outputFile="$cp" -Dmdep.includeScope=test
corpus="$here/target/fuzz-long/$reader"
findings="$here/target/fuzz-long/findings-$reader"
mkdir -p "$corpus" "$findings"
cd "$here"
inputs=("$corpus" "src/test/resources/org/xcorr/io/ReaderFuzzTestInputs/$seeds")
if [ $# -ge 3 ]; then inputs=("$3"); fi
# -timeout: libFuzzer's own per-input limit, above the harness's 10 s; -rss_limit_mb: above -Xmx, so a heap blow-up
# shows as an OutOfMemoryError (a finding) rather than a kill.
exec java -Xmx2g -cp "target/test-classes:target/classes:$(cat "$cp")" com.code_intelligence.jazzer.Jazzer \
  --target_class="org.xcorr.io.ReaderFuzzTest\$$target" --instrumentation_includes='org.xcorr.**' \
  -max_total_time="$seconds" -timeout=30 -rss_limit_mb=3500 -artifact_prefix="$findings/" "${inputs[@]}"
