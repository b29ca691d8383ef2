// ProgramSession: the program's SQLite database around a run: read when a batch completes (the
// database view), and put back as the run found it before the same program runs again.
#include "programsession.h"

#include "app/databaseoption.h"
#include "engine/python/databaseprobe.h"
#include "engine/python/pyruntime.h"

#include <QStandardPaths>

namespace dsl::session {

namespace {
/// A database larger than this is not kept for replays (the run's note says so on stderr).
constexpr std::size_t kMaxDatabaseImage = 64u << 20;
} // namespace

std::string ProgramSession::databasePath() const
{
    // `dstreamlab run`'s default --db: the program's own SQLite file in the app data folder
    // (docs/database.md).
    return (QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/databases/") +
            QString::fromStdString(app::programDatabaseName(m_fileName)) + QStringLiteral(".sqlite"))
        .toStdString();
}

std::string ProgramSession::chooseDatabase(std::unique_lock<std::mutex> &lk, python::RunSettings &settings,
                                           std::string &shown, std::string &note, std::optional<ServerDatabase> &server)
{
    server.reset();
    app::DatabaseOption db;
    std::string error;
    const std::string spec = m_options.database.toStdString();
    if (!spec.empty() && !app::parseDatabaseOption(spec, db, error)) {
        note = "DStream Lab: the database setting is not valid (" + error + "): the program's SQLite file is used\n";
        db = app::DatabaseOption{};
    }
    if (db.kind == app::DatabaseOption::Kind::LocalMariaDb) {
        if (!m_mariadb) {
            auto server = std::make_unique<app::LocalMariaDb>(app::appDataDir() + "/mariadb");
            lk.unlock(); // the first start makes the data folder: seconds, not under the lock
            const bool ok = server->start(error);
            lk.lock();
            if (ok) {
                if (!server->note().empty()) note += "DStream Lab: " + server->note() + "\n";
                m_mariadb = std::move(server);
            }
        }
        if (m_mariadb) {
            settings.database = app::localMariaDbConfig(db, *m_mariadb, m_fileName);
            shown = "MariaDB 127.0.0.1:" + std::to_string(db.port) + ", database " + db.database + " (DStream Lab's own " +
                    "server, pid " + std::to_string(m_mariadb->pid()) + "; mariadb -S " + m_mariadb->socketPath() + " -u root)";
            server = ServerDatabase{db.host, db.port, "root", {}, db.database, m_mariadb->socketPath(), shown};
            return {};
        }
        note += "DStream Lab: the local MariaDB server could not start: " + error +
                "\nDStream Lab: the program's SQLite file is used instead\n";
        db = app::DatabaseOption{};
    }
    if (db.kind == app::DatabaseOption::Kind::Server) {
        settings.database = app::databaseConfig(db);
        shown = "MySQL server " + db.host + ":" + std::to_string(db.port) + ", database " + db.database + ", user " + db.user;
        server = ServerDatabase{db.host, db.port, db.user, db.password, db.database, {}, shown};
        return {};
    }
    if (db.kind == app::DatabaseOption::Kind::None) {
        settings.database = app::databaseConfig(db);
        shown = "as the program's own pymysql.connect(...) names it (a place this tab does not know)";
        return {};
    }
    const std::string path = db.path.empty() ? databasePath() : db.path;
    settings.database = {{"mode", "sqlite"}, {"path", path}};
    return path;
}

void ProgramSession::prepareDatabase(const std::string &path, const std::string &shown,
                                     const std::optional<ServerDatabase> &server)
{
    // Worker, m_mutex and the GIL held, after PythonRuntime::reset (the last run's connections
    // are gone). The first run of a program keeps the file as it finds it; every later run of
    // the same program (a replay, Reset, new settings) starts from that content again, so the
    // dashboard never leaves a row written twice (docs/database.md). Loading a program or
    // restarting the driver keeps what the last run wrote, as a real database would.
    if (server) {
        // A server database: read per batch through QMYSQL, never put back before a replay (the
        // server is the program's to keep; docs/database.md).
        auto probe = std::make_shared<ServerDatabaseProbe>(*server);
        probe->seed();
        m_builder->setDatabaseProbe([probe](SimTime t, const DatabaseSnapshot *previous) { return probe->capture(t, previous); },
                                    shown, true);
        return;
    }
    if (path.empty()) {
        // The program's own connect() arguments: where it writes is not known here.
        m_builder->setDatabaseProbe({}, shown);
        return;
    }
    if (m_dbImage && m_dbImage->path == path) {
        std::string error;
        if (m_dbImage->tooLarge)
            m_builder->appendStderr("DStream Lab: the database " + path + " is larger than 64 MB and was not kept: this run "
                                    "starts from what the last run left in it\n");
        else if (!python::restoreDatabase(path, m_dbImage->content, &error))
            m_builder->appendStderr("DStream Lab: the database " + path + " could not be put back as the first run found "
                                    "it: " + error + "\n");
    } else {
        DatabaseImage image;
        image.path = path;
        std::string error;
        image.content = python::databaseImage(path, &error);
        image.tooLarge = image.content && image.content->size() > kMaxDatabaseImage;
        if (image.tooLarge) image.content.reset();
        if (error.empty()) m_dbImage = std::move(image);
        else m_dbImage.reset();
    }
    m_builder->setDatabaseProbe(sqliteDatabaseProbe(path), path);
}

} // namespace dsl::session
