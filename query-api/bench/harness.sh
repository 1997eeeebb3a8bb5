#!/usr/bin/env bash
# Runs one of the query API's benchmark harnesses (a main class under src/jmh/java) on loopback:
#   query-api/bench/harness.sh CLASS [ARGS...]
# Builds the module and its harness first (no tests run, nothing installed). run.sh and
# freshness.sh name the harnesses and their options.
set -euo pipefail
main="$1"
shift
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
classpath="$root/query-api/target/bench.classpath"
# -Pbench adds src/jmh/java to the test sources; test-compile runs no benchmark of any module
./mvnw -q -B -pl query-api -am -Pbench -DskipTests test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$classpath" >&2
exec java -Xmx2g -XX:+UseParallelGC \
  -cp "$root/query-api/target/test-classes:$root/query-api/target/classes:$(cat "$classpath")" \
  "$main" "$@"
