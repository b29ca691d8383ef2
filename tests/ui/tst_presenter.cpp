// The dashboard in a classroom (issue 11): presenter mode at 1280x720 and 1920x1080 keeps the
// window's size, shows four batches and every name whole; the run keys work with the nc input
// focused; Start twice keeps one auto-typer; opening an input log does not run it; an empty
// newest batch points to the last one with words. One real session (one per executable).
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "engine/inputscript.h"
#include "app/session/programsession.h"
#include "app/session/runsnapshot.h"
#endif
#include "ui/autotyperbar.h"
#include "ui/batchselection.h"
#include "ui/languagemanager.h"
#include "ui/mainwindow.h"
#include "ui/ncinputedit.h"
#include "ui/ncinputpanel.h"
#include "ui/presenterlayout.h"
#include "ui/programtext.h"
#include "ui/runstatusstrip.h"
#include "ui/simulationcontroller.h"
#include "ui/streamtimelineview.h"
#include "ui/theme.h"
#include "ui/timelinepainter.h"
#include "ui/topwordsview.h"
#include "ui/wordcountmodel.h"
#include "ui/wordcountpanel.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFontMetricsF>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>

using namespace dsl;
using namespace dsl::ui;
using namespace dsl::session;

namespace {
QString readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}
const QString kProgram = QStringLiteral(DSTREAMLAB_SOURCE_DIR "/resources/programs/network_wordcount.py");
} // namespace

class TestPresenter : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void sharesGiveTheTimelineTheRoom_data();
    void sharesGiveTheTimelineTheRoom();
    void runKeysWorkWithTheInputFocused_data();
    void runKeysWorkWithTheInputFocused();
    void escapeLeavesTheInputForTheTimeline();
    void presenterModeFitsTheScreen_data();
    void presenterModeFitsTheScreen();
    void fullScreenAndBackRestoresTheWindow();
    void aChosenTabOpensTheTabsFoldedAt720();
    void aTabAskedForWhileCurrentOpensTheTabsAndShowsItsLabel();
    void anEmptyNewestBatchPointsToTheLastWithWords();
    void startTwiceKeepsOneAutoTyperAtItsRate();
    void anotherProgramStopsTheAutoTyper();
    void openingAnInputLogDoesNotRunIt();
    void cleanupTestCase();

private:
    bool waitResting(int completedBatches);
    std::unique_ptr<ProgramSession> m_session;
    std::unique_ptr<SimulationController> m_controller;
    std::unique_ptr<LanguageManager> m_languages;
    std::unique_ptr<MainWindow> m_window;
};

