#!/usr/bin/env bash
# Builds mp4j. The kernel issue extends this script to install the Jupyter kernel and run the
# notebooks; today it builds the library jar into target/.
set -euo pipefail
cd "$(dirname "$0")"
mvn -q -B package -DskipTests
echo "mp4j built: $(ls target/mp4j-*.jar | head -n 1)"
