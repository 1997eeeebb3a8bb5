#!/usr/bin/env bash
# Load benchmark of the query API against a bare Netty server (see QueryBenchmark), on loopback:
#   query-api/bench/run.sh [--hosts 1000] [--duration 10] [--warmup 3] [--rounds 3] [--threads 2] [--connections 32]
#                          [--io-threads <processors>]
# Needs wrk (Debian package wrk). Builds the module and its harness first (no tests run, nothing
# installed), then runs the harness; about four minutes with the defaults.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
command -v wrk >/dev/null || { echo "bench: wrk is not installed (apt-get install wrk)" >&2; exit 2; }
cd "$root"
classpath="$root/query-api/target/bench.classpath"
# -Pbench adds src/jmh/java to the test sources; test-compile runs no benchmark of any module
./mvnw -q -B -pl query-api -am -Pbench -DskipTests test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$classpath" >&2
exec java -Xmx2g -XX:+UseParallelGC \
  -cp "$root/query-api/target/test-classes:$root/query-api/target/classes:$(cat "$classpath")" \
  io.nodedex.api.QueryBenchmark "$@"
