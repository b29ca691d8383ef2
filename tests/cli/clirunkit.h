// Running the dstreamlab binary from a CLI test: arguments, a working folder, TZ=UTC, and what
// came out (stdout, stderr, exit status; -1 when it crashed or had to be killed).
#pragma once

#include <QElapsedTimer>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace clikit {

struct RunResult {
    QByteArray out;
    QByteArray err;
    int exitCode = -1;
};

/// Runs DSTREAMLAB_BIN (the test's compile definition) with `args` in `workDir`; stdin is closed.
inline RunResult runBinary(const QStringList &args, const QString &workDir, int timeoutMs = 120000)
{
    QProcess p;
    p.setWorkingDirectory(workDir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TZ"), QStringLiteral("UTC"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(DSTREAMLAB_BIN), args);
    RunResult r;
    if (!p.waitForStarted(10000)) return r;
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    }
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return r;
}

/// A dstreamlab (or other) process a test talks to while it runs: what it printed so far, waits
/// for a text or for its end, and it is killed when the object goes.
struct LiveProcess {
    QProcess p;
    QByteArray out, err;
    LiveProcess(const QString &workDir, const QProcessEnvironment &env)
    {
        p.setWorkingDirectory(workDir);
        p.setProcessEnvironment(env);
    }
    ~LiveProcess() { end(); }
    LiveProcess(const LiveProcess &) = delete;
    LiveProcess &operator=(const LiveProcess &) = delete;
    void start(const QStringList &args) { p.start(QStringLiteral(DSTREAMLAB_BIN), args); }
    void end()
    {
        if (p.state() == QProcess::NotRunning) return;
        p.kill();
        p.waitForFinished(10000);
    }
    void read()
    {
        out += p.readAllStandardOutput();
        err += p.readAllStandardError();
    }
    /// Waits (at most `ms`) until stderr (or stdout) holds `text`.
    bool waitFor(const QByteArray &text, int ms, bool inStdout = false)
    {
        QElapsedTimer t;
        t.start();
        for (;;) {
            read();
            if ((inStdout ? out : err).contains(text)) return true;
            if (p.state() == QProcess::NotRunning || t.elapsed() > ms) return false;
            p.waitForReadyRead(50);
        }
    }
    /// Waits (at most `ms`) for the end; false (and killed) on a timeout.
    bool finish(int ms)
    {
        QElapsedTimer t;
        t.start();
        while (p.state() != QProcess::NotRunning && t.elapsed() < ms) {
            p.waitForFinished(100);
            read();
        }
        read();
        if (p.state() == QProcess::NotRunning) return true;
        end();
        return false;
    }
    int exitCode() const { return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1; }
};

using WordCounts = QMap<QString, int>;

/// The pprint lines "('word', n)" of every batch in a run's stdout, summed per word.
inline WordCounts wordCounts(const QByteArray &out)
{
    WordCounts counts;
    static const QRegularExpression line(QStringLiteral(R"(^\('(.*)', (\d+)\)$)"), QRegularExpression::MultilineOption);
    for (auto it = line.globalMatch(QString::fromUtf8(out)); it.hasNext();) {
        const auto m = it.next();
        counts[m.captured(1)] += m.captured(2).toInt();
    }
    return counts;
}

} // namespace clikit
