#!/usr/bin/env bash
# Builds the mp4j kernel jar, installs the "mp4j" Jupyter kernelspec for the current user, then
# executes every notebook in notebooks/ with it and exports HTML to target/notebooks/.
#
#   ./install.sh [--java /path/to/bin/java] [--name mp4j] [--no-notebooks]
#
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
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
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

# 3. The kernelspec, with absolute paths, in the user's Jupyter data folder.
if [ -z "$JAVA_BIN" ]; then
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    JAVA_BIN="$JAVA_HOME/bin/java"
  else
    JAVA_BIN="$(command -v java)"
  fi
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
