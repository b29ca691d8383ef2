// Hand-written histories for the Streaming tab's tests: batches with their timing, records,
// output operations and failures, and a RunDriver that publishes them (no program runs).
#pragma once

// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/runsnapshot.h"
#include "ui/sessioncommands.h"
#endif
#include "snapshotdriver.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace streamingtest {

using namespace dsl;
using namespace dsl::session;

constexpr std::int64_t kStart = 1'795'514'400'000; // 2026-11-24 10:00:00 UTC

/// One batch: its records, and how it went. A waiting batch has no start; a running one no end.
struct Batch {
    std::int64_t records = 0;
    std::int64_t schedulingMs = 0;
    std::int64_t processingMs = 100;
    enum State { Waiting, Running, Completed } state = Completed;
    int outputOps = 1;
    /// Output operation 0 failed with this reason (empty: none failed).
    std::string failure;
    /// Only the first `endedOps` operations have ended (-1: all, as the state says).
    int endedOps = -1;
};

/// Batch k (1-based) at kStart + k * interval, submitted at its time.
inline std::shared_ptr<RunSnapshot> run(const std::vector<Batch> &batches, std::int64_t intervalMs = 1000)
{
    auto s = std::make_shared<RunSnapshot>();
    s->phase = RunPhase::Paused;
    s->hasContext = true;
    s->startTime = SimTime(kStart);
    s->batchInterval = Duration(intervalMs);
    StreamSnapshot st;
    st.id = 0;
    st.className = "SocketInputDStream";
    st.isInput = true;
    st.hasReceiver = true;
    s->streams.push_back(st);
    int completed = 0;
    for (std::size_t k = 1; k <= batches.size(); ++k) {
        const Batch &spec = batches[k - 1];
        auto b = std::make_shared<BatchSnapshot>();
        BatchInfo &i = b->info;
        i.batchTime = SimTime(kStart + static_cast<std::int64_t>(k) * intervalMs);
        i.submissionTime = i.batchTime;
        i.streamIdToInputInfo[0] = StreamInputInfo{0, spec.records, {}, std::nullopt};
        if (spec.state != Batch::Waiting) i.processingStartTime = i.batchTime + Duration(spec.schedulingMs);
        if (spec.state == Batch::Completed) i.processingEndTime = *i.processingStartTime + Duration(spec.processingMs);
        for (int op = 0; op < spec.outputOps; ++op) {
            OutputOperationInfo o;
            o.batchTime = i.batchTime;
            o.id = op;
            o.name = "foreachRDD at wordcount.py:" + std::to_string(20 + op);
            const bool ended = spec.endedOps < 0 ? spec.state == Batch::Completed : op < spec.endedOps;
            if (spec.state != Batch::Waiting) o.startTime = i.processingStartTime;
            if (ended) o.endTime = i.processingStartTime ? *i.processingStartTime + Duration(spec.processingMs) : i.batchTime;
            if (op == 0 && !spec.failure.empty() && ended) o.failureReason = spec.failure;
            i.outputOperationInfos[op] = o;
        }
        b->evaluated = spec.state == Batch::Completed;
        if (spec.state == Batch::Completed) ++completed;
        s->batches.emplace(i.batchTime, b);
    }
    s->completedBatches = completed;
    s->headCompletedBatches = completed;
    const std::int64_t last = batches.empty() ? kStart : kStart + static_cast<std::int64_t>(batches.size()) * intervalMs;
    s->now = SimTime(last + 500);
    s->clock = s->now;
    return s;
}

/// Publishes the snapshots it is given (no program runs), as "wordcount.py".
struct SnapshotDriver final : uitest::SnapshotDriver {
    SnapshotDriver() : uitest::SnapshotDriver(QStringLiteral("wordcount.py")) {}
};

} // namespace streamingtest
