// Forward declarations of the snapshot values, for headers that moc reads: Qt 6.4's moc cannot
// parse <compare>, which every engine header includes, so Q_OBJECT headers include this instead.
#pragma once

#include <memory>

namespace dsl::session {
struct RunSnapshot;
struct BatchSnapshot;
struct RddBoxSnapshot;
struct StreamSnapshot;
using RunSnapshotPtr = std::shared_ptr<const RunSnapshot>;
struct DatabaseSnapshot;
struct DbTableSnapshot;
struct DbRow;
struct KafkaPartitionSnapshot;
using DatabaseSnapshotPtr = std::shared_ptr<const DatabaseSnapshot>;
} // namespace dsl::session
