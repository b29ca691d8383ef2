// The simulator's invented cost model: every constant that turns work into simulated time.
#pragma once

// Spark does not define how long things take; DStream Lab must invent it. All such constants live
// here, with their reasons, so that a teacher can read one file to see what the delays mean.
// Times are charged in nanoseconds and rounded up to whole milliseconds per task (SimTime is ms).
//
// The shape follows what Spark's UI shows for small local jobs: a job takes a few ms of fixed
// scheduling overhead, each task ~1-2 ms to launch, per-record work is tiny for native code and
// ~1 us for Python functions (PySpark ships records to a Python worker through a pipe), and a
// shuffle costs extra per record on both sides. A seeded jitter of +-10% per task keeps charts
// from looking artificially flat; it draws from the simulation's RNG and never changes results.

#include <cstdint>

namespace dsl::cost {

/// DAGScheduler work to submit one job (stage graph, listener events).
inline constexpr std::int64_t jobOverheadNs = 3'000'000;
/// Per stage: task set creation and serialization of the task binary.
inline constexpr std::int64_t stageOverheadNs = 1'000'000;
/// Per task: launch on an executor core, deserialize, report the status back.
inline constexpr std::int64_t taskLaunchNs = 1'500'000;
/// Native (JVM-like) per-record cost of a narrow operator (map, flatMap, filter, ...).
inline constexpr std::int64_t nativeRecordNs = 50;
/// Extra per-record cost when the operator is a Python function (serialization to the worker).
inline constexpr std::int64_t pythonRecordNs = 1'000;
/// Per record written to the shuffle (serialize, bucket, spill to local files).
inline constexpr std::int64_t shuffleWriteRecordNs = 200;
/// Per record fetched from the shuffle (fetch, deserialize, merge).
inline constexpr std::int64_t shuffleReadRecordNs = 150;
/// Per record read from a received block or a cached partition.
inline constexpr std::int64_t blockReadRecordNs = 20;
/// Per record returned to the driver by an action (collect/take).
inline constexpr std::int64_t resultRecordNs = 100;
/// Per record handed to an output sink (printing, saving a file).
inline constexpr std::int64_t sinkRecordNs = 2'000;
/// Generating the jobs of a batch (DStreamGraph.generateJobs), per DStream in the graph.
inline constexpr std::int64_t jobGenerationPerDStreamNs = 100'000;
/// Delay from ssc.start() until a receiver runs on its core (ReceiverTracker launch job).
inline constexpr std::int64_t receiverLaunchMs = 100;

// A database sink written in the program (pymysql in foreachRDD, docs/database.md): every call a
// task makes is charged to that task (`_dstreamlab.charge_ns` from resources/python/dstreamlab_db);
// calls on the driver cost nothing here, as the driver's time is not a task's. The figures are a
// MySQL server on the local network: opening a connection is by far the dearest call, which is
// what Spark's streaming guide ("Design Patterns for using foreachRDD") warns about: a connection
// per record costs dbConnectNs per record, one per partition costs it once per task.

/// Opening a connection: TCP handshake, MySQL's greeting and authentication round trips, the
/// server's session set-up (a new thread, the session variables).
inline constexpr std::int64_t dbConnectNs = 10'000'000;
/// One statement (execute, rollback, ping): a round trip to the server and a small query.
inline constexpr std::int64_t dbStatementNs = 500'000;
/// Per row a statement returns, or per row of a multi-row INSERT (executemany).
inline constexpr std::int64_t dbRowNs = 2'000;
/// commit(): InnoDB writes and flushes its redo log (innodb_flush_log_at_trx_commit = 1).
inline constexpr std::int64_t dbCommitNs = 2'000'000;
/// close(): COM_QUIT is sent and the socket closed; no reply is awaited.
inline constexpr std::int64_t dbCloseNs = 100'000;

/// Relative jitter applied to each task's duration (uniform in [-x, +x]).
inline constexpr double taskJitter = 0.10;

} // namespace dsl::cost
