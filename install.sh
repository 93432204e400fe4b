#!/usr/bin/env bash
# Builds the mp4j kernel jar, installs the "mp4j" Jupyter kernelspec for the current user, then
# executes every notebook in notebooks/ with it and exports HTML to target/notebooks/.
#
#   ./install.sh [--java /path/to/bin/java] [--name mp4j] [--no-notebooks]
#
# Without --java the kernel runs on the newest installed JDK 17 or later (it says which).
# Installs Jupyter from Debian's packages first when it is missing and we are root; otherwise says
# exactly what to install. Safe to run again: the kernelspec of the same name is replaced.
set -euo pipefail

cd "$(dirname "$0")"
JAVA_BIN=""
NAME="mp4j"
NOTEBOOKS=1
while [ $# -gt 0 ]; do
  case "$1" in
    --java) JAVA_BIN="$2"; shift 2 ;;
    --name) NAME="$2"; shift 2 ;;
    --no-notebooks) NOTEBOOKS=0; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

JUPYTER_DEBIAN_PACKAGES="jupyter-notebook jupyter-nbconvert python3-nbconvert jupyter-client python3-nbclient python3-jupyter-kernel-test jupyter-console"

# 1. Jupyter (Debian's packages: the Python package index may not be reachable).
if ! command -v jupyter >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "install.sh: Jupyter is missing; installing Debian's packages"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q $JUPYTER_DEBIAN_PACKAGES
  else
    echo "install.sh: Jupyter is missing. Install it (as root) with:" >&2
    echo "  apt-get install -y $JUPYTER_DEBIAN_PACKAGES" >&2
    echo "then run ./install.sh again." >&2
    exit 1
  fi
fi

# 2. The kernel jar.
mvn -q -B package -DskipTests
JAR="$(ls target/mp4j-*-kernel.jar | head -n 1)"

# 3. The kernelspec, with absolute paths, in the user's Jupyter data folder. Without --java, the
#    kernel runs on the newest JDK (17 or later, with JShell) found in /usr/lib/jvm, $JAVA_HOME or
#    on PATH: the newer the JDK, the faster its child JVMs start (Java 25: from an AOT cache).
jdk_feature() { # JAVA: the feature version of the JDK that JAVA belongs to, or nothing
  local home release
  home="$(dirname "$(dirname "$(readlink -f "$1")")")"
  release="$home/release"
  [ -x "$home/bin/jshell" ] && [ -f "$release" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
}
if [ -z "$JAVA_BIN" ]; then
  best=""
  best_feature=0
  for candidate in /usr/lib/jvm/*/bin/java ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java || true)"; do
    [ -x "$candidate" ] || continue
    feature="$(jdk_feature "$candidate")"
    if [ -n "$feature" ] && [ "$feature" -ge 17 ] && [ "$feature" -gt "$best_feature" ]; then
      best="$candidate"
      best_feature="$feature"
    fi
  done
  if [ -z "$best" ]; then
    echo "install.sh: no JDK 17 or newer with jshell found; pass --java /path/to/bin/java" >&2
    exit 1
  fi
  JAVA_BIN="$best"
  echo "install.sh: the kernel runs on Java $best_feature ($(readlink -f "$JAVA_BIN")); --java chooses another"
fi
JAVA_BIN="$(readlink -f "$JAVA_BIN")"
DATA_DIR="$(jupyter --data-dir)"
"$JAVA_BIN" -jar "$JAR" install --spec kernel --jar "$JAR" --kernels-dir "$DATA_DIR/kernels" \
  --name "$NAME" --java "$JAVA_BIN"
jupyter kernelspec list | grep -E "^\s*$NAME\s" || {
  echo "install.sh: jupyter kernelspec list does not show $NAME" >&2
  exit 1
}

# 4. The notebooks, executed headlessly with the new kernel; HTML in target/notebooks/.
if [ "$NOTEBOOKS" = 1 ]; then
  notebooks/run.sh --kernel "$NAME" --out target/notebooks
fi
echo "install.sh: done. Try: jupyter console --kernel $NAME"
