// `dstreamlab run --db`: a program's pymysql reaches a real MariaDB server (docs/database.md).
//
// --db local-mariadb: DStream Lab starts Debian's mariadbd itself and stops it when the run ends;
// --db mysql://...: the program's connections go to a server this test starts (a private data
// directory, socket and loopback port, stopped by the test). The rows are read back through
// pymysql (Debian's python3) and compared with db_per_partition.out, which was worked by hand.
// Without /usr/sbin/mariadbd the server rows are skipped, saying why. Also: bad --db values, the
// message when the server is not installed or does not start.
#include "clirunkit.h"
#include "loopbackports.h"
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

const QString kMariadbd = u"/usr/sbin/mariadbd"_s;
const QString kInstallDb = u"/usr/bin/mariadb-install-db"_s;
const QString kPython = u"/usr/bin/python3"_s;

QString programsDir() { return QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/programs"); }

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

struct Run {
    QByteArray out, err;
    int exitCode = -1;
};

Run runDstreamlab(const QStringList &args, const QProcessEnvironment &env)
{
    QProcess p;
    p.setWorkingDirectory(programsDir());
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(DSTREAMLAB_BIN), args);
    Run r;
    if (!p.waitForFinished(180000)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out";
        return r;
    }
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return r;
}

QProcessEnvironment baseEnv(const QString &dataHome)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"TZ"_s, u"UTC"_s);
    env.insert(u"XDG_DATA_HOME"_s, dataHome);
    return env;
}

QStringList programArgs(const QString &name)
{
    return {u"run"_s, name + u".py"_s, u"--input"_s, name + u".input"_s, u"--start-time"_s, u"2026-11-24 10:00:00"_s};
}

using clikit::freePort;

/// Runs a Python snippet on Debian's python3 (pymysql); returns its stdout, or "" on failure.
QByteArray python(const QString &code, QByteArray *err = nullptr)
{
    QProcess p;
    p.start(kPython, {u"-c"_s, code});
    p.waitForFinished(60000);
    if (err) *err = p.readAllStandardError();
    return p.exitCode() == 0 ? p.readAllStandardOutput() : QByteArray();
}

/// The test's own MariaDB server (for --db mysql://): private datadir, socket and port.
class TestServer {
public:
    bool start(const QString &root, QString &why)
    {
        m_socket = root + u"/s.sock"_s;
        m_port = freePort();
        QStringList user;
        if (::geteuid() == 0) user << u"--user=root"_s;
        QProcess install;
        install.start(kInstallDb, QStringList{u"--no-defaults"_s, u"--datadir="_s + root + u"/data"_s,
                                              u"--auth-root-authentication-method=normal"_s, u"--skip-test-db"_s} + user);
        if (!install.waitForFinished(120000) || install.exitCode() != 0) {
            why = u"mariadb-install-db failed: "_s + QString::fromUtf8(install.readAllStandardError().right(1000));
            return false;
        }
        m_server.start(kMariadbd, QStringList{u"--no-defaults"_s, u"--datadir="_s + root + u"/data"_s,
                                              u"--socket="_s + m_socket, u"--port="_s + QString::number(m_port),
                                              u"--bind-address=127.0.0.1"_s, u"--log-error="_s + root + u"/err.log"_s} + user);
        if (!m_server.waitForStarted()) {
            why = u"mariadbd did not start"_s;
            return false;
        }
        for (int i = 0; i < 600; ++i) {
            if (m_server.state() != QProcess::Running) break;
            if (QFile::exists(m_socket)) {
                const QByteArray ok = python(u"import pymysql; pymysql.connect(unix_socket=%1, user='root').close(); print('ok')"_s
                                                 .arg(quoted(m_socket)));
                if (ok.trimmed() == "ok") return true;
            }
            QTest::qWait(100);
        }
        why = u"mariadbd did not accept connections: "_s + QString::fromUtf8(readFile(root + u"/err.log"_s).right(1500));
        return false;
    }

