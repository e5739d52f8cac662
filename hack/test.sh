#!/usr/bin/env bash
# Runs every test of the project, as on a fresh machine: installs what the tests need, then
# runs the Maven build with all unit, integration and end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== test.sh: Java $(java -version 2>&1 | head -1), $(mvn -v 2>/dev/null | head -1)"
mvn -B -ntp verify "$@"
