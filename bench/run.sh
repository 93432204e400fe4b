#!/usr/bin/env bash
# Runs mp4j's benchmarks and Python's anchors interleaved in the same run, collects their JSON lines
# into target/bench/, and prints the ratio table (bench/table.py).
#
# Usage: bench/run.sh [process|pipe|lock|probe|pool|manager|value|cluster|all] ...   (default: all =
#        process pipe lock; "probe" runs the diagnostic prototypes PipeProbe, CodecProbe, StartupProbe)
# Environment:
#   MP4J_BENCH_ROUNDS  interleaved rounds per group (default 2; odd rounds run mp4j first, even
#                      rounds Python first)
#   MP4J_ANCHORS       folder of Python's anchor scripts (default: ../shared/anchors/python
#                      relative to the repository)
#   PYTHON             the Python to run (default python3)
#   MP4J_BENCH_TASKSET e.g. "0" to pin every process of the run to CPU 0 (taskset -c), a diagnostic
#   MP4J_BENCH_JAVA    the java executable(s) that run mp4j's side, separated by spaces (default: java
#                      on PATH), e.g. "java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java": in each round
#                      every JDK runs, in turn, beside Python's anchor (odd rounds in the given order
#                      then Python, even rounds Python then the reverse order), and the table has
#                      one row per figure and JDK
# Every program is bounded by timeout; nothing is left running.
# Adding a benchmark (Pool, Manager, ...): a main class in bench/src/io/github/mp4j/bench/ that prints
# one JSON object per figure through Emit (same "bench" names as the Python anchor, "impl":"mp4j",
# a "variant" field where there are several); a "// requires: io.github.mp4j.Xyz" first line keeps it
# out of builds that lack Xyz; its group in the case statement below; its rows (targets) in table.py.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
out="$repo/target/bench"
classes="$repo/target/bench-classes"
anchors=${MP4J_ANCHORS:-"$repo/../shared/anchors/python"}
py=${PYTHON:-python3}
rounds=${MP4J_BENCH_ROUNDS:-2}
java_timeout=${MP4J_BENCH_JAVA_TIMEOUT:-600}
py_timeout=${MP4J_BENCH_PY_TIMEOUT:-130}
read -r -a javas <<<"${MP4J_BENCH_JAVA:-java}"
pin=()
if [ -n "${MP4J_BENCH_TASKSET:-}" ]; then
  pin=(taskset -c "$MP4J_BENCH_TASKSET")
fi

