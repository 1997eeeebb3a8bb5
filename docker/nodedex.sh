#!/bin/sh
# The nodedex command in the image (its entrypoint, and on PATH for one-shot shells): the same
# JVM command line for every role, with the AppCDS archive recorded at build time
# (docker/cds-train.sh). JAVA_OPTS (default: the image's heap limit) come first, so a role's own
# heap and GC settings replace the default.
home=/opt/nodedex
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java ${JAVA_OPTS:-} -XX:SharedArchiveFile="$home/nodedex.jsa" -Xshare:auto \
    -cp "$home/nodedex-cli.jar:$home/lib/*" io.nodedex.cli.Main "$@"
