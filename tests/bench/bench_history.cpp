// bench_history: browsing the session's history of batches (stepping back never re-runs).
//
//   bench_history stepback            the dashboard (real ProgramSession + MainWindow, 1920x1080
//                                     offscreen), network word count, auto-typer 2,000 lines/s
//                                     (English): the time of one step back, from the call until
//                                     the views have handled the snapshot and repainted, at
//                                     batch 100 and at batch 10,000; the engine fingerprint
//                                     before and after stepping.
//   bench_history memory PROGRAM.py   the session alone (add --window for the dashboard too),
//                                     auto-typer 2,000 lines/s, as fast as possible: VmRSS after
//                                     1,000 and 10,000 batches, and around 10 step backs.
//
// One ProgramSession per process (CPython initializes once): run it once per program.
// Options: --batches A,B (default 100,10000 for stepback, 1000,10000 for memory), --pairs N
// (stepback, default 20), --steps N (memory, default 10), --window (memory), --max-rss MB (memory:
// stop with the RSS curve so far when the process passes it; default 6000), --retention FULL,KEPT
// (memory: the session's HistoryRetention instead of its default, to see what the history costs),
// --rate LINES (memory: the auto-typer's lines per second, default 2000), --timeout S (memory: the
// wall-clock limit of each leg, default 3600), --verbose (memory with --window: every 1,000
// batches, what each view holds), --without VIEW,... (memory with --window: those views get no
// snapshots, to find which one a growth comes from). Every progress line gives glibc's heap:
// in use and free, per arena (the GUI thread's is arena 0).
// Not a ctest test: its figures go into the README's Performance table.
#ifndef Q_MOC_RUN
#include "app/session/programsession.h"
#include "app/session/runsnapshot.h"
#endif
#include "app/session/autotyper.h"
#ifndef Q_MOC_RUN
#include "app/session/historyview.h"
#endif
#include "benchkit.h"
#include "timelineboxcount.h"
#include "ui/batchdelaychart.h"
#include "ui/batchdetailview.h"
#include "ui/batchselection.h"
#include "ui/batchtablemodel.h"
#include "ui/codepanel.h"
#include "ui/databaseview.h"
#include "ui/eventlogmodel.h"
#include "ui/eventlogview.h"
#include "ui/kafkaview.h"
#include "ui/languagemanager.h"
#include "ui/lineageview.h"
#include "ui/mainwindow.h"
#include "ui/ncinputpanel.h"
#include "ui/pprintconsole.h"
#include "ui/provenanceview.h"
#include "ui/rddrecordspanel.h"
#include "ui/runstatusstrip.h"
#include "ui/simulationcontroller.h"
#include "ui/statisticschart.h"
#include "ui/statisticsseries.h"
#include "ui/streamingstatisticsview.h"
#include "ui/streamtimelineview.h"
#include "ui/wordcountmodel.h"
#include "ui/wordcountpanel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTextDocument>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <malloc.h>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using namespace dsl;

namespace {

using bench::percentile;
using bench::procStatusMb;

/// Counts every event delivered on the GUI thread, and paint events of one widget, so a
/// measurement can wait until the event loop is idle and know the timeline repainted.
class CountingApplication : public QApplication {
public:
    using QApplication::QApplication;
    bool notify(QObject *receiver, QEvent *event) override
    {
        ++events;
        if (event->type() == QEvent::Paint) {
            ++paints;
            if (receiver == watched) ++watchedPaints;
        }
        return QApplication::notify(receiver, event);
    }
    std::uint64_t events = 0, paints = 0, watchedPaints = 0;
    QObject *watched = nullptr;
};

/// Pumps the event loop (a 60 Hz display's frames: process for up to 16 ms, sleep the rest)
/// until done() or the timeout; returns done().
bool pumpUntil(const std::function<bool()> &done, double timeoutS, const std::function<void(double)> &everyFrame = {})
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutS * 1000) return false;
        QElapsedTimer frame;
        frame.start();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 16);
        const double u = frame.nsecsElapsed() / 1e6;
        if (everyFrame) everyFrame(u);
        if (u < 16.7) std::this_thread::sleep_for(std::chrono::microseconds(static_cast<int>((16.7 - u) * 1000)));
    }
    return true;
}

void pumpFor(double ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

QString readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "bench_history: cannot read %s\n", qPrintable(path));
        std::exit(2);
    }
    return QString::fromUtf8(f.readAll());
}

session::ProgramSession::Config sessionConfig()
{
    session::ProgramSession::Config cfg;
    cfg.startTime = SimTime(1'795'514'400'000); // 2026-11-24 10:00:00 UTC
    cfg.pythonPackageDir = DSTREAMLAB_SOURCE_DIR "/resources/python";
    return cfg; // retention: the defaults (1,000 batches in full, 4,000 kept)
}

