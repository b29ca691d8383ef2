// ExperimentRunner: the Experiments view's runs, each a `dstreamlab run` child process (QProcess)
// of the same program and input under one configuration, one after another.
#pragma once

#include "app/experimentsummary.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

class QProcess;
class QTemporaryDir;

namespace dsl::ui {

/// One configuration: a name for the legend and the table, and the run options it adds.
struct ExperimentConfig {
    QString name;
    QStringList options;
};

/// What became of one configuration's run.
struct ExperimentResult {
    enum class State { Waiting, Running, Done, Failed, Canceled };
    QString name;
    State state = State::Waiting;
    QString error;                                  ///< Failed: the run's own line (experiment::failureLine)
    QString fingerprint;
    std::vector<experiment::BatchMetrics> batches;  ///< Done: every completed batch, in order
    experiment::RunSummary summary;                 ///< Done: summarize(batches)
};

class ExperimentRunner : public QObject {
    Q_OBJECT
public:
    explicit ExperimentRunner(QObject *parent = nullptr);
    /// Ends a child still running.
    ~ExperimentRunner() override;

    /// The dstreamlab executable (the app itself; tests give the built binary).
    void setBinary(const QString &path) { m_binary = path; }
    QString binary() const { return m_binary; }
    /// The program and its input: an input-log file, or the text of an input script (written to a
    /// file of the runs' temporary folder); common options go to every run before a configuration's.
    void setProgram(const QString &programPath, const QString &inputLogPath, const QStringList &commonOptions);
    void setProgramWithScript(const QString &programPath, const QString &inputScript, const QStringList &commonOptions);

    /// Starts the runs. False (and nothing starts) when runs are going on, no binary or program is
    /// set, or there are not 2 or 3 configurations.
    bool start(const QList<ExperimentConfig> &configs);
    /// Kills the running child; the rest never start. finished() follows.
    void cancel();
    bool isRunning() const { return m_process != nullptr; }
    bool wasCanceled() const { return m_canceled; }

    const QList<ExperimentResult> &results() const { return m_results; }
    /// The simulated start time every run shares (ms since the epoch).
    qint64 startTimeMs() const { return m_startMs; }
    /// The running child's process id (0 when none): for tests of cancel.
    qint64 runningProcessId() const;
    /// The arguments of configuration i's run (after the binary).
    QStringList argumentsFor(int i) const;

signals:
    void runStarted(int index);
    void runFinished(int index);
    /// Every run ended (done, failed or canceled).
    void finished();

private:
    void startNext();
    void onProcessFinished();

    QString m_binary, m_program, m_inputPath, m_inputScript;
    QStringList m_common;
    QList<ExperimentConfig> m_configs;
    QList<ExperimentResult> m_results;
    int m_current = -1;
    QProcess *m_process = nullptr;
    std::unique_ptr<QTemporaryDir> m_dir;
    qint64 m_startMs = 0;
    bool m_canceled = false;
};

} // namespace dsl::ui
