// Input DStreams: queue, function-driven, socket (BlockRDD of allocated blocks), text files.
#include "inputdstreams.h"

#include "jobscheduler.h"
#include "simulation.h"
#include "sparkcontext.h"
#include "streamingcontext.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace dsl {

InputDStream::InputDStream(StreamingContext &ssc, std::string className, std::string opName)
    : DStream(ssc, std::move(className), std::move(opName))
{
}

Duration InputDStream::slideDuration() const
{
    return m_ssc.batchDuration();
}

// ---- QueueInputDStream -----------------------------------------------------------------------

QueueInputDStream::QueueInputDStream(StreamingContext &ssc, RddQueue queue, bool oneAtATime, RDDPtr defaultRDD)
    : InputDStream(ssc, "QueueInputDStream", "queueStream"), m_queue(std::move(queue)), m_oneAtATime(oneAtATime),
      m_default(std::move(defaultRDD))
{
}

std::optional<RDDPtr> QueueInputDStream::compute(SimTime)
{
    // QueueInputDStream.compute (no input info is reported: Spark shows 0 records for it)
    std::vector<RDDPtr> buffer;
    if (m_oneAtATime && !m_queue->empty()) {
        buffer.push_back(m_queue->front());
        m_queue->pop_front();
    } else if (!m_oneAtATime) {
        buffer.assign(m_queue->begin(), m_queue->end());
        m_queue->clear();
    }
    if (!buffer.empty()) return m_oneAtATime ? buffer.front() : m_ssc.sparkContext().unionRDDs(buffer);
    if (m_default) return m_default;
    return m_ssc.sparkContext().emptyRDD();
}

// ---- FunctionInputDStream --------------------------------------------------------------------

FunctionInputDStream::FunctionInputDStream(StreamingContext &ssc, Generator g, std::string name)
    : InputDStream(ssc, std::move(name), "inputStream"), m_gen(std::move(g))
{
}

std::optional<RDDPtr> FunctionInputDStream::compute(SimTime validTime)
{
    auto rdd = m_gen(validTime);
    if (rdd && *rdd) {
        std::int64_t n = 0;
        if (auto *pc = dynamic_cast<ParallelCollectionRDD *>(rdd->get())) n = pc->totalRecords();
        m_ssc.scheduler().reportInputInfo(validTime, StreamInputInfo{id(), n, {}});
    }
    return rdd;
}

// ---- ReceiverInputDStream / SocketInputDStream ------------------------------------------------

ReceiverInputDStream::ReceiverInputDStream(StreamingContext &ssc, std::string className, std::string opName,
                                           StorageLevel level)
    : InputDStream(ssc, std::move(className), std::move(opName)), m_level(level)
{
    // ReceiverInputDStream.rateController (its ReceiverRateController publishes to the receiver).
    m_rateController = RateController::forInputStream(ssc, id());
}

SocketInputDStream::SocketInputDStream(StreamingContext &ssc, std::string host, int port, StorageLevel level)
    : ReceiverInputDStream(ssc, "SocketInputDStream", "socketTextStream", level), m_host(std::move(host)),
      m_port(port)
{
}

