// LocalMariaDb: mariadb-install-db once, then mariadbd on loopback for one run, stopped by its pid.
#include "localmariadb.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <netinet/in.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char **environ;

namespace dsl::app {

namespace {

namespace fs = std::filesystem;

std::string envOr(const char *name, const char *fallback)
{
    const char *v = std::getenv(name);
    return v && *v ? v : fallback;
}

/// A free TCP port on 127.0.0.1 (the kernel picks it; the server binds it a moment later).
int freeLoopbackPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return 0;
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len) == 0)
        port = ntohs(a.sin_port);
    ::close(fd);
    return port;
}

bool acceptsConnections(int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0;
    ::close(fd);
    return ok;
}

/// Runs argv with stdout and stderr appended to `log`; returns the child's pid or -1.
pid_t spawnLogged(const std::vector<std::string> &argv, const std::string &log)
{
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    std::vector<char *> args;
    for (const auto &a : argv) args.push_back(const_cast<char *>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    return rc == 0 ? pid : -1;
}

std::string lastLines(const std::string &path, std::size_t n)
{
    std::ifstream in(path);
    std::deque<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
        if (lines.size() > n) lines.pop_front();
    }
    std::string out;
    for (const auto &l : lines) out += "  " + l + "\n";
    return out.empty() ? "  (the log is empty)\n" : out;
}

std::vector<std::string> asRootUser()
{
    // mariadbd refuses to run as root unless told to: DStream Lab's server is private to its
    // user, whoever that is.
    if (::geteuid() == 0) return {"--user=root"};
    return {};
}

/// The pid file and the run folder's record live in the data root, which outlives a killed app
/// (the run folder under /tmp is per run).
fs::path pidFileOf(const fs::path &root)
{
    return root / "mariadbd.pid";
}

fs::path runDirRecordOf(const fs::path &root)
{
    return root / "mariadbd.rundir";
}

std::string readFirstLine(const fs::path &path)
{
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
}

/// The NUL-separated arguments of process `pid` (empty when it is gone or not readable).
std::vector<std::string> commandLineOf(pid_t pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
    std::vector<std::string> args;
    std::string arg;
    while (std::getline(in, arg, '\0')) args.push_back(arg);
    return args;
}

/// The parent pid of process `pid` (/proc/PID/stat's fourth field), or -1.
long parentOf(pid_t pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string stat;
    std::getline(in, stat);
    const auto close = stat.rfind(')'); // the command name may hold spaces and parentheses
    if (close == std::string::npos) return -1;
    std::istringstream rest(stat.substr(close + 1));
    char state = 0;
    long ppid = -1;
    rest >> state >> ppid;
    return ppid;
}

bool alive(pid_t pid)
{
    return ::kill(pid, 0) == 0 || errno == EPERM;
}

} // namespace

LocalMariaDb::LocalMariaDb(std::string dataRoot) : m_dataRoot(std::move(dataRoot)) {}

LocalMariaDb::~LocalMariaDb()
{
    stop();
}

std::string LocalMariaDb::serverBinary()
{
    return envOr("DSTREAMLAB_MARIADBD", "/usr/sbin/mariadbd");
}

std::string LocalMariaDb::installBinary()
{
    return envOr("DSTREAMLAB_MARIADB_INSTALL_DB", "/usr/bin/mariadb-install-db");
}

bool LocalMariaDb::stopStrayServer(const std::string &dataDir, std::string &error)
{
    const fs::path root(m_dataRoot);
    std::error_code ec;
    const std::string pidText = readFirstLine(pidFileOf(root));
    std::string staleRunDir, ownerText;
    {
        std::ifstream record(runDirRecordOf(root));
        std::getline(record, staleRunDir);
        std::getline(record, ownerText);
    }
    char *end = nullptr;
    const long pid = std::strtol(pidText.c_str(), &end, 10);
    if (pid > 1 && end && *end == '\0') {
        // Only a mariadbd serving this data directory: a pid reused by another process is left alone.
        const std::vector<std::string> args = commandLineOf(static_cast<pid_t>(pid));
        const bool ours = !args.empty() && fs::path(args.front()).filename() == fs::path(serverBinary()).filename() &&
                          std::find(args.begin(), args.end(), "--datadir=" + dataDir) != args.end();
        // Still the child of the DStream Lab that started it (a second window, the CLI): in use.
        // A killed owner's server was reparented, so its parent is no longer the recorded owner.
        const long owner = std::strtol(ownerText.c_str(), nullptr, 10);
        if (ours && owner > 1 && parentOf(static_cast<pid_t>(pid)) == owner) {
            error = "--db local-mariadb: the local MariaDB server on " + dataDir + " (pid " + std::to_string(pid) +
                    ") is in use by another DStream Lab (pid " + std::to_string(owner) +
                    "); end that run first, or use --db sqlite";
            return false;
        }
        if (ours) {
            ::kill(static_cast<pid_t>(pid), SIGTERM);
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
            while (alive(static_cast<pid_t>(pid)) && !commandLineOf(static_cast<pid_t>(pid)).empty() &&
                   std::chrono::steady_clock::now() < deadline)
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            if (alive(static_cast<pid_t>(pid)) && !commandLineOf(static_cast<pid_t>(pid)).empty())
                ::kill(static_cast<pid_t>(pid), SIGKILL);
            m_note = "stopped the MariaDB server (pid " + std::to_string(pid) +
                     ") that an earlier DStream Lab left running on " + dataDir + " when it did not exit cleanly";
        }
    }
    // The run folder of that server (its socket) under /tmp; only one DStream Lab made.
    if (!staleRunDir.empty() && fs::path(staleRunDir).filename().string().starts_with("dstreamlab-mariadb-"))
        fs::remove_all(staleRunDir, ec);
    fs::remove(pidFileOf(root), ec);
    fs::remove(runDirRecordOf(root), ec);
    return true;
}

