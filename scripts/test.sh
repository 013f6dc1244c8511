#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs and starts Docker Engine, Compose v2,
# PostgreSQL and Chromium (scripts/provision.sh), then runs unit and integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/provision.sh
export CONOPS_TEST_POSTGRES_URL="${CONOPS_TEST_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/conops_test}"
export CONOPS_TEST_POSTGRES_USER="${CONOPS_TEST_POSTGRES_USER:-conops}"
export CONOPS_TEST_POSTGRES_PASSWORD="${CONOPS_TEST_POSTGRES_PASSWORD:-conops}"
exec mvn -B -ntp verify "$@"
