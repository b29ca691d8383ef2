// Hand-written Kafka histories for the Kafka tab's tests: batches with offset ranges and the
// messages appended since the batch before, and a RunDriver that publishes them.
#pragma once

// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/runsnapshot.h"
#include "ui/sessioncommands.h"
#endif
#include "snapshotdriver.h"

#include <memory>
#include <vector>

namespace kafkatest {

using namespace dsl;
using namespace dsl::session;

constexpr std::int64_t kStart = 1'795'514'400'000; // 2026-11-24 10:00:00 UTC

/// test-N's state after a batch: log [logStart, logEnd), the batch's range [from, until).
inline KafkaPartitionSnapshot partition(int p, std::int64_t logStart, std::int64_t logEnd, std::int64_t from,
                                        std::int64_t until, std::optional<std::int64_t> committed = std::nullopt,
                                        bool checkpointed = false, std::string group = {}, std::string state = {})
{
    KafkaPartitionSnapshot s{"test", p, 0, logStart, logEnd, from, until};
    s.committed = committed;
    s.checkpointed = checkpointed;
    s.group = std::move(group);
    s.groupState = std::move(state);
    return s;
}

/// A message of test-N produced at `atMs` after the start.
inline KafkaMessageSnapshot message(int p, std::int64_t offset, std::int64_t atMs, std::optional<std::string> key,
                                    std::string value)
{
    return {"test", p, offset, SimTime(kStart + atMs), std::move(key), std::move(value)};
}

struct BatchSpec {
    std::vector<KafkaPartitionSnapshot> partitions;
    std::vector<KafkaMessageSnapshot> messages;
};

/// Batch k (1-based) at kStart + k s, completed 100 ms later.
inline std::shared_ptr<RunSnapshot> history(const std::vector<BatchSpec> &batches)
{
    auto s = std::make_shared<RunSnapshot>();
    s->phase = RunPhase::Paused;
    s->startTime = SimTime(kStart);
    s->batchInterval = Duration(1000);
    StreamSnapshot st;
    st.id = 0;
    st.className = "DirectKafkaInputDStream";
    st.isInput = true;
    st.kafkaTopics = {"test"};
    s->streams.push_back(st);
    for (std::size_t k = 1; k <= batches.size(); ++k) {
        auto b = std::make_shared<BatchSnapshot>();
        b->info.batchTime = SimTime(kStart + static_cast<std::int64_t>(k) * 1000);
        b->info.submissionTime = b->info.batchTime;
        b->info.processingStartTime = b->info.batchTime;
        b->info.processingEndTime = b->info.batchTime + Duration(100);
        const BatchSpec &spec = batches[k - 1];
        if (!spec.partitions.empty()) b->kafka = std::make_shared<const std::vector<KafkaPartitionSnapshot>>(spec.partitions);
        if (!spec.messages.empty()) b->kafkaMessages = std::make_shared<const std::vector<KafkaMessageSnapshot>>(spec.messages);
        b->evaluated = true;
        s->batches.emplace(b->info.batchTime, b);
    }
    s->completedBatches = static_cast<int>(batches.size());
    s->headCompletedBatches = s->completedBatches;
    return s;
}

/// The tests' run, worked by hand. test-0 gets messages at 0.1, 0.3, 0.5, 1.2, 1.4 s (offsets
/// 0-4), test-1 at 0.2, 0.4, 1.3 s (0-2); each batch reads at most 2 per partition:
///   batch 1 (10:00:01): test-0 [0, 2) of 3 (lag 1), test-1 [0, 2) of 2 (lag 0)
///   batch 2 (10:00:02): test-0 [2, 4) of 5 (lag 1), test-1 [2, 3) of 3 (lag 0)
///   batch 3 (10:00:03): test-0 [4, 5) of 5 (lag 0), test-1 [3, 3) of 3 (lag 0)
inline std::shared_ptr<RunSnapshot> twoPartitionRun()
{
    return history({
        {{partition(0, 0, 3, 0, 2), partition(1, 0, 2, 0, 2)},
         {message(0, 0, 100, std::nullopt, "hello spark"), message(0, 1, 300, "user-1", "hello kafka"),
          message(0, 2, 500, std::nullopt, "spark streaming"), message(1, 0, 200, std::nullopt, "kafka direct"),
          message(1, 1, 400, std::nullopt, "hello lag")}},
        {{partition(0, 0, 5, 2, 4), partition(1, 0, 3, 2, 3)},
         {message(0, 3, 1200, std::nullopt, "late one"), message(0, 4, 1400, "user-2", "later one"),
          message(1, 2, 1300, std::nullopt, "in between")}},
        {{partition(0, 0, 5, 4, 5), partition(1, 0, 3, 3, 3)}, {}},
    });
}

/// Publishes the snapshots it is given (no program runs), as "kafka.py".
struct SnapshotDriver final : uitest::SnapshotDriver {
    SnapshotDriver() : uitest::SnapshotDriver(QStringLiteral("kafka.py")) {}
};

} // namespace kafkatest
