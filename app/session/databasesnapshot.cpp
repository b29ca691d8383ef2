// DatabaseSnapshot: a DbCapture turned into the shared value a batch keeps.
#include "databasesnapshot.h"

#include "engine/python/databaseprobe.h"

#include <algorithm>

namespace dsl::session {

DatabaseSnapshotPtr toDatabaseSnapshot(const std::string &path, python::DbCapture &&capture, const DatabaseSnapshot *previous)
{
    auto s = std::make_shared<DatabaseSnapshot>();
    s->path = path;
    s->exists = capture.exists;
    s->statements = capture.statements;
    s->connectionsOpened = capture.connects;
    s->simulatedNs = capture.simulatedNs;
    s->wallNs = capture.wallNs;
    s->commits = capture.commits;
    s->closes = capture.closes;
    s->error = std::move(capture.error);
    for (auto &t : capture.tables) {
        const DbTableSnapshot *before = previous ? previous->table(t.name) : nullptr;
        auto table = std::make_shared<DbTableSnapshot>();
        table->name = std::move(t.name);
        table->columns = std::move(t.columns);
        table->totalRows = t.totalRows;
        bool same = before && before->columns == table->columns && before->totalRows == table->totalRows &&
                    before->rows.size() == t.rows.size();
        std::size_t k = 0; // rows of both are sorted by rowid: one merge pass
        for (auto &r : t.rows) {
            DbRow row{r.rowid, std::move(r.cells), std::nullopt};
            if (r.writer) row.writer = DbRowWriter{r.writer->batchTimeMs, r.writer->partition, r.writer->attempt, r.writer->taskId};
            while (before && k < before->rows.size() && before->rows[k]->rowid < row.rowid) ++k;
            if (before && k < before->rows.size() && *before->rows[k] == row) {
                table->rows.push_back(before->rows[k]);
            } else {
                same = false;
                table->rows.push_back(std::make_shared<const DbRow>(std::move(row)));
            }
        }
        if (same) {
            for (const auto &p : previous->tables)
                if (p.get() == before) s->tables.push_back(p);
        } else {
            s->tables.push_back(std::move(table));
        }
    }
    return s;
}

std::function<DatabaseSnapshotPtr(SimTime, const DatabaseSnapshot *)> sqliteDatabaseProbe(std::string path)
{
    return [path = std::move(path)](SimTime batchTime, const DatabaseSnapshot *previous) {
        return toDatabaseSnapshot(path, python::captureDatabase(path, batchTime.ms(), DatabaseSnapshot::kMaxRows), previous);
    };
}

} // namespace dsl::session