session::AutoTyperSpec englishAt(int linesPerSecond = 2000)
{
    session::AutoTyperSpec spec;
    spec.sample = session::AutoTyperSpec::Sample::English;
    spec.linesPerSecond = linesPerSecond;
    return spec;
}

bool pausedAt(const ui::RunSnapshotPtr &s, int batches)
{
    return s && !s->cursor && s->phase == session::RunPhase::Paused && s->completedBatches >= batches;
}

bool ended(const ui::RunSnapshotPtr &s)
{
    if (s && (s->phase == session::RunPhase::Failed || s->phase == session::RunPhase::Finished)) {
        std::fprintf(stderr, "bench_history: the program ended: %s\n%s\n", s->errorText.c_str(), s->stderrText.c_str());
        return true;
    }
    return false;
}

// Approximate heap bytes of a history batch (what its allocations hold: strings past the
// small-string buffer, vectors' capacity, map nodes; 16 bytes of malloc overhead each), to see
// what the retained history costs — full batches against summaries.
constexpr std::size_t kMallocOverhead = 16, kMapNode = 32 + kMallocOverhead;
std::size_t heapOf(const std::string &s)
{
    return s.capacity() > 15 ? s.capacity() + 1 + kMallocOverhead : 0;
}
template <typename T> std::size_t vectorHeap(const std::vector<T> &v)
{
    return v.capacity() ? v.capacity() * sizeof(T) + kMallocOverhead : 0;
}
std::size_t heapOf(const session::BatchSnapshot &b)
{
    std::size_t n = sizeof(b) + kMallocOverhead + 16; // make_shared's control block
    for (const auto &[id, in] : b.info.streamIdToInputInfo) n += kMapNode + sizeof(in) + heapOf(in.description);
    for (const auto &[id, op] : b.info.outputOperationInfos)
        n += kMapNode + sizeof(op) + heapOf(op.name) + heapOf(op.description) + vectorHeap(op.jobIds) +
             (op.failureReason ? heapOf(*op.failureReason) : 0);
    n += vectorHeap(b.blocks);
    for (const auto &blk : b.blocks) n += heapOf(blk.blockId);
    for (const auto &[id, box] : b.rdds) {
        n += kMapNode + sizeof(box) + heapOf(box.className) + heapOf(box.scope) + heapOf(box.debugString) +
             heapOf(box.error) + vectorHeap(box.partitionCounts) + vectorHeap(box.records);
        for (const auto &r : box.records) n += heapOf(r);
    }
    for (const auto *kc : {&b.keyCounts, &b.totalKeyCounts}) {
        n += vectorHeap(*kc);
        for (const auto &k : *kc) n += heapOf(k.key);
    }
    for (const auto &[id, w] : b.windows)
        n += kMapNode + sizeof(w) + vectorHeap(w.covered) + vectorHeap(w.added) + vectorHeap(w.subtracted);
    return n;
}

/// "1000 full batches ~ 12.3 MB (12.6 KB each), 3000 summaries ~ 4.5 MB (1.5 KB each)"
std::string historyCost(const session::RunSnapshot &s)
{
    std::size_t full = 0, fullBytes = 0, summaries = 0, summaryBytes = 0;
    for (const auto &[t, b] : s.batches) {
        const std::size_t n = heapOf(*b) + kMapNode; // and the history map's node
        if (b->summary) {
            ++summaries;
            summaryBytes += n;
        } else {
            ++full;
            fullBytes += n;
        }
    }
    char buf[256];
    std::snprintf(buf, sizeof buf, "%zu full batches ~ %.1f MB (%.1f KB each), %zu summaries ~ %.1f MB (%.1f KB each)", full,
                  fullBytes / 1048576.0, full ? fullBytes / 1024.0 / full : 0.0, summaries, summaryBytes / 1048576.0,
                  summaries ? summaryBytes / 1024.0 / summaries : 0.0);
    return buf;
}

