// NcInputPanel: typing (QTest::keyClicks) reaches the run's input log; pending marker, history,
// multi-line paste and Chinese text. Runs the course's word count in a real ProgramSession.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/programsession.h"
#include "app/session/runsnapshot.h"
#endif
#include "app/session/autotyper.h"
#include "ui/autotyperbar.h"
#include "ui/ncinputedit.h"
#include "ui/languagemanager.h"
#include "ui/mainwindow.h"
#include "ui/ncinputpanel.h"
#include "ui/simulationcontroller.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QFile>
#include <QInputMethodEvent>
#include <QTest>

using namespace dsl;
using namespace dsl::ui;
using namespace dsl::session;

namespace {
/// Types text as a user would: ASCII through key clicks, Chinese through an input method's
/// commit (QTest::keyClicks only knows Latin-1 keys).
void typeText(QWidget *w, const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 128) {
            QTest::keyClicks(w, QString(c));
        } else {
            QInputMethodEvent ev;
            ev.setCommitString(QString(c));
            QApplication::sendEvent(w, &ev);
        }
    }
}
} // namespace

class TestNcInputPanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void linesTypedBeforeTheStartArePending();
    void typedLineReachesTheInputLog();
    void receiverAcceptsThePendingLinesOnceConnected();
    void upAndDownWalkTheHistory();
    void pastedLinesAreOneRecordEach();
    void autoTyperArrivalOffsets_data();
    void autoTyperArrivalOffsets();
    void autoTyperSamples_data();
    void autoTyperSamples();
    void zipfWordsFollowTheirRanks();
    void autoTyperTypesInSimulatedTimeUntilStopped();
    void fileMenuSavesAndOpensTheInputLog_data();
    void fileMenuSavesAndOpensTheInputLog();
    void savedThenOpenedLogKeepsEveryLine();
    void cleanupTestCase();

private:
    std::vector<std::string> logTexts() const;
    bool waitForLog(std::size_t n);
    std::unique_ptr<session::ProgramSession> m_session;
    std::unique_ptr<SimulationController> m_controller;
    std::unique_ptr<NcInputPanel> m_panel;
};

