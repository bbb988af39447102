# shellcheck shell=bash
# Sourced by ./xcorr: chooses the JVM and its start-up flags. Self-contained: defines choose_java_and_flags, which
# sets java_cmd (the java binary) and jvm_opts (an array of flags to put before -jar). Reads $jar and $here.
#
# Which java: $XCORR_JAVA (a java binary or a JDK folder), else $JAVA_HOME, else the newest JDK >= 17 under
# /usr/lib/jvm or /Library/Java/JavaVirtualMachines, else `java` on PATH. The jar is built for release 17, so any
# of them runs it; a newer JDK starts faster (and from 25 on, an AOT cache makes the first call faster still).
#
# Flags (measured, xcorr-bench/RESULTS.md "Whole process"): a one-shot run is mostly JVM start-up and JIT
# warm-up on two cores, so
#  - JDK 25+: an AOT cache (JEP 483/514/515: classes loaded and linked, method profiles) trained once by a
#    background run of a small batch on the demo data in examples/, stored beside the jar as
#    target/xcorr-cli-all.<size>-<mtime>.aot, so a rebuilt jar gets a new cache; written to a temporary name and
#    renamed, so a run never sees half a file; a failed training just leaves no cache (and no retry until the jar
#    changes). XCORR_AOT=0 turns it off.
#  - JDK 17..24: CDS (-XX:SharedArchiveFile with -XX:+AutoCreateSharedArchive needs 19+; on 17 the default CDS
#    archive of the JDK's own classes is what -Xshare:auto already uses).
#  - SerialGC: a one-shot run has one big live set and few collections; G1's start-up and barriers cost more.
#  - Linux with transparent huge pages in madvise mode: -XX:+UseTransparentHugePages (see _xcorr_thp_madvise).
# XCORR_JAVA_OPTS is appended last, so a user's flag wins.

# Written with the shell's own commands where it can: every program it starts (sed, wc, dirname...) costs 2 ms on
# a quiet machine and 10-20 ms on a loaded one, and a one-shot run started 20 of them (about 0.1 s of CPU and
# 0.2 s of wall time under load, measured with `set -x` timestamps); now it starts find and, for the AOT cache,
# stat and wc.

# The feature version of a JDK home (17, 21, 25...) from its release file, in $_xcorr_feature; empty if unknown.
_xcorr_jdk_feature() {
  local rel="$1/release" line v=""
  _xcorr_feature=""
  [ -f "$rel" ] || return 0
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in
      JAVA_VERSION=\"[0-9]*)
        v="${line#JAVA_VERSION=\"}"
        v="${v%%[!0-9]*}"
        break ;;
    esac
  done <"$rel" 2>/dev/null
  # JDK 8 says 1.8: feature 1, below 17, refused by the caller.
  _xcorr_feature="$v"
}

# The JDK home of a java binary (following symlinks one by one, no readlink -f: macOS has none before 12.3), in
# $_xcorr_home.
_xcorr_home_of_java() {
  local f="$1" link n=0 d
  while [ -L "$f" ] && [ "$n" -lt 20 ]; do
    link="$(readlink "$f")"
    case "$link" in /*) f="$link" ;; *) case "$f" in */*) f="${f%/*}/$link" ;; *) f="$link" ;; esac ;; esac
    n=$((n + 1))
  done
  case "$f" in
    /*/bin/java) _xcorr_home="${f%/bin/java}" ;;
    *)
      case "$f" in */*) d="${f%/*}" ;; *) d=. ;; esac
      _xcorr_home="$(cd "${d:-/}/.." 2>/dev/null && pwd)" ;;
  esac
}

# Total bytes of the arguments that name existing files (FILE or --option=FILE), in $_xcorr_bytes: a cheap proxy
# for the job size. One `wc -c` for all of them (its last line is the total when there are several).
_xcorr_input_bytes() {
  local a out last files=()
  _xcorr_bytes=0
  for a in "$@"; do
    case "$a" in --*=*) a="${a#*=}" ;; esac
    [ -f "$a" ] && files+=("$a")
  done
  [ "${#files[@]}" -gt 0 ] || return 0
  out="$(wc -c -- "${files[@]}" 2>/dev/null)" || true
  last="${out##*$'\n'}"
  last="${last#"${last%%[! ]*}"}"
  last="${last%% *}"
  case "$last" in ''|*[!0-9]*) return 0 ;; esac
  _xcorr_bytes="$last"
}