/// glibc's heap: "heap 301.2 MB = in use 270.1 + free 31.1 (mmap 22.4); arenas: 0 28.1/31.0, 3 236.3/247.2"
/// (in use / system per arena, from malloc_info's XML). mallinfo2 sums every arena; whether RSS
/// grows because the program holds more (in use) or because freed memory is not returned
/// (free, fragmentation) is what it tells apart. Read in the process: a debugger calling
/// malloc_stats deadlocks on an arena another thread holds.
std::string heapText()
{
    const struct mallinfo2 mi = mallinfo2();
    char buf[160];
    std::snprintf(buf, sizeof buf, "heap %.1f MB = in use %.1f + free %.1f (mmap %.1f); arenas in use/system:",
                  (mi.arena + mi.hblkhd) / 1048576.0, (mi.uordblks + mi.hblkhd) / 1048576.0, mi.fordblks / 1048576.0,
                  mi.hblkhd / 1048576.0);
    std::string out = buf;
    char *xml = nullptr;
    std::size_t len = 0;
    if (FILE *f = open_memstream(&xml, &len)) {
        malloc_info(0, f);
        std::fclose(f);
        // <heap nr="N"> ... <total type="rest" count=".." size="FREE"/> ... <system type="current" size="SYS"/>
        const std::string x(xml, len);
        std::free(xml);
        for (std::size_t at = x.find("<heap nr=\""); at != std::string::npos; at = x.find("<heap nr=\"", at + 1)) {
            const int nr = std::atoi(x.c_str() + at + 10);
            const std::size_t end = x.find("</heap>", at);
            const auto attr = [&](const char *tag) -> double {
                const std::size_t t = x.find(tag, at);
                if (t == std::string::npos || t > end) return 0;
                const std::size_t v = x.find("size=\"", t);
                return v == std::string::npos ? 0 : std::atof(x.c_str() + v + 6);
            };
            const double sys = attr("<system type=\"current\""), freeB = attr("<total type=\"rest\"") + attr("<total type=\"fast\"");
            if (sys < 1048576.0) continue; // the idle helper threads' arenas
            std::snprintf(buf, sizeof buf, " %d %.1f/%.1f", nr, (sys - freeB) / 1048576.0, sys / 1048576.0);
            out += buf;
        }
    }
    return out;
}

/// What each view of the window holds now (--verbose): the console document, the nc transcript,
/// every chart's points, every model's rows, the timeline's caches, and what the snapshot it
/// reads holds (batches, input chunks, console text, event log lines).
std::string viewSizes(ui::MainWindow &w, const session::RunSnapshot &s)
{
    QTextDocument *console = w.console()->document();
    const ui::StreamingStatisticsView *st = w.statisticsView();
    const ui::StatisticsSeries &series = st->chart()->series();
    std::size_t streamPoints = 0;
    for (const auto &r : series.streams) streamPoints += r.points.size();
    const ui::StreamTimelineView::CacheSizes tl = w.timeline()->cacheSizes();
    char buf[1024];
    std::snprintf(buf, sizeof buf,
                  "console %d blocks %d chars; nc transcript %lld chars; delay chart %lld points x3 (%lld over); "
                  "statistics %zu rate + %zu x3 delay + %zu stream points, tables %d/%d/%d rows; word counts %zu rows; "
                  "event log %d rows; timeline %zu appear times, %zu cached columns, %zu source batches; records %lld chars; "
                  "snapshot: %zu batches, %zu input chunks, console %zu chars, %zu event lines",
                  console->blockCount(), console->characterCount(), static_cast<long long>(w.ncPanel()->transcript().size()),
                  static_cast<long long>(w.delayChart()->points().total.size()),
                  static_cast<long long>(w.delayChart()->points().overInterval.size()), series.inputRate.size(),
                  series.totalDelay.size(), streamPoints, st->model(ui::StreamingStatisticsView::CompletedTable)->rowCount(),
                  st->model(ui::StreamingStatisticsView::RunningTable)->rowCount(),
                  st->model(ui::StreamingStatisticsView::WaitingTable)->rowCount(), w.wordCounts()->model()->rows().size(),
                  w.logView()->model()->rowCount(), tl.appearTimes, tl.cachedColumns, tl.sourceBatches,
                  static_cast<long long>(w.recordsPanel()->recordsText().size()), s.batches.size(),
                  s.input ? s.input->chunks.size() : 0, s.console ? s.console->size() : 0,
                  s.events ? s.events->size() : 0);
    return buf;
}

struct Options {
    std::string mode;
    std::string program;
    std::vector<int> batches;
    int pairs = 20;
    int steps = 10;
    bool window = false;
    bool verbose = false; ///< memory: every 1,000 batches, what each view holds (--verbose, with --window)
    QStringList without;  ///< memory: views cut off from the snapshots (--without console,log,...), to bisect a growth
    double maxRssMb = 6000; ///< memory: stop (and say so) rather than exhaust a shared machine
    int rate = 2000;        ///< memory: the auto-typer's lines per second (--rate)
    int timeoutS = 3600;    ///< memory: the wall-clock limit of each leg (--timeout)
    std::optional<std::pair<std::size_t, std::size_t>> retention; ///< batches in full, kept (default: Config's)
};

