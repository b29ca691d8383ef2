// Input DStreams: queue, socket (receiver-based), text-file directory, and a function-driven
// stream for tests (Spark's TestInputStream).
#pragma once

#include "dstream.h"
#include "ratecontroller.h"
#include "rdds.h"

#include <deque>
#include <set>

namespace dsl {

/// Spark's InputDStream: no parents, slides with the batch interval, has an input stream id.
class InputDStream : public DStream {
public:
    InputDStream(StreamingContext &ssc, std::string className, std::string opName);
    Duration slideDuration() const override;
    std::vector<DStreamPtr> dependencies() const override { return {}; }
    /// Receiver-based streams occupy a core per receiver.
    virtual bool hasReceiver() const { return false; }
    /// InputDStream.rateController: backpressure's controller of this stream, owned by it;
    /// nullptr for streams Spark gives none, and for all without backpressure.
    RateController *rateController() const { return m_rateController.get(); }

protected:
    /// The rate controller's latest estimate (nullopt without one), for StreamInputInfo.
    std::optional<std::int64_t> estimatedRate() const
    {
        return m_rateController ? m_rateController->estimatedRate() : std::nullopt;
    }
    std::unique_ptr<RateController> m_rateController;
};

/// A shared queue of RDDs that the program may keep filling (ssc.queueStream's Queue).
using RddQueue = std::shared_ptr<std::deque<RDDPtr>>;

/// Spark's QueueInputDStream: one RDD per batch (oneAtATime) or the union of all queued;
/// when empty the default RDD, else an empty RDD. Reports no input records, as Spark.
class QueueInputDStream : public InputDStream {
public:
    QueueInputDStream(StreamingContext &ssc, RddQueue queue, bool oneAtATime, RDDPtr defaultRDD);
    std::optional<RDDPtr> compute(SimTime validTime) override;
    const RddQueue &queue() const { return m_queue; }

private:
    RddQueue m_queue;
    bool m_oneAtATime;
    RDDPtr m_default;
};

/// An input stream whose RDD per batch comes from a function (nullopt = no RDD that batch),
/// as Spark's TestInputStream; its records count as input.
class FunctionInputDStream : public InputDStream {
public:
    using Generator = std::function<std::optional<RDDPtr>(SimTime time)>;
    FunctionInputDStream(StreamingContext &ssc, Generator g, std::string name = "TestInputStream");
    std::optional<RDDPtr> compute(SimTime validTime) override;

private:
    Generator m_gen;
};

/// Spark's ReceiverInputDStream: a receiver, started on a core of its own, stores what it reads
/// in blocks (one per block interval); batch t's RDD is a BlockRDD over the blocks allocated to
/// it, one partition per block.
class ReceiverInputDStream : public InputDStream {
public:
    ReceiverInputDStream(StreamingContext &ssc, std::string className, std::string opName, StorageLevel level);
    std::optional<RDDPtr> compute(SimTime validTime) override;
    bool hasReceiver() const override { return true; }
    const StorageLevel &receiverStorageLevel() const { return m_level; }
    /// The receiver's class as the Streaming tab names it ("SocketReceiver", "KafkaReceiver").
    virtual std::string receiverName() const = 0;
    /// What it reads from ("localhost:9999", the ZooKeeper quorum).
    virtual std::string receiverLocation() const = 0;

private:
    StorageLevel m_level;
};

/// Spark's SocketInputDStream: lines from host:port.
class SocketInputDStream : public ReceiverInputDStream {
public:
    SocketInputDStream(StreamingContext &ssc, std::string host, int port, StorageLevel level);
    const std::string &host() const { return m_host; }
    int port() const { return m_port; }
    std::string receiverName() const override { return "SocketReceiver"; }
    std::string receiverLocation() const override { return m_host + ":" + std::to_string(m_port); }

private:
    std::string m_host;
    int m_port;
};

/// Spark's FileInputDStream for textFileStream(dir): each batch reads the files that appeared
/// in the directory since the last batch (newFilesOnly: files present at start are ignored).
/// Files come from the run's InputLog (deterministic) and from the real directory.
class FileInputDStream : public InputDStream {
public:
    FileInputDStream(StreamingContext &ssc, std::string directory);
    std::optional<RDDPtr> compute(SimTime validTime) override;
    void initialize(SimTime zeroTime) override;
    const std::string &directory() const { return m_dir; }

private:
    std::vector<std::string> listDirectory() const;
    std::string m_dir;
    std::set<std::string> m_seen;
    std::size_t m_nextLogIndex = 0;
};

} // namespace dsl
