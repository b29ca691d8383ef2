// ExperimentRunner: child `dstreamlab run` processes, one configuration at a time, each in a folder
// of its own; their --metrics lines summarized by the rule the CLI's --compare uses.
#include "experimentrunner.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <optional>
#include <utility>

namespace dsl::ui {

namespace {
QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// The value of `--name VALUE` or `--name=VALUE` in options, if there.
std::optional<QString> optionValue(const QStringList &options, const QString &name)
{
    for (qsizetype i = 0; i < options.size(); ++i) {
        if (options[i] == name && i + 1 < options.size()) return options[i + 1];
        if (options[i].startsWith(name + QLatin1Char('='))) return options[i].mid(name.size() + 1);
    }
    return std::nullopt;
}
} // namespace

ExperimentRunner::ExperimentRunner(QObject *parent) : QObject(parent) {}

ExperimentRunner::~ExperimentRunner()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(3000);
    }
}

void ExperimentRunner::setProgram(const QString &programPath, const QString &inputLogPath, const QStringList &commonOptions)
{
    // Absolute: every run's working folder is a fresh one (checkpoints and write-ahead logs of one
    // configuration must never be recovered by the next).
    m_program = QFileInfo(programPath).absoluteFilePath();
    m_inputPath = inputLogPath.isEmpty() ? QString() : QFileInfo(inputLogPath).absoluteFilePath();
    m_inputScript.clear();
    m_common = commonOptions;
}

void ExperimentRunner::setProgramWithScript(const QString &programPath, const QString &inputScript,
                                            const QStringList &commonOptions)
{
    setProgram(programPath, QString(), commonOptions);
    m_inputScript = inputScript;
}

QStringList ExperimentRunner::argumentsFor(int i) const
{
    QStringList args{QStringLiteral("run"), m_program};
    if (!m_inputPath.isEmpty()) args << QStringLiteral("--input") << m_inputPath;
    else if (!m_inputScript.isEmpty() && m_dir) args << QStringLiteral("--input") << m_dir->filePath(QStringLiteral("input.txt"));
    args << m_common;
    if (i >= 0 && i < m_configs.size()) args << m_configs[i].options;
    const QString n = QString::number(i + 1);
    // One start time for all, so that batches and blocks fall at the same times in every run.
    if (!optionValue(m_common, QStringLiteral("--start-time")))
        args << QStringLiteral("--start-time")
             << QDateTime::fromMSecsSinceEpoch(m_startMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    const QString dir = m_dir ? m_dir->path() : QString();
    args << QStringLiteral("--metrics") << dir + QLatin1Char('/') + n + QStringLiteral(".jsonl")
         << QStringLiteral("--fingerprint");
    // Each configuration starts from an empty database of its own, as the CLI's --compare does.
    if (!optionValue(m_common, QStringLiteral("--db")))
        args << QStringLiteral("--db") << QStringLiteral("sqlite:") + dir + QLatin1Char('/') + n + QStringLiteral(".sqlite");
    return args;
}

bool ExperimentRunner::start(const QList<ExperimentConfig> &configs)
{
    if (m_process || m_binary.isEmpty() || m_program.isEmpty() || configs.size() < 2 || configs.size() > 3) return false;
    m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/dstreamlab-experiment-XXXXXX"));
    if (!m_dir->isValid()) return false;
    if (!m_inputScript.isEmpty()) {
        QFile f(m_dir->filePath(QStringLiteral("input.txt")));
        if (!f.open(QIODevice::WriteOnly) || f.write(m_inputScript.toUtf8()) < 0) return false;
    }
    if (const auto s = optionValue(m_common, QStringLiteral("--start-time"))) {
        m_startMs = QDateTime::fromString(*s, QStringLiteral("yyyy-MM-dd HH:mm:ss")).toMSecsSinceEpoch();
    } else {
        m_startMs = QDateTime::currentMSecsSinceEpoch() / 1000 * 1000;
    }
    m_configs = configs;
    m_results.clear();
    for (const ExperimentConfig &c : configs) m_results.append(ExperimentResult{c.name});
    m_current = -1;
    m_canceled = false;
    startNext();
    return true;
}

void ExperimentRunner::startNext()
{
    ++m_current;
    if (m_current >= m_configs.size()) {
        m_dir.reset(); // the metrics are read: nothing of the runs stays on disk
        emit finished();
        return;
    }
    const QString n = QString::number(m_current + 1);
    const QString workDir = m_dir->filePath(n);
    QDir().mkpath(workDir);
    m_process = new QProcess(this);
    m_process->setWorkingDirectory(workDir);
    m_process->setStandardInputFile(QProcess::nullDevice());
    m_process->setStandardOutputFile(QProcess::nullDevice()); // the comparison is of metrics, not output
    m_process->setStandardErrorFile(m_dir->filePath(n + QStringLiteral(".err")));
    connect(m_process, &QProcess::finished, this, &ExperimentRunner::onProcessFinished);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart) onProcessFinished();
    });
    m_results[m_current].state = ExperimentResult::State::Running;
    emit runStarted(m_current);
    m_process->start(m_binary, argumentsFor(m_current));
}

void ExperimentRunner::onProcessFinished()
{
    QProcess *p = std::exchange(m_process, nullptr);
    if (!p) return;
    p->disconnect(this);
    p->deleteLater();
    ExperimentResult &r = m_results[m_current];
    const QString n = QString::number(m_current + 1);
    const QByteArray err = readAll(m_dir->filePath(n + QStringLiteral(".err")));
    r.fingerprint = QString::fromStdString(experiment::fingerprintOf(err.toStdString()));
    if (p->error() == QProcess::FailedToStart) {
        r.state = ExperimentResult::State::Failed;
        r.error = tr("Cannot start %1: %2").arg(m_binary, p->errorString());
    } else if (p->exitStatus() != QProcess::NormalExit || p->exitCode() != 0) {
        r.state = ExperimentResult::State::Failed;
        r.error = QString::fromStdString(experiment::failureLine(err.toStdString()));
        if (r.error.isEmpty()) r.error = tr("The run ended with exit status %1.").arg(p->exitCode());
    } else {
        r.state = ExperimentResult::State::Done;
        r.batches = experiment::parseMetrics(readAll(m_dir->filePath(n + QStringLiteral(".jsonl"))).toStdString());
        r.summary = experiment::summarize(r.batches);
    }
    emit runFinished(m_current);
    startNext();
}

void ExperimentRunner::cancel()
{
    if (!m_process) return;
    m_canceled = true;
    QProcess *p = std::exchange(m_process, nullptr);
    p->disconnect(this);
    p->kill();
    p->waitForFinished(3000); // reaped before cancel returns: no child outlives it
    p->deleteLater();
    for (qsizetype i = m_current; i < m_results.size(); ++i) m_results[i].state = ExperimentResult::State::Canceled;
    emit runFinished(m_current);
    m_current = static_cast<int>(m_configs.size());
    m_dir.reset();
    emit finished();
}

qint64 ExperimentRunner::runningProcessId() const
{
    return m_process ? m_process->processId() : 0;
}

} // namespace dsl::ui
