// DatabaseSnapshot: the program's SQLite database as it was when a batch completed, for the
// database view (docs/database.md): the tables' first rows, who wrote each, the batch's activity.
#pragma once

#include "engine/simtime.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dsl::python {
struct DbCapture;
}

namespace dsl::session {

/// The task that last wrote a row (its transaction committed).
struct DbRowWriter {
    std::optional<std::int64_t> batchTimeMs; ///< none: the driver, outside any task
    int partition = -1;
    int attempt = 0;
    std::int64_t taskId = -1;
    bool operator==(const DbRowWriter &) const = default;
};

struct DbRow {
    std::int64_t rowid = 0;
    std::vector<std::string> cells;
    std::optional<DbRowWriter> writer; ///< none: written before this run
    bool operator==(const DbRow &) const = default;
};

/// One table; rows by rowid, shared with the batch before where unchanged, so a history of
/// 1,000 batches of a 1,000-row table holds pointers, not copies.
struct DbTableSnapshot {
    std::string name;
    std::vector<std::string> columns;
    std::int64_t totalRows = 0; ///< rows in the table (rows holds at most kMaxRows of them)
    std::vector<std::shared_ptr<const DbRow>> rows;
};

struct DatabaseSnapshot {
    static constexpr int kMaxRows = 1000; ///< rows kept per table and batch
    std::string path;
    bool exists = false; ///< the file is there
    std::vector<std::shared_ptr<const DbTableSnapshot>> tables; ///< by name
    /// What the batch's tasks did: statements sent, connections opened, commits, closes.
    int statements = 0;
    int connectionsOpened = 0;
    int commits = 0;
    int closes = 0;
    /// The database calls' time: charged by the cost model (engine/costmodel.h), and measured in
    /// real wall time (shown beside it; never part of a result, so a replay may differ here).
    std::int64_t simulatedNs = 0;
    std::int64_t wallNs = 0;
    std::string error;

    const DbTableSnapshot *table(const std::string &name) const
    {
        for (const auto &t : tables)
            if (t->name == name) return t.get();
        return nullptr;
    }
};

using DatabaseSnapshotPtr = std::shared_ptr<const DatabaseSnapshot>;

/// The capture as a snapshot, sharing every row (and table) equal to `previous`'s.
DatabaseSnapshotPtr toDatabaseSnapshot(const std::string &path, python::DbCapture &&capture,
                                       const DatabaseSnapshot *previous);

/// What SnapshotBuilder::setDatabaseProbe takes for the SQLite file at `path`: the file and the
/// batch's activity, read when the batch completes (the dashboard's session and the headless
/// lesson runner both record the database this way).
std::function<DatabaseSnapshotPtr(SimTime, const DatabaseSnapshot *)> sqliteDatabaseProbe(std::string path);

} // namespace dsl::session
