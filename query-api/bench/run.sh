#!/usr/bin/env bash
# Load benchmark of the query API against a bare Netty server (see QueryBenchmark), on loopback:
#   query-api/bench/run.sh [--hosts 1000] [--duration 10] [--warmup 3] [--rounds 3] [--threads 2] [--connections 32]
#                          [--io-threads <processors>]
# Needs wrk (Debian package wrk). Builds the module and its harness first (no tests run, nothing
# installed), then runs the harness; about four minutes with the defaults.
set -euo pipefail
command -v wrk >/dev/null || { echo "bench: wrk is not installed (apt-get install wrk)" >&2; exit 2; }
exec "$(dirname "${BASH_SOURCE[0]}")/harness.sh" io.nodedex.api.QueryBenchmark "$@"