Options parse(int argc, char **argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--batches" && i + 1 < argc) {
            for (const QString &n : QString::fromLatin1(argv[++i]).split(QLatin1Char(','))) o.batches.push_back(n.toInt());
        } else if (a == "--pairs" && i + 1 < argc) {
            o.pairs = std::atoi(argv[++i]);
        } else if (a == "--steps" && i + 1 < argc) {
            o.steps = std::atoi(argv[++i]);
        } else if (a == "--retention" && i + 1 < argc) {
            const QStringList v = QString::fromLatin1(argv[++i]).split(QLatin1Char(','));
            if (v.size() == 2) o.retention = std::make_pair(v[0].toULongLong(), v[1].toULongLong());
        } else if (a == "--max-rss" && i + 1 < argc) {
            o.maxRssMb = std::atof(argv[++i]);
        } else if (a == "--rate" && i + 1 < argc) {
            o.rate = std::atoi(argv[++i]);
        } else if (a == "--timeout" && i + 1 < argc) {
            o.timeoutS = std::atoi(argv[++i]);
        } else if (a == "--window") {
            o.window = true;
        } else if (a == "--verbose") {
            o.verbose = true;
        } else if (a == "--without" && i + 1 < argc) {
            o.without = QString::fromLatin1(argv[++i]).split(QLatin1Char(','));
        } else if (o.mode.empty()) {
            o.mode = a;
        } else if (o.program.empty()) {
            o.program = a;
        }
    }
    return o;
}

// ---- a) step back with the dashboard ----------------------------------------------------------

struct StepTiming {
    double callMs = 0;   ///< the call itself: historyAt + every view's snapshot slot (synchronous)
    double totalMs = 0;  ///< until the event loop was idle after the timeline repainted
    std::uint64_t snapshots = 0, paints = 0, timelinePaints = 0;
    bool timedOut = false;
};

