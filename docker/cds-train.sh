#!/bin/sh
# Records nodedex's AppCDS archive (a dynamic class-data archive: the classes an agent loads on
# start, parsed and verified once, mapped into every later JVM), so an agent starts in well under
# a second. Run by docker/Dockerfile at image build time, and by docker/measure-agent-start.sh.
#
#   cds-train.sh ARCHIVE CLASSPATH
#
# The training run is an agent's real start: it reads a simulated host (libvirt's test driver on
# a host file, and a sysfs tree, written by `nodedex fleet`), opens its Kafka producer and sends,
# towards a port where no broker listens, for a few seconds; SIGTERM then stops it and the JVM
# writes the archive as it exits. JAVA_OPTS apply to the training run, as to later runs.
#
# An archive is used only by the same JVM build with the same class path; the JVM refuses any
# other with a warning and starts without it.
set -eu
[ $# -eq 2 ] || { echo "usage: $0 ARCHIVE CLASSPATH" >&2; exit 2; }
archive=$1
classpath=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

java -cp "$classpath" io.nodedex.cli.Main fleet --out "$work/fleet" --hosts 2 >/dev/null
rm -f "$archive"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
timeout -s TERM 8 java ${JAVA_OPTS:-} -XX:ArchiveClassesAtExit="$archive" -cp "$classpath" io.nodedex.cli.Main \
    agent --host-id cds-training --bootstrap-servers 127.0.0.1:9 \
    --libvirt-uri "test://$work/fleet/hv01.xml" --sysfs "$work/fleet/hv01/sys" --state-dir "$work/state" \
    >/dev/null 2>"$work/agent.log" || true
if [ ! -s "$archive" ]; then
    echo "cds-train: no archive written to $archive; the training agent said:" >&2
    cat "$work/agent.log" >&2
    exit 1
fi
echo "cds-train: $(du -h "$archive" | cut -f1) archive in $archive" >&2
