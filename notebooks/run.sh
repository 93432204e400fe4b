#!/usr/bin/env bash
# Executes notebooks headlessly with an installed mp4j kernel and exports each to HTML, with its
# outputs, into one folder. The last step of ./install.sh (the main job); run it alone after
# changing a notebook.
#
#   notebooks/run.sh [--kernel mp4j] [--out target/notebooks] [notebook.ipynb ...]
#
# Without notebook arguments it runs every notebooks/*.ipynb. The notebooks in the repository stay
# without outputs: nbconvert writes only the HTML. A cell that raises fails the run (exit status 1)
# and names the notebook. Each cell may take at most 300 s.
set -euo pipefail

cd "$(dirname "$0")/.."
KERNEL="mp4j"
OUT="target/notebooks"
while [ $# -gt 0 ]; do
  case "$1" in
    --kernel) KERNEL="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    -*) echo "notebooks/run.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
if [ $# -eq 0 ]; then
  set -- notebooks/*.ipynb
fi

mkdir -p "$OUT"
failed=()
for nb in "$@"; do
  echo "notebooks/run.sh: executing $nb with kernel $KERNEL"
  if ! jupyter nbconvert --to html --execute \
      --ExecutePreprocessor.kernel_name="$KERNEL" \
      --ExecutePreprocessor.timeout=300 \
      --ExecutePreprocessor.startup_timeout=120 \
      --output-dir "$OUT" "$nb"; then
    failed+=("$nb")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "notebooks/run.sh: failed: ${failed[*]}" >&2
  exit 1
fi
echo "notebooks/run.sh: HTML in $(cd "$OUT" && pwd)"