groups=("$@")
[ ${#groups[@]} -gt 0 ] || groups=(all)
if [ "${groups[0]}" = all ]; then
  groups=(process pipe lock)
fi

# ---------------------------------------------------------------- build
cd "$repo"
library_jar() { ls "$repo"/target/mp4j-*.jar 2>/dev/null | grep -v -E -- '-(kernel|sources|javadoc|bench)\.jar$' | head -n 1 || true; }
jar_now=$(library_jar)
if [ -z "$jar_now" ] || [ -n "$(find src/main pom.xml -newer "$jar_now" -type f -print -quit)" ]; then
  echo "[run.sh] building the project (mvn package -DskipTests)" >&2
  timeout 600 mvn -q -B -Dstyle.color=never package -DskipTests >&2
fi
if [ ! -s target/runtime-cp.txt ] || [ pom.xml -nt target/runtime-cp.txt ]; then
  timeout 300 mvn -q -B -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=runtime \
    -Dmdep.outputFile=target/runtime-cp.txt >&2
fi
# runtime dependencies only (test jars would only lengthen every child JVM's class path)
deps=$(tr ':' '\n' < target/runtime-cp.txt | grep -v -E '/(junit|opentest4j|apiguardian)' | paste -sd: -)
# Children get this class path; the JVM archives class data (CDS) only from jars, so the
# benchmarks run from jars as an installed mp4j would.
lib_jar=$(library_jar)
bench_jar="$repo/target/mp4j-bench.jar"
cp="$lib_jar:$deps"

# Compile the benchmark sources. A source whose header says "// requires: some.Class" is compiled only
# when that class exists in target/classes (e.g. the Lock benchmark before Lock is merged). Only when
# they or the library changed: an unchanged jar keeps the children's class-data archive valid.
mkdir -p "$out"
if [ ! -s "$bench_jar" ] || [ ! -d "$classes" ] \
   || [ -n "$(find "$here/src" "$lib_jar" target/runtime-cp.txt -newer "$bench_jar" -type f -print -quit)" ]; then
  rm -rf "$classes"
  mkdir -p "$classes"
  sources=()
  for f in "$here"/src/io/github/mp4j/bench/*.java; do
    need=$(sed -n 's#^// requires: *\([A-Za-z0-9_.]*\).*#\1#p' "$f" | head -n 1)
    if [ -n "$need" ] && [ ! -f "$repo/target/classes/${need//.//}.class" ]; then
      echo "[run.sh] skipping $(basename "$f"): $need is not in this build" >&2
      continue
    fi
    sources+=("$f")
  done
  timeout 300 javac --release 17 -Xlint:all,-serial -d "$classes" -cp "$cp" "${sources[@]}" >&2
  jar cf "$bench_jar" -C "$classes" .
fi
cp="$bench_jar:$cp"
# The children's class-data archive (an AOT cache on Java 25) is built once per class path and JDK;
# build it before anything is timed.
for j in "${javas[@]}"; do
  timeout 120 "$j" -cp "$cp" io.github.mp4j.bench.Prime >&2 || echo "[run.sh] priming the class-data archive with $j failed" >&2
done

# JVM options of the group being run: the cluster group's JVM joins an Ignite cluster, which needs
# Ignite's --add-opens list (the file surefire's argLine also reads)
jvm_opts=()

have_java() { [ -f "$classes/io/github/mp4j/bench/$1.class" ]; }

# ---------------------------------------------------------------- runners
# bounded SECONDS OUTFILE command...: runs the command under timeout, stdout appended to OUTFILE.
# timeout makes its own process group; whatever is left in that group afterwards (e.g. a forked
# Python child orphaned when an anchor's watchdog exits) is killed, so nothing outlives the run.
bounded() {
  local secs=$1 file=$2
  shift 2
  local rc=0 pid
  timeout -k 10 "$secs" "$@" >>"$file" &
  pid=$!
  wait "$pid" || rc=$?
  kill -KILL -- "-$pid" 2>/dev/null || true
  return "$rc"
}

run_java() { # group round java main-class [args...]
  local group=$1 round=$2 java=$3 main=$4
  shift 4
  local file="$out/$group.r$round.mp4j.jsonl"
  if ! have_java "$main"; then
    echo "[run.sh] no mp4j benchmark $main in this build" >&2
    return 0
  fi
  echo "[run.sh] round $round: mp4j $main $* on $java" >&2
  local rc=0
  bounded "$java_timeout" "$file" "${pin[@]}" "$java" -Xss1m "${jvm_opts[@]}" -cp "$cp" "io.github.mp4j.bench.$main" "$@" || rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "{\"bench\":\"$main\",\"impl\":\"mp4j\",\"error\":\"exit $rc on $java\"}" >>"$file"
    echo "[run.sh] $main exited with $rc" >&2
  fi
}

run_py() { # group round script-path
  local group=$1 round=$2 script=$3
  local file="$out/$group.r$round.python.jsonl"
  if [ ! -f "$script" ]; then
    echo "[run.sh] missing anchor $script (set MP4J_ANCHORS)" >&2
    return 0
  fi
  echo "[run.sh] round $round: python $(basename "$script")" >&2
  local rc=0
  bounded "$py_timeout" "$file" "${pin[@]}" "$py" "$script" || rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "{\"bench\":\"$(basename "$script")\",\"impl\":\"python-mp\",\"error\":\"exit $rc\"}" >>"$file"
    echo "[run.sh] $(basename "$script") exited with $rc" >&2
  fi
}

run_group() { # group: its mp4j main classes (comma-separated) and Python anchor scripts, interleaved
  local group=$1 mains=$2
  shift 2
  local scripts=("$@")
  rm -f "$out/$group".r*.jsonl
  local r s m j k
  for ((r = 1; r <= rounds; r++)); do
    if ((r % 2 == 1)); then
      for j in "${javas[@]}"; do
        for m in ${mains//,/ }; do run_java "$group" "$r" "$j" "$m"; done
      done
      for s in "${scripts[@]}"; do run_py "$group" "$r" "$s"; done
    else
      for s in "${scripts[@]}"; do run_py "$group" "$r" "$s"; done
      for ((k = ${#javas[@]} - 1; k >= 0; k--)); do
        for m in ${mains//,/ }; do run_java "$group" "$r" "${javas[k]}" "$m"; done
      done
    fi
  done
}

for g in "${groups[@]}"; do
  case "$g" in
    process) run_group process ProcessStart "$anchors/process_start.py" ;;
    pipe)    run_group pipe PipeThroughput "$anchors/pipe_throughput.py" ;;
    lock)    run_group lock LockBench "$here/anchors/lock_uncontended.py" ;;
    probe)   run_group probe PipeProbe,CodecProbe,StartupProbe ;;
    pool)    run_group pool PoolBench "$anchors/pool_throughput.py" "$anchors/process_start.py" \
               "$here/anchors/pool_worker_rss.py" ;;
    manager) run_group manager ManagerBench "$anchors/manager_ops.py" ;;
    value)   # twelve runs of 100 Python processes (three start methods) outgrow 130 s on a loaded machine
             saved_py_timeout=$py_timeout
             py_timeout=${MP4J_BENCH_PY_TIMEOUT:-450}
             run_group value ValueBench "$here/anchors/value_counter.py"
             py_timeout=$saved_py_timeout ;;
    cluster) jvm_opts=("@$repo/src/main/resources/io/github/mp4j/cluster/jvm-options")
             run_group cluster ClusterBench,ClusterManagerBench
             jvm_opts=() ;;
    *) echo "usage: $0 [process|pipe|lock|probe|pool|manager|value|cluster|all] ..." >&2; exit 2 ;;
  esac
done

"$py" "$here/table.py" "$out" "${groups[@]}"
