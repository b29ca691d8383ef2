// bench_gui: the dashboard's GUI path under load — 2,000 lines/s auto-typed for 1 hour of
// simulated time through the real ProgramSession and MainWindow (offscreen). Reports frame
// times (model updates + paint, QElapsedTimer) and peak resident memory. Not a ctest test:
// its figures go into the README's Performance table.
#ifndef Q_MOC_RUN
#include "app/session/programsession.h"
#include "app/session/runsnapshot.h"
#endif
#include "app/session/autotyper.h"
#include "ui/batchdelaychart.h"
#include "ui/codepanel.h"
#include "ui/languagemanager.h"
#include "ui/mainwindow.h"
#include "ui/ncinputpanel.h"
#include "ui/pprintconsole.h"
#include "ui/rddrecordspanel.h"
#include "ui/runstatusstrip.h"
#include "ui/wordcountpanel.h"
#include "ui/simulationcontroller.h"
#include "ui/streamtimelineview.h"
#include "benchkit.h"
#include "timelineboxcount.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QPixmap>

#include <algorithm>
#include <map>
#include <string>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

using namespace dsl;

namespace {
using bench::percentile;
using bench::procStatusMb;

/// With DSL_BENCH_GUI_BREAKDOWN: time spent in paint events, by widget class.
class TimingApplication : public QApplication {
public:
    using QApplication::QApplication;
    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!m_on || event->type() != QEvent::Paint) return QApplication::notify(receiver, event);
        QElapsedTimer t;
        t.start();
        const bool r = QApplication::notify(receiver, event);
        std::string name = receiver->metaObject()->className();
        if (name == "QWidget" && receiver->parent()) // a viewport or container: say whose
            name += std::string(" in ") + receiver->parent()->metaObject()->className() + " " +
                    receiver->parent()->objectName().toStdString();
        auto &[ms, n] = paint[name];
        ms += t.nsecsElapsed() / 1e6;
        ++n;
        frame[name] += t.nsecsElapsed() / 1e6;
        return r;
    }
    /// Ends a frame of u ms: a frame over 16 ms adds its paints (by class) to slow.
    void endFrame(double u)
    {
        if (u > 16.0) {
            ++slowFrames;
            double painted = 0;
            for (const auto &[cls, ms] : frame) {
                slow[cls] += ms;
                painted += ms;
            }
            slow["(not painting: snapshots, models, timers)"] += u - painted;
        }
        frame.clear();
    }
    bool m_on = std::getenv("DSL_BENCH_GUI_BREAKDOWN") != nullptr;
    std::map<std::string, std::pair<double, int>> paint;
    std::map<std::string, double> frame, slow;
    int slowFrames = 0;
};

