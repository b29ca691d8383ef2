// DatabaseOption: `--db` of `run` and `submit`: where a program's pymysql.connect(...) goes.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace dsl::app {

/// The `--db` choices (docs/database.md).
struct DatabaseOption {
    enum class Kind {
        Sqlite,       ///< default: one SQLite file per program (`--db sqlite[:PATH]`)
        LocalMariaDb, ///< `--db local-mariadb`: a private mariadbd DStream Lab starts and stops
        Server,       ///< `--db mysql://USER:PASSWORD@HOST:PORT/DATABASE`
        None,         ///< `--db none`: the program's own connect() arguments
    };
    Kind kind = Kind::Sqlite;
    std::string path; ///< Sqlite: the file; empty = the default for the program
    std::string user, password, host, database;
    int port = 3306;
};

/// Parses the value of `--db`; on a bad value, `error` names the option and the accepted forms.
bool parseDatabaseOption(const std::string &value, DatabaseOption &out, std::string &error);

/// The usage lines of `--db`.
std::string databaseOptionUsage();

/// The application's data folder: what QStandardPaths::AppDataLocation gives the window on
/// Linux (organization DStreamLab, application dstreamlab): $XDG_DATA_HOME, else
/// ~/.local/share, then /DStreamLab/dstreamlab. Written out here because the headless commands
/// build without Qt (docs/conventions.md §19).
std::string appDataDir();

/// A name MySQL and file systems take, from the program's file name: its stem with every
/// character outside [A-Za-z0-9_] as '_', at most 64 characters ("wordcount_db.py" ->
/// "wordcount_db").
std::string programDatabaseName(const std::string &programPath);

/// The configuration handed to the runtime (RunSettings::database) for a resolved choice.
std::vector<std::pair<std::string, std::string>> databaseConfig(const DatabaseOption &db);

class LocalMariaDb;
/// `local-mariadb` resolved against a started server: `db` names its loopback port and the
/// program's database and user (created on first use through root on the server's socket), and
/// the runtime's configuration for it, those admin keys included. `dstreamlab run` and the
/// dashboard's session both use it.
std::vector<std::pair<std::string, std::string>> localMariaDbConfig(DatabaseOption &db, const LocalMariaDb &server,
                                                                    const std::string &programPath);

} // namespace dsl::app