# Whether the job is small enough that C1 alone (-XX:TieredStopAtLevel=1) wins: C2 compiles on the same two cores
# the work runs on, and only pays back on long runs. Commands that repeat work in one JVM (batch, align,
# apply-shifts) always keep C2, as do inputs above XCORR_C1_MAX_BYTES (default 160 MiB: one 4096^2 float64 .npy
# and a template). Measured (RESULTS.md, "One-shot commands"): two 2048^2 float64 .npy are 64 MiB, and C1 wins
# there (register 2048^2: 1.34 s vs 1.46 s); ncc 4096^2/128^2 (128 MiB) went to C2 while the .npy reader and the
# summary ran value by value, and with those in bulk C1 wins there too: 6.31 s vs 9.10 s wall, 2.22 s vs 3.21 s
# of CPU (5 paired rounds, load 10-14; C2's compiler threads take CPU the two cores do not have). Above 160 MiB
# (register 4096^2, 8192^2 images) is not measured, and longer runs are where C2 pays back: they keep it.
_xcorr_small_job() {
  local a cmd=""
  for a in "$@"; do
    case "$a" in -*) ;; *) cmd="$a"; break ;; esac
  done
  case "$cmd" in batch|align|apply-shifts) return 1 ;; esac
  _xcorr_input_bytes "$@"
  [ "$_xcorr_bytes" -le "${XCORR_C1_MAX_BYTES:-167772160}" ]
}

# Whether the kernel backs memory with transparent huge pages only where a program asks (madvise mode, the
# default of many distributions), so that -XX:+UseTransparentHugePages changes something. Measured on the 2-core
# VM (xcorr-bench/RESULTS.md, "One-shot commands"): a one-shot run first touches a few hundred MiB (a 4096^2
# float64 input is 128 MiB, its map another 126 MiB), and each 4 KiB page fault costs 10-40 us there, so
# reading a 4096^2 .npy took 0.7-1.4 s without huge pages and 0.08-0.24 s with them. Whole ncc runs, paired, at
# load 10-13 (user+sys CPU): JDK 25 1024^2 1.35 -> 1.10 s, 2048^2 2.07 -> 1.67 s, 4096^2 4.42 -> 3.70 s; JDK 17
# 1.20 -> 1.05, 1.78 -> 1.34, 4.24 -> 3.66 s; on a quiet machine (the lead's runs) 4096^2 2.38 -> 1.59-1.89 s wall.
# The flag exists only in Linux builds of HotSpot (a JVM on macOS refuses an unknown -XX flag and would not
# start), and in "never" mode the JVM prints a warning, so it is given only on Linux in madvise mode; in
# "always" mode the kernel already uses huge pages. Read with the shell's own `read` (no fork).
# _xcorr_thp_file: the kernel's setting; a variable so that tests can point it at a file of their own.
_xcorr_thp_madvise() {
  local mode=""
  case "${OSTYPE:-}" in linux*) ;; *) return 1 ;; esac
  [ -r "${_xcorr_thp_file:-/sys/kernel/mm/transparent_hugepage/enabled}" ] || return 1
  read -r mode <"${_xcorr_thp_file:-/sys/kernel/mm/transparent_hugepage/enabled}" 2>/dev/null || true
  case "$mode" in *"[madvise]"*) return 0 ;; *) return 1 ;; esac
}