void TestPresenter::initTestCase()
{
    ProgramSession::Config cfg;
    cfg.startTime = SimTime(1'795'514'400'000); // 2026-11-24 10:00:00 UTC
    cfg.pythonPackageDir = DSTREAMLAB_SOURCE_DIR "/resources/python";
    m_session = std::make_unique<ProgramSession>(cfg);
    std::vector<ScriptLine> lines;
    std::string err;
    QVERIFY(parseInputScript(readFile(QStringLiteral(DSTREAMLAB_SOURCE_DIR "/docs/screenshots/wordcount.input")).toStdString(),
                             lines, err));
    std::vector<std::pair<Duration, std::string>> input;
    for (const auto &l : lines) input.emplace_back(l.offset, l.text);
    QVERIFY(m_session->addInput(input));
    m_controller = std::make_unique<SimulationController>(m_session.get());
    m_languages = std::make_unique<LanguageManager>();
    m_languages->setLanguage(QStringLiteral("en"));
    m_window = std::make_unique<MainWindow>(m_controller.get(), m_languages.get(), false);
    m_window->setProgram(QStringLiteral("network_wordcount.py"), readFile(kProgram));
    m_window->resize(1600, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

bool TestPresenter::waitResting(int completedBatches)
{
    return QTest::qWaitFor(
        [&] {
            const auto &s = m_controller->snapshot();
            return s && s->phase == RunPhase::Paused && s->completedBatches == completedBatches;
        },
        30000);
}

void TestPresenter::sharesGiveTheTimelineTheRoom_data()
{
    QTest::addColumn<QSize>("window");
    QTest::addColumn<bool>("presenter");
    QTest::addColumn<int>("minCenter");
    QTest::addColumn<bool>("tabsFolded");
    QTest::newRow("desk-1600x960-keeps-the-usual-shares") << QSize(1600, 960) << false << 53 << false;
    QTest::newRow("presenter-1280x720-centre-widest-and-tabs-folded") << QSize(1280, 720) << true << 53 << true;
    QTest::newRow("presenter-1920x1080-centre-wide-and-tabs-open") << QSize(1920, 1080) << true << 54 << false;
}

void TestPresenter::sharesGiveTheTimelineTheRoom()
{
    QFETCH(QSize, window);
    QFETCH(bool, presenter);
    QFETCH(int, minCenter);
    QFETCH(bool, tabsFolded);
    const DashboardShares s = DashboardShares::forWindow(window, presenter);
    QCOMPARE(s.left + s.center + s.right, 100);
    QVERIFY(s.center >= minCenter);
    QCOMPARE(s.timelinePercent == 100, tabsFolded);
}

void TestPresenter::runKeysWorkWithTheInputFocused_data()
{
    // In sequence over one run: PageDown / PageUp are what a presenter clicker sends.
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("batchesAfter");
    QTest::newRow("pagedown-in-the-input-steps-to-batch-1") << int(Qt::Key_PageDown) << 1;
    QTest::newRow("pagedown-again-steps-to-batch-2") << int(Qt::Key_PageDown) << 2;
    QTest::newRow("pageup-in-the-input-steps-back-to-batch-1") << int(Qt::Key_PageUp) << 1;
    QTest::newRow("pagedown-after-browsing-back-returns-to-batch-2") << int(Qt::Key_PageDown) << 2;
    QTest::newRow("pagedown-steps-on-to-batch-3") << int(Qt::Key_PageDown) << 3;
}

void TestPresenter::runKeysWorkWithTheInputFocused()
{
    QFETCH(int, key);
    QFETCH(int, batchesAfter);
    NcInputEdit *input = m_window->ncPanel()->input();
    m_window->activateWindow();
    input->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(input));
    input->setPlainText(QString());
    QTest::keyClicks(input, QStringLiteral("half a line"));
    QTest::keyClick(input, static_cast<Qt::Key>(key));
    QVERIFY2(waitResting(batchesAfter), qPrintable(QStringLiteral("batch %1").arg(batchesAfter)));
    // The key stepped the run and left the line being typed alone.
    QCOMPARE(input->text(), QStringLiteral("half a line"));
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(input));
}

void TestPresenter::escapeLeavesTheInputForTheTimeline()
{
    NcInputEdit *input = m_window->ncPanel()->input();
    input->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(input));
    QTest::keyClick(input, Qt::Key_Escape);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->timeline()));
    // Now Right steps again (it moved the cursor in the input before).
    QTest::keyClick(m_window->timeline(), Qt::Key_Right);
    QVERIFY(waitResting(4));
    input->setPlainText(QString());
    // The tool tips name the clicker's keys.
    const QString tips = m_window->findChild<QToolBar *>(QStringLiteral("runToolBar"))->actions().at(1)->toolTip();
    QVERIFY2(tips.contains(QStringLiteral("PageDown")), qPrintable(tips));
}

void TestPresenter::presenterModeFitsTheScreen_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("dark");
    QTest::newRow("en-1280x720") << QStringLiteral("en") << QSize(1280, 720) << false;
    QTest::newRow("zh_CN-1280x720") << QStringLiteral("zh_CN") << QSize(1280, 720) << false;
    QTest::newRow("en-1920x1080") << QStringLiteral("en") << QSize(1920, 1080) << true;
    QTest::newRow("zh_CN-1920x1080-dark") << QStringLiteral("zh_CN") << QSize(1920, 1080) << true;
}