bool LocalMariaDb::start(std::string &error)
{
    m_note.clear();
    const std::string server = serverBinary();
    const std::string install = installBinary();
    for (const auto &bin : {server, install}) {
        if (::access(bin.c_str(), X_OK) != 0) {
            error = "--db local-mariadb needs Debian's mariadb-server, and " + bin +
                    " is missing (install it with: apt-get install mariadb-server), or use --db sqlite "
                    "(the default) or --db mysql://USER:PASSWORD@HOST:PORT/DATABASE";
            return false;
        }
    }
    std::error_code ec;
    const fs::path root(m_dataRoot);
    const fs::path data = root / "data";
    const std::string log = (root / "mariadbd.log").string();
    fs::create_directories(root, ec);
    if (ec) {
        error = "--db local-mariadb: cannot create " + root.string() + ": " + ec.message();
        return false;
    }
    if (!fs::exists(data / "mysql")) {
        std::vector<std::string> argv{install, "--no-defaults", "--datadir=" + data.string(),
                                      "--auth-root-authentication-method=normal", "--skip-test-db"};
        for (auto &a : asRootUser()) argv.push_back(a);
        const pid_t pid = spawnLogged(argv, log);
        int status = 0;
        if (pid < 0 || ::waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            error = "--db local-mariadb: mariadb-install-db could not make the data directory " + data.string() +
                    "; the last lines of " + log + ":\n" + lastLines(log, 10);
            fs::remove_all(data, ec);
            return false;
        }
    }
    if (!stopStrayServer(data.string(), error)) return false;
    char tmpl[] = "/tmp/dstreamlab-mariadb-XXXXXX";
    if (!::mkdtemp(tmpl)) {
        error = std::string("--db local-mariadb: cannot make a folder for the server's socket: ") + std::strerror(errno);
        return false;
    }
    m_runDir = tmpl;
    m_socket = m_runDir + "/mariadbd.sock";
    m_port = freeLoopbackPort();
    std::vector<std::string> argv{server,
                                  "--no-defaults",
                                  "--datadir=" + data.string(),
                                  "--socket=" + m_socket,
                                  "--port=" + std::to_string(m_port),
                                  "--bind-address=127.0.0.1",
                                  "--pid-file=" + pidFileOf(root).string(),
                                  "--log-error=" + log};
    for (auto &a : asRootUser()) argv.push_back(a);
    m_pid = spawnLogged(argv, log);
    if (m_pid >= 0) {
        // Written at once (mariadbd writes the same pid to the same file once it has started): a
        // DStream Lab killed from here on leaves a server the next start can find.
        std::ofstream(pidFileOf(root), std::ios::trunc) << m_pid << '\n';
        std::ofstream(runDirRecordOf(root), std::ios::trunc) << m_runDir << '\n' << ::getpid() << '\n';
    }
    if (m_pid < 0) {
        error = "--db local-mariadb: cannot start " + server + ": " + std::strerror(errno);
        return false;
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
        int status = 0;
        if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_pid = -1;
            error = "--db local-mariadb: the MariaDB server stopped while starting; the last lines of " + log + ":\n" +
                    lastLines(log, 10);
            stop();
            return false;
        }
        if (acceptsConnections(m_port) && fs::exists(m_socket)) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    error = "--db local-mariadb: the MariaDB server did not accept connections within 60 s; the last lines of " + log +
            ":\n" + lastLines(log, 10);
    stop();
    return false;
}

void LocalMariaDb::stop()
{
    if (m_pid > 0) {
        ::kill(m_pid, SIGTERM);
        int status = 0;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        bool gone = false;
        while (std::chrono::steady_clock::now() < deadline) {
            if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
                gone = true;
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        if (!gone) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, &status, 0);
        }
        m_pid = -1;
    }
    if (!m_runDir.empty()) {
        std::error_code ec;
        fs::remove_all(m_runDir, ec);
        m_runDir.clear();
        fs::remove(runDirRecordOf(m_dataRoot), ec);
        fs::remove(pidFileOf(m_dataRoot), ec); // mariadbd removes it on a clean stop; not after SIGKILL
    }
}

} // namespace dsl::app
