// Running the dstreamlab binary from a CLI test: arguments, a working folder, TZ=UTC, and what
// came out (stdout, stderr, exit status; -1 when it crashed or had to be killed).
#pragma once

#include <QProcess>
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

} // namespace clikit