int benchStepBack(CountingApplication &app, const Options &o)
{
    const std::vector<int> stops = o.batches.empty() ? std::vector<int>{100, 10000} : o.batches;
    session::ProgramSession::Config cfg = sessionConfig();
    session::ProgramSession session(cfg);
    std::uint64_t delivered = 0;
    QObject::connect(&session, &ui::RunDriver::snapshotReady, [&] { ++delivered; });
    ui::SimulationController controller(&session);
    ui::LanguageManager languages;
    languages.setLanguage(QStringLiteral("en"));
    ui::MainWindow window(&controller, &languages, /*useSettings=*/false);
    window.setProgram(QStringLiteral("network_wordcount.py"),
                      readFile(QStringLiteral(DSTREAMLAB_SOURCE_DIR "/resources/programs/network_wordcount.py")));
    window.resize(1920, 1080);
    window.show();
    app.watched = window.timeline();
    controller.startAutoTyper(englishAt());

    // One command timed: from the call until the views have handled the snapshot it delivers
    // (ProgramSession emits it synchronously on the GUI thread; the controller forwards it as
    // snapshotChanged) and the event loop is idle again after the timeline's repaint — the
    // timeline paces repaints to one per 16 ms, so the previous step's repaint is > 16 ms old.
    auto timeCommand = [&](const std::function<void()> &command) {
        StepTiming r;
        const std::uint64_t d0 = delivered, p0 = app.paints, tp0 = app.watchedPaints;
        QElapsedTimer t;
        t.start();
        command();
        r.callMs = t.nsecsElapsed() / 1e6;
        for (;;) {
            const std::uint64_t e0 = app.events;
            QCoreApplication::processEvents(QEventLoop::AllEvents);
            if (app.events == e0 && delivered > d0 && app.watchedPaints > tp0) break;
            if (t.elapsed() > 3000) {
                r.timedOut = true;
                break;
            }
        }
        r.totalMs = t.nsecsElapsed() / 1e6;
        r.snapshots = delivered - d0;
        r.paints = app.paints - p0;
        r.timelinePaints = app.watchedPaints - tp0;
        return r;
    };

    std::vector<double> results; // per stop: median of the totals
    QElapsedTimer wall;
    wall.start();
    int lastReported = 0;
    for (const int stop : stops) {
        const double runStart = wall.elapsed() / 1000.0;
        controller.runUntilBatch(stop);
        // Progress every 1,000 batches, with the frames (event-loop passes) since the last line.
        std::vector<double> frames;
        const bool reached = pumpUntil(
            [&] { return pausedAt(controller.snapshot(), stop) || ended(controller.snapshot()); }, 3600, [&](double u) {
                frames.push_back(u);
                const auto s = controller.snapshot();
                if (s && s->completedBatches - lastReported >= 1000) {
                    lastReported = s->completedBatches / 1000 * 1000;
                    std::fprintf(stderr, "  %5d batches, %6.1f s wall, RSS %.0f MB, console %.2f MB; %zu frames: median %.1f  p99 %.1f  max %.1f ms\n",
                                 s->completedBatches, wall.elapsed() / 1000.0, procStatusMb("VmRSS:"),
                                 s->console->size() / 1048576.0, frames.size(), percentile(frames, 0.5),
                                 percentile(frames, 0.99), percentile(frames, 1.0));
                    frames.clear();
                }
            });
        if (!reached || ended(controller.snapshot())) return 1;
        pumpFor(1000); // the last drop-in animations end, deferred repaints are done
        const ui::RunSnapshotPtr head = controller.snapshot();
        const double runWall = wall.elapsed() / 1000.0 - runStart;
        std::printf("\nat batch %d (%d batches in history, %d in full detail; run to here %.1f s wall, %zu input lines, RSS %.0f MB)\n",
                    head->completedBatches, static_cast<int>(head->batches.size()),
                    static_cast<int>(std::count_if(head->batches.begin(), head->batches.end(),
                                                   [](const auto &b) { return !b.second->summary; })),
                    runWall, session.inputLogSize(), procStatusMb("VmRSS:"));
        std::printf("  timeline draws %d boxes at the head; console holds %.2f MB (%lld lines; %.2f MB printed in all)\n",
                    bench::countTimelineBoxes(window.timeline()), head->console->size() / 1048576.0,
                    static_cast<long long>(std::count(head->console->begin(), head->console->end(), '\n')),
                    (head->console->size() + head->consoleDropped) / 1048576.0);

        const std::string fp0 = head->fingerprint;
        const std::uint64_t runId0 = head->runId;
        const int completed0 = head->completedBatches;
        const std::size_t lines0 = session.inputLogSize();
        struct Pairs {
            std::vector<double> backCall, backTotal, fwdCall, fwdTotal;
            int wrong = 0, timeouts = 0, historyBoxes = -1;
            std::uint64_t snapshots = 0;
        };
        // n pairs: step back (timed), then forward to the head again (timed too).
        auto runPairs = [&](int n) {
            Pairs p;
            for (int i = 0; i < n; ++i) {
                const StepTiming b = timeCommand([&] { controller.stepBack(); });
                const ui::RunSnapshotPtr back = controller.snapshot();
                if (!back->cursor || back->completedBatches != completed0 - 1 || back->headCompletedBatches != completed0 ||
                    back->fingerprint != fp0 || back->runId != runId0)
                    ++p.wrong;
                if (i == 0) p.historyBoxes = bench::countTimelineBoxes(window.timeline());
                pumpFor(100);
                const StepTiming f = timeCommand([&] { controller.stepBatch(); });
                const ui::RunSnapshotPtr fwd = controller.snapshot();
                if (fwd->cursor || fwd->completedBatches != completed0) ++p.wrong;
                pumpFor(1000); // the forward step's batch drops in (850 ms): let it end before the next step
                p.backCall.push_back(b.callMs);
                p.backTotal.push_back(b.totalMs);
                p.fwdCall.push_back(f.callMs);
                p.fwdTotal.push_back(f.totalMs);
                p.timeouts += b.timedOut + f.timedOut;
                p.snapshots += b.snapshots + f.snapshots;
                if (i == 0)
                    std::printf("  first pair: back %llu snapshot(s), %llu paint events (%llu of the timeline); forward %llu snapshot(s)\n",
                                static_cast<unsigned long long>(b.snapshots), static_cast<unsigned long long>(b.paints),
                                static_cast<unsigned long long>(b.timelinePaints), static_cast<unsigned long long>(f.snapshots));
            }
            return p;
        };
        auto printPairs = [&](const Pairs &p, int n, const char *what) {
            std::printf("  step back%s (call -> views handled + repainted, idle), %d pairs: median %.2f ms  max %.2f ms"
                        "  (the call alone, historyAt + views' slots: median %.2f  max %.2f)\n",
                        what, n, percentile(p.backTotal, 0.5), percentile(p.backTotal, 1.0), percentile(p.backCall, 0.5),
                        percentile(p.backCall, 1.0));
            std::printf("  step forward to the head%s (same measure): median %.2f ms  max %.2f ms  (call: median %.2f  max %.2f)\n",
                        what, percentile(p.fwdTotal, 0.5), percentile(p.fwdTotal, 1.0), percentile(p.fwdCall, 0.5),
                        percentile(p.fwdCall, 1.0));
        };
        const Pairs pairs = runPairs(o.pairs);
        const ui::RunSnapshotPtr after = controller.snapshot();
        const bool same = after->fingerprint == fp0 && after->runId == runId0 && after->completedBatches == completed0 &&
                          !after->cursor && session.inputLogSize() == lines0;
        std::printf("  timeline draws %d boxes at batch %d (history view)\n", pairs.historyBoxes, completed0 - 1);
        printPairs(pairs, o.pairs, "");
        std::printf("  snapshots delivered during the %d steps: %llu (expected %d: one per step, none from the worker)%s\n",
                    2 * o.pairs, static_cast<unsigned long long>(pairs.snapshots), 2 * o.pairs,
                    pairs.timeouts ? "  TIMEOUTS" : "");
        std::printf("  engine fingerprint %s before, %s after stepping: %s (run id %llu -> %llu, batches %d -> %d, "
                    "input lines %zu -> %zu; %d inconsistent history views)\n",
                    fp0.c_str(), after->fingerprint.c_str(), same ? "unchanged, nothing re-ran" : "CHANGED",
                    static_cast<unsigned long long>(runId0), static_cast<unsigned long long>(after->runId), completed0,
                    after->completedBatches, lines0, session.inputLogSize(), pairs.wrong);
        results.push_back(percentile(pairs.backTotal, 0.5));
        if (!same || pairs.wrong) return 1;
        {
            // Selecting a batch (a click in any view): every view connected to the shared
            // BatchSelection updates in its slot; then the event loop runs until idle (the
            // repaints). Timed with each bottom view in front, for a batch kept in full (50 back)
            // and the oldest kept (a summary in a long run), alternating with the latest.
            const ui::RunSnapshotPtr h = controller.snapshot();
            const qint64 full = std::prev(h->batches.end(), std::min<std::ptrdiff_t>(50, static_cast<std::ptrdiff_t>(h->batches.size())))->first.ms();
            const qint64 oldest = h->batches.begin()->first.ms();
            const qint64 newest = h->batches.rbegin()->first.ms();
            for (const QString &view : ui::MainWindow::viewNames()) {
                if (!window.showView(view)) continue;
                pumpFor(200);
                std::vector<double> ms;
                for (int i = 0; i < 6; ++i) {
                    for (const qint64 t : {i % 2 ? oldest : full, newest}) {
                        QElapsedTimer timer;
                        timer.start();
                        controller.selection()->selectBatch(t);
                        for (;;) {
                            const std::uint64_t e0 = app.events;
                            QCoreApplication::processEvents(QEventLoop::AllEvents);
                            if (app.events == e0) break;
                        }
                        if (t != newest) ms.push_back(timer.nsecsElapsed() / 1e6);
                    }
                }
                std::printf("  select a batch with '%s' in front (call -> every view updated, repainted, idle): median %.2f ms  max %.2f ms\n",
                            qPrintable(view), percentile(ms, 0.5), percentile(ms, 1.0));
            }
            controller.selection()->followLatest();
            pumpFor(200);
        }
        if (stop == stops.back()) {
            // Where a step back's call goes, at the last stop (diagnostics; they disconnect views
            // from the controller, so they run once, at the end): the history view alone, then
            // each view's share of handling it — the head and the history value emitted
            // alternately as the controller's snapshotChanged (the history one timed), dropping
            // one view's connection at a time. The console goes first, and the step back/forward
            // pairs are timed again without it in between.
            const ui::RunSnapshotPtr h = controller.snapshot();
            const auto cursor = session::previousCompletedBatch(*h, std::nullopt);
            std::vector<double> ms;
            for (int i = 0; i < 9; ++i) {
                QElapsedTimer t;
                t.start();
                const auto v = session::historyAt(h, *cursor, static_cast<std::uint16_t>(1000 + i));
                ms.push_back(t.nsecsElapsed() / 1e6);
            }
            std::printf("  diagnostics: historyAt alone median %.3f ms\n", percentile(ms, 0.5));
            std::uint16_t serial = 3000;
            auto timeEmits = [&] {
                std::vector<double> r;
                for (int i = 0; i < 9; ++i) {
                    auto again = std::make_shared<session::RunSnapshot>(*h);
                    again->serial = h->serial + serial++;
                    emit controller.snapshotChanged(again);
                    const ui::RunSnapshotPtr back = session::historyAt(h, *cursor, serial++);
                    QElapsedTimer t;
                    t.start();
                    emit controller.snapshotChanged(back);
                    r.push_back(t.nsecsElapsed() / 1e6);
                }
                return percentile(r, 0.5);
            };
            const std::pair<const char *, QObject *> receivers[] = {
                {"console", window.console()},   {"timeline", window.timeline()},      {"nc panel", window.ncPanel()},
                {"word counts", window.wordCounts()}, {"delay chart", window.delayChart()}, {"code", window.codePanel()},
                {"records", window.recordsPanel()}, {"status strip", window.statusStrip()}, {"main window", &window}};
            double before = timeEmits();
            std::vector<std::pair<const char *, double>> shares;
            for (const auto &[name, obj] : receivers) {
                QObject::disconnect(&controller, &ui::SimulationController::snapshotChanged, obj, nullptr);
                const double after = timeEmits();
                shares.emplace_back(name, before - after);
                before = after;
                if (obj == window.console()) {
                    pumpFor(1000);
                    const int n = std::max(5, o.pairs / 2);
                    printPairs(runPairs(n), n, " without the console (its slot disconnected)");
                }
            }
            std::printf("  diagnostics: the views' slots for a history snapshot (head -> batch %d), medians of 9, by view"
                        " (differences of medians: +-1 ms is noise):\n   ", completed0 - 1);
            for (const auto &[name, v] : shares) std::printf(" %s %.2f,", name, v);
            std::printf(" the rest %.2f ms\n", before);
        }
    }
    if (results.size() >= 2) {
        const double ratio = results.back() / results.front();
        std::printf("\nstep back median at batch %d / at batch %d: %.2f ms / %.2f ms = %.2fx (goal: both < 50 ms, ratio <= 2)\n",
                    stops.back(), stops.front(), results.back(), results.front(), ratio);
    }
    std::printf("peak RSS (VmHWM) %.0f MB\n", procStatusMb("VmHWM:"));
    return 0;
}

