// What a driver's death cost, judged record by record (docs/faults.md, "Lost, replayed, twice").
//
// When a driver dies (kill-driver), the Simulation keeps a DriverLedger of what it held: the
// blocks its received-block tracker still had (allocated to batches not yet cleaned up, or not
// yet allocated), the lines its receivers had buffered but not stored, and, per batch, which
// output operations had completed. A host that starts the program again (spark-submit
// --supervise: `dstreamlab run`, the dashboard's session) attaches a RecoveryAudit to the new
// driver with that ledger. The new driver recovers exactly the blocks the old one still held:
// its metadata log records every addition and allocation and forgets only what was cleaned up,
// so the ledger names every block the new driver can run again (ReceivedBlockTracker.scala).
//
// The audit judges per block and per output operation: an output operation of batch t is taken
// to see the records of t's blocks. A block's records are
// - lost for an output operation that saw them in neither driver: the old one had not completed
//   it when it died, and the new one ran the batch without them (no receiver write-ahead log:
//   "lost with the old executors' memory"), or never had them (a receiver's unstored buffer);
// - processed twice by one that saw them in both: the old driver had completed it, and the new
//   one ran the batch again (it was after the last checkpoint, or pending in it) with the
//   records read back from the write-ahead log (WriteAheadLogBackedBlockRDD).
// An output operation the old driver had started but not completed counts as not having seen
// the batch, although some of its tasks may have written (docs/faults.md).
#pragma once

#include "batchinfo.h"
#include "observer.h"
#include "simtime.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace dsl {

class Simulation;

/// Lines of one block the ledger keeps for display (its record count is always kept).
inline constexpr std::size_t kLedgerLinesPerBlock = 200;

/// What a dead driver held of its input and had done with it (a plain value).
struct DriverLedger {
    SimTime killedAt;
    struct Held {
        std::string blockId;            ///< "input-0-9400"; empty: a receiver's unstored buffer
        int streamId = 0;
        std::optional<SimTime> batch;   ///< the batch it was allocated to, if it was
        std::optional<SimTime> cutAt;   ///< when the block was cut (none for a buffer)
        std::int64_t numRecords = 0;
        std::vector<std::string> lines; ///< its records' str(), at most kLedgerLinesPerBlock
        std::set<int> outputsDone;      ///< output operations of its batch completed before the death
    };
    /// Blocks in batch order (unallocated ones after), then the receivers' buffers.
    std::vector<Held> held;
    std::map<int, std::string> outputNames; ///< output operation id -> "foreachRDD at p.py:31"
};

/// One block (or buffer) whose records some output operation lost or saw twice.
struct AuditedBlock {
    std::string blockId; ///< empty: a receiver's buffer, never stored as a block
    int streamId = 0;
    std::optional<SimTime> batch; ///< the batch of the old driver, else the new driver's
    std::optional<SimTime> cutAt; ///< when the block was cut (none for a buffer)
    std::int64_t numRecords = 0;
    std::vector<std::string> lines;
    std::vector<int> outputsLost;  ///< output operations that saw these records in no driver
    std::vector<int> outputsTwice; ///< output operations that saw them in both drivers
    bool replayed = false;         ///< the new driver read them back from the write-ahead log
    /// A buffer is lost for every output, known or not; a block for those in outputsLost.
    bool lost() const { return blockId.empty() || !outputsLost.empty(); }
    bool twice() const { return !outputsTwice.empty(); }
};

/// A restarted driver's recovery, as far as the new driver has got.
struct RecoveryReport {
    SimTime killedAt;
    SimTime restartAt;
    std::optional<SimTime> checkpointTime; ///< the checkpoint getOrCreate recovered from
    /// The state streams' shortest checkpoint interval (what decides how far back state goes).
    std::optional<Duration> stateCheckpointInterval;
    bool writeAheadLog = false;            ///< spark.streaming.receiver.writeAheadLog.enable
    std::optional<SimTime> caughtUpBatch;  ///< the first batch at or after the death completed...
    std::optional<SimTime> caughtUpAt;     ///< ... and when
    /// The judgement is final once the new driver has caught up (before, a batch it has still
    /// to run again would count as lost).
    bool settled() const { return caughtUpAt.has_value(); }
    std::optional<Duration> recoveryTime() const
    {
        if (caughtUpAt) return *caughtUpAt - killedAt;
        return std::nullopt;
    }
    std::map<int, std::string> outputNames;
    /// Blocks with a lost or twice-seen output, in the ledger's order.
    std::vector<AuditedBlock> blocks;
    std::int64_t lostRecords() const;  ///< records some output operation lost
    std::int64_t twiceRecords() const; ///< records some output operation saw twice
    /// Batch times (the old driver's) whose records some output saw twice.
    std::set<SimTime> twiceBatches() const;
};

/// The ledger of a driver dying now (Simulation, at a kill-driver, before anything is dropped).
DriverLedger ledgerOfDyingDriver(Simulation &sim);

/// An observer on the driver started after `previous` died: it learns which checkpoint the new
/// driver recovered from, what its output operations saw, and when it caught up.
class RecoveryAudit : public SimulationObserver {
public:
    RecoveryAudit(Simulation &sim, DriverLedger previous, SimTime restartAt);
    void onLog(SimTime, LogLevel, const std::string &source, const std::string &message) override;
    void onOutputOperationCompleted(const OutputOperationInfo &op) override;
    void onBatchCompleted(const BatchInfo &b) override;
    RecoveryReport report() const;
    const DriverLedger &ledger() const { return m_ledger; }
    /// Bumped whenever report() would say something new.
    std::uint64_t version() const { return m_version; }

private:
    Simulation &m_sim;
    std::uint64_t m_version = 1;
    DriverLedger m_ledger;
    RecoveryReport m_report;               ///< its times and settings; blocks made by report()
    std::map<std::string, std::set<int>> m_seenNew; ///< block id -> outputs the new driver completed on it
    std::map<std::string, bool> m_replayed;          ///< block id -> read back from the log
    std::map<std::string, SimTime> m_newBatch;       ///< block id -> the new driver's batch
};

} // namespace dsl
