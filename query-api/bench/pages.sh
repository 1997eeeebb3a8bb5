#!/usr/bin/env bash
# The list routes at fleet scale (see PageBenchmark), on loopback: every page of /v1/hosts and
# /v1/audit for 10,000 hosts, p50/p99 per page against a bare Netty server, and the heap in use:
#   query-api/bench/pages.sh [--hosts 10000] [--rounds 5]
# Builds the module and its harness first (no tests run, nothing installed), then runs the harness.
exec "$(dirname "${BASH_SOURCE[0]}")/harness.sh" io.nodedex.api.PageBenchmark "$@"