void TestPresenter::presenterModeFitsTheScreen()
{
    QFETCH(QString, language);
    QFETCH(QSize, size);
    QFETCH(bool, dark);
    QVERIFY(m_languages->setLanguage(language));
    m_window->setDarkTheme(dark);
    m_window->setPresenterMode(true);
    m_window->resize(size);
    if (m_controller->snapshot()->completedBatches < 6) {
        m_controller->runUntilBatch(6);
        QVERIFY(waitResting(6));
    }
    QTest::qWait(1000); // layout, the drop-in and the bars settle
    const Theme &t = m_controller->theme();
    QVERIFY(t.presenter);

    // The window keeps the size asked for: no minimum size pushes it past the screen.
    QCOMPARE(m_window->size(), size);
    QVERIFY2(m_window->minimumSizeHint().width() <= size.width() && m_window->minimumSizeHint().height() <= size.height(),
             qPrintable(QStringLiteral("minimum %1x%2").arg(m_window->minimumSizeHint().width()).arg(m_window->minimumSizeHint().height())));

    // At least four batches across the timeline.
    StreamTimelineView *timeline = m_window->timeline();
    QVERIFY2(timeline->visibleBatches() >= 4.0, qPrintable(QString::number(timeline->visibleBatches())));

    // Every row name and its line tag whole in the label column (TimelinePainter::paintLabels).
    const auto snapshot = m_controller->snapshot();
    const QFontMetricsF fm(t.font(1.0, true)), fs(t.font(0.85));
    const double room = timeline->labelWidth() - t.px(16); // TimelinePainter::paintLabels
    QStringList names;
    for (const auto &r : snapshot->receivers) names << QString::fromStdString(r.name);
    for (const QString &n : names) QVERIFY2(fm.horizontalAdvance(n) <= room, qPrintable(n));
    const auto rows = TimelinePainter::rowsFor(*snapshot, ProgramText(readFile(kProgram)));
    QVERIFY(rows.size() >= 5);
    for (const TimelineRow &r : rows) {
        const double tag = r.line > 0 ? fs.horizontalAdvance(TimelinePainter::tr("L%1").arg(r.line)) + t.px(6) : 0;
        QVERIFY2(fm.horizontalAdvance(r.name) + tag <= room,
                 qPrintable(QStringLiteral("%1 needs %2 of %3").arg(r.name).arg(fm.horizontalAdvance(r.name) + tag).arg(room)));
    }

    // The word-count bars: the words shown whole. Batch 10:00:05's counts (batch 6 is empty).
    m_controller->selection()->selectBatch(snapshot->startTime.ms() + 5000);
    QTest::qWait(600);
    auto *bars = m_window->wordCounts()->findChild<TopWordsView *>();
    QVERIFY(bars);
    const TopWordsView::Layout layout = bars->currentLayout();
    QVERIFY(layout.shown >= 3);
    const auto &counts = m_window->wordCounts()->model()->rows();
    for (int i = 0; i < layout.shown; ++i)
        QVERIFY2(fm.horizontalAdvance(counts[static_cast<std::size_t>(i)].word) <= layout.labelRoom(t), qPrintable(counts[static_cast<std::size_t>(i)].word));
    QVERIFY(layout.barH >= fm.height()); // bars no thinner than their labels: none overlap

    // The toolbars: every button and setting on screen, none behind an extension arrow.
    for (QToolBar *bar : m_window->findChildren<QToolBar *>()) {
        if (!bar->isVisible()) continue;
        for (QAction *a : bar->actions()) {
            QWidget *w = bar->widgetForAction(a);
            if (!w || a->isSeparator()) continue;
            QVERIFY2(w->isVisible(), qPrintable(bar->objectName() + QLatin1Char(' ') + a->text()));
            const QRect r(w->mapTo(m_window.get(), QPoint(0, 0)), w->size());
            QVERIFY2(QRect(QPoint(0, 0), size).contains(r), qPrintable(a->text()));
        }
    }
    // Every text in the timeline's boxes whole: no count, partition label or output status
    // elided (the output boxes showed "✓ 17 …" at 1280x720).
    timeline->dropCachedColumns();
    TimelinePainter::elidedBoxTexts = 0;
    QVERIFY(!timeline->grab().isNull());
    QCOMPARE(TimelinePainter::elidedBoxTexts, 0);

    // The nc panel: its title shown only where it takes at most two lines, and a placeholder
    // that fits the input on one line (a wrapped one showed its first line cut).
    NcInputPanel *nc = m_window->ncPanel();
    NcInputEdit *ncInput = nc->input();
    const int inputRoom = ncInput->viewport()->width() - 2 * int(ncInput->document()->documentMargin()) - 2;
    QVERIFY2(QFontMetrics(ncInput->font()).horizontalAdvance(nc->placeholder()) <= inputRoom,
             qPrintable(QStringLiteral("'%1' in %2 px").arg(nc->placeholder()).arg(inputRoom)));
    if (nc->titleShown()) {
        auto *title = nc->findChild<QLabel *>(QStringLiteral("ncTitle"));
        QVERIFY(title);
        QVERIFY(title->height() >= title->heightForWidth(title->width()) - 1);
    }

    // The status strip's labels whole: the state keeps Spark's name.
    for (QLabel *l : m_window->statusStrip()->findChildren<QLabel *>()) {
        if (!l->isVisible() || l->text().isEmpty()) continue;
        QVERIFY2(l->width() >= l->sizeHint().width() - 1 || l->wordWrap(),
                 qPrintable(QStringLiteral("'%1' %2 < %3").arg(l->text()).arg(l->width()).arg(l->sizeHint().width())));
    }
    QVERIFY(m_window->statusStrip()->stateText().contains(QStringLiteral("ACTIVE")));
    if (language == QLatin1String("zh_CN")) QCOMPARE(m_window->statusStrip()->stateText(), QStringLiteral("运行中 (ACTIVE)"));

    const QString dir = qEnvironmentVariable("DSTREAMLAB_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        m_window->grab().save(QStringLiteral("%1/presenter-%2-%3x%4.png").arg(dir, language).arg(size.width()).arg(size.height()));
    m_controller->selection()->followLatest();
    m_window->setDarkTheme(false);
    QVERIFY(m_languages->setLanguage(QStringLiteral("en")));
}

void TestPresenter::fullScreenAndBackRestoresTheWindow()
{
    m_window->setPresenterMode(false);
    m_window->resize(1500, 850);
    QTest::qWait(200);
    const QRect before = m_window->geometry();
    m_window->fullScreenAction()->trigger();
    QTRY_VERIFY(m_window->isFullScreen());
    QVERIFY(m_window->isPresenterMode());
    m_window->fullScreenAction()->trigger();
    QTRY_VERIFY(!m_window->isFullScreen());
    QVERIFY(!m_window->isPresenterMode()); // the mode it was in
    QTRY_COMPARE(m_window->geometry().size(), before.size());
}

/// 1280x720 presenter mode folds the bottom tabs to their tab bar (the timeline needs the rows);
/// choosing a tab, as a click or a lesson step's "database" view does, opens them, and a later
/// resize keeps them open.
void TestPresenter::aChosenTabOpensTheTabsFoldedAt720()
{
    m_window->setPresenterMode(false);
    m_window->resize(1280, 720);
    m_window->setPresenterMode(true);
    QTest::qWait(200);
    auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("bottomTabs"));
    QVERIFY(tabs);
    auto *center = qobject_cast<QSplitter *>(tabs->parentWidget());
    QVERIFY(center);
    const int bar = tabs->tabBar()->sizeHint().height();
    QVERIFY2(tabs->height() >= bar && tabs->height() <= bar + 20,
             qPrintable(QStringLiteral("folded tabs %1 px, tab bar %2 px").arg(tabs->height()).arg(bar)));
    QVERIFY(tabs->tabBar()->isVisible()); // folded to the bar: the tabs can still be chosen
    tabs->setCurrentIndex((tabs->currentIndex() + 1) % tabs->count());
    QTest::qWait(100);
    const int total = center->sizes().value(0) + center->sizes().value(1);
    QVERIFY2(center->sizes().value(1) * 100 >= total * (PresenterLayout::kOpenedTabsPercent - 2),
             qPrintable(QStringLiteral("opened tabs %1 of %2 px").arg(center->sizes().value(1)).arg(total)));
    m_window->resize(1366, 720); // another 720 px projector: still open
    QTest::qWait(200);
    QVERIFY(center->sizes().value(1) * 100 >= (center->sizes().value(0) + center->sizes().value(1)) * 40);
    // Entering presenter mode again folds them again.
    m_window->setPresenterMode(false);
    m_window->setPresenterMode(true);
    QTest::qWait(200);
    QVERIFY(tabs->height() <= bar + 20);
    m_window->resize(1280, 720);
}