void TestNcInputPanel::initTestCase()
{
    session::ProgramSession::Config cfg;
    cfg.startTime = SimTime(1'795'514'400'000);
    cfg.pythonPackageDir = DSTREAMLAB_SOURCE_DIR "/resources/python";
    m_session = std::make_unique<session::ProgramSession>(cfg);
    QFile f(QStringLiteral(DSTREAMLAB_SOURCE_DIR "/resources/programs/network_wordcount.py"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    m_controller = std::make_unique<SimulationController>(m_session.get());
    m_controller->loadProgram(QStringLiteral("network_wordcount.py"), QString::fromUtf8(f.readAll()));
    m_panel = std::make_unique<NcInputPanel>(m_controller.get());
    m_panel->resize(500, 400);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
}

std::vector<std::string> TestNcInputPanel::logTexts() const
{
    std::vector<std::string> out;
    for (const auto &r : m_session->inputLog()) out.push_back(r.text);
    return out;
}

bool TestNcInputPanel::waitForLog(std::size_t n)
{
    return QTest::qWaitFor([&] { return m_session->inputLog().size() >= n; }, 10000);
}

void TestNcInputPanel::linesTypedBeforeTheStartArePending()
{
    QTest::keyClicks(m_panel->input(), QStringLiteral("hello spark hello"));
    QTest::keyClick(m_panel->input(), Qt::Key_Return);
    QVERIFY(m_panel->input()->text().isEmpty());
    QVERIFY(waitForLog(1));
    QCOMPARE(logTexts(), (std::vector<std::string>{"hello spark hello"}));
    // Not started: no receiver has it yet, and the transcript says so.
    QVERIFY(QTest::qWaitFor([&] { return m_panel->transcript().contains(QStringLiteral("hello spark hello")); }, 5000));
    QVERIFY(m_panel->transcript().contains(QStringLiteral("$ nc -lk 9999 -v")));
    QVERIFY(m_panel->transcript().contains(QStringLiteral("Listening on 0.0.0.0 9999")));
    QVERIFY(m_panel->transcript().contains(QStringLiteral("not received yet")));
}

void TestNcInputPanel::typedLineReachesTheInputLog()
{
    // Chinese words too; the line goes in at the current simulated time.
    m_controller->stepBatch();
    QVERIFY(QTest::qWaitFor([&] { return m_controller->snapshot() && m_controller->snapshot()->completedBatches >= 1 &&
                                         m_controller->snapshot()->phase == RunPhase::Paused; }, 20000));
    const qint64 clock = m_controller->clockMs();
    typeText(m_panel->input(), QStringLiteral("你好 spark 你好"));
    QTest::keyClick(m_panel->input(), Qt::Key_Enter);
    QVERIFY(waitForLog(2));
    const auto log = m_session->inputLog();
    QCOMPARE(log.back().text, std::string("你好 spark 你好"));
    QCOMPARE(log.back().port, 9999);
    QVERIFY(log.back().time.ms() > clock);
    QVERIFY(log.back().time.ms() <= clock + 1);
}

void TestNcInputPanel::receiverAcceptsThePendingLinesOnceConnected()
{
    m_controller->stepBatch();
    QVERIFY(QTest::qWaitFor([&] { return m_controller->snapshot()->completedBatches >= 2 &&
                                         m_controller->snapshot()->phase == RunPhase::Paused; }, 20000));
    const auto s = m_controller->snapshot();
    QCOMPARE(s->acceptedLines(), std::size_t(2));
    QVERIFY(QTest::qWaitFor([&] { return !m_panel->transcript().contains(QStringLiteral("not received yet")); }, 5000));
    QVERIFY(m_panel->transcript().contains(QStringLiteral("Connection received on localhost")));
    const BatchSnapshot *b = s->latestCompletedBatch();
    QVERIFY(b);
    QCOMPARE(b->keyCounts.front().key, std::string("你好"));
}

void TestNcInputPanel::upAndDownWalkTheHistory()
{
    NcInputEdit *in = m_panel->input();
    QTest::keyClicks(in, QStringLiteral("draft"));
    QTest::keyClick(in, Qt::Key_Up);
    QCOMPARE(in->text(), QStringLiteral("你好 spark 你好"));
    QTest::keyClick(in, Qt::Key_Up);
    QCOMPARE(in->text(), QStringLiteral("hello spark hello"));
    QTest::keyClick(in, Qt::Key_Up); // stays at the oldest
    QCOMPARE(in->text(), QStringLiteral("hello spark hello"));
    QTest::keyClick(in, Qt::Key_Down);
    QTest::keyClick(in, Qt::Key_Down);
    QCOMPARE(in->text(), QStringLiteral("draft"));
    in->clear();
}

void TestNcInputPanel::pastedLinesAreOneRecordEach()
{
    const std::size_t before = m_session->inputLog().size();
    QApplication::clipboard()->setText(QStringLiteral("one two\nthree\r\nfour"));
    QTest::keyClick(m_panel->input(), Qt::Key_V, Qt::ControlModifier);
    QVERIFY(waitForLog(before + 2));
    const auto texts = logTexts();
    QCOMPARE(texts[before], std::string("one two"));
    QCOMPARE(texts[before + 1], std::string("three"));
    // The unterminated last line stays to be edited.
    QCOMPARE(m_panel->input()->text(), QStringLiteral("four"));
    QTest::keyClick(m_panel->input(), Qt::Key_Return);
    QVERIFY(waitForLog(before + 3));
    QCOMPARE(logTexts().back(), std::string("four"));
}

void TestNcInputPanel::autoTyperArrivalOffsets_data()
{
    QTest::addColumn<double>("rate");
    QTest::addColumn<qint64>("k");
    QTest::addColumn<qint64>("expectedMs");
    QTest::newRow("first-line-arrives-at-the-start") << 10.0 << qint64(0) << qint64(0);
    QTest::newRow("10-lines-per-s-line-3-at-300ms") << 10.0 << qint64(3) << qint64(300);
    QTest::newRow("half-a-line-per-s-line-1-at-2s") << 0.5 << qint64(1) << qint64(2000);
    QTest::newRow("3-lines-per-s-rounds-down-to-333ms") << 3.0 << qint64(1) << qint64(333);
    QTest::newRow("3-lines-per-s-no-drift-after-an-hour") << 3.0 << qint64(3 * 3600) << qint64(3'600'000);
    QTest::newRow("2000-lines-per-s-two-lines-share-a-ms") << 2000.0 << qint64(3) << qint64(1);
    QTest::newRow("2000-lines-per-s-line-7200000-at-one-hour") << 2000.0 << qint64(7'200'000) << qint64(3'600'000);
}

void TestNcInputPanel::autoTyperArrivalOffsets()
{
    QFETCH(double, rate);
    QFETCH(qint64, k);
    QFETCH(qint64, expectedMs);
    AutoTyperSpec spec;
    spec.linesPerSecond = rate;
    QCOMPARE(AutoTyper::arrivalOffsetMs(spec, static_cast<std::uint64_t>(k)), expectedMs);
}

void TestNcInputPanel::autoTyperSamples_data()
{
    QTest::addColumn<int>("sample");
    QTest::addColumn<bool>("chinese");
    QTest::newRow("english-sentences-are-ascii-words") << int(AutoTyperSpec::Sample::English) << false;
    QTest::newRow("chinese-sentences-have-chinese-words") << int(AutoTyperSpec::Sample::Chinese) << true;
    QTest::newRow("zipf-words-are-ascii-words") << int(AutoTyperSpec::Sample::Zipf) << false;
}

void TestNcInputPanel::autoTyperSamples()
{
    QFETCH(int, sample);
    QFETCH(bool, chinese);
    AutoTyperSpec spec;
    spec.sample = static_cast<AutoTyperSpec::Sample>(sample);
    bool anyChinese = false;
    for (std::uint64_t k = 0; k < 200; ++k) {
        const QString line = QString::fromStdString(AutoTyper::line(spec, k));
        // Words split on single spaces, as split(" ") in the program does.
        const QStringList words = line.split(QLatin1Char(' '));
        QVERIFY2(!line.isEmpty() && !words.contains(QString()), qPrintable(line));
        for (const QChar c : line) anyChinese = anyChinese || (c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF);
        // Deterministic: the same (spec, k) gives the same line.
        QCOMPARE(AutoTyper::line(spec, k), line.toStdString());
    }
    QCOMPARE(anyChinese, chinese);
    AutoTyperSpec other = spec;
    other.seed = 2;
    int differ = 0;
    for (std::uint64_t k = 0; k < 50; ++k) differ += AutoTyper::line(spec, k) != AutoTyper::line(other, k);
    QVERIFY(differ > 0); // the seed changes the choice
}

void TestNcInputPanel::zipfWordsFollowTheirRanks()
{
    // Zipf: P(rank r) ~ 1/r, so rank 1 is about twice as frequent as rank 2 and ten times rank 10.
    AutoTyperSpec spec;
    spec.sample = AutoTyperSpec::Sample::Zipf;
    std::map<std::string, int> n;
    int words = 0;
    for (std::uint64_t k = 0; k < 20000; ++k) {
        for (const QString &w : QString::fromStdString(AutoTyper::line(spec, k)).split(QLatin1Char(' '))) {
            ++n[w.toStdString()];
            ++words;
        }
    }
    const double r12 = double(n["w1"]) / n["w2"], r110 = double(n["w1"]) / n["w10"];
    QVERIFY2(r12 > 1.8 && r12 < 2.2, qPrintable(QString::number(r12)));
    QVERIFY2(r110 > 8.5 && r110 < 11.5, qPrintable(QString::number(r110)));
    // H(1000) = 7.485...: rank 1 has 1/H of all words.
    const double share = double(n["w1"]) / words;
    QVERIFY2(share > 0.125 && share < 0.142, qPrintable(QString::number(share)));
}

void TestNcInputPanel::autoTyperTypesInSimulatedTimeUntilStopped()
{
    AutoTyperBar *bar = m_panel->autoTyper();
    QVERIFY(bar);
    bar->sampleBox()->setCurrentIndex(int(AutoTyperSpec::Sample::Chinese));
    bar->rateBox()->setValue(20.0);
    const std::size_t before = m_session->inputLog().size();
    const qint64 clock = m_controller->clockMs();
    QTest::mouseClick(bar->startButton(), Qt::LeftButton);
    QVERIFY(m_controller->isAutoTyping());
    QVERIFY(bar->startButton()->isChecked());
    // Paused: simulated time stands still, so nothing is typed however long we wait.
    QTest::qWait(300);
    QCOMPARE(m_session->inputLog().size(), before);
    m_controller->runUntilTime(clock + 1000);
    QVERIFY(QTest::qWaitFor([&] { return m_controller->snapshot()->phase == RunPhase::Paused &&
                                         m_controller->clockMs() >= clock + 1000; }, 20000));
    auto log = m_session->inputLog();
    // 20 lines/s from clock + 1: lines at +1, +51, ..., +951 ms.
    QCOMPARE(log.size(), before + 20);
    for (std::size_t k = 0; k < 20; ++k) {
        const InputRecord &r = log[before + k];
        QCOMPARE(r.time.ms(), clock + 1 + static_cast<qint64>(k) * 50);
        QCOMPARE(r.port, 9999);
        AutoTyperSpec spec = bar->spec();
        QCOMPARE(r.text, AutoTyper::line(spec, k));
    }
    QTest::mouseClick(bar->startButton(), Qt::LeftButton);
    QVERIFY(!m_controller->isAutoTyping());
    QCOMPARE(bar->startButton()->text(), QStringLiteral("Start"));
    m_controller->runUntilTime(clock + 2000);
    QVERIFY(QTest::qWaitFor([&] { return m_controller->snapshot()->phase == RunPhase::Paused &&
                                         m_controller->clockMs() >= clock + 2000; }, 20000));
    QCOMPARE(m_session->inputLog().size(), before + 20);
}

void TestNcInputPanel::fileMenuSavesAndOpensTheInputLog_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("menu");
    QTest::addColumn<QKeySequence>("shortcut");
    QTest::newRow("file-save-input-log-ctrl-s") << QStringLiteral("saveInputLogAction") << QStringLiteral("&File")
                                                << QKeySequence(QKeySequence::Save);
    QTest::newRow("file-open-input-log") << QStringLiteral("openInputLogAction") << QStringLiteral("&File") << QKeySequence();
    QTest::newRow("run-until-time-ctrl-shift-g") << QStringLiteral("runUntilTimeAction") << QStringLiteral("&Run")
                                                 << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G);
}