    ~TestServer()
    {
        if (m_server.state() != QProcess::NotRunning) {
            m_server.terminate(); // SIGTERM to the pid this test started
            if (!m_server.waitForFinished(30000)) {
                m_server.kill();
                m_server.waitForFinished();
            }
        }
    }

    static QString quoted(const QString &s) { return u"'"_s + s + u"'"_s; }
    QString socket() const { return m_socket; }
    int port() const { return m_port; }

private:
    QProcess m_server;
    QString m_socket;
    int m_port = 0;
};

/// The rows of course.wordcount on the server, as the program prints them.
QByteArray rowsVia(const QString &connectArgs)
{
    QByteArray err;
    const QByteArray out = python(
        u"import pymysql\n"
        "c = pymysql.connect(%1)\n"
        "cur = c.cursor()\n"
        "cur.execute('SELECT word, count FROM wordcount ORDER BY word')\n"
        "for row in cur.fetchall(): print(row)\n"_s.arg(connectArgs), &err);
    if (out.isEmpty()) qWarning() << "reading the rows failed:" << err.right(1500);
    return out;
}

bool pidAlive(qint64 pid) { return pid > 0 && ::kill(static_cast<pid_t>(pid), 0) == 0; }

/// Running and not a zombie (a killed server whose parent died waits for a reaper as a zombie).
bool pidRunning(qint64 pid)
{
    if (!pidAlive(pid)) return false;
    QFile stat(u"/proc/"_s + QString::number(pid) + u"/stat"_s);
    if (!stat.open(QIODevice::ReadOnly)) return false;
    const QByteArray s = stat.readAll();
    const qsizetype close = s.lastIndexOf(')');
    return close >= 0 && s.size() > close + 2 && s[close + 2] != 'Z';
}

} // namespace

