// ReceivedBlockLog: the write-ahead logs of received blocks in a checkpoint directory
// (docs/spark-semantics.md §18), as Spark keeps them:
//
// - receivedBlockMetadata/: the driver's ReceivedBlockTracker log of block additions, batch
//   allocations and cleanups. Spark writes it whenever a checkpoint directory is set
//   (ReceiverTracker passes Option(ssc.checkpointDir)), with or without the receivers' log, and
//   a recovered driver replays it (ReceivedBlockTracker.recoverPastEvents).
// - receivedData/<streamId>/: the blocks' records, written by the receiver before it reports a
//   block, only with spark.streaming.receiver.writeAheadLog.enable
//   (WriteAheadLogBasedBlockHandler). A recovered block with such a record is read back
//   (WriteAheadLogBackedBlockRDD); one without is lost with the old executors' memory.
//
// Both are rolling logs as FileBasedWriteAheadLog's: a file "log-<start>-<end>" takes what is
// written from `start` (simulated ms) until `end` = start + the rolling interval
// (spark.streaming.{driver,receiver}.writeAheadLog.rollingIntervalSecs, 60 s); clean(threshold)
// deletes the files that end before the threshold. The metadata log is text, one event per line,
// so a student can open it; the data log is the checkpoint files' binary of engine Values.
#pragma once

#include "rdds.h"
#include "simtime.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dsl {

/// One rolling log directory (FileBasedWriteAheadLog).
class RollingLogFiles {
public:
    RollingLogFiles(std::string checkpointDir, std::string subDir, Duration rollingInterval);
    /// Appends `bytes` to the file for `now` (opening a new one when the current has ended);
    /// returns the file's path relative to the checkpoint directory and the offset the bytes
    /// start at. Throws std::runtime_error when the file cannot be written.
    std::pair<std::string, std::int64_t> append(const std::string &bytes, SimTime now);
    /// FileBasedWriteAheadLog.clean: deletes the files whose end time is before `threshold`.
    void clean(SimTime threshold);
    /// The files of `dir`, oldest first (by their start time), as paths relative to it.
    static std::vector<std::string> listLogs(const std::string &checkpointDir, const std::string &subDir);

private:
    std::string m_checkpointDir;
    std::string m_subDir;
    Duration m_rolling;
    std::string m_current; ///< relative path of the file being written, or empty
    SimTime m_currentEnd;
};

/// What a recovered driver's ReceivedBlockTracker knows after replaying the metadata log.
struct RecoveredBlocks {
    /// Blocks added but not allocated to a batch, per input stream, in arrival order.
    std::map<int, std::vector<BlockPtr>> unallocated;
    /// Allocations not cleaned up: batch time -> input stream -> blocks.
    std::map<SimTime, std::map<int, std::vector<BlockPtr>>> allocated;
    std::optional<SimTime> lastAllocated;
    int replayedBlocks = 0; ///< blocks read back from the receivers' data log
    int lostBlocks = 0;     ///< blocks whose records are gone (no data log, or unreadable)
    std::vector<std::string> warnings; ///< unreadable lines or records, naming the file
};

/// The driver's metadata log and the receivers' data logs of one checkpoint directory.
class ReceivedBlockLog {
public:
    static constexpr const char *kMetadataDir = "receivedBlockMetadata";
    static constexpr const char *kDataDir = "receivedData";

    /// `receiverLog`: spark.streaming.receiver.writeAheadLog.enable.
    ReceivedBlockLog(std::string checkpointDir, bool receiverLog, Duration driverRolling, Duration receiverRolling);

    bool receiverLog() const { return m_receiverLog; }
    /// WriteAheadLogBasedBlockHandler.storeBlock: the block's records into the stream's data
    /// log; the record's handle, or nullopt (with `error`) when it cannot be written.
    std::optional<WalRecordHandle> writeData(const Block &block, SimTime now, std::string &error);
    /// BlockAdditionEvent.
    void addBlock(const Block &block, SimTime now);
    /// BatchAllocationEvent.
    void allocate(SimTime batch, const std::map<int, std::vector<BlockPtr>> &blocks, SimTime now);
    /// BatchCleanupEvent of `times`, then both logs cleaned of files ending before `threshold`.
    void cleanup(const std::vector<SimTime> &times, SimTime threshold, SimTime now);
    /// A write that failed (disk full, the folder removed), for the log; cleared on read.
    std::string takeError();

    /// ReceivedBlockTracker.recoverPastEvents over every metadata file, oldest first; the
    /// blocks' records are read from the data log where they have a handle. Never throws: an
    /// unreadable line or record becomes a warning (and a lost block).
    static RecoveredBlocks recover(const std::string &checkpointDir);

    /// "0,input-0-9400,3,9600[,receivedData/0/log-0-60000,120,40]": a block in the log's text.
    static std::string formatBlock(const Block &block);
    /// The inverse of formatBlock (records not read); nullopt on a malformed field.
    static std::optional<Block> parseBlock(const std::string &text);

private:
    void writeEvent(const std::string &line, SimTime now);

    std::string m_checkpointDir;
    bool m_receiverLog;
    Duration m_receiverRolling;
    RollingLogFiles m_metadata;
    std::map<int, RollingLogFiles> m_data; ///< per stream
    std::string m_error;
};

} // namespace dsl