double envOr(const char *name, double fallback)
{
    const char *v = std::getenv(name);
    return v && *v ? std::atof(v) : fallback;
}
} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    TimingApplication app(argc, argv);
    QApplication::setStyle(QStringLiteral("Fusion"));
    const double simSeconds = envOr("DSL_BENCH_GUI_SECONDS", 3600);
    const double rate = envOr("DSL_BENCH_GUI_RATE", 2000);

    session::ProgramSession::Config cfg;
    cfg.startTime = SimTime(1'795'514'400'000); // 2026-11-24 10:00:00 UTC
    cfg.pythonPackageDir = DSTREAMLAB_SOURCE_DIR "/resources/python";
    session::ProgramSession session(cfg);
    // Model updates per snapshot: from the session's signal to the last view's slot (slots run
    // in connection order: this one before the controller's, the closing one after the views').
    QElapsedTimer handling;
    std::vector<double> snapshotMs, clockMs;
    QObject::connect(&session, &ui::RunDriver::snapshotReady, [&] { handling.start(); });
    QObject::connect(&session, &ui::RunDriver::clockAdvanced, [&] { handling.start(); });
    ui::SimulationController controller(&session);
    ui::LanguageManager languages;
    languages.setLanguage(QStringLiteral("en"));
    ui::MainWindow window(&controller, &languages, /*useSettings=*/false);
    QFile f(QStringLiteral(DSTREAMLAB_SOURCE_DIR "/resources/programs/network_wordcount.py"));
    if (!f.open(QIODevice::ReadOnly)) return 1;
    window.setProgram(QStringLiteral("network_wordcount.py"), QString::fromUtf8(f.readAll()));
    window.resize(1920, 1080);
    window.show();
    QObject::connect(&session, &ui::RunDriver::snapshotReady, [&] { snapshotMs.push_back(handling.nsecsElapsed() / 1e6); });
    QObject::connect(&session, &ui::RunDriver::clockAdvanced, [&] { clockMs.push_back(handling.nsecsElapsed() / 1e6); });

    ui::AutoTyperSpec spec;
    spec.sample = ui::AutoTyperSpec::Sample::English;
    spec.linesPerSecond = rate;
    controller.startAutoTyper(spec);
    const qint64 endMs = cfg.startTime.ms() + static_cast<qint64>(simSeconds * 1000);
    // DSL_BENCH_GUI_SPEED: simulated seconds per wall second (0, the default: as fast as possible).
    const double speed = envOr("DSL_BENCH_GUI_SPEED", 0);
    if (speed > 0) {
        controller.setSpeed(speed);
        controller.play();
    } else {
        controller.runUntilTime(endMs);
    }

    // One frame: what the event loop does between two screen refreshes — deliver what the
    // session published (snapshot -> models and views, clock ticks) and repaint what changed
    // (the offscreen platform paints into its backing store as a screen would). Every 30th
    // frame the whole window is also painted (grab) to time a full repaint.
    std::vector<double> paintMs, frameMs;
    QElapsedTimer wall;
    wall.start();
    QElapsedTimer t;
    double lastReport = 0;
    ui::RunSnapshotPtr prevSnap, lastSnap;
    bool speedDone = false;
    // Boxes the timeline draws, sampled every 120th frame (about 2 s) outside the timed part;
    // a batch completed by then should show as boxes (0 would mean an empty timeline).
    std::vector<double> boxSamples;
    int framesWithoutBoxes = 0;
    for (;;) {
        t.start();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 16);
        const double u = t.nsecsElapsed() / 1e6;
        frameMs.push_back(u);
        app.endFrame(u);
        if (frameMs.size() % 30 == 0) {
            t.restart();
            const QPixmap pm = window.grab();
            paintMs.push_back(t.nsecsElapsed() / 1e6);
        }
        if (frameMs.size() % 120 == 0) {
            const auto cur = controller.snapshot();
            if (cur && cur->completedBatches > 0) {
                const int boxes = bench::countTimelineBoxes(window.timeline());
                boxSamples.push_back(boxes);
                if (boxes == 0) ++framesWithoutBoxes;
            }
        }
        // A 60 Hz display: the rest of the frame belongs to the program's thread.
        if (u < 16.7) std::this_thread::sleep_for(std::chrono::microseconds(static_cast<int>((16.7 - u) * 1000)));
        const auto s = controller.snapshot();
        if (s != lastSnap) {
            prevSnap = lastSnap;
            lastSnap = s;
        }
        const double simDone = s ? (s->clock.ms() - cfg.startTime.ms()) / 1000.0 : 0;
        if (simDone - lastReport >= 300) {
            lastReport = simDone;
            std::fprintf(stderr, "  %6.0f s simulated, %7.1f s wall, RSS %.0f MB, input log %zu lines\n", simDone,
                         wall.elapsed() / 1000.0, procStatusMb("VmRSS:"), session.inputLogSize());
        }
        if (s && s->phase == session::RunPhase::Paused && s->clock.ms() >= endMs) break;
        if (speed > 0 && controller.clockMs() >= endMs) {
            controller.pause();
            speedDone = true;
        }
        if (speedDone && s && s->phase == session::RunPhase::Paused) break;
        if (s && (s->phase == session::RunPhase::Failed || s->phase == session::RunPhase::Finished)) {
            std::fprintf(stderr, "bench_gui: the program ended early: %s\n", s->errorText.c_str());
            return 1;
        }
    }
    const auto s = controller.snapshot();
    std::printf("bench_gui: speed %s\n", speed > 0 ? qPrintable(QString::number(speed) + QStringLiteral("x")) : "as fast as possible");
    std::printf("bench_gui: %.0f s simulated at %.0f lines/s (%zu lines, %d batches) in %.1f s wall, %zu frames\n",
                simSeconds, rate, session.inputLogSize(), s->completedBatches, wall.elapsed() / 1000.0, frameMs.size());
    std::printf("frame (model updates + repaint) ms: median %.2f  p99 %.2f  max %.2f\n", percentile(frameMs, 0.5),
                percentile(frameMs, 0.99), percentile(frameMs, 1.0));
    std::printf("  full-window repaint (grab, every 30th frame) ms: median %.2f  p99 %.2f\n", percentile(paintMs, 0.5),
                percentile(paintMs, 0.99));
    std::printf("  per snapshot (all views' slots) ms: median %.2f  p99 %.2f  (%zu snapshots);  per clock tick ms: median %.2f  p99 %.2f\n",
                percentile(snapshotMs, 0.5), percentile(snapshotMs, 0.99), snapshotMs.size(), percentile(clockMs, 0.5),
                percentile(clockMs, 0.99));
    const int finalBoxes = bench::countTimelineBoxes(window.timeline());
    std::printf("timeline boxes drawn (RDD and output boxes, counted by rendering the view): at the end %d; "
                "sampled every 120 frames during the run: min %.0f  median %.0f  max %.0f  (%zu samples, %d with none)\n",
                finalBoxes, percentile(boxSamples, 0.0), percentile(boxSamples, 0.5), percentile(boxSamples, 1.0),
                boxSamples.size(), framesWithoutBoxes);
    if (std::getenv("DSL_BENCH_GUI_BREAKDOWN")) {
        // Each view's share of a snapshot: emit the last two snapshots alternately, dropping
        // one view's connection at a time.
        const ui::RunSnapshotPtr a1 = prevSnap, a2 = controller.snapshot();
        auto timeEmits = [&] {
            std::vector<double> ms;
            for (int i = 0; i < 20; ++i) {
                t.restart();
                emit controller.snapshotChanged(i % 2 ? a1 : a2);
                ms.push_back(t.nsecsElapsed() / 1e6);
            }
            return percentile(ms, 0.5);
        };
        const std::pair<const char *, QObject *> receivers[] = {
            {"timeline", window.timeline()}, {"nc panel", window.ncPanel()},   {"word counts", window.wordCounts()},
            {"console", window.console()},   {"delay chart", window.delayChart()}, {"code", window.codePanel()},
            {"records", window.recordsPanel()}, {"status strip", window.statusStrip()}, {"main window", &window}};
        double before = timeEmits();
        std::printf("  snapshot slots, all views: %.2f ms\n", before);
        for (const auto &[name, obj] : receivers) {
            QObject::disconnect(&controller, &ui::SimulationController::snapshotChanged, obj, nullptr);
            const double after = timeEmits();
            std::printf("    %-12s %.2f ms\n", name, before - after);
            before = after;
        }
    }
    if (app.m_on) {
        std::vector<std::pair<double, std::string>> top;
        for (const auto &[cls, v] : app.paint) top.emplace_back(v.first, cls + " x" + std::to_string(v.second));
        std::sort(top.rbegin(), top.rend());
        std::printf("  paint events during the run, by class (ms per frame):\n");
        for (std::size_t i = 0; i < std::min<std::size_t>(10, top.size()); ++i)
            std::printf("    %-40s %.2f\n", top[i].second.c_str(), top[i].first / frameMs.size());
        std::vector<std::pair<double, std::string>> slow;
        for (const auto &[cls, ms] : app.slow) slow.emplace_back(ms, cls);
        std::sort(slow.rbegin(), slow.rend());
        std::printf("  frames over 16 ms: %d; their time by class (ms per such frame):\n", app.slowFrames);
        for (std::size_t i = 0; i < std::min<std::size_t>(8, slow.size()); ++i)
            std::printf("    %-40s %.2f\n", slow[i].second.c_str(), slow[i].first / std::max(1, app.slowFrames));
    }
    // Where paint time goes: each main view painted alone, at the final state.
    const std::pair<const char *, QWidget *> views[] = {{"timeline", window.timeline()},
                                                       {"nc panel", window.ncPanel()},
                                                       {"word counts", window.wordCounts()},
                                                       {"delay chart", window.delayChart()},
                                                       {"code", window.codePanel()}};
    for (const auto &[name, w] : views) {
        std::vector<double> ms;
        for (int i = 0; i < static_cast<int>(envOr("DSL_BENCH_GUI_PAINTS", 15)); ++i) {
            t.restart();
            const QPixmap pm = w->grab();
            ms.push_back(t.nsecsElapsed() / 1e6);
        }
        std::printf("  paint %-12s median %.2f ms\n", name, percentile(ms, 0.5));
    }
    std::printf("peak RSS (VmHWM) %.0f MB, RSS at the end %.0f MB\n", procStatusMb("VmHWM:"), procStatusMb("VmRSS:"));
    return 0;
}