/// --tab and a lesson step ask for a tab that may be current already (chosen at a wider size): it
/// opens the folded tabs all the same, and its label is scrolled into the narrow tab bar's view.
void TestPresenter::aTabAskedForWhileCurrentOpensTheTabsAndShowsItsLabel()
{
    m_window->setPresenterMode(false);
    auto *tabs = m_window->bottomTabs();
    const int last = tabs->count() - 1;
    int want = last;
    while (want > 0 && !tabs->isTabVisible(want)) --want; // the Kafka tab is hidden without Kafka
    tabs->setCurrentIndex(want);
    m_window->resize(1280, 720);
    m_window->setPresenterMode(true);
    QTest::qWait(200);
    const int bar = tabs->tabBar()->sizeHint().height();
    QVERIFY(tabs->height() <= bar + 20); // folded
    QCOMPARE(tabs->currentIndex(), want); // current already: no currentChanged will come
    QWidget *page = tabs->currentWidget();
    m_window->showBottomTab(want);
    QTest::qWait(100);
    auto *center = qobject_cast<QSplitter *>(tabs->parentWidget());
    const int total = center->sizes().value(0) + center->sizes().value(1);
    QVERIFY2(center->sizes().value(1) * 100 >= total * (PresenterLayout::kOpenedTabsPercent - 2),
             qPrintable(QStringLiteral("opened tabs %1 of %2 px").arg(center->sizes().value(1)).arg(total)));
    QCOMPARE(tabs->currentIndex(), want);
    QCOMPARE(tabs->currentWidget(), page);
    // The label is in the bar's view (not behind its scroll arrows), whatever the bar's width.
    const QRect label = tabs->tabBar()->tabRect(want);
    QVERIFY2(label.left() >= 0 && label.right() <= tabs->tabBar()->width(),
             qPrintable(QStringLiteral("tab %1 at %2..%3 of a %4 px bar")
                            .arg(want).arg(label.left()).arg(label.right()).arg(tabs->tabBar()->width())));
    m_window->setPresenterMode(false);
    m_window->setPresenterMode(true);
    tabs->setCurrentIndex(0);
}