void TestNcInputPanel::fileMenuSavesAndOpensTheInputLog()
{
    QFETCH(QString, action);
    QFETCH(QString, menu);
    QFETCH(QKeySequence, shortcut);
    LanguageManager languages;
    languages.setLanguage(QStringLiteral("en"));
    MainWindow window(m_controller.get(), &languages, /*useSettings=*/false);
    auto *a = window.findChild<QAction *>(action);
    QVERIFY(a);
    QCOMPARE(a->shortcut(), shortcut);
    bool inMenu = false;
    for (QAction *top : window.menuBar()->actions())
        if (top->menu() && top->text() == menu && top->menu()->actions().contains(a)) inMenu = true;
    QVERIFY(inMenu);
}

void TestNcInputPanel::savedThenOpenedLogKeepsEveryLine()
{
    // What the menu actions call: save, then open the saved log (the run starts over from it on Run).
    const auto before = m_session->inputLog();
    QVERIFY(before.size() > 20);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lesson.input"));
    QSignalSpy messages(m_controller.get(), &SimulationController::message);
    QVERIFY(m_controller->saveInputLog(path));
    QCOMPARE(messages.last().first().toString(), QStringLiteral("Saved %1 input line(s).").arg(before.size()));
    QVERIFY(!m_controller->loadInputLog(dir.filePath(QStringLiteral("nope.input"))));
    QVERIFY(messages.last().first().toString().contains(QStringLiteral("nope.input")));
    const SimTime oldNow = m_controller->snapshot()->now;
    QVERIFY(oldNow > m_session->config().startTime + Duration(2000));
    QVERIFY(m_controller->loadInputLog(path));
    QVERIFY(!m_controller->isAutoTyping());
    const auto after = m_session->inputLog();
    QCOMPARE(after.size(), before.size());
    for (std::size_t i = 0; i < after.size(); ++i) {
        QCOMPARE(after[i].text, before[i].text);
        QCOMPARE(after[i].time, before[i].time);
    }
    // It waits at the start of the loaded log (not run by itself); Run replays it.
    QVERIFY(QTest::qWaitFor([&] {
        auto s = m_controller->snapshot();
        return s && s->now < oldNow && s->phase == RunPhase::NotStarted;
    }, 20000));
    QTest::qWait(300);
    QCOMPARE(m_controller->snapshot()->phase, RunPhase::NotStarted);
    m_controller->play();
    QVERIFY(QTest::qWaitFor([&] {
        auto s = m_controller->snapshot();
        return s && s->completedBatches >= 1 && s->phase == RunPhase::Running;
    }, 20000));
    m_controller->pause();
}

void TestNcInputPanel::cleanupTestCase()
{
    m_panel.reset();
    m_controller.reset();
    m_session.reset();
}

QTEST_MAIN(TestNcInputPanel)
#include "tst_ncinputpanel.moc"
