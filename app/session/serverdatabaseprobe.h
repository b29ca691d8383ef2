// ServerDatabaseProbe: the database view's look at a MySQL/MariaDB server database (the local
// MariaDB DStream Lab runs, or a server named by mysql://), read through Qt's QMYSQL driver when a
// batch completes (docs/database.md, "Server databases in the Database tab").
#pragma once

#include "databasesnapshot.h"

#include <string>

namespace dsl::session {

/// Where the server database is, as the program's connections reach it.
struct ServerDatabase {
    std::string host;
    int port = 3306;
    std::string user;
    std::string password;
    std::string database;
    std::string socket; ///< set: read as this socket's user (a local MariaDB's root), not as `user`
    std::string shown;  ///< what the view prints as the database's place
};

/// What SnapshotBuilder::setDatabaseProbe takes for a server database. Each call (the program's
/// thread, when a batch completes) opens a QMYSQL connection of its own, reads every table (at
/// most DatabaseSnapshot::kMaxRows rows each, by primary key), and closes it; the batch's activity
/// counts come from dstreamlab_db as for SQLite. A row gets a stable rowid the first time the
/// probe sees its primary key (no key: its content), so rows keep their place and the view's
/// new/changed highlights hold; its writer is the batch whose capture first shows it as it is now
/// (a server runs no trigger of ours, so the partition and the task are not known: -1).
/// Rows present at the first capture, `seed`ed before the run starts, are "before this run".
class ServerDatabaseProbe {
public:
    explicit ServerDatabaseProbe(ServerDatabase where);
    ~ServerDatabaseProbe();
    ServerDatabaseProbe(const ServerDatabaseProbe &) = delete;
    ServerDatabaseProbe &operator=(const ServerDatabaseProbe &) = delete;

    /// The tables as the run finds them, remembered as written before it (no snapshot kept).
    void seed();
    /// The database after the batch at batchTime (activity counts included).
    DatabaseSnapshotPtr capture(SimTime batchTime, const DatabaseSnapshot *previous);

    /// True when Qt's QMYSQL driver is installed (Debian: libqt6sql6-mysql).
    static bool driverAvailable();

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace dsl::session
