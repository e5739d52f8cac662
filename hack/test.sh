#!/usr/bin/env bash
# Runs every test of the project, as on a fresh machine: installs what the tests need, then
# runs the Maven build with all unit, integration and end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== test.sh: Java $(java -version 2>&1 | head -1), $(mvn -v 2>/dev/null | head -1)"

# etcd, kube-apiserver, kube-controller-manager and kubectl for the tests that run a real control
# plane (test-support, e2e): reused from ~/.cache/aso-java, else built from the pinned Go modules
# (about 15 minutes the first time on 2 cores; see docs/control-plane.md).
echo "== test.sh: control-plane binaries (hack/control-plane.sh)"
ASO_CONTROL_PLANE_BIN="$(./hack/control-plane.sh | tail -1)"
export ASO_CONTROL_PLANE_BIN

# helm for the chart tests (chart-tests): reused from the cache, else built from its Go module (about 15 minutes
# the first time; see docs/installation.md).
echo "== test.sh: helm (hack/helm.sh)"
ASO_HELM_BIN="$(./hack/helm.sh | tail -1)"
export ASO_HELM_BIN

# PostgreSQL and MariaDB for the database-user tests (test-support, controller, e2e): Debian's packages,
# installed when missing (hack/databases.sh); each test starts its own servers, on a free port of
# 127.0.0.1, or (e2e) on 5432 and 3306 of a random loopback address of their own.
echo "== test.sh: database servers (hack/databases.sh)"
./hack/databases.sh

# -Papi-types: the optional typed Java classes of every kind and version too (docs/java-types.md), so that a generator
# change that breaks them fails here; 1.5 to 2.5 minutes on 2 cores (compiling 19,000 classes, their tests).
mvn -B -ntp verify -Papi-types -Daso.controlPlane.bin="$ASO_CONTROL_PLANE_BIN" "$@"
