// Checkpoint files: a small tagged binary encoding of Values, one file per checkpoint time.
#include "checkpoint.h"

#include "errors.h"
#include "inputdstreams.h"
#include "kafkadstream.h"
#include "simulation.h"
#include "sparkcontext.h"
#include "statedstreams.h"
#include "streamingcontext.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace dsl {

namespace fs = std::filesystem;

namespace {
constexpr char kMagic[] = "DSTREAMLAB-CHECKPOINT-4\n";
/// Before the direct Kafka streams' offsets were recorded: read, with none.
constexpr char kMagicV3[] = "DSTREAMLAB-CHECKPOINT-3\n";
/// The format before the graph's zero time was recorded: read, with no zero time.
constexpr char kMagicV2[] = "DSTREAMLAB-CHECKPOINT-2\n";
static_assert(sizeof kMagic == sizeof kMagicV2, "the header is read at the same offset in both formats");

void putU64(std::string &out, std::uint64_t v)
{
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

std::uint64_t getU64(const char *&p, const char *end)
{
    if (end - p < 8) throw std::runtime_error("truncated");
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
    p += 8;
    return v;
}

void putStr(std::string &out, std::string_view s)
{
    putU64(out, s.size());
    out.append(s.data(), s.size());
}

std::string_view getStr(const char *&p, const char *end)
{
    auto n = getU64(p, end);
    if (static_cast<std::uint64_t>(end - p) < n) throw std::runtime_error("truncated");
    std::string_view s(p, n);
    p += n;
    return s;
}
} // namespace

void CheckpointFiles::serialize(const Value &v, std::string &out)
{
    out.push_back(static_cast<char>(v.type()));
    switch (v.type()) {
    case Value::Type::None: break;
    case Value::Type::Bool: out.push_back(v.asBool() ? 1 : 0); break;
    case Value::Type::Int: putU64(out, static_cast<std::uint64_t>(v.asInt())); break;
    case Value::Type::Float: {
        double d = v.asFloat();
        std::uint64_t bits;
        std::memcpy(&bits, &d, sizeof bits);
        putU64(out, bits);
        break;
    }
    case Value::Type::Str:
    case Value::Type::Bytes: putStr(out, v.asStr()); break;
    case Value::Type::Tuple:
    case Value::Type::List:
        putU64(out, v.size());
        for (auto it = v.itemsBegin(); it != v.itemsEnd(); ++it) serialize(*it, out);
        break;
    case Value::Type::Dict:
        putU64(out, v.dictItems().size());
        for (const auto &[k, x] : v.dictItems()) {
            serialize(k, out);
            serialize(x, out);
        }
        break;
    case Value::Type::Object:
        throw NotSerializableException(v.typeName() + " (a state value DStream Lab cannot write to a checkpoint: "
                                                      "use numbers, strings, tuples, lists or dicts)");
    }
}

void CheckpointFiles::putCount(std::string &out, std::uint64_t n)
{
    putU64(out, n);
}

std::uint64_t CheckpointFiles::getCount(const char *&p, const char *end)
{
    return getU64(p, end);
}

namespace {
/// As deep as PySpark can checkpoint a Python value at all: pickle stops at the interpreter's
/// recursion limit (1000) with a RecursionError. Deeper bytes are a damaged file, and the reader's
/// recursion stays far from the stack's end.
constexpr int kMaxDepth = 1000;

Value readValue(const char *&p, const char *end, int depth);
} // namespace

Value CheckpointFiles::deserialize(const char *&p, const char *end)
{
    return readValue(p, end, 0);
}

namespace {
Value readValue(const char *&p, const char *end, int depth)
{
    if (p >= end) throw std::runtime_error("truncated");
    if (depth > kMaxDepth) throw std::runtime_error("values nested more than " + std::to_string(kMaxDepth) + " deep");
    auto type = static_cast<Value::Type>(*p++);
    switch (type) {
    case Value::Type::None: return Value();
    case Value::Type::Bool:
        if (p >= end) throw std::runtime_error("truncated");
        return Value(*p++ != 0);
    case Value::Type::Int: return Value(static_cast<long long>(getU64(p, end)));
    case Value::Type::Float: {
        std::uint64_t bits = getU64(p, end);
        double d;
        std::memcpy(&d, &bits, sizeof d);
        return Value(d);
    }
    case Value::Type::Str: return Value(getStr(p, end));
    case Value::Type::Bytes: return Value::bytes(getStr(p, end));
    case Value::Type::Tuple:
    case Value::Type::List: {
        auto n = getU64(p, end);
        if (n > static_cast<std::uint64_t>(end - p)) throw std::runtime_error("bad length");
        std::vector<Value> items;
        items.reserve(n);
        for (std::uint64_t i = 0; i < n; ++i) items.push_back(readValue(p, end, depth + 1));
        if (type == Value::Type::List) return Value::list(std::move(items));
        if (items.size() == 2) return Value::pair(items[0], items[1]);
        return Value::tuple(std::move(items));
    }
    case Value::Type::Dict: {
        auto n = getU64(p, end);
        if (n > static_cast<std::uint64_t>(end - p)) throw std::runtime_error("bad length");
        std::vector<std::pair<Value, Value>> items;
        for (std::uint64_t i = 0; i < n; ++i) {
            Value k = readValue(p, end, depth + 1);
            items.emplace_back(std::move(k), readValue(p, end, depth + 1));
        }
        try {
            return Value::dict(std::move(items));
        } catch (const ValueTypeError &e) { // a list or dict as a key: no writer makes that
            throw std::runtime_error(std::string("bad dict key: ") + e.what());
        }
    }
    case Value::Type::Object: break;
    }
    throw std::runtime_error("unknown value tag");
}
} // namespace

namespace {
constexpr char kStateMagic[] = "DSTREAMLAB-STATE-1\n";

/// Files "<prefix><ms>" (no suffix) in dir, oldest first.
std::vector<std::pair<std::int64_t, fs::path>> listFiles(const std::string &dir, const std::string &prefix)
{
    std::error_code ec;
    std::vector<std::pair<std::int64_t, fs::path>> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const auto name = it->path().filename().string();
        if (name.rfind(prefix, 0) != 0 || name.find('.') != std::string::npos) continue;
        const std::string rest = name.substr(prefix.size());
        if (rest.empty() || rest.find_first_not_of("0123456789") != std::string::npos) continue;
        try {
            files.emplace_back(std::stoll(rest), it->path());
        } catch (...) {
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

void writeAtomically(const fs::path &final, const std::string &content)
{
    std::error_code ec;
    fs::create_directories(final.parent_path(), ec);
    const fs::path tmp = final.string() + ".tmp";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f) throw SparkException("Could not write checkpoint file " + tmp.string());
        f.write(content.data(), static_cast<std::streamsize>(content.size()));
        if (!f) throw SparkException("Could not write checkpoint file " + tmp.string());
    }
    fs::rename(tmp, final, ec);
    if (ec) throw SparkException("Could not write checkpoint file " + final.string() + ": " + ec.message());
}

void keepNewest(const std::string &dir, const std::string &prefix, int keep)
{
    std::error_code ec;
    auto files = listFiles(dir, prefix);
    for (std::size_t i = 0; i + static_cast<std::size_t>(keep) < files.size(); ++i) fs::remove(files[i].second, ec);
}

std::string readAll(const fs::path &path)
{
    std::ifstream f(path, std::ios::binary);
    if (!f) throw std::runtime_error("cannot open " + path.string());
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

std::string stateName(int index, std::int64_t ms)
{
    return "state-" + std::to_string(index) + "-" + std::to_string(ms);
}
} // namespace

void CheckpointFiles::writeState(const std::string &dir, int index, SimTime time, const std::vector<Records> &parts,
                                 int keep)
{
    std::string out(kStateMagic);
    putU64(out, parts.size());
    for (const auto &part : parts) {
        putU64(out, part.size());
        for (const auto &v : part) serialize(v, out);
    }
    writeAtomically(fs::path(dir) / stateName(index, time.ms()), out);
    keepNewest(dir, "state-" + std::to_string(index) + "-", keep);
}

void CheckpointFiles::write(const std::string &dir, const CheckpointData &data, int keep)
{
    std::string out(kMagic);
    putU64(out, static_cast<std::uint64_t>(data.batchTime.ms()));
    putU64(out, static_cast<std::uint64_t>(data.batchDuration.ms()));
    putU64(out, data.zeroTime ? 1 : 0);
    putU64(out, static_cast<std::uint64_t>(data.zeroTime.value_or(SimTime(0)).ms()));
    putU64(out, data.graph.size());
    for (const auto &g : data.graph) putStr(out, g);
    putU64(out, data.pendingTimes.size());
    for (SimTime t : data.pendingTimes) putU64(out, static_cast<std::uint64_t>(t.ms()));
    putU64(out, data.stateTimes.size());
    for (const auto &[index, t] : data.stateTimes) {
        putU64(out, static_cast<std::uint64_t>(index));
        putU64(out, static_cast<std::uint64_t>(t.ms()));
    }
    putU64(out, data.kafka.size());
    for (const auto &[index, k] : data.kafka) {
        putU64(out, static_cast<std::uint64_t>(index));
        putU64(out, k.current.size());
        for (const auto &[tp, offset] : k.current) {
            putStr(out, tp.first);
            putU64(out, static_cast<std::uint64_t>(tp.second));
            putU64(out, static_cast<std::uint64_t>(offset));
        }
        putU64(out, k.batches.size());
        for (const auto &[t, ranges] : k.batches) {
            putU64(out, static_cast<std::uint64_t>(t.ms()));
            putU64(out, ranges.size());
            for (const auto &r : ranges) {
                putStr(out, r.topic);
                putU64(out, static_cast<std::uint64_t>(r.partition));
                putU64(out, static_cast<std::uint64_t>(r.from));
                putU64(out, static_cast<std::uint64_t>(r.until));
            }
        }
    }
    writeAtomically(fs::path(dir) / ("checkpoint-" + std::to_string(data.batchTime.ms())), out);
    // CheckpointWriter keeps a few recent files and deletes older ones.
    keepNewest(dir, "checkpoint-", keep);
}

std::optional<CheckpointData> CheckpointFiles::readLatest(const std::string &dir)
{
    auto files = listFiles(dir, "checkpoint-");
    if (files.empty()) return std::nullopt;
    std::sort(files.rbegin(), files.rend());
    std::string lastError;
    for (const auto &[t, path] : files) {
        try {
            const std::string content = readAll(path);
            const bool v4 = content.compare(0, std::strlen(kMagic), kMagic) == 0;
            const bool v3 = v4 || content.compare(0, std::strlen(kMagicV3), kMagicV3) == 0;
            if (!v3 && content.compare(0, std::strlen(kMagicV2), kMagicV2) != 0)
                throw std::runtime_error("not a DStream Lab checkpoint");
            const char *p = content.data() + std::strlen(kMagic), *end = content.data() + content.size();
            CheckpointData d;
            d.batchTime = SimTime(static_cast<std::int64_t>(getU64(p, end)));
            d.batchDuration = Duration(static_cast<std::int64_t>(getU64(p, end)));
            // The file is named after the time it holds (CheckpointWriter: checkpoint-<time>); a
            // batch duration is positive. Anything else is a damaged file, never a time to restart at.
            if (d.batchTime.ms() != t) throw std::runtime_error("holds the checkpoint of " + d.batchTime.toString());
            if (d.batchDuration.ms() <= 0) throw std::runtime_error("bad batch duration " + d.batchDuration.toString());
            if (v3) {
                const bool hasZero = getU64(p, end) != 0;
                const SimTime zero(static_cast<std::int64_t>(getU64(p, end)));
                if (hasZero) d.zeroTime = zero;
            }
            auto n = getU64(p, end);
            if (n > static_cast<std::uint64_t>(end - p)) throw std::runtime_error("bad length");
            for (std::uint64_t i = 0; i < n; ++i) d.graph.emplace_back(getStr(p, end));
            // QueueInputDStream.readObject
            for (const auto &g : d.graph)
                if (g.rfind("QueueInputDStream@", 0) == 0)
                    throw NotSerializableException("queueStream doesn't support checkpointing. Please don't use "
                                                   "queueStream when checkpointing is enabled.");
            n = getU64(p, end);
            if (n > static_cast<std::uint64_t>(end - p)) throw std::runtime_error("bad length");
            for (std::uint64_t i = 0; i < n; ++i) d.pendingTimes.emplace_back(static_cast<std::int64_t>(getU64(p, end)));
            n = getU64(p, end);
            if (n > static_cast<std::uint64_t>(end - p)) throw std::runtime_error("bad length");
            for (std::uint64_t i = 0; i < n; ++i) {
                const int index = static_cast<int>(getU64(p, end));
                const SimTime rddTime(static_cast<std::int64_t>(getU64(p, end)));
                // DStreamCheckpointData.restore: the RDD checkpoint file of that time
                const std::string state = readAll(fs::path(dir) / stateName(index, rddTime.ms()));
                if (state.compare(0, std::strlen(kStateMagic), kStateMagic) != 0)
                    throw std::runtime_error("not a DStream Lab state checkpoint");
                const char *q = state.data() + std::strlen(kStateMagic), *qend = state.data() + state.size();
                auto nparts = getU64(q, qend);
                if (nparts > static_cast<std::uint64_t>(qend - q)) throw std::runtime_error("bad length");
                std::vector<Records> parts;
                for (std::uint64_t k = 0; k < nparts; ++k) {
                    auto nrec = getU64(q, qend);
                    if (nrec > static_cast<std::uint64_t>(qend - q)) throw std::runtime_error("bad length");
                    Records recs;
                    recs.reserve(nrec);
                    for (std::uint64_t j = 0; j < nrec; ++j) recs.push_back(deserialize(q, qend));
                    parts.push_back(std::move(recs));
                }
                d.states[index] = std::move(parts);
                d.stateTimes[index] = rddTime;
            }
            if (v4) {
                auto bounded = [&](std::uint64_t count) {
                    if (count > static_cast<std::uint64_t>(end - p)) throw std::runtime_error("bad length");
                    return count;
                };
                const auto nstreams = bounded(getU64(p, end));
                for (std::uint64_t i = 0; i < nstreams; ++i) {
                    CheckpointData::KafkaStream &k = d.kafka[static_cast<int>(getU64(p, end))];
                    const auto ncurrent = bounded(getU64(p, end));
                    for (std::uint64_t j = 0; j < ncurrent; ++j) {
                        std::string topic(getStr(p, end));
                        const int partition = static_cast<int>(getU64(p, end));
                        k.current[{std::move(topic), partition}] = static_cast<std::int64_t>(getU64(p, end));
                    }
                    const auto nbatches = bounded(getU64(p, end));
                    for (std::uint64_t j = 0; j < nbatches; ++j) {
                        auto &ranges = k.batches[SimTime(static_cast<std::int64_t>(getU64(p, end)))];
                        const auto nranges = bounded(getU64(p, end));
                        for (std::uint64_t r = 0; r < nranges; ++r) {
                            CheckpointData::KafkaRange range;
                            range.topic = std::string(getStr(p, end));
                            range.partition = static_cast<int>(getU64(p, end));
                            range.from = static_cast<std::int64_t>(getU64(p, end));
                            range.until = static_cast<std::int64_t>(getU64(p, end));
                            ranges.push_back(std::move(range));
                        }
                    }
                }
            }
            return d;
        } catch (const SparkError &e) {
            lastError = e.what();
        } catch (const std::exception &e) {
            lastError = "java.io.IOException: " + path.string() + ": " + e.what();
        }
    }
    // CheckpointReader.read: new SparkException(s"Failed to read checkpoint from directory $checkpointPath", readError)
    throw SparkException("Failed to read checkpoint from directory " + dir + "\nCaused by: " + lastError);
}

void writeCheckpoint(StreamingContext &ssc, SimTime t, const std::vector<SimTime> &pendingTimes)
{
    const auto &dir = ssc.sparkContext().checkpointDir();
    if (!dir) return;
    Simulation &sim = ssc.simulation();
    CheckpointData data;
    data.batchTime = t;
    data.batchDuration = ssc.batchDuration();
    data.zeroTime = ssc.graph().zeroTime();
    data.pendingTimes = pendingTimes;
    for (const auto &in : ssc.graph().inputStreams()) {
        data.graph.push_back(in->toString());
        // QueueInputDStream.writeObject
        if (std::dynamic_pointer_cast<QueueInputDStream>(in))
            sim.log(LogLevel::Warn, "QueueInputDStream", "queueStream doesn't support checkpointing");
    }
    for (const auto &s : ssc.graph().allStreams())
        if (!std::dynamic_pointer_cast<InputDStream>(s)) data.graph.push_back(s->toString());
    int index = 0;
    try {
        for (const auto &s : ssc.graph().allStreams()) {
            if (!s->carriesState()) continue;
            const auto &rdds = s->generatedRDDs();
            if (auto it = rdds.find(t); it != rdds.end())
                if (const auto *parts = it->second->checkpointPartitions()) {
                    if (dynamic_cast<const InternalMapWithStateDStream *>(s.get()))
                        CheckpointFiles::writeState(*dir, index, t, InternalMapWithStateDStream::toCheckpoint(*parts, t));
                    else
                        CheckpointFiles::writeState(*dir, index, t, *parts);
                    sim.trace("checkpoint-rdd", s->toString() + " " + t.toString());
                }
            // The newest checkpointed RDD still remembered (remember >= 2 x checkpoint interval).
            for (auto it = rdds.rbegin(); it != rdds.rend(); ++it)
                if (it->first <= t && it->second->checkpointPartitions()) {
                    data.stateTimes[index] = it->first;
                    break;
                }
            if (!data.stateTimes.count(index))
                if (auto r = ssc.restoredStateFiles().find(index); r != ssc.restoredStateFiles().end())
                    data.stateTimes[index] = r->second;
            ++index;
        }
        // DirectKafkaInputDStreamCheckpointData.update: every generated RDD's offset ranges.
        int kafkaIndex = 0;
        for (const auto &s : ssc.graph().allStreams()) {
            const auto *direct = dynamic_cast<const DirectKafkaInputDStream *>(s.get());
            if (!direct) continue;
            CheckpointData::KafkaStream &k = data.kafka[kafkaIndex++];
            for (const auto &[tp, offset] : direct->currentOffsets()) k.current[{tp.topic, tp.partition}] = offset;
            for (const auto &[time, rdd] : direct->generatedRDDs())
                if (const auto *kr = dynamic_cast<const KafkaRDD *>(rdd.get()))
                    for (const auto &r : kr->offsetRanges())
                        k.batches[time].push_back({r.tp.topic, r.tp.partition, r.fromOffset, r.untilOffset});
        }
        CheckpointFiles::write(*dir, data);
        sim.trace("checkpoint", t.toString());
    } catch (const std::exception &e) {
        sim.log(LogLevel::Warn, "CheckpointWriter", std::string("Could not write checkpoint for time ") + t.toString() +
                                                          ": " + e.what());
    }
}

} // namespace dsl
