// NcInputPanel: typing (QTest::keyClicks) reaches the run's input log; pending marker, history,
// multi-line paste and Chinese text. Runs the course's word count in a real ProgramSession.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/programsession.h"
#include "ui/runsnapshot.h"
#endif
#include "ui/ncinputedit.h"
#include "ui/ncinputpanel.h"
#include "ui/simulationcontroller.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QInputMethodEvent>
#include <QTest>

using namespace dsl;
using namespace dsl::ui;

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
    void cleanupTestCase();

private:
    std::vector<std::string> logTexts() const;
    bool waitForLog(std::size_t n);
    std::unique_ptr<app::ProgramSession> m_session;
    std::unique_ptr<SimulationController> m_controller;
    std::unique_ptr<NcInputPanel> m_panel;
};

void TestNcInputPanel::initTestCase()
{
    app::ProgramSession::Config cfg;
    cfg.startTime = SimTime(1'795'514'400'000);
    cfg.pythonPackageDir = DSTREAMLAB_SOURCE_DIR "/resources/python";
    m_session = std::make_unique<app::ProgramSession>(cfg);
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

void TestNcInputPanel::cleanupTestCase()
{
    m_panel.reset();
    m_controller.reset();
    m_session.reset();
}

QTEST_MAIN(TestNcInputPanel)
#include "tst_ncinputpanel.moc"
