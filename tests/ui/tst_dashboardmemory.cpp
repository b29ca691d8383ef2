// What the dashboard's window makes per snapshot, over hand-made snapshots (no program runs): a
// playing run publishes one a display frame, so anything made anew for each one is made 60
// times a second for a whole lesson. docs/dashboard-memory.md has the soak that found them.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/runsnapshot.h"
#include "ui/languagemanager.h"
#include "ui/mainwindow.h"
#include "ui/simulationcontroller.h"
#endif

#include "snapshotdriver.h"

#include <QAction>
#include <QSet>
#include <QTest>
#include <QToolBar>

using namespace dsl;
using namespace dsl::ui;

namespace {

std::shared_ptr<session::RunSnapshot> snapshotIn(session::RunPhase phase, int serial)
{
    auto s = std::make_shared<session::RunSnapshot>();
    s->runId = 1;
    s->phase = phase;
    s->clock = SimTime(1'795'514'400'000 + serial); // every snapshot a new moment, as a playing run's
    s->console = std::make_shared<const std::string>();
    return s;
}

/// The toolbar's Run/Pause action (the first of the run tool bar).
QAction *runAction(MainWindow &w)
{
    auto *bar = w.findChild<QToolBar *>(QStringLiteral("runToolBar"));
    return bar && !bar->actions().isEmpty() ? bar->actions().front() : nullptr;
}

} // namespace

class TestDashboardMemory : public QObject {
    Q_OBJECT
private slots:
    void theRunIconIsMadeOncePerState_data();
    void theRunIconIsMadeOncePerState();
};

void TestDashboardMemory::theRunIconIsMadeOncePerState_data()
{
    QTest::addColumn<QList<int>>("phases"); ///< session::RunPhase of each snapshot shown, in order
    QTest::addColumn<int>("icons");         ///< different icons the Run action showed after the first snapshot

    const int running = static_cast<int>(session::RunPhase::Running), paused = static_cast<int>(session::RunPhase::Paused);
    QList<int> playing(300, running);
    // 300 frames of a playing run: the Pause icon, made once.
    QTest::newRow("a-playing-run-makes-one-icon") << playing << 1;
    // Paused, playing 100 frames, paused 100: Play, Pause, Play again (three icons made).
    QList<int> toggled = {paused};
    toggled += QList<int>(100, running);
    toggled += QList<int>(100, paused);
    QTest::newRow("each-change-of-state-makes-one") << toggled << 3;
}

void TestDashboardMemory::theRunIconIsMadeOncePerState()
{
    QFETCH(QList<int>, phases);
    QFETCH(int, icons);
    uitest::SnapshotDriver driver(QStringLiteral("wordcount.py"));
    SimulationController controller(&driver);
    LanguageManager languages;
    languages.setLanguage(QStringLiteral("en"));
    MainWindow window(&controller, &languages, /*useSettings=*/false);
    QAction *run = runAction(window);
    QVERIFY(run);
    QSet<qint64> seen; // QIcon::cacheKey: a new key for every icon made, the same for a copy
    int serial = 0;
    for (int phase : phases) {
        driver.show(snapshotIn(static_cast<session::RunPhase>(phase), ++serial));
        seen.insert(run->icon().cacheKey());
        QCOMPARE(run->text(), phase == static_cast<int>(session::RunPhase::Running) ? QStringLiteral("Pause") : QStringLiteral("Run"));
    }
    QCOMPARE(seen.size(), icons);
}

QTEST_MAIN(TestDashboardMemory)
#include "tst_dashboardmemory.moc"
