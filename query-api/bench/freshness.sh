#!/usr/bin/env bash
# Freshness benchmark (see FreshnessBenchmark), on loopback: the time from an agent observing a
# change to the query API showing it, under a light and a steady churn:
#   query-api/bench/freshness.sh [--rate 1000] [--duration 30] [--hosts 200] [--light-rate 10]
#                                [--light-duration 20] [--samples 20] [--warm-up 20]
# Builds the module and its harness first (no tests run, nothing installed), then runs the
# harness; about two minutes with the defaults.
exec "$(dirname "${BASH_SOURCE[0]}")/harness.sh" io.nodedex.api.FreshnessBenchmark "$@"
