// The pprint console over hand-made snapshots of a run's output: new output is appended, the
// session cutting the front of its text (past 2.5 MB) appends too instead of redrawing, stepping
// back cuts the tail, and a redraw lays out only the lines the document keeps (its bound:
// setMaximumBlockCount(20000)). docs/dashboard-memory.md says why the redraws mattered.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/runsnapshot.h"
#include "ui/pprintconsole.h"
#include "ui/simulationcontroller.h"
#endif

#include "snapshotdriver.h"

#include <QSignalSpy>
#include <QTest>
#include <QTextDocument>

#include <string>

using namespace dsl;
using namespace dsl::ui;

namespace {

/// Line i of the made-up output: "line 000042 of the program's output\n" (36 characters each,
/// so k lines are 36 * k characters).
/// Another run's output reads "LINE 000042 ..." (as long).
std::string lines(int from, int to, bool otherRun = false)
{
    std::string out;
    char buf[64];
    for (int i = from; i < to; ++i) {
        std::snprintf(buf, sizeof buf, "%s %06d of the program's output\n", otherRun ? "LINE" : "line", i);
        out += buf;
    }
    return out;
}
constexpr int kLine = 36;

/// What the session publishes: the output's lines [from, to) as the console text, the lines
/// before `from` dropped (consoleDropped counts their characters).
std::shared_ptr<session::RunSnapshot> outputOf(int from, int to, bool otherRun = false)
{
    auto s = std::make_shared<session::RunSnapshot>();
    s->runId = 1;
    s->phase = session::RunPhase::Running;
    s->console = std::make_shared<const std::string>(lines(from, to, otherRun));
    s->consoleDropped = static_cast<std::size_t>(from) * kLine;
    return s;
}

/// One step of a test: the snapshot shown next, as [from, to) of the output's lines.
struct Shown {
    int from, to;
    bool otherRun = false;
};

} // namespace

Q_DECLARE_METATYPE(std::vector<Shown>)

class TestPprintConsole : public QObject {
    Q_OBJECT
private slots:
    void followsTheOutput_data();
    void followsTheOutput();
    void aRedrawLaysOutOnlyTheLinesKept();
};

void TestPprintConsole::followsTheOutput_data()
{
    QTest::addColumn<std::vector<Shown>>("steps");
    QTest::addColumn<int>("firstLine");   ///< the document's first line afterwards
    QTest::addColumn<int>("endLine");     ///< one past its last
    // Characters inserted and removed in all, as the document reports them (contentsChange):
    // a redraw (setPlainText: the first snapshot is one) reports one more on either side, the
    // closing block's separator (an empty document removes just that one).
    QTest::addColumn<int>("charsAdded");
    QTest::addColumn<int>("charsRemoved");

    // 100 lines in 10 snapshots, nothing cut: the first is drawn, each later one adds its 10
    // lines (360 characters).
    std::vector<Shown> growing;
    for (int k = 1; k <= 10; ++k) growing.push_back({0, 10 * k});
    QTest::newRow("new-output-is-appended") << growing << 0 << 100 << 100 * kLine + 1 << 1;

    // The session keeps the newest 30 lines only: its text's front moves on, what is shown
    // still ends where the new text continues, so only the 10 new lines are added and the
    // document keeps the 100 lines (fewer than its 20,000).
    std::vector<Shown> cut;
    for (int k = 1; k <= 10; ++k) cut.push_back({std::max(0, 10 * k - 30), 10 * k});
    QTest::newRow("a-front-cut-by-the-session-appends-the-new-lines-only") << cut << 0 << 100 << 100 * kLine + 1 << 1;

    // Stepping back after front cuts: the same front, a shorter end; the 20 lines after the
    // browsed batch go (20 * 37 removed), nothing is added; stepping forward adds them again.
    std::vector<Shown> back = cut;
    back.push_back({70, 80});
    QTest::newRow("stepping-back-after-a-front-cut-cuts-the-tail") << back << 0 << 80 << 100 * kLine + 1 << 1 + 20 * kLine;
    std::vector<Shown> forward = back;
    forward.push_back({70, 100});
    QTest::newRow("stepping-forward-again-appends-the-tail") << forward << 0 << 100 << 120 * kLine + 1 << 1 + 20 * kLine;

    // The GUI skipped so much that the new text starts after everything shown ended (lines
    // 40..49 never seen): the document is the new text, lines 50..60.
    QTest::newRow("a-gap-after-what-is-shown-redraws") << std::vector<Shown>{{0, 40}, {50, 60}} << 50 << 60
                                                       << 40 * kLine + 1 + 10 * kLine + 1 << 1 + 40 * kLine + 1;
    // A text that no longer reads as what is shown (another run's output) redraws too.
    QTest::newRow("a-text-that-reads-otherwise-redraws") << std::vector<Shown>{{0, 40}, {0, 30, true}} << 0 << 30
                                                         << 40 * kLine + 1 + 30 * kLine + 1 << 1 + 40 * kLine + 1;
}

void TestPprintConsole::followsTheOutput()
{
    QFETCH(std::vector<Shown>, steps);
    QFETCH(int, firstLine);
    QFETCH(int, endLine);
    QFETCH(int, charsAdded);
    QFETCH(int, charsRemoved);
    uitest::SnapshotDriver driver(QStringLiteral("wordcount.py"));
    SimulationController controller(&driver);
    PprintConsole console(&controller);
    int added = 0, removed = 0;
    connect(console.document(), &QTextDocument::contentsChange, this, [&](int, int r, int a) {
        added += a;
        removed += r;
    });
    for (const Shown &s : steps) driver.show(outputOf(s.from, s.to, s.otherRun));
    QCOMPARE(console.toPlainText(), QString::fromStdString(lines(firstLine, endLine, steps.back().otherRun)));
    QCOMPARE(added, charsAdded);
    QCOMPARE(removed, charsRemoved);
}

void TestPprintConsole::aRedrawLaysOutOnlyTheLinesKept()
{
    // 50,000 lines at once (1.8 MB, as a long run's console after a replay): the document
    // keeps the newest 20,000 blocks, the last of them the empty one after the final newline,
    // so lines 30,001..49,999 (19,999 lines, and the separator a redraw reports). Laying out
    // all 50,000 first and dropping 30,001 of them took 2 MB of text and 50,000 blocks on the
    // GUI thread's heap at each redraw.
    uitest::SnapshotDriver driver(QStringLiteral("wordcount.py"));
    SimulationController controller(&driver);
    PprintConsole console(&controller);
    QCOMPARE(console.maximumBlockCount(), 20000);
    int added = 0;
    connect(console.document(), &QTextDocument::contentsChange, this, [&](int, int, int a) { added += a; });
    driver.show(outputOf(0, 50000));
    QCOMPARE(console.document()->blockCount(), 20000);
    QCOMPARE(console.toPlainText(), QString::fromStdString(lines(30001, 50000)));
    QCOMPARE(added, 19999 * kLine + 1);
    // More output after the redraw is appended, the document stays at its bound.
    added = 0;
    driver.show(outputOf(10000, 50010));
    QCOMPARE(console.document()->blockCount(), 20000);
    QCOMPARE(added, 10 * kLine);
    QVERIFY(console.toPlainText().endsWith(QStringLiteral("line 050009 of the program's output\n")));
}

QTEST_MAIN(TestPprintConsole)
#include "tst_pprintconsole.moc"