class TestDatabase : public QObject {
    Q_OBJECT

private slots:
    void badValuesNameTheOption_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown-kind") << u"postgres"_s << u"--db: 'postgres' is not a database"_s;
        QTest::newRow("url-without-database") << u"mysql://u:p@127.0.0.1:3306"_s << u"--db: the URL names no database"_s;
        QTest::newRow("url-with-a-bad-port") << u"mysql://u:p@127.0.0.1:99999/db"_s << u"--db: '99999' is not a port"_s;
        QTest::newRow("url-without-user") << u"mysql://127.0.0.1/db"_s << u"--db: the URL names no USER@"_s;
        QTest::newRow("sqlite-without-path") << u"sqlite:"_s << u"--db sqlite:PATH needs a PATH"_s;
    }

    void badValuesNameTheOption()
    {
        QFETCH(QString, value);
        QFETCH(QString, message);
        QTemporaryDir home;
        const Run r = runDstreamlab(programArgs(u"db_per_partition"_s) << u"--db"_s << value, baseEnv(home.path()));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

    /// The default database is <app data>/databases/<program>.sqlite, the folder
    /// QStandardPaths::AppDataLocation names for the window (DStreamLab/dstreamlab).
    void sqliteDefaultIsInTheAppDataFolder()
    {
        QTemporaryDir home;
        const Run r = runDstreamlab(programArgs(u"db_per_partition"_s), baseEnv(home.path()));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, readFile(programsDir() + u"/db_per_partition.out"_s));
        qputenv("XDG_DATA_HOME", home.path().toUtf8());
        QCoreApplication::setOrganizationName(u"DStreamLab"_s);
        QCoreApplication::setApplicationName(u"dstreamlab"_s);
        const QString expected = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                                 u"/databases/db_per_partition.sqlite"_s;
        QVERIFY2(QFile::exists(expected), qPrintable(expected));
        QVERIFY2(r.err.contains(expected.toUtf8()), r.err.constData()); // said once on stderr
        QCOMPARE(r.err.count("uses the program's SQLite database"), 1);
        // The file holds the rows: read them with Python's own sqlite3.
        const QByteArray rows = python(u"import sqlite3\nfor r in sqlite3.connect(%1).execute("
                                       "'SELECT word, count FROM wordcount ORDER BY word'): print(r)"_s
                                           .arg(TestServer::quoted(expected)));
        QCOMPARE(rows, readFile(programsDir() + u"/db_per_partition.out"_s));
    }

    void localMariaDbMissingSaysSo()
    {
        QTemporaryDir home;
        QProcessEnvironment env = baseEnv(home.path());
        env.insert(u"DSTREAMLAB_MARIADBD"_s, home.filePath(u"no-such-mariadbd"_s));
        const Run r = runDstreamlab(programArgs(u"db_per_partition"_s) << u"--db"_s << u"local-mariadb"_s, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("--db local-mariadb needs Debian's mariadb-server"), r.err.constData());
        QVERIFY2(r.err.contains("apt-get install mariadb-server"), r.err.constData());
    }

    /// A server that stops while starting is reported with the last lines of its log.
    void localMariaDbThatDoesNotStartShowsItsLog()
    {
        if (!QFile::exists(kInstallDb)) QSKIP("/usr/bin/mariadb-install-db is missing (Debian's mariadb-server is not installed)");
        QTemporaryDir home;
        QProcessEnvironment env = baseEnv(home.path());
        env.insert(u"DSTREAMLAB_MARIADBD"_s, u"/bin/false"_s); // exits at once, as a server that fails
        const Run r = runDstreamlab(programArgs(u"db_per_partition"_s) << u"--db"_s << u"local-mariadb"_s, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("--db local-mariadb: the MariaDB server stopped while starting; the last lines of " +
                                home.filePath(u"DStreamLab/dstreamlab/mariadb/mariadbd.log"_s).toUtf8()),
                 r.err.constData());
        QVERIFY(r.out.isEmpty()); // the program never ran
    }

    void localMariaDb()
    {
        if (!QFile::exists(kMariadbd)) QSKIP("/usr/sbin/mariadbd is missing (Debian's mariadb-server is not installed)");
        QTemporaryDir home;
        const Run r = runDstreamlab(programArgs(u"db_per_partition"_s) << u"--db"_s << u"local-mariadb"_s,
                                    baseEnv(home.path()));
        QVERIFY2(r.exitCode == 0, r.err.right(3000).constData());
        // The program read its rows back through pymysql from the server DStream Lab started.
        QCOMPARE(r.out, readFile(programsDir() + u"/db_per_partition.out"_s));
        QVERIFY2(r.err.contains("connects to the local MariaDB server of --db local-mariadb: dstreamlab@127.0.0.1:"), r.err.constData());
        const auto m = QRegularExpression(u"started a local MariaDB server \\(pid (\\d+), 127\\.0\\.0\\.1:(\\d+)"_s)
                           .match(QString::fromUtf8(r.err));
        QVERIFY2(m.hasMatch(), r.err.constData());
        QVERIFY2(!pidAlive(m.captured(1).toLongLong()), "the server still runs after the run ended");
        QVERIFY(QDir(home.filePath(u"DStreamLab/dstreamlab/mariadb/data/mysql"_s)).exists());
    }

    /// Killing DStream Lab (kill -9) while its local MariaDB runs leaves the server running; the
    /// next start finds it by the pid file in the data root and stops it, then starts its own.
    /// While the DStream Lab that started it still runs, a second run is refused instead.
    void strayServerOfAKilledRunIsStoppedOnTheNextStart()
    {
        if (!QFile::exists(kMariadbd)) QSKIP("/usr/sbin/mariadbd is missing (Debian's mariadb-server is not installed)");
        QTemporaryDir home;
        const QProcessEnvironment env = baseEnv(home.path());
        clikit::LiveProcess first(programsDir(), env);
        first.start(programArgs(u"db_per_partition"_s) << u"--db"_s << u"local-mariadb"_s << u"--real-time"_s
                                                       << u"--seconds"_s << u"120"_s);
        QVERIFY2(first.waitFor("started a local MariaDB server (pid ", 120000), first.err.constData());
        QVERIFY(first.waitFor("; it stops when the run ends", 5000));
        const auto m = QRegularExpression(u"started a local MariaDB server \\(pid (\\d+),"_s).match(QString::fromUtf8(first.err));
        QVERIFY2(m.hasMatch(), first.err.constData());
        const qint64 server = m.captured(1).toLongLong();

        // In use: refused, naming the run that holds it; that server keeps running.
        const Run busy = runDstreamlab(programArgs(u"db_per_partition"_s) << u"--db"_s << u"local-mariadb"_s, env);
        QCOMPARE(busy.exitCode, 1);
        QVERIFY2(busy.err.contains("is in use by another DStream Lab (pid " + QByteArray::number(first.p.processId()) + ")"),
                 busy.err.constData());
        QVERIFY(pidRunning(server));

        ::kill(static_cast<pid_t>(first.p.processId()), SIGKILL);
        QVERIFY(first.p.waitForFinished(10000));
        QVERIFY2(pidRunning(server), "the server should outlive a killed DStream Lab (the case this test is about)");

        const Run next = runDstreamlab(programArgs(u"db_per_partition"_s) << u"--db"_s << u"local-mariadb"_s, env);
        QVERIFY2(next.exitCode == 0, next.err.right(3000).constData());
        QVERIFY2(next.err.contains("stopped the MariaDB server (pid " + QByteArray::number(server) +
                                   ") that an earlier DStream Lab left running on "),
                 next.err.constData());
        QCOMPARE(next.out, readFile(programsDir() + u"/db_per_partition.out"_s));
        QVERIFY2(!pidRunning(server), "the stray server still runs");
        const QString root = home.filePath(u"DStreamLab/dstreamlab/mariadb/"_s);
        QVERIFY(!QFile::exists(root + u"mariadbd.pid"_s));
        QVERIFY(!QFile::exists(root + u"mariadbd.rundir"_s));
    }

    void existingServer()
    {
        if (!QFile::exists(kMariadbd) || !QFile::exists(kInstallDb))
            QSKIP("/usr/sbin/mariadbd is missing (Debian's mariadb-server is not installed)");
        QTemporaryDir root(QDir::tempPath() + u"/dsl-db-XXXXXX"_s);
        QVERIFY(root.isValid());
        TestServer server;
        QString why;
        QVERIFY2(server.start(root.path(), why), qPrintable(why));
        const QByteArray made = python(
            u"import pymysql\n"
            "c = pymysql.connect(unix_socket=%1, user='root', autocommit=True)\n"
            "cur = c.cursor()\n"
            "cur.execute('CREATE DATABASE course')\n"
            "cur.execute(\"CREATE USER 'student'@'127.0.0.1' IDENTIFIED BY 'pa:ss@word'\")\n"
            "cur.execute(\"GRANT ALL ON course.* TO 'student'@'127.0.0.1'\")\n"
            "print('made')\n"_s.arg(TestServer::quoted(server.socket())));
        QCOMPARE(made.trimmed(), QByteArray("made"));
        QTemporaryDir home;
        const QString url = u"mysql://student:pa%3Ass%40word@127.0.0.1:%1/course"_s.arg(server.port());
        const Run r = runDstreamlab(programArgs(u"db_per_partition"_s) << u"--db"_s << url, baseEnv(home.path()));
        QVERIFY2(r.exitCode == 0, r.err.right(3000).constData());
        QCOMPARE(r.out, readFile(programsDir() + u"/db_per_partition.out"_s));
        // Independently of the program: the rows on the server.
        QCOMPARE(rowsVia(u"unix_socket=%1, user='root', database='course'"_s.arg(TestServer::quoted(server.socket()))),
                 readFile(programsDir() + u"/db_per_partition.out"_s));

        // A connection created on the driver and used in rdd.foreach: real pymysql's socket
        // cannot be pickled, as with the SQLite database.
        const Run bad = runDstreamlab(programArgs(u"db_driver_connection"_s) << u"--db"_s << url, baseEnv(home.path()));
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains("_pickle.PicklingError: Could not serialize object: TypeError: cannot pickle 'socket' object"),
                 bad.err.right(3000).constData());
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
