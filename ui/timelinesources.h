// TimelineSources: who sent the lines of a batch's blocks (the class port's students, a real
// server; InputRecord::source), counted from the snapshot's input log for the stream timeline's
// sources strip and its tool tips. Plain values and pure functions (docs/conventions.md §11).
#pragma once

#include "snapshotfwd.h"

#include <QString>

#include <cstdint>
#include <functional>
#include <memory>
#include <map>
#include <string>
#include <vector>

namespace dsl {
struct BlockInfo;
namespace session {
struct InputLogSnapshot;
}
} // namespace dsl

namespace dsl::ui {

/// One sender's lines in some blocks.
struct SourceCount {
    std::string source;         ///< InputRecord::source; empty: typed into the nc panel (or scripted)
    std::int64_t lines = 0;
    std::int64_t firstLine = 0; ///< input-log index of its first line there (ties keep arrival order)
    bool operator==(const SourceCount &) const = default;
};

/// The senders of the socket lines in `blocks` (each block's lines are the input-log indices
/// firstInput..lastInput that its receiver took: lines for its port or for every port; a Kafka
/// message or a dropped file is no socket line). Most lines first, then first to arrive. Empty
/// when none of the lines has a source, so a run fed only by the nc panel shows nothing new.
/// Lines no longer held in the snapshot are not counted. `receiverPorts`: stream id -> the port
/// its socket receiver reads (receiverPortsOf); a stream not in it takes every port.
std::vector<SourceCount> blockSources(const session::InputLogSnapshot &input, const std::vector<BlockInfo> &blocks,
                                      const std::map<int, int> &receiverPorts);

/// Stream id -> port of every socket receiver of the snapshot ("localhost:9999" -> 9999).
std::map<int, int> receiverPortsOf(const RunSnapshot &s);

/// Whether any of the input lines [from, to) held by the snapshot has a source.
bool anySourced(const session::InputLogSnapshot &input, std::size_t from, std::size_t to);

/// How many chips of `sources` fit in `width` px, left to right, each `gap` px apart, when a
/// "+N" chip for the rest must fit after them too. `chipWidth(i)` is chip i's width;
/// `moreWidth(n)` the width of the "+n" chip. 0 when not even the first fits (then only the
/// "+N" chip, if it fits itself, is drawn).
int chipsThatFit(int count, double width, double gap, const std::function<double(int)> &chipWidth,
                 const std::function<double(int)> &moreWidth);

/// Counts per batch, kept by the view across paints (a batch of a snapshot never changes; its
/// pointer says so): the lines of an hour-long run are not recounted every frame.
struct TimelineSourceCache {
    struct Entry {
        std::shared_ptr<const session::BatchSnapshot> batch;
        std::vector<SourceCount> sources;
    };
    std::uint64_t runId = 0;
    std::map<qint64, Entry> batches; ///< by batch time, ms
    /// The batch's sources, counted now unless cached for this very batch value.
    const std::vector<SourceCount> &sourcesOf(const RunSnapshot &s, qint64 batchTimeMs,
                                              const std::shared_ptr<const session::BatchSnapshot> &batch);
    /// Keeps the batches in [fromMs, toMs] only.
    void keepOnly(qint64 fromMs, qint64 toMs);
};

} // namespace dsl::ui