# Whether the run gets the FFT's Vector API kernels (--add-modules jdk.incubator.vector, an incubator module in
# JDK 17..25 that must be named at start-up; results are bit-identical to the scalar kernels'). They are faster
# once C2 has compiled them (register 2048^2: 75 vs 107 ms a call in a warm JVM) but slower to get there: until
# then vector code runs interpreted, about 1 s of CPU more per run on this 2-core VM (and on JDK 25 the AOT cache,
# trained without the module, cannot be used: 0.15 s of it). So they pay only on long jobs: align and
# apply-shifts with at least XCORR_SIMD_MIN_BYTES of input files (default 1 GiB). Measured with whole processes,
# paired, user+sys CPU scalar/Vector API (xcorr-bench/RESULTS.md, "Issue 16: which kernels ./xcorr runs";
# `Suite --only kernels`), float32 stacks: align 2048^2 x 20 frames (336 MB) 0.93, x 50 (840 MB) 1.02, x 64
# (1 GiB) 1.15; 1024^2 x 50 1.01, x 100 1.06; 512^2 x 50 0.63, x 200 1.07; below 20 frames 0.44-0.65 at every
# size. The break-even is 50-200 frames, 0.2-0.8 GB; 1 GiB keeps the rule on the side where it wins (float64
# 2048^2 stacks switch at 32 frames, near the break-even). Not for the others: track STACK --points (2048^2 x 20:
# 0.81; its NCC patches are small), batch (register 2048^2 x 50 rows 1.09 but 1024^2 x 50 0.83, and the manifest's
# size says nothing of its images') or any one-shot command (always slower: the first call pays the warm-up).
# XCORR_SIMD=1 forces them on and XCORR_SIMD=0 off, for any command.
_xcorr_simd_job() {
  local a cmd=""
  case "${XCORR_SIMD:-}" in 1) return 0 ;; 0) return 1 ;; esac
  for a in "$@"; do
    case "$a" in -*) ;; *) cmd="$a"; break ;; esac
  done
  case "$cmd" in align|apply-shifts) ;; *) return 1 ;; esac
  # the inputs only: an output left by an earlier run (--aligned OUT.npy, as large as the stack) is no work
  local inputs=() skip=0
  for a in "$@"; do
    if [ "$skip" = 1 ]; then skip=0; continue; fi
    case "$a" in
      -o|--output|--aligned|--plot) skip=1 ;;
      -o=*|--output=*|--aligned=*|--plot=*) ;;
      *) inputs+=("$a") ;;
    esac
  done
  _xcorr_input_bytes "${inputs[@]}"
  [ "$_xcorr_bytes" -ge "${XCORR_SIMD_MIN_BYTES:-1073741824}" ]
}

# Sets java_cmd, jvm_opts and xcorr_simd (1: the Vector API module is on, see _xcorr_simd_job) for a run of the
# CLI with arguments "$@".
choose_java_and_flags() {
  local home="" feature="" d f best="" best_feature=0
  java_cmd=""
  jvm_opts=()
  xcorr_simd=0
  if [ -n "${XCORR_JAVA:-}" ]; then
    if [ -d "$XCORR_JAVA" ]; then java_cmd="$XCORR_JAVA/bin/java"; else java_cmd="$XCORR_JAVA"; fi
  elif [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    java_cmd="$JAVA_HOME/bin/java"
  else
    for d in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
      [ -x "$d/bin/java" ] && [ ! -L "$d" ] || continue
      _xcorr_jdk_feature "$d"
      f="$_xcorr_feature"
      case "$f" in ''|*[!0-9]*) continue ;; esac
      if [ "$f" -ge 17 ] && [ "$f" -gt "$best_feature" ]; then best="$d"; best_feature="$f"; fi
    done
    if [ -n "$best" ]; then java_cmd="$best/bin/java"; else java_cmd="java"; fi
  fi
  if [ "$java_cmd" = java ]; then
    f="$(command -v java 2>/dev/null || true)"
    [ -n "$f" ] && _xcorr_home_of_java "$f" && home="$_xcorr_home"
  else
    _xcorr_home_of_java "$java_cmd"
    home="$_xcorr_home"
  fi
  if [ -n "$home" ]; then _xcorr_jdk_feature "$home"; feature="$_xcorr_feature"; fi
  case "$feature" in ''|*[!0-9]*) feature=0 ;; esac

  # The JVM's unified logging writes its warnings to stdout by default, where they would corrupt the JSON a
  # command prints: send them to stderr (the -XX warnings already go there).
  jvm_opts+=(-Xlog:disable -Xlog:all=warning:stderr)
  jvm_opts+=(-XX:+UseSerialGC)
  if _xcorr_thp_madvise; then jvm_opts+=(-XX:+UseTransparentHugePages); fi
  # The Vector API and C1 alone never meet: C1 does not compile vector code to SIMD instructions, and it runs many
  # times slower (a forced XCORR_SIMD=1 used to get C1 on every small job).
  if _xcorr_simd_job "$@"; then
    xcorr_simd=1
    jvm_opts+=(--add-modules jdk.incubator.vector)
  elif _xcorr_small_job "$@"; then
    jvm_opts+=(-XX:TieredStopAtLevel=1)
  fi
  if [ "$feature" -ge 25 ] && [ "${XCORR_AOT:-1}" != 0 ]; then
    _xcorr_aot_flags
  fi
}

