// ServerDatabaseProbe: a server database's tables through QMYSQL, as the rows the view shows.
#include "serverdatabaseprobe.h"

#include "engine/python/databaseprobe.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlRecord>

#include <algorithm>
#include <atomic>
#include <map>

namespace dsl::session {

namespace {

/// A cell as the SQLite capture prints it (dstreamlab_db/activity.py `_text`): NULL, numbers as
/// Python prints them, bytes as their length.
std::string cellText(const QVariant &v)
{
    if (v.isNull()) return "NULL";
    switch (v.typeId()) {
    case QMetaType::QByteArray: return "<" + std::to_string(v.toByteArray().size()) + " bytes>";
    case QMetaType::Double:
    case QMetaType::Float: {
        QString s = QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest);
        if (!s.contains(u'.') && !s.contains(u'e') && !s.contains(u'n')) s += QStringLiteral(".0"); // Python's repr
        return s.toStdString();
    }
    case QMetaType::QDateTime: return v.toDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")).toStdString();
    case QMetaType::QDate: return v.toDate().toString(QStringLiteral("yyyy-MM-dd")).toStdString();
    default: return v.toString().toStdString();
    }
}

std::atomic<unsigned> g_connections{0};

/// One table as read: its columns, its row count and its first rows with their keys.
struct TableRead {
    std::string name;
    std::vector<std::string> columns;
    std::int64_t total = 0;
    std::vector<std::pair<std::string, std::vector<std::string>>> rows; ///< (key, cells)
};

} // namespace

struct ServerDatabaseProbe::State {
    ServerDatabase where;
    bool driver = false; ///< Qt's QMYSQL plugin is there (looked up once, not per batch)
    struct Keys {
        std::map<std::string, std::int64_t> ids; ///< key -> the rowid the view knows it by
        std::int64_t next = 0;
    };
    std::map<std::string, Keys> keys;                                    ///< by table
    std::map<std::string, std::map<std::string, std::vector<std::string>>> before; ///< seeded rows

    /// Every table of the database now; false with `error` when the server could not be read,
    /// and `exists` false (no error) while the program has not created its database yet.
    bool read(std::vector<TableRead> &out, bool &exists, std::string &error) const;
    std::int64_t idOf(const std::string &table, const std::string &key)
    {
        Keys &k = keys[table];
        auto [it, added] = k.ids.emplace(key, k.next + 1);
        if (added) ++k.next;
        return it->second;
    }
};

