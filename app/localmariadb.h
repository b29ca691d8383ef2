// LocalMariaDb: a private MariaDB server (Debian's mariadbd) for `--db local-mariadb`.
#pragma once

#include <string>
#include <sys/types.h>

namespace dsl::app {

/// Starts Debian's mariadbd on a private data directory (made once with mariadb-install-db),
/// a private socket and a free loopback port, and stops it by its pid when destroyed.
/// The program's database and user are created on first use by resources/python/dstreamlab_db
/// through the root account on the socket (docs/database.md).
class LocalMariaDb {
public:
    /// `dataRoot`: the folder that holds the data directory and the server's log.
    explicit LocalMariaDb(std::string dataRoot);
    ~LocalMariaDb();
    LocalMariaDb(const LocalMariaDb &) = delete;
    LocalMariaDb &operator=(const LocalMariaDb &) = delete;

    /// Starts the server and waits until it accepts connections. On failure `error` says why: the
    /// server is not installed, or it did not start (the last lines of its log).
    /// A server an earlier DStream Lab left running on the same data directory (killed before it
    /// could stop it) is found by the pid file in the data root and stopped first; note() says so.
    bool start(std::string &error);
    /// What start() did besides starting, for the user ("" when nothing): a stray server stopped.
    const std::string &note() const { return m_note; }
    /// Stops the server (SIGTERM, then SIGKILL after 30 s); safe to call twice.
    void stop();

    int port() const { return m_port; }
    const std::string &socketPath() const { return m_socket; }
    pid_t pid() const { return m_pid; }

    /// The server and installer binaries ($DSTREAMLAB_MARIADBD / $DSTREAMLAB_MARIADB_INSTALL_DB
    /// override them, for tests).
    static std::string serverBinary();
    static std::string installBinary();

private:
    std::string m_dataRoot;
    std::string m_runDir; ///< a private temporary folder for the socket (short path)
    std::string m_socket;
    int m_port = 0;
    pid_t m_pid = -1;
    std::string m_note;

    /// Stops a server an earlier, killed DStream Lab left on `dataDir`; false (with `error`) when
    /// the DStream Lab that started the recorded server still runs.
    bool stopStrayServer(const std::string &dataDir, std::string &error);
};

} // namespace dsl::app