std::optional<RDDPtr> ReceiverInputDStream::compute(SimTime validTime)
{
    // ReceiverInputDStream.compute
    const auto &graph = m_ssc.graph();
    if (graph.startTime() && validTime < *graph.startTime())
        return std::make_shared<BlockRDD>(m_ssc.sparkContext(), std::vector<BlockPtr>{});
    auto blocks = m_ssc.scheduler().blocksOfBatch(validTime, id());
    // The input info counts the blocks' records as the tracker recorded them, lost ones too
    // (StreamInputInfo(id, blockInfos.flatMap(_.numRecords).sum)).
    StreamInputInfo info{id(), 0, {}};
    info.estimatedRate = estimatedRate();
    std::vector<BlockPtr> valid;
    for (const auto &b : blocks) {
        info.numRecords += b->numRecords;
        info.description += (info.description.empty() ? "" : ", ") + b->id +
                            (b->lost ? " (lost)" : b->replayed ? " (from the write-ahead log)" : "");
        if (!b->lost) valid.push_back(b);
    }
    m_ssc.scheduler().reportInputInfo(validTime, info);
    // createBlockRDD: with the receivers' write-ahead log every block has a record handle and
    // the RDD is a WriteAheadLogBackedBlockRDD; otherwise only the blocks still in memory are
    // kept, and recovered blocks whose data died with the old driver are not.
    if (valid.size() != blocks.size())
        m_ssc.simulation().log(LogLevel::Warn, className(),
                               "Some blocks could not be recovered as they were not found in memory. To prevent such "
                               "data loss, enable Write Ahead Log (see programming guide for more details.");
    const bool wal = m_ssc.sparkContext().conf().getBoolean("spark.streaming.receiver.writeAheadLog.enable", false);
    auto rdd = std::make_shared<BlockRDD>(m_ssc.sparkContext(), std::move(valid), wal);
    rdd->setOpName(opName());
    return rdd;
}

// ---- FileInputDStream ------------------------------------------------------------------------

FileInputDStream::FileInputDStream(StreamingContext &ssc, std::string directory)
    : InputDStream(ssc, "FileInputDStream", "textFileStream"), m_dir(std::move(directory))
{
}

std::vector<std::string> FileInputDStream::listDirectory() const
{
    std::vector<std::string> names;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(m_dir, ec), end; !ec && it != end; it.increment(ec)) {
        const auto name = it->path().filename().string();
        // FileInputDStream.defaultFilter: hidden files are skipped
        if (name.empty() || name[0] == '.' || !it->is_regular_file(ec)) continue;
        names.push_back(it->path().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

void FileInputDStream::initialize(SimTime zeroTime)
{
    // newFilesOnly = true: files already present when the stream starts are not read.
    for (auto &f : listDirectory()) m_seen.insert(f);
    DStream::initialize(zeroTime);
}

namespace {
Records splitLines(const std::string &content)
{
    Records out;
    std::istringstream in(content);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        out.emplace_back(line);
    }
    return out;
}

std::string parentDir(const std::string &path)
{
    auto p = std::filesystem::path(path).parent_path().lexically_normal().string();
    while (p.size() > 1 && p.back() == '/') p.pop_back();
    return p;
}
} // namespace

std::optional<RDDPtr> FileInputDStream::compute(SimTime validTime)
{
    SparkContext &sc = m_ssc.sparkContext();
    std::vector<RDDPtr> fileRdds;
    std::vector<std::string> names;
    std::string dir = std::filesystem::path(m_dir).lexically_normal().string();
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    // Files from the input log (deterministic scenarios): the ones that appeared by validTime.
    const InputLog &log = m_ssc.simulation().inputLog();
    for (; m_nextLogIndex < log.size() && log[m_nextLogIndex].time <= validTime; ++m_nextLogIndex) {
        const auto &rec = log[m_nextLogIndex];
        if (rec.kind != InputRecord::Kind::File || parentDir(rec.path) != dir) continue;
        if (!m_seen.insert(rec.path).second) continue;
        auto rdd = sc.parallelize(splitLines(rec.text), 1);
        rdd->setOpName("textFileStream");
        fileRdds.push_back(rdd);
        names.push_back(rec.path);
    }
    // Files that appeared in the real directory.
    for (const auto &f : listDirectory()) {
        if (!m_seen.insert(f).second) continue;
        std::ifstream in(f, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        auto rdd = sc.parallelize(splitLines(ss.str()), 1);
        rdd->setOpName("textFileStream");
        fileRdds.push_back(rdd);
        names.push_back(f);
    }
    // FileInputDStream reports the files as metadata with 0 records.
    StreamInputInfo info{id(), 0, {}};
    for (const auto &n : names) info.description += (info.description.empty() ? "" : ", ") + n;
    m_ssc.scheduler().reportInputInfo(validTime, info);
    return sc.unionRDDs(fileRdds);
}

} // namespace dsl