bool ServerDatabaseProbe::State::read(std::vector<TableRead> &out, bool &exists, std::string &error) const
{
    exists = false;
    const QString name = QStringLiteral("dstreamlab-server-probe-%1").arg(++g_connections);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QMYSQL"), name);
        db.setHostName(QString::fromStdString(where.host));
        db.setPort(where.port);
        db.setUserName(QString::fromStdString(where.user));
        db.setPassword(QString::fromStdString(where.password));
        db.setDatabaseName(QString::fromStdString(where.database));
        QString options = QStringLiteral("MYSQL_OPT_CONNECT_TIMEOUT=2;MYSQL_OPT_READ_TIMEOUT=10");
        if (!where.socket.empty()) options += QStringLiteral(";UNIX_SOCKET=") + QString::fromStdString(where.socket);
        db.setConnectOptions(options);
        if (!db.open()) {
            const QSqlError e = db.lastError();
            // 1049 unknown database, 1045/1044 access denied: a local MariaDB creates the program's
            // database and user at its first connect, so until then there is nothing to show.
            const QString code = e.nativeErrorCode();
            if (code != QLatin1String("1049") && code != QLatin1String("1045") && code != QLatin1String("1044"))
                error = "the server could not be read through Qt's QMYSQL driver: " + e.text().toStdString();
        } else {
            exists = true;
            QStringList tables = db.tables(QSql::Tables);
            std::sort(tables.begin(), tables.end());
            for (const QString &t : tables) {
                TableRead table;
                table.name = t.toStdString();
                const QString quoted = db.driver()->escapeIdentifier(t, QSqlDriver::TableName);
                const QSqlRecord record = db.record(t);
                for (int i = 0; i < record.count(); ++i) table.columns.push_back(record.fieldName(i).toStdString());
                std::vector<int> keyColumns;
                const QSqlIndex primary = db.primaryIndex(t);
                for (int i = 0; i < primary.count(); ++i) keyColumns.push_back(record.indexOf(primary.fieldName(i)));
                QString order;
                if (!keyColumns.empty()) {
                    for (int i = 0; i < primary.count(); ++i)
                        order += (i ? QStringLiteral(", ") : QString()) +
                                 db.driver()->escapeIdentifier(primary.fieldName(i), QSqlDriver::FieldName);
                } else {
                    for (int i = 1; i <= record.count(); ++i) order += (i > 1 ? QStringLiteral(", ") : QString()) + QString::number(i);
                }
                QSqlQuery count(db);
                if (count.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(quoted)) && count.next())
                    table.total = count.value(0).toLongLong();
                QSqlQuery rows(db);
                rows.setForwardOnly(true);
                if (!rows.exec(QStringLiteral("SELECT * FROM %1 ORDER BY %2 LIMIT %3")
                                   .arg(quoted, order)
                                   .arg(DatabaseSnapshot::kMaxRows))) {
                    error = "table " + table.name + " could not be read: " + rows.lastError().text().toStdString();
                    continue;
                }
                std::map<std::string, int> seen; // rows without a key: the same content counted
                while (rows.next()) {
                    std::vector<std::string> cells;
                    for (int i = 0; i < record.count(); ++i) cells.push_back(cellText(rows.value(i)));
                    std::string key;
                    if (!keyColumns.empty()) {
                        for (int c : keyColumns) key += cells[static_cast<std::size_t>(c)] + '\x1f';
                    } else {
                        for (const auto &c : cells) key += c + '\x1f';
                        key += std::to_string(seen[key]++);
                    }
                    table.rows.emplace_back(std::move(key), std::move(cells));
                }
                out.push_back(std::move(table));
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return error.empty();
}

ServerDatabaseProbe::ServerDatabaseProbe(ServerDatabase where) : m_state(std::make_unique<State>())
{
    m_state->where = std::move(where);
    m_state->driver = driverAvailable();
}

ServerDatabaseProbe::~ServerDatabaseProbe() = default;

bool ServerDatabaseProbe::driverAvailable()
{
    return QSqlDatabase::isDriverAvailable(QStringLiteral("QMYSQL"));
}

void ServerDatabaseProbe::seed()
{
    std::vector<TableRead> tables;
    bool exists = false;
    std::string error;
    if (!m_state->driver || !m_state->read(tables, exists, error)) return;
    for (auto &t : tables)
        for (auto &[key, cells] : t.rows) {
            m_state->idOf(t.name, key);
            m_state->before[t.name][key] = cells;
        }
}

DatabaseSnapshotPtr ServerDatabaseProbe::capture(SimTime batchTime, const DatabaseSnapshot *previous)
{
    // The batch's activity (statements, connections, their time) as for SQLite: no path, no file.
    python::DbCapture capture = python::captureDatabase(std::string(), batchTime.ms(), DatabaseSnapshot::kMaxRows);
    if (!m_state->driver) {
        capture.error = "Qt's MySQL driver (QMYSQL) is not installed (Debian: libqt6sql6-mysql; scripts/setup.sh "
                        "installs it), so this tab cannot read the server";
        return toDatabaseSnapshot(m_state->where.shown, std::move(capture), previous);
    }
    std::vector<TableRead> tables;
    bool exists = false;
    m_state->read(tables, exists, capture.error);
    capture.exists = exists;
    for (auto &t : tables) {
        python::DbTableCapture table;
        table.name = t.name;
        table.columns = std::move(t.columns);
        table.totalRows = t.total;
        const DbTableSnapshot *was = previous ? previous->table(t.name) : nullptr;
        const auto &seeded = m_state->before[t.name];
        for (auto &[key, cells] : t.rows) {
            python::DbRowCapture row;
            row.rowid = m_state->idOf(t.name, key);
            // Unchanged since the batch before: its writer stays; changed or new: this batch's.
            const DbRow *old = nullptr;
            if (was) {
                auto it = std::lower_bound(was->rows.begin(), was->rows.end(), row.rowid,
                                           [](const auto &r, std::int64_t id) { return r->rowid < id; });
                if (it != was->rows.end() && (*it)->rowid == row.rowid) old = it->get();
            }
            if (old && old->cells == cells) {
                if (old->writer)
                    row.writer = python::DbWriterCapture{old->writer->batchTimeMs, old->writer->partition,
                                                         old->writer->attempt, old->writer->taskId};
            } else if (!old && !was && seeded.count(key) && seeded.at(key) == cells) {
                // As the run found it.
            } else {
                row.writer = python::DbWriterCapture{batchTime.ms(), -1, 0, -1};
            }
            row.cells = std::move(cells);
            table.rows.push_back(std::move(row));
        }
        std::sort(table.rows.begin(), table.rows.end(), [](const auto &a, const auto &b) { return a.rowid < b.rowid; });
        capture.tables.push_back(std::move(table));
    }
    return toDatabaseSnapshot(m_state->where.shown, std::move(capture), previous);
}

} // namespace dsl::session
