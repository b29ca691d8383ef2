// The Faults menu of the main window over a real run: it lists what the run has now (its
// receiver; in local mode no executor to kill, but the driver's executor to slow down), its
// entries inject the fault, and the status strip says what the fault did.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/programsession.h"
#include "app/session/runsnapshot.h"
#include "wordcountprogram.h"
#endif
#include "ui/languagemanager.h"
#include "ui/mainwindow.h"
#include "ui/runstatusstrip.h"
#include "ui/simulationcontroller.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QTest>

using namespace dsl;
using namespace dsl::ui;
using namespace Qt::StringLiterals;

class TestFaultsMenu : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void beforeTheRunEveryEntryIsDisabled();
    void theMenuListsTheRunsPartsAndKillsTheReceiver();
    void cleanupTestCase();

private:
    QStringList entries() const;
    QAction *entry(const QString &text) const;
    std::unique_ptr<session::ProgramSession> m_session;
    std::unique_ptr<SimulationController> m_controller;
    std::unique_ptr<LanguageManager> m_languages;
    std::unique_ptr<MainWindow> m_window;
    QMenu *m_menu = nullptr;
};

void TestFaultsMenu::initTestCase()
{
    session::ProgramSession::Config cfg;
    cfg.startTime = SimTime(1'795'514'400'000); // 2026-11-24 10:00:00 UTC
    cfg.pythonPackageDir = DSTREAMLAB_SOURCE_DIR "/resources/python";
    m_session = std::make_unique<session::ProgramSession>(cfg);
    // A line every 100 ms, so that a receiver killed at any moment has something buffered.
    std::vector<std::pair<Duration, std::string>> input;
    for (int i = 1; i <= 40; ++i) input.emplace_back(Duration(100 * i), "spark line " + std::to_string(i));
    QVERIFY(m_session->addInput(input));
    m_controller = std::make_unique<SimulationController>(m_session.get());
    m_languages = std::make_unique<LanguageManager>();
    m_languages->setLanguage(u"en"_s);
    m_window = std::make_unique<MainWindow>(m_controller.get(), m_languages.get(), false);
    m_window->setProgram(u"wordcount.py"_s, QString::fromUtf8(uitest::kWordCountProgram));
    m_window->resize(1280, 720);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_menu = m_window->menuBar()->findChild<QMenu *>(u"faultsMenu"_s);
    QVERIFY(m_menu);
    QCOMPARE(m_menu->title(), u"F&aults"_s);
}

QStringList TestFaultsMenu::entries() const
{
    emit m_menu->aboutToShow(); // built when opened
    QStringList out;
    for (QAction *a : m_menu->actions())
        if (!a->isSeparator()) out << a->text() + (a->isEnabled() ? QString() : u" [disabled]"_s);
    return out;
}

QAction *TestFaultsMenu::entry(const QString &text) const
{
    for (QAction *a : m_menu->actions())
        if (a->text() == text) return a;
    return nullptr;
}

void TestFaultsMenu::beforeTheRunEveryEntryIsDisabled()
{
    const QStringList e = entries();
    QCOMPARE(e.value(0), u"Start the run first: faults hit a running cluster [disabled]"_s);
    // Every fault waits for the run; the cluster dialog, last, chooses the master before it.
    QCOMPARE(e.last(), u"Cluster…"_s);
    for (const QString &s : e.mid(0, e.size() - 1)) QVERIFY2(s.endsWith(u" [disabled]"_s), qPrintable(s));
}

void TestFaultsMenu::theMenuListsTheRunsPartsAndKillsTheReceiver()
{
    m_session->runUntilBatch(2);
    QVERIFY(QTest::qWaitFor(
        [&] {
            const auto &s = m_controller->snapshot();
            return s && s->phase == session::RunPhase::Paused && s->completedBatches == 2;
        },
        30000));
    // local[2]: one receiver on localhost:9999; the one executor, the driver, can be slowed but
    // not killed (kill the driver instead).
    QCOMPARE(entries(), (QStringList{u"kill receiver 0 (localhost:9999)"_s,
                                     u"Executors can be killed on a local-cluster[E,C,M] master [disabled]"_s,
                                     u"slow down executor driver: its tasks take 4 times as long"_s,
                                     u"fail the next task (after its function ran)"_s, u"kill the driver"_s, u"Cluster…"_s}));
    QAction *kill = entry(u"kill receiver 0 (localhost:9999)"_s);
    QVERIFY(kill);
    kill->trigger();
    QCOMPARE(m_window->statusStrip()->messageText(), u"Fault injected: kill receiver 0 (localhost:9999)"_s);
    m_session->runUntilBatch(4);
    // The receiver dies just after batch 2 completed (a few ms after 10:00:02): the line of
    // 2.0 s is already in the block cut at 2.0 s and the next comes at 2.1 s, so nothing is
    // lost; it comes back 100 ms later, and the strip's last word is its return.
    QVERIFY(QTest::qWaitFor(
        [&] {
            const auto &s = m_controller->snapshot();
            return s && s->completedBatches == 4 && s->faults.size() == 2;
        },
        30000));
    const auto &s = m_controller->snapshot();
    QVERIFY(s->faults[0].time < SimTime(1'795'514'402'100));
    QCOMPARE(s->faults[0].lostRecords, 0);
    QCOMPARE(*s->faults[1].recoveredAt, s->faults[0].time + Duration(100));
    QCOMPARE(m_window->statusStrip()->messageText(), u"Fault kill-receiver 0: the part is back."_s);
}

void TestFaultsMenu::cleanupTestCase()
{
    m_window.reset();
    m_controller.reset();
    m_session.reset();
}

QTEST_MAIN(TestFaultsMenu)
#include "tst_faultsmenu.moc"
