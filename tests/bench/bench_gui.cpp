// bench_gui: the dashboard's GUI path under load — 2,000 lines/s auto-typed for 1 hour of
// simulated time through the real ProgramSession and MainWindow (offscreen). Reports frame
// times (model updates + paint, QElapsedTimer) and peak resident memory. Not a ctest test:
// its figures go into the README's Performance table.
#ifndef Q_MOC_RUN
#include "app/programsession.h"
#include "ui/runsnapshot.h"
#endif
#include "ui/autotyper.h"
#include "ui/languagemanager.h"
#include "ui/mainwindow.h"
#include "ui/simulationcontroller.h"
#include "ui/streamtimelineview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QPixmap>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <thread>
#include <cstdlib>
#include <vector>

using namespace dsl;

namespace {
/// VmHWM / VmRSS of /proc/self/status, in MB.
double procStatusMb(const char *key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly)) return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(key)) return line.mid(static_cast<int>(std::strlen(key))).trimmed().split(' ').front().toDouble() / 1024.0;
    return -1;
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(std::min<double>(v.size() - 1, p * (v.size() - 1) + 0.5));
    return v[i];
}

double envOr(const char *name, double fallback)
{
    const char *v = std::getenv(name);
    return v && *v ? std::atof(v) : fallback;
}
} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setStyle(QStringLiteral("Fusion"));
    const double simSeconds = envOr("DSL_BENCH_GUI_SECONDS", 3600);
    const double rate = envOr("DSL_BENCH_GUI_RATE", 2000);

    app::ProgramSession::Config cfg;
    cfg.startTime = SimTime(1'795'514'400'000); // 2026-11-24 10:00:00 UTC
    cfg.pythonPackageDir = DSTREAMLAB_SOURCE_DIR "/resources/python";
    app::ProgramSession session(cfg);
    ui::SimulationController controller(&session);
    ui::LanguageManager languages;
    languages.setLanguage(QStringLiteral("en"));
    ui::MainWindow window(&controller, &languages, /*useSettings=*/false);
    QFile f(QStringLiteral(DSTREAMLAB_SOURCE_DIR "/resources/programs/network_wordcount.py"));
    if (!f.open(QIODevice::ReadOnly)) return 1;
    window.setProgram(QStringLiteral("network_wordcount.py"), QString::fromUtf8(f.readAll()));
    window.resize(1920, 1080);
    window.show();

    ui::AutoTyperSpec spec;
    spec.sample = ui::AutoTyperSpec::Sample::English;
    spec.linesPerSecond = rate;
    controller.startAutoTyper(spec);
    const qint64 endMs = cfg.startTime.ms() + static_cast<qint64>(simSeconds * 1000);
    controller.runUntilTime(endMs);

    // One frame: deliver what the session published (snapshot -> models and views), then
    // paint the whole window as the screen would (grab renders every visible widget).
    std::vector<double> updateMs, paintMs, frameMs;
    QElapsedTimer wall;
    wall.start();
    QElapsedTimer t;
    double lastReport = 0;
    for (;;) {
        t.start();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 16);
        const double u = t.nsecsElapsed() / 1e6;
        t.restart();
        const QPixmap pm = window.grab();
        const double p = t.nsecsElapsed() / 1e6;
        updateMs.push_back(u);
        paintMs.push_back(p);
        frameMs.push_back(u + p);
        // A 60 Hz display: the rest of the frame belongs to the program's thread.
        if (u + p < 16.7) std::this_thread::sleep_for(std::chrono::microseconds(static_cast<int>((16.7 - u - p) * 1000)));
        const auto s = controller.snapshot();
        const double simDone = s ? (s->clock.ms() - cfg.startTime.ms()) / 1000.0 : 0;
        if (simDone - lastReport >= 300) {
            lastReport = simDone;
            std::fprintf(stderr, "  %6.0f s simulated, %7.1f s wall, RSS %.0f MB, input log %zu lines\n", simDone,
                         wall.elapsed() / 1000.0, procStatusMb("VmRSS:"), session.inputLogSize());
        }
        if (s && s->phase == ui::RunPhase::Paused && s->clock.ms() >= endMs) break;
        if (s && (s->phase == ui::RunPhase::Failed || s->phase == ui::RunPhase::Finished)) {
            std::fprintf(stderr, "bench_gui: the program ended early: %s\n", s->errorText.c_str());
            return 1;
        }
    }
    const auto s = controller.snapshot();
    std::printf("bench_gui: %.0f s simulated at %.0f lines/s (%zu lines, %d batches) in %.1f s wall, %zu frames\n",
                simSeconds, rate, session.inputLogSize(), s->completedBatches, wall.elapsed() / 1000.0, frameMs.size());
    std::printf("frame (model updates + paint) ms: median %.2f  p99 %.2f  max %.2f\n", percentile(frameMs, 0.5),
                percentile(frameMs, 0.99), percentile(frameMs, 1.0));
    std::printf("  model updates ms: median %.2f  p99 %.2f;  paint ms: median %.2f  p99 %.2f\n",
                percentile(updateMs, 0.5), percentile(updateMs, 0.99), percentile(paintMs, 0.5),
                percentile(paintMs, 0.99));
    std::printf("peak RSS (VmHWM) %.0f MB, RSS at the end %.0f MB\n", procStatusMb("VmHWM:"), procStatusMb("VmRSS:"));
    return 0;
}
