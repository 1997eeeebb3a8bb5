#!/usr/bin/env bash
# Freshness benchmark (see FreshnessBenchmark), on loopback: the time from an agent observing a
# change to the query API showing it, under a light and a steady churn:
#   query-api/bench/freshness.sh [--rate 1000] [--duration 30] [--hosts 200] [--light-rate 10]
#                                [--light-duration 20] [--samples 20]
# Builds the module and its harness first (no tests run, nothing installed), then runs the
# harness; about a minute and a half with the defaults.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
classpath="$root/query-api/target/bench.classpath"
# -Pbench adds src/jmh/java to the test sources; test-compile runs no benchmark of any module
./mvnw -q -B -pl query-api -am -Pbench -DskipTests test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$classpath" >&2
exec java -Xmx2g -XX:+UseParallelGC \
  -cp "$root/query-api/target/test-classes:$root/query-api/target/classes:$(cat "$classpath")" \
  io.nodedex.api.FreshnessBenchmark "$@"