// ---- b) memory ---------------------------------------------------------------------------------

int benchMemory(const Options &o)
{
    if (o.program.empty()) {
        std::fprintf(stderr, "usage: bench_history memory PROGRAM.py [--window] [--batches 1000,10000] [--steps 10] [--max-rss 6000] [--retention 1000,4000] [--rate 2000] [--timeout 3600]\n");
        return 2;
    }
    const std::vector<int> stops = o.batches.empty() ? std::vector<int>{1000, 10000} : o.batches;
    const QString source = readFile(QString::fromStdString(o.program));
    const QString name = QFileInfo(QString::fromStdString(o.program)).fileName();
    session::ProgramSession::Config cfg = sessionConfig();
    if (o.retention) {
        cfg.retention.retained = o.retention->first;
        cfg.retention.kept = o.retention->second;
    }
    session::ProgramSession session(cfg);
    std::unique_ptr<ui::SimulationController> controller;
    std::unique_ptr<ui::LanguageManager> languages;
    std::unique_ptr<ui::MainWindow> window;
    if (o.window) {
        controller = std::make_unique<ui::SimulationController>(&session);
        languages = std::make_unique<ui::LanguageManager>();
        languages->setLanguage(QStringLiteral("en"));
        window = std::make_unique<ui::MainWindow>(controller.get(), languages.get(), /*useSettings=*/false);
        window->setProgram(name, source);
        window->resize(1920, 1080);
        window->show();
        // --without: those views (and their children) no longer get snapshots, to see which
        // view's data grows: the bench's bisection tool, not a configuration anyone runs.
        const std::pair<const char *, QObject *> views[] = {
            {"console", window->console()},       {"timeline", window->timeline()},   {"nc", window->ncPanel()},
            {"wordcounts", window->wordCounts()}, {"delays", window->delayChart()},   {"code", window->codePanel()},
            {"records", window->recordsPanel()},  {"status", window->statusStrip()},  {"statistics", window->statisticsView()},
            {"log", window->logView()},           {"batch", window->batchDetailView()}, {"lineage", window->lineageView()},
            {"provenance", window->provenanceView()}, {"database", window->databaseView()}, {"kafka", window->kafkaView()},
            {"main", window.get()}};
        for (const QString &name : o.without) {
            const auto v = std::find_if(std::begin(views), std::end(views), [&](const auto &p) { return name == QLatin1String(p.first); });
            if (v == std::end(views)) {
                std::fprintf(stderr, "bench_history: --without: no view '%s'\n", qPrintable(name));
                return 2;
            }
            QList<QObject *> objects = v->second == window.get() ? QList<QObject *>{} : v->second->findChildren<QObject *>();
            objects.prepend(v->second);
            for (QObject *obj : objects) QObject::disconnect(controller.get(), &ui::SimulationController::snapshotChanged, obj, nullptr);
            std::printf("without the %s view's snapshots\n", qPrintable(name));
        }
        controller->startAutoTyper(englishAt(o.rate));
    } else {
        session.loadProgram(name, source);
        session.startAutoTyper(englishAt(o.rate));
    }
    std::printf("bench_history memory: %s, %s, auto-typer %d lines/s (English), as fast as possible\n",
                o.program.c_str(), o.window ? "session + MainWindow (1920x1080 offscreen)" : "session only (no window)", o.rate);
    std::printf("history retention: %zu batches in full detail, %zu kept%s\n", cfg.retention.retained, cfg.retention.kept,
                o.retention ? " (--retention)" : " (the default)");
    std::printf("RSS before the run %.0f MB\n", procStatusMb("VmRSS:"));

    QElapsedTimer wall;
    wall.start();
    int lastReported = 0;
    std::vector<double> rssAt;
    std::vector<std::pair<int, double>> samples; // (batches, RSS MB) every 500 batches
    bool overLimit = false;
    for (const int stop : stops) {
        const double t0 = wall.elapsed() / 1000.0;
        const int b0 = session.latestSnapshot() ? session.latestSnapshot()->completedBatches : 0;
        session.runUntilBatch(stop);
        const bool reached = pumpUntil(
            [&] { return overLimit || pausedAt(session.latestSnapshot(), stop) || ended(session.latestSnapshot()); }, o.timeoutS, [&](double) {
                const auto s = session.latestSnapshot();
                const double rss = procStatusMb("VmRSS:");
                if (s && (samples.empty() || s->completedBatches - samples.back().first >= 500))
                    samples.emplace_back(s->completedBatches, rss);
                if (rss > o.maxRssMb) overLimit = true;
                if (s && s->completedBatches - lastReported >= 1000) {
                    lastReported = s->completedBatches / 1000 * 1000;
                    std::fprintf(stderr, "  %5d batches, %6.1f s wall, RSS %.0f MB; %s\n", s->completedBatches,
                                 wall.elapsed() / 1000.0, rss, heapText().c_str());
                    if (o.verbose && window) std::fprintf(stderr, "    %s\n", viewSizes(*window, *s).c_str());
                }
            });
        if (overLimit) {
            const auto s = session.latestSnapshot();
            std::printf("STOPPED: VmRSS %.0f MB passed the limit (--max-rss %.0f) at batch %d, %.1f s wall\n",
                        procStatusMb("VmRSS:"), o.maxRssMb, s ? s->completedBatches : -1, wall.elapsed() / 1000.0);
            std::printf("RSS by batch:");
            for (const auto &[b, mb] : samples) std::printf(" %d:%.0f", b, mb);
            if (samples.size() >= 3) {
                const auto &a = samples[samples.size() / 2], &z = samples.back();
                std::printf("\ngrowth over the second half (batch %d -> %d): %.3f MB per batch\n", a.first, z.first,
                            (z.second - a.second) / std::max(1, z.first - a.first));
            }
            return 3;
        }
        if (!reached || ended(session.latestSnapshot())) return 1;
        pumpFor(300);
        const auto s = session.latestSnapshot();
        const double secs = wall.elapsed() / 1000.0 - t0;
        rssAt.push_back(procStatusMb("VmRSS:"));
        std::printf("after %5d batches: VmRSS %.1f MB  (VmHWM %.1f MB; %zu input lines; %zu batches kept, %zu in full;"
                    " %d batches in %.1f s wall = %.1f batches/s)\n",
                    s->completedBatches, rssAt.back(), procStatusMb("VmHWM:"), session.inputLogSize(), s->batches.size(),
                    static_cast<std::size_t>(std::count_if(s->batches.begin(), s->batches.end(),
                                                           [](const auto &b) { return !b.second->summary; })),
                    s->completedBatches - b0, secs, (s->completedBatches - b0) / std::max(1e-9, secs));
        std::printf("  history held (approximate heap): %s\n", historyCost(*s).c_str());
    }
    if (rssAt.size() >= 2)
        std::printf("RSS ratio after %d / after %d batches: %.3f (goal <= 1.25)\n", stops.back(), stops.front(),
                    rssAt.back() / rssAt.front());

    const auto head = session.latestSnapshot();
    const std::string fp0 = head->fingerprint;
    std::printf("engine fingerprint at batch %d: %s\n", head->completedBatches, fp0.c_str());
    const double before = procStatusMb("VmRSS:");
    QElapsedTimer t;
    std::vector<double> stepMs;
    for (int i = 0; i < o.steps; ++i) {
        t.start();
        if (controller) controller->stepBack();
        else session.stepBack();
        stepMs.push_back(t.nsecsElapsed() / 1e6);
        pumpFor(50);
    }
    const auto browsed = session.latestSnapshot();
    const double afterSteps = procStatusMb("VmRSS:");
    session.followLatest();
    pumpFor(300);
    const double atHead = procStatusMb("VmRSS:");
    std::printf("%d step backs (to batch %d; the call: median %.2f ms, max %.2f ms): VmRSS before %.1f MB, after %.1f MB"
                " (%+.1f MB), back at the head %.1f MB; fingerprint %s\n",
                o.steps, browsed->completedBatches, percentile(stepMs, 0.5), percentile(stepMs, 1.0), before, afterSteps,
                afterSteps - before, atHead,
                session.latestSnapshot()->fingerprint == fp0 ? "unchanged" : "CHANGED");
    std::printf("peak RSS (VmHWM) %.1f MB; %.1f s wall in all\n", procStatusMb("VmHWM:"), wall.elapsed() / 1000.0);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    const Options o = parse(argc, argv);
    if (o.mode != "stepback" && o.mode != "memory") {
        std::fprintf(stderr, "usage: bench_history stepback [--batches 100,10000] [--pairs 20]\n"
                             "       bench_history memory PROGRAM.py [--window] [--batches 1000,10000] [--steps 10] [--max-rss MB] [--retention FULL,KEPT] [--rate LINES] [--timeout S]\n");
        return 2;
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    if (o.mode == "memory" && !o.window) {
        QCoreApplication app(argc, argv); // the session is Qt Core only
        return benchMemory(o);
    }
    CountingApplication app(argc, argv);
    QApplication::setStyle(QStringLiteral("Fusion"));
    return o.mode == "stepback" ? benchStepBack(app, o) : benchMemory(o);
}
