// DatabaseOption: parsing `--db`, the app data folder and the program's database name.
#include "databaseoption.h"

#include "localmariadb.h"

#include <cstdlib>
#include <filesystem>

namespace dsl::app {

namespace {

bool fail(std::string &error, const std::string &msg)
{
    error = msg;
    return false;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// %XX escapes of a URL's user or password (a password may hold '@' or ':').
bool percentDecode(const std::string &in, std::string &out)
{
    out.clear();
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] != '%') {
            out += in[i];
            continue;
        }
        if (i + 2 >= in.size() || hexValue(in[i + 1]) < 0 || hexValue(in[i + 2]) < 0) return false;
        out += static_cast<char>(hexValue(in[i + 1]) * 16 + hexValue(in[i + 2]));
        i += 2;
    }
    return true;
}

const char *const kUrlForm = "--db mysql://USER:PASSWORD@HOST:PORT/DATABASE (e.g. mysql://spark:secret@127.0.0.1:3306/course)";

bool parseServerUrl(const std::string &v, DatabaseOption &out, std::string &error)
{
    std::string rest = v.substr(8); // after mysql://
    const auto slash = rest.find('/');
    if (slash == std::string::npos || slash + 1 == rest.size())
        return fail(error, std::string("--db: the URL names no database; use ") + kUrlForm);
    out.database = rest.substr(slash + 1);
    if (out.database.find_first_of("/?#`") != std::string::npos)
        return fail(error, "--db: '" + out.database + "' is not a database name; use " + kUrlForm);
    std::string authority = rest.substr(0, slash);
    const auto at = authority.rfind('@');
    if (at == std::string::npos) return fail(error, std::string("--db: the URL names no USER@; use ") + kUrlForm);
    const std::string userInfo = authority.substr(0, at);
    std::string hostPort = authority.substr(at + 1);
    const auto colon = userInfo.find(':');
    if (!percentDecode(userInfo.substr(0, colon), out.user) ||
        !percentDecode(colon == std::string::npos ? std::string() : userInfo.substr(colon + 1), out.password))
        return fail(error, "--db: a bad %XX escape in the URL's user or password");
    if (out.user.empty()) return fail(error, std::string("--db: the URL names no user; use ") + kUrlForm);
    if (const auto pc = hostPort.rfind(':'); pc != std::string::npos && hostPort.find(']', pc) == std::string::npos) {
        const std::string port = hostPort.substr(pc + 1);
        hostPort = hostPort.substr(0, pc);
        if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
            std::stoi(port) < 1 || std::stoi(port) > 65535)
            return fail(error, "--db: '" + port + "' is not a port (1-65535); use " + kUrlForm);
        out.port = std::stoi(port);
    }
    if (hostPort.size() > 2 && hostPort.front() == '[' && hostPort.back() == ']') hostPort = hostPort.substr(1, hostPort.size() - 2);
    if (hostPort.empty()) return fail(error, std::string("--db: the URL names no host; use ") + kUrlForm);
    out.host = hostPort;
    out.kind = DatabaseOption::Kind::Server;
    return true;
}

} // namespace

bool parseDatabaseOption(const std::string &value, DatabaseOption &out, std::string &error)
{
    out = DatabaseOption{};
    if (value == "sqlite") return true;
    if (value.rfind("sqlite:", 0) == 0) {
        out.path = value.substr(7);
        if (out.path.empty()) return fail(error, "--db sqlite:PATH needs a PATH (or --db sqlite for the program's default file)");
        return true;
    }
    if (value == "local-mariadb") {
        out.kind = DatabaseOption::Kind::LocalMariaDb;
        return true;
    }
    if (value == "none") {
        out.kind = DatabaseOption::Kind::None;
        return true;
    }
    if (value.rfind("mysql://", 0) == 0 || value.rfind("mariadb://", 0) == 0)
        return parseServerUrl(value.rfind("mariadb://", 0) == 0 ? "mysql://" + value.substr(10) : value, out, error);
    return fail(error, "--db: '" + value + "' is not a database: use sqlite, sqlite:PATH, local-mariadb, none or " +
                           "mysql://USER:PASSWORD@HOST:PORT/DATABASE");
}

std::string databaseOptionUsage()
{
    return "  --db DB           where the program's pymysql.connect(...) goes: sqlite (default: one SQLite\n"
           "                    file per program in the app's data folder), sqlite:PATH, local-mariadb (a\n"
           "                    private MariaDB server started for the run), mysql://USER:PASSWORD@HOST:PORT/DB\n"
           "                    (an existing server), or none (the program's own arguments)\n";
}

std::string appDataDir()
{
    std::filesystem::path base;
    if (const char *xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg && std::filesystem::path(xdg).is_absolute()) {
        base = xdg;
    } else {
        const char *home = std::getenv("HOME");
        base = std::filesystem::path(home && *home ? home : "/tmp") / ".local" / "share";
    }
    return (base / "DStreamLab" / "dstreamlab").string();
}

std::string programDatabaseName(const std::string &programPath)
{
    std::string stem = programPath == "-" ? std::string("stdin") : std::filesystem::path(programPath).stem().string();
    for (char &c : stem)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) c = '_';
    if (stem.empty()) stem = "program";
    return stem.substr(0, 64);
}

std::vector<std::pair<std::string, std::string>> databaseConfig(const DatabaseOption &db)
{
    switch (db.kind) {
    case DatabaseOption::Kind::Sqlite:
        return {{"mode", "sqlite"}, {"path", db.path}};
    case DatabaseOption::Kind::None:
        return {{"mode", "none"}};
    case DatabaseOption::Kind::Server:
    case DatabaseOption::Kind::LocalMariaDb:
        break;
    }
    return {{"mode", "mysql"},         {"host", db.host},         {"port", std::to_string(db.port)},
            {"user", db.user},         {"password", db.password}, {"database", db.database},
            {"label", db.kind == DatabaseOption::Kind::LocalMariaDb ? "the local MariaDB server of --db local-mariadb"
                                                                    : "the server of --db mysql://"}};
}

std::vector<std::pair<std::string, std::string>> localMariaDbConfig(DatabaseOption &db, const LocalMariaDb &server,
                                                                    const std::string &programPath)
{
    db.host = "127.0.0.1";
    db.port = server.port();
    db.user = "dstreamlab";
    db.password = "dstreamlab";
    db.database = programDatabaseName(programPath);
    auto config = databaseConfig(db);
    config.emplace_back("admin_socket", server.socketPath());
    config.emplace_back("admin_user", "root");
    return config;
}

} // namespace dsl::app