# Adds -XX:AOTCache=... when the cache for this jar exists; otherwise starts its training in the background
# (once: a lock folder keeps concurrent first runs from training twice) and runs this time without it.
_xcorr_aot_flags() {
  local dir key cache lock
  dir="${jar%/*}"
  # size-mtime: GNU stat, else BSD (macOS) stat
  key="$(stat -c %s-%Y "$jar" 2>/dev/null || stat -f %z-%m "$jar" 2>/dev/null)" || return 0
  case "$key" in [0-9]*-[0-9]*) ;; *) return 0 ;; esac
  cache="$dir/xcorr-cli-all.$key.aot"
  if [ -s "$cache" ]; then
    # A cache the JVM cannot use (another path to the jar, a changed JDK, stubs of another build) is skipped;
    # silence its complaints, every aot and cds tag set (a plain aot=off left "[aot,codecache,stubs] Saved blob's
    # name ... is different" on stdout, before the JSON), so that both streams stay the program's own.
    jvm_opts+=("-XX:AOTCache=$cache" -Xlog:aot*=off,cds*=off:stderr)
    return 0
  fi
  lock="$dir/xcorr-cli-all.$key.aot.training"
  # mkdir is atomic: the one run that creates the folder trains; the others (and later runs, if training
  # failed) go on without a cache.
  mkdir "$lock" 2>/dev/null || return 0
  ( _xcorr_aot_train "$cache" "$lock" </dev/null >/dev/null 2>&1 & ) || true
}

# The training run: a batch over the demo data (PNG read, .npy written and read, ncc full and valid, register,
# offset, correlate), recorded with -XX:AOTCacheOutput, then renamed into place. Runs detached, at low priority.
_xcorr_aot_train() {
  local cache="$1" work="$2" ex="$here/examples" tmp
  [ -f "$ex/scene.png" ] || return 0
  rm -f "${cache%/*}"/xcorr-cli-all.*.aot 2>/dev/null   # caches of older jars
  tmp="$work/cache.aot"
  cat >"$work/train.csv" <<CSV
id,op,in,by,output,template,image,mode,reference,moving,upsample,a,b
1,shift,$ex/scene.png,"0,0",$work/scene.npy,,,,,,,,
2,shift,$ex/template.png,"0,0",$work/template.npy,,,,,,,,
3,ncc,,,$work/n1.npy,$work/template.npy,$work/scene.npy,valid,,,,,
4,ncc,,,$work/n2.npy,$work/template.npy,$work/scene.npy,,,,,,
5,ncc,,,$work/n3.npy,$ex/template.png,$ex/scene.png,same,,,,,
6,register,,,,,,,$ex/frame1.png,$ex/frame2.png,,,
7,register,,,,,,,$work/scene.npy,$work/scene.npy,20,,
8,offset,,,,$work/template.npy,$work/scene.npy,,,,,,
9,correlate,,,$work/c.npy,,,,,,,$work/scene.npy,$work/template.npy
CSV
  # Trained with C2 on, so the cache also holds method profiles for the runs that keep C2.
  if nice -n 10 "$java_cmd" -XX:+UseSerialGC "-XX:AOTCacheOutput=$tmp" \
      -jar "$jar" batch --jobs 1 -o "$work/train.jsonl" "$work/train.csv" && [ -s "$tmp" ]; then
    mv -f "$tmp" "$cache"
  fi
  # Keep the (emptied) lock folder when training failed, so it is not retried on every run for this jar.
  rm -f "$work"/*.npy "$work"/train.* "$tmp" 2>/dev/null
  [ -s "$cache" ] && rmdir "$work" 2>/dev/null
  return 0
}
