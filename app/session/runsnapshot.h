// RunSnapshot: the immutable value picture of a run that the dashboard draws (docs/conventions.md §3).
#pragma once

#include "batchhistory.h"
#include "databasesnapshot.h"
#include "engine/batchinfo.h"
#include "engine/eventlog.h"
#include "engine/inputlog.h"
#include "engine/lineagegraph.h"
#include "engine/receiverinfo.h"
#include "engine/observer.h"
#include "engine/rddcapture.h"
#include "engine/recoveryaudit.h"
#include "engine/simtime.h"

#include <QMetaType>

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dsl::session {

/// One RDD of one DStream for one batch: what a box of the timeline shows.
struct RddBoxSnapshot {
    enum class Status {
        Pending,  ///< generated, no partition computed by the batch's jobs (lazy evaluation)
        Partial,  ///< some partitions computed (take() stops once it has its records)
        Computed, ///< every partition computed: records known
        Unknown,  ///< nothing was recorded of it (a summary of an old batch)
        Failed,   ///< computing it raised (error holds the message)
    };
    int rddId = -1;
    std::string className;   ///< "MapPartitionsRDD"
    std::string scope;       ///< "flatMap @ 10:00:03"
    int numPartitions = 0;
    Status status = Status::Pending;
    std::int64_t count = 0;                    ///< records of the computed partitions
    /// Records per partition; -1 for a partition no job computed.
    std::vector<std::int64_t> partitionCounts;
    int computedPartitions = 0;
    std::vector<std::string> records;          ///< repr of the first records shown
    /// The key of each record shown, as RecordOrigins files it (a pair's key, else the record;
    /// a str as its text); empty when not captured.
    std::vector<std::string> recordKeys;
    bool recordsTruncated = false;
    std::string debugString;                   ///< RDD.toDebugString
    /// The lineage graph captured with debugString (null: not captured, or a summary).
    std::shared_ptr<const LineageGraph> lineage;
    /// Where its records came from, by key (null: not traced, or a summary; app/session/provenance.h).
    std::shared_ptr<const RecordOrigins> origins;
    std::string error;
};

/// One DStream of the program's graph (parents before children).
struct StreamSnapshot {
    int id = 0;
    std::string className;     ///< "FlatMappedDStream"
    std::string opName;        ///< "flatMap"
    std::string creationSite;  ///< "flatMap at wordcount.py:24"
    std::vector<int> parents;
    bool isInput = false;
    bool isOutput = false;
    bool hasReceiver = false;
    std::int64_t slideMs = 0;
    std::int64_t windowMs = 0; ///< window streams (WindowDStreamBase): the window length, else 0
    bool carriesState = false; ///< state streams (updateStateByKey, mapWithState's internal stream)
    int outputOpId = -1;       ///< output streams: index among output operations
    std::vector<std::string> kafkaTopics; ///< a direct Kafka stream: the topics it reads
    /// The program line that created the stream (from creationSite), 0 if unknown.
    int line() const;
};

/// (key, number) records of a batch's result stream: the word counts.
struct KeyCount {
    std::string key;
    double count = 0;
};

/// How a window stream's RDD of one batch was made (engine WindowComputation), times in ms.
struct WindowSpanSnapshot {
    std::int64_t beginMs = 0;            ///< exclusive: the window covers (beginMs, batch time]
    std::vector<std::int64_t> covered;   ///< batch times whose RDDs make up the window
    std::vector<std::int64_t> added;     ///< batches added to the previous window's result
    std::vector<std::int64_t> subtracted;///< batches removed with the inverse function
    bool incremental = false;
};

/// Everything known about one batch.
/// One Kafka partition a direct stream reads, as the batch left it (the Kafka tab; the columns of
/// `kafka-consumer-groups --describe`, and the batch's offset range as Spark's UI lists it).
struct KafkaPartitionSnapshot {
    std::string topic;
    int partition = 0;
    int streamId = -1;          ///< the DirectKafkaInputDStream that reads it
    std::int64_t logStart = 0;  ///< the log start offset (earliest) at the batch's time
    std::int64_t logEnd = 0;    ///< the log end offset (next to be written) at the batch's time
    std::int64_t from = 0;      ///< the batch's OffsetRange: [from, until)
    std::int64_t until = 0;     ///< and where the stream stands after the batch (its current offset)
    std::int64_t lag() const { return logEnd - until; }
    /// The consumer group of the stream (kafkaParams' group.id; empty: none) and the offset it
    /// had committed for the partition when the batch completed (nullopt: nothing committed,
    /// which kafka-consumer-groups prints as "-").
    std::string group;
    std::optional<std::int64_t> committed;
    /// The group's state as kafka-consumer-groups --describe --state names it ("Stable" while a
    /// receiver's consumer is a member, "Empty" when offsets are only committed; empty: no group).
    std::string groupState;
    /// The program keeps a metadata checkpoint (ssc.checkpoint): the stream's offsets, `until`,
    /// are in it, the store a restarted driver reads them back from.
    bool checkpointed = false;
    /// Read by a receiver's consumer (createStream) rather than a direct stream: no offset
    /// ranges; [from, until) is what the consumer took since the previous batch's capture, and
    /// its group commits on the receiver's schedule.
    bool receiver = false;
    bool operator==(const KafkaPartitionSnapshot &) const = default;
};

/// A message the broker appended to a partition the program reads, in the batch that first saw
/// it (appended after the previous capture, by the batch's time): the message browser's rows.
struct KafkaMessageSnapshot {
    std::string topic;
    int partition = 0;
    std::int64_t offset = 0;
    SimTime time;                   ///< its CreateTime (simulated)
    std::optional<std::string> key; ///< nullopt: a null key
    std::string value;
    bool operator==(const KafkaMessageSnapshot &) const = default;
};

struct BatchSnapshot {
    BatchInfo info;
    std::vector<BlockInfo> blocks;        ///< blocks allocated to the batch, by stream then time
    std::map<int, RddBoxSnapshot> rdds;   ///< stream id -> its RDD for this batch
    std::vector<KeyCount> keyCounts;      ///< this batch's (key, number) records (resultStreamId), summed by key
    int resultStreamId = -1;
    /// Running totals (a state stream) or the latest window (a window stream), when the program has one.
    std::vector<KeyCount> totalKeyCounts;
    int totalStreamId = -1;
    std::map<int, WindowSpanSnapshot> windows; ///< window stream id -> how its RDD was made
    bool evaluated = false;               ///< completed: the boxes hold what its jobs computed
    bool summary = false;                 ///< an old batch: timing and counts only
    /// Kept in full but no longer with its boxes' origins (HistoryRetention::traced): provenance
    /// does not reach into it.
    bool untraced = false;
    /// Length of everything the program printed (RunSnapshot::console, counted from the run's
    /// start including text no longer held) when the batch completed.
    std::size_t consoleEnd = 0;
    /// Input lines the receivers had accepted when the batch completed.
    std::size_t inputAccepted = 0;
    /// The program's SQLite database when the batch completed (null: no database, or a summary).
    DatabaseSnapshotPtr database;
    /// The Kafka partitions its direct streams read, by stream, topic and partition (empty: none).
    std::shared_ptr<const std::vector<KafkaPartitionSnapshot>> kafka;
    /// The messages appended to those partitions since the previous batch's capture, by topic,
    /// partition and offset (null: none).
    std::shared_ptr<const std::vector<KafkaMessageSnapshot>> kafkaMessages;
    /// The Spark jobs its output operations ran, in completion order, each with its stages and
    /// task attempts (the batch detail and the task timeline; null: none yet, or a summary).
    std::shared_ptr<const std::vector<JobInfo>> jobs;
};

/// One input line (socket text) with its simulated arrival time; or a dropped file (its path).
struct InputLineSnapshot {
    /// What only a Kafka message has; behind a pointer, so that the many socket lines a snapshot
    /// holds stay as small as they were.
    struct Kafka {
        std::string topic;
        std::optional<std::string> key; ///< nullopt: a null key
    };
    SimTime time;
    int port = 0;
    std::string text; ///< a socket line, a dropped file's path, or a Kafka message's value
    std::shared_ptr<const Kafka> kafka = nullptr; ///< a Kafka message: its topic and key
    /// A socket line from the class port or a real server: who sent it (InputRecord::source);
    /// null for a typed or scripted line.
    std::shared_ptr<const std::string> source = nullptr;
    /// A real server's event for `port` (InputRecord::Kind::Server: no line; `text` is its reason,
    /// usually empty), nullopt for a line, a file or a message.
    std::optional<ServerEvent> server = std::nullopt;
    /// Not a socket line (no receiver reads it): a dropped file or a Kafka message.
    bool isFile() const { return port == kFileRecordPort; }
    bool isKafka() const { return kafka != nullptr; }
    bool isServer() const { return server.has_value(); }
};

/// The input log, shared in chunks so a new snapshot copies only what changed.
struct InputLogSnapshot {
    static constexpr std::size_t kChunk = 1024;
    /// Chunk c holds lines [c * kChunk, (c + 1) * kChunk) and is chunks[c - firstChunk]. The
    /// newest chunk may hold more lines than this snapshot has (the session appends to it):
    /// only lines below `size` are this snapshot's.
    std::vector<std::shared_ptr<const std::vector<InputLineSnapshot>>> chunks;
    std::size_t size = 0;        ///< every line so far, including those no longer held
    std::size_t firstChunk = 0;  ///< older lines are not kept in snapshots (the session has them)
    /// The first line held (may equal or exceed size when none is).
    std::size_t first() const { return firstChunk * kChunk; }
    /// Line i; a line no longer held (i < first()) reads as an empty line at time 0, so a
    /// binary search by time from index 0 still lands on the held lines.
    const InputLineSnapshot &at(std::size_t i) const
    {
        static const InputLineSnapshot gone{};
        // data(), not operator[]: the session may be appending past this snapshot's lines
        // (reading the vector's size would race with it; its storage never moves).
        return i < first() ? gone : chunks[i / kChunk - firstChunk]->data()[i % kChunk];
    }
};

enum class RunPhase {
    NotStarted, ///< program loaded, not run yet (settings may change)
    Running,    ///< simulated time passes
    Paused,     ///< waiting for the teacher
    Replaying,  ///< stepping back: re-running to an earlier point
    Finished,   ///< the program returned
    Failed,     ///< the program raised
};

struct RunSnapshot {
    std::uint64_t serial = 0;
    /// Bumped by every new run (start, replay, reset, another program): views drop what they
    /// drew of an older run.
    std::uint64_t runId = 0;
    /// Set while the history is browsed: the picture is the run as it was when this batch
    /// completed (later batches, output and input are not shown); the run itself is paused
    /// at headCompletedBatches.
    std::optional<SimTime> cursor;
    int headCompletedBatches = 0;
    /// Replaying after a change of the past: batches replayed so far and the target.
    int replayDone = 0;
    int replayTarget = 0;
    RunPhase phase = RunPhase::NotStarted;
    bool hasContext = false;                    ///< a StreamingContext exists
    StreamingState streamingState = StreamingState::INITIALIZED;
    SimTime startTime;                          ///< clock at the run's start
    SimTime now;                                ///< the engine's clock
    SimTime clock;                              ///< the displayed clock (>= now while running)
    std::optional<SimTime> firstBatchTime;
    Duration batchInterval{1000};
    Duration blockInterval{200};
    std::string master;
    int cores = 0;
    std::vector<std::string> executors;         ///< live executors' ids: "driver" in local mode
    /// The run's newest injected cluster faults (engine/faults.h), oldest first, at most 100.
    std::vector<FaultReport> faults;
    /// This driver was started after a kill-driver stopped the one before (recoveryaudit.h):
    /// how it recovered, and the records lost or processed twice; null for a first driver.
    std::shared_ptr<const RecoveryReport> recovery;
    int completedBatches = 0;
    int listenPort = 9999;                      ///< what the nc panel listens on
    std::vector<ReceiverInfo> receivers;
    std::vector<StreamSnapshot> streams;
    BatchHistory batches;
    std::vector<BlockInfo> pendingBlocks;       ///< cut, not yet allocated to a batch
    std::shared_ptr<const InputLogSnapshot> input;
    std::shared_ptr<const std::string> console; ///< what the program printed (pprint), newest part
    std::size_t consoleDropped = 0;             ///< older text no longer held in console
    std::string stderrText;                     ///< stderr: WARN/ERROR log lines, tracebacks
    /// Every engine event as Spark's driver logs it (INFO and DEBUG too), newest last, bounded.
    std::shared_ptr<const EventLogSnapshot> events;
    std::string errorText;                      ///< traceback of a failed run
    int errorLine = 0;                          ///< program line of the error, 0 if none
    int computingStreamId = -1;                 ///< output stream whose job runs now, -1 if none
    int lastComputedStreamId = -1;              ///< output stream whose job ended last
    std::string fingerprint;
    /// The SQLite file the program's pymysql.connect(...) reaches (docs/database.md), or with
    /// another database (RunOptions::database) which one, in words.
    std::string databasePath;
    /// The database is read as batches complete (a SQLite file, or a server's through QMYSQL);
    /// false: the program's own connect() arguments name it, so it is not known here.
    bool databaseRead = false;
    /// The database read is a MySQL/MariaDB server's (local-mariadb or mysql://), not a SQLite file.
    bool databaseOnServer = false;

    /// Input lines accepted by a receiver (lines at or past it are still pending).
    std::size_t acceptedLines() const;
    /// What the program uses beyond PySpark's own API (DStream Lab's mapWithState, StateSpec), so
    /// that it will not run under spark-submit: the names its stderr's "WARN DStreamLab: NAME is
    /// not part of PySpark ..." lines give (pyspark/streaming/dstream.py), each once, in order.
    std::vector<std::string> notPySpark() const
    {
        constexpr std::string_view marker = " WARN DStreamLab: ", tail = " is not part of PySpark";
        std::vector<std::string> names;
        for (auto at = stderrText.find(marker); at != std::string::npos; at = stderrText.find(marker, at + 1)) {
            const auto from = at + marker.size();
            const auto end = std::min(stderrText.find('\n', from), stderrText.size());
            const auto name = std::string_view(stderrText).substr(from, end - from).find(tail);
            if (name == std::string_view::npos) continue;
            std::string n = stderrText.substr(from, name);
            if (n.empty() || n.find_first_of(" ;:,") != std::string::npos) continue; // a name, not prose
            if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(std::move(n));
        }
        return names;
    }
    const BatchSnapshot *batch(SimTime t) const;
    const BatchSnapshot *latestCompletedBatch() const;
    const StreamSnapshot *stream(int id) const;
};

using RunSnapshotPtr = std::shared_ptr<const RunSnapshot>;

/// "wordcount.py:24" -> 24; 0 when the site names no line.
int lineOfSite(const std::string &site);

} // namespace dsl::session

Q_DECLARE_METATYPE(dsl::session::RunSnapshotPtr)
