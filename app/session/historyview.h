// History view: the run as it was when a batch of its history completed, derived from the
// newest snapshot alone (stepping back browses; it never runs anything again).
#pragma once

#include "runsnapshot.h"

#include <optional>

namespace dsl::session {

/// The run as it was when batch `cursor` completed: later batches are not shown, the clock is
/// the batch's processing end, the console holds what was printed by then, the input the lines
/// that had arrived by then. Shares every batch value with `head`.
/// Its serial is head's plus `view` (1..65535), so each value shown has a new serial.
RunSnapshotPtr historyAt(const RunSnapshotPtr &head, SimTime cursor, std::uint16_t view = 1);

/// The completed batch before `from` in head's history; from the head (nullopt): the newest
/// completed batch, or the one before it when a live run rests right at its completion.
std::optional<SimTime> previousCompletedBatch(const RunSnapshot &head, std::optional<SimTime> from);

/// The completed batch after `from`; nullopt when that is where the head rests (or nothing
/// follows): browsing has reached the run's head.
std::optional<SimTime> nextCompletedBatch(const RunSnapshot &head, SimTime from);

} // namespace dsl::session
