#!/usr/bin/env bash
# How fast an agent starts, with and without the AppCDS archive that docker/Dockerfile records,
# run with the image's java command (JAVA_OPTS as docker/compose.yaml gives agents) outside any
# container. After `./mvnw -B -DskipTests package`:
#
#   docker/measure-agent-start.sh [RUNS]      (default 10 runs of each)
#
# Measures the wall time from the JVM's start to the first event of `nodedex agent --dry-run` on
# stdout (the agent has read its libvirt host file and sysfs tree and published a snapshot), and
# of `nodedex agent --help` to exit. Prints the median, minimum and maximum in milliseconds.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=${1:-10}
classpath="$here/cli/target/nodedex-cli.jar:$here/cli/target/lib/*"
[ -f "$here/cli/target/nodedex-cli.jar" ] || { echo "build first: ./mvnw -B -DskipTests package" >&2; exit 2; }
export JAVA_OPTS="${JAVA_OPTS:--Xms8m -Xmx64m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=64m}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$here/docker/cds-train.sh" "$work/nodedex.jsa" "$classpath"
java -cp "$classpath" io.nodedex.cli.Main fleet --out "$work/fleet" --hosts 2 >/dev/null 2>&1
mkfifo "$work/events"

now() { date +%s%N; }

# Milliseconds from start to the first event line of a dry run; the agent is then stopped.
first_event_ms() {
    local start end pid line
    start=$(now)
    # shellcheck disable=SC2086
    java $JAVA_OPTS "$@" -cp "$classpath" io.nodedex.cli.Main agent --dry-run --host-id hv01 \
        --libvirt-uri "test://$work/fleet/hv01.xml" --sysfs "$work/fleet/hv01/sys" --state-dir "$work/state" \
        >"$work/events" 2>/dev/null &
    pid=$!
    exec 3<"$work/events"
    IFS= read -r line <&3
    end=$(now)
    kill -TERM "$pid"
    wait "$pid" 2>/dev/null || true
    exec 3<&-
    [[ $line == "{"* ]] || { echo "not an event: $line" >&2; exit 1; }
    echo $(( (end - start) / 1000000 ))
}

# Milliseconds from start to exit of `agent --help`.
help_ms() {
    local start end
    start=$(now)
    # shellcheck disable=SC2086
    java $JAVA_OPTS "$@" -cp "$classpath" io.nodedex.cli.Main agent --help >/dev/null
    end=$(now)
    echo $(( (end - start) / 1000000 ))
}

summary() { sort -n | awk '{ a[NR] = $1 } END { printf "median %d ms (min %d, max %d, %d runs)\n", a[int((NR + 1) / 2)], a[1], a[NR], NR }'; }

# Runs alternate between the two JVMs, so that a change of load on the machine falls on both.
archive=(-XX:SharedArchiveFile="$work/nodedex.jsa")
for what in first_event_ms help_ms; do
    "$what" >/dev/null # warm the page cache
    "$what" "${archive[@]}" >/dev/null
    without=() with=()
    for _ in $(seq "$runs"); do
        without+=("$("$what")")
        with+=("$("$what" "${archive[@]}")")
    done
    printf '%-12s without archive: ' "${what%_ms}"; printf '%s\n' "${without[@]}" | summary
    printf '%-12s with archive:    ' "${what%_ms}"; printf '%s\n' "${with[@]}" | summary
done
