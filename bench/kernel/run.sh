#!/usr/bin/env bash
# Kernel latency beside Debian's ipykernel: start to kernel_info reply, and a trivial cell's round
# trip (median of 50 per round), interleaved over rounds. Needs Jupyter (install.sh installs it)
# and a built kernel jar (mvn -q -B package -DskipTests). Writes nothing outside a temp folder.
#
#   bench/kernel/run.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS="${1:-5}"
JAR="$(ls target/mp4j-*-kernel.jar | head -n 1)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
KERNELS=()
for JAVA_HOME_DIR in "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")" /usr/lib/jvm/temurin-25-jdk-amd64; do
  [ -x "$JAVA_HOME_DIR/bin/java" ] || continue
  NAME="mp4j-$(basename "$JAVA_HOME_DIR")"
  java -jar "$JAR" install --spec kernel --jar "$JAR" --kernels-dir "$TMP/kernels" \
    --name "$NAME" --java "$JAVA_HOME_DIR/bin/java" >/dev/null
  KERNELS+=("$NAME")
done
cd "$TMP"
JUPYTER_PATH="$TMP" JUPYTER_DATA_DIR="$TMP" \
  /usr/bin/python3 "$OLDPWD/bench/kernel/kernel_latency.py" --rounds "$ROUNDS" --cells 50 "${KERNELS[@]}" python3
