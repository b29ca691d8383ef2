#!/bin/sh
# Rows/s written by the foreachRDD patterns (per record, per partition, pooled) on SQLite and on a
# local MariaDB server, in real wall time, and the simulated time the cost model charges for the
# same writes (engine/costmodel.h), so the two can be compared (README, "Performance").
#   tests/bench/db_patterns.sh [-b build/app/dstreamlab] [ROWS] [PARTITIONS]
# MariaDB is skipped, saying why, without Debian's mariadb-server (docs/database.md).
set -eu
bin=build/app/dstreamlab
if [ "${1:-}" = "-b" ]; then bin=$2; shift 2; fi
rows=${1:-2000}
partitions=${2:-4}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/dstreamlab-dbbench-XXXXXX)
trap 'rm -rf "$work"' EXIT
export XDG_DATA_HOME="$work/data" # the local MariaDB's data folder lives here, not in ~
cd "$here"

echo "== SQLite (--db sqlite:FILE), $rows rows in $partitions partitions"
"$bin" run db_patterns.py --task-timeout 600 --db "sqlite:$work/bench.sqlite" -- "$rows" "$partitions" 2>"$work/sqlite.err" \
    || { cat "$work/sqlite.err"; exit 1; }
if [ -x /usr/sbin/mariadbd ] && [ -x /usr/bin/mariadb-install-db ]; then
    echo "== MariaDB (--db local-mariadb, loopback), $rows rows in $partitions partitions"
    "$bin" run db_patterns.py --task-timeout 600 --db local-mariadb -- "$rows" "$partitions" 2>"$work/mariadb.err" \
        || { cat "$work/mariadb.err"; exit 1; }
else
    echo "== MariaDB skipped: /usr/sbin/mariadbd is missing (apt-get install mariadb-server)"
fi

# The cost model's charges for the same writes (ns, engine/costmodel.h): a connection per record
# pays connect + statement + commit + close per row; per partition once per partition plus a
# statement per row; pooled one connect per run plus a statement per row and a commit per task.
awk -v r="$rows" -v p="$partitions" 'BEGIN {
    connect = 10000000; stmt = 500000; commit = 2000000; closeNs = 100000
    rec = r * (connect + stmt + commit + closeNs)
    part = p * (connect + commit + closeNs) + r * stmt
    pool = connect + p * commit + r * stmt
    printf "== simulated database time (cost model), all tasks summed\n"
    printf "%-14s %12s %12s %10s\n", "pattern", "sim ms", "rows/sim s", "vs pooled"
    printf "%-14s %12.1f %12.0f %9.1fx\n", "per record", rec / 1e6, r / (rec / 1e9), rec / pool
    printf "%-14s %12.1f %12.0f %9.1fx\n", "per partition", part / 1e6, r / (part / 1e9), part / pool
    printf "%-14s %12.1f %12.0f %9.1fx\n", "pooled", pool / 1e6, r / (pool / 1e9), 1
}'
