// JSON lines of BatchInfo for `dstreamlab run --metrics`.
#include "metricswriter.h"

#include "engine/statedstreams.h"
#include "engine/streamingcontext.h"

#include <cstdio>

namespace dsl::app {

namespace {
std::string quote(const std::string &s)
{
    std::string r = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '"': r += "\\\""; break;
        case '\\': r += "\\\\"; break;
        case '\n': r += "\\n"; break;
        case '\r': r += "\\r"; break;
        case '\t': r += "\\t"; break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                r += buf;
            } else {
                r += static_cast<char>(c);
            }
        }
    }
    return r + "\"";
}

std::string opt(const std::optional<SimTime> &t)
{
    return t ? std::to_string(t->ms()) : "null";
}

std::string opt(const std::optional<Duration> &d)
{
    return d ? std::to_string(d->ms()) : "null";
}
} // namespace

std::string MetricsWriter::toJson(const BatchInfo &b)
{
    std::string s = "{\"batchTime\":" + std::to_string(b.batchTime.ms()) +
                    ",\"submissionTime\":" + std::to_string(b.submissionTime.ms()) +
                    ",\"processingStartTime\":" + opt(b.processingStartTime) +
                    ",\"processingEndTime\":" + opt(b.processingEndTime) +
                    ",\"schedulingDelay\":" + opt(b.schedulingDelay()) +
                    ",\"processingDelay\":" + opt(b.processingDelay()) + ",\"totalDelay\":" + opt(b.totalDelay()) +
                    ",\"numRecords\":" + std::to_string(b.numRecords()) + ",\"streamIdToInputInfo\":{";
    bool first = true;
    for (const auto &[id, info] : b.streamIdToInputInfo) {
        if (!first) s += ",";
        first = false;
        s += "\"" + std::to_string(id) + "\":{\"numRecords\":" + std::to_string(info.numRecords) +
             ",\"description\":" + quote(info.description) + "}";
    }
    s += "},\"outputOperationInfos\":[";
    first = true;
    for (const auto &[id, op] : b.outputOperationInfos) {
        if (!first) s += ",";
        first = false;
        s += "{\"id\":" + std::to_string(op.id) + ",\"name\":" + quote(op.name) +
             ",\"description\":" + quote(op.description) + ",\"startTime\":" + opt(op.startTime) +
             ",\"endTime\":" + opt(op.endTime) + ",\"duration\":" + opt(op.duration()) +
             ",\"status\":" + quote(!op.endTime ? "running" : op.failureReason ? "failed" : "succeeded") +
             ",\"failureReason\":" + (op.failureReason ? quote(*op.failureReason) : "null") + "}";
    }
    return s + "]}";
}

void MetricsWriter::onBatchCompleted(const BatchInfo &b)
{
    std::string line = toJson(b);
    if (StreamingContext *ssc = m_sim ? m_sim->activeStreamingContext() : nullptr) {
        // Spark's state metrics (keys added, updated, removed, timed out; total state size)
        std::string state;
        for (const auto &s : ssc->graph().allStreams()) {
            const auto *st = dynamic_cast<const StatefulDStreamBase *>(s.get());
            if (!st) continue;
            const auto all = st->stateMetrics();
            const auto it = all.find(b.batchTime);
            if (it == all.end()) continue;
            const StateMetrics &m = it->second;
            state += std::string(state.empty() ? "" : ",") + "{\"stream\":" + quote(s->toString()) +
                     ",\"keysAdded\":" + std::to_string(m.added) + ",\"keysUpdated\":" + std::to_string(m.updated) +
                     ",\"keysRemoved\":" + std::to_string(m.removed) + ",\"keysTimedOut\":" +
                     std::to_string(m.timedOut) + ",\"totalKeys\":" + std::to_string(m.totalKeys) + "}";
        }
        if (!state.empty()) line.insert(line.size() - 1, ",\"stateMetrics\":[" + state + "]");
    }
    m_out << line << '\n';
    m_out.flush();
}

} // namespace dsl::app
