// SimulationController: the hub between the run and the views (docs/conventions.md §14).
#pragma once

#include "sessioncommands.h"
#include "snapshotfwd.h"
#include "theme.h"

#include <QObject>

namespace dsl::ui {

class BatchSelection;

/// Owns nothing of the run: it forwards commands to the RunDriver and re-emits what comes
/// back. Views connect to it and to its BatchSelection only, never to each other.
class SimulationController : public QObject {
    Q_OBJECT
public:
    explicit SimulationController(RunDriver *driver, QObject *parent = nullptr);

    RunDriver *driver() const { return m_driver; }
    BatchSelection *selection() const { return m_selection; }
    const RunSnapshotPtr &snapshot() const { return m_snapshot; }
    /// The displayed simulated time (ms since the epoch).
    qint64 clockMs() const { return m_clockMs; }
    bool isRunning() const;
    bool isAutoTyping() const { return m_autoTyping; }
    /// Speed factor; <= 0 is "as fast as possible".
    double speed() const { return m_speed; }
    const Theme &theme() const { return m_theme; }
    /// The first batch time the selection resolves to: the selected one, else the latest
    /// completed batch (or the latest batch at all), or nullopt with no batches.
    std::optional<qint64> effectiveBatch() const;

    static const QList<double> &speeds();

public slots:
    void togglePlay();
    void play();
    void pause();
    void stepEvent();
    void stepBatch();
    /// Browses the history one batch back (instant; the run pauses).
    void stepBack();
    /// Back to the run's head and the latest batch (Home).
    void followLatest();
    /// Stops a replay where it is.
    void cancelReplay();
    void reset();
    void runUntilBatch(int completedBatches);
    /// Runs until the simulated clock reaches simTimeMs (ms since the epoch), then pauses.
    void runUntilTime(qint64 simTimeMs);
    void startAutoTyper(const dsl::ui::AutoTyperSpec &spec);
    void stopAutoTyper();
    /// Saves the input log (false, with message(), on error).
    bool saveInputLog(const QString &path);
    /// Loads an input log and runs the program from it at the current speed.
    bool loadInputLog(const QString &path);
    void setSpeed(double speed);
    void sendLine(const QString &line);
    void setOptions(const dsl::ui::RunOptions &options);
    void loadProgram(const QString &fileName, const QString &source);
    void setTheme(const dsl::ui::Theme &theme);

signals:
    void snapshotChanged(const dsl::ui::RunSnapshotPtr &snapshot);
    void clockChanged(qint64 simTimeMs);
    void runningChanged(bool running);
    void speedChanged(double speed);
    void autoTyperChanged(bool on);
    void themeChanged(const dsl::ui::Theme &theme);
    /// A command was refused or is under way (shown in the status line).
    void message(const QString &text);
    /// A replay after a change of the past: batches done of target.
    void replayProgress(int done, int target);

private:
    void onSnapshot(const RunSnapshotPtr &s);

    RunDriver *m_driver;
    BatchSelection *m_selection;
    RunSnapshotPtr m_snapshot;
    qint64 m_clockMs = 0;
    double m_speed = 1.0;
    bool m_running = false;
    bool m_autoTyping = false;
    void setAutoTyping(bool on);
    Theme m_theme = Theme::make(Theme::Kind::Light, false);
};

} // namespace dsl::ui