void TestPresenter::anEmptyNewestBatchPointsToTheLastWithWords()
{
    // Batch 10:00:06 got no line: rather than a blank chart, it says so and offers 10:00:05.
    m_controller->selection()->followLatest();
    QTRY_COMPARE(m_controller->snapshot()->completedBatches, 6);
    WordCountPanel *counts = m_window->wordCounts();
    QVERIFY(counts->model()->rows().empty());
    QLabel *last = counts->lastCountsLink();
    QTRY_VERIFY(last->isVisible());
    QVERIFY2(last->text().contains(QStringLiteral("10:00:05")), qPrintable(last->text()));
    emit last->linkActivated(QStringLiteral("#last")); // what a click on the link does
    QCOMPARE(m_controller->selection()->batchTime(), m_controller->snapshot()->startTime.ms() + 5000);
    QVERIFY(!counts->model()->rows().empty());
    QVERIFY(!last->isVisible());
    m_controller->selection()->followLatest();
}

void TestPresenter::startTwiceKeepsOneAutoTyperAtItsRate()
{
    QVERIFY(m_languages->setLanguage(QStringLiteral("en")));
    AutoTyperBar *bar = m_window->ncPanel()->autoTyper();
    bar->rateBox()->setValue(10.0);
    const std::size_t before = m_session->inputLog().size();
    const int batches = m_controller->snapshot()->completedBatches;
    // Start pressed, then the start command again (a second Start from elsewhere): one auto-typer.
    QTest::mouseClick(bar->startButton(), Qt::LeftButton);
    QVERIFY(m_controller->isAutoTyping());
    m_controller->startAutoTyper(bar->spec());
    m_controller->runUntilBatch(batches + 3);
    QVERIFY(waitResting(batches + 3));
    const std::size_t typed = m_session->inputLog().size() - before;
    // 3 s at 10 lines/s: 30 lines (±2 at the edges), not 60.
    QVERIFY2(typed >= 28 && typed <= 32, qPrintable(QString::number(typed)));
    // The button toggles: pressed again, it stops.
    QCOMPARE(bar->startButton()->text(), QStringLiteral("Stop"));
    QTest::mouseClick(bar->startButton(), Qt::LeftButton);
    QVERIFY(!m_controller->isAutoTyping());
    QCOMPARE(bar->startButton()->text(), QStringLiteral("Start"));
}

void TestPresenter::anotherProgramStopsTheAutoTyper()
{
    AutoTyperBar *bar = m_window->ncPanel()->autoTyper();
    QTest::mouseClick(bar->startButton(), Qt::LeftButton);
    QVERIFY(m_controller->isAutoTyping());
    m_window->setProgram(QStringLiteral("network_wordcount.py"), readFile(kProgram));
    QVERIFY(!m_controller->isAutoTyping());
    QVERIFY(!bar->startButton()->isChecked());
    // The new program's run gets no auto-typed lines.
    QTRY_COMPARE(m_controller->snapshot()->phase, RunPhase::NotStarted);
    const std::size_t before = m_session->inputLog().size();
    m_controller->runUntilBatch(3);
    QVERIFY(waitResting(3));
    QVERIFY(!m_controller->isAutoTyping());
    QVERIFY(m_session->inputLog().size() <= before);
}

void TestPresenter::openingAnInputLogDoesNotRunIt()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("class.input"));
    QVERIFY(m_controller->saveInputLog(path));
    m_controller->play();
    QTRY_VERIFY(m_controller->isRunning());
    QVERIFY(m_controller->loadInputLog(path));
    QTRY_COMPARE(m_controller->snapshot()->phase, RunPhase::NotStarted);
    QTest::qWait(500);
    QCOMPARE(m_controller->snapshot()->phase, RunPhase::NotStarted);
    QCOMPARE(m_controller->snapshot()->completedBatches, 0);
    QVERIFY(!m_controller->isRunning());
}

void TestPresenter::cleanupTestCase()
{
    m_window.reset();
    m_controller.reset();
    m_session.reset();
}

QTEST_MAIN(TestPresenter)
#include "tst_presenter.moc"
