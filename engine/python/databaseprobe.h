// DatabaseProbe: the host's look at the program's SQLite database (dstreamlab_db/activity.py) as
// plain values, and the file's content kept and put back around a replay (docs/database.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dsl::python {

/// The task that last wrote a row (committed), as dstreamlab_db saw it running.
struct DbWriterCapture {
    std::optional<std::int64_t> batchTimeMs; ///< none: the driver (code outside any task)
    int partition = -1;
    int attempt = 0;
    std::int64_t taskId = -1;
};

struct DbRowCapture {
    std::int64_t rowid = 0;
    std::vector<std::string> cells; ///< as text: NULL, numbers as Python prints them
    std::optional<DbWriterCapture> writer; ///< none: written before this run, or not seen
};

struct DbTableCapture {
    std::string name;
    std::vector<std::string> columns;
    std::int64_t totalRows = 0;
    std::vector<DbRowCapture> rows; ///< the first maxRows by rowid
};

struct DbCapture {
    bool exists = false;           ///< the file is there (the program connected at least once)
    std::vector<DbTableCapture> tables; ///< by name
    /// What the tasks of the batch did (dstreamlab_db counts every call under its task's batch).
    int statements = 0;
    int connects = 0;
    int commits = 0;
    int closes = 0;
    std::int64_t simulatedNs = 0;  ///< what the cost model charged the batch's tasks for them
    std::int64_t wallNs = 0;       ///< what they really took (shown only: enters no result)
    std::string error;             ///< the file could not be read (locked, not a database)
};

/// The SQLite file at `path` now, and the counts of the batch at batchTimeMs. On the runtime's
/// thread; takes the GIL. Reads only: no program code runs, nothing is charged.
DbCapture captureDatabase(const std::string &path, std::int64_t batchTimeMs, int maxRows);

/// The file's content (SQLite's serialize), nullopt when there is no file; `error` set on failure.
std::optional<std::string> databaseImage(const std::string &path, std::string *error);

/// Puts `image` back into the file (nullopt: an empty database) through SQLite's backup API, and
/// forgets the writers of the rows; false with `error` on failure.
bool restoreDatabase(const std::string &path, const std::optional<std::string> &image, std::string *error);

} // namespace dsl::python
