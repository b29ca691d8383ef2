// The nc panel with a Kafka topic as its target: a program reading KafkaUtils.createDirectStream
// offers its topics; a typed line becomes a message produced to the simulated broker (a
// ProduceKafka command into the input log at the current simulated time), with "key:value"
// split as kafka-console-producer's parse.key=true does; the next batch reads it; the saved
// input log holds it as an "@kafka" record. The auto-typer bar is then the auto-producer: messages
// at a rate per partition in simulated time, optionally keyed, replayed alike after Reset. Runs
// in a real ProgramSession.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/programsession.h"
#include "app/session/runsnapshot.h"
#include "app/session/autotyper.h"
#include "ui/autotyperbar.h"
#include "ui/ncinputedit.h"
#include "ui/ncinputpanel.h"
#include "ui/simulationcontroller.h"
#endif

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QPushButton>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace dsl;
using namespace dsl::ui;
using namespace dsl::session;

namespace {
const char *kProgram = R"py(from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.kafka import KafkaUtils

sc = SparkContext("local[2]", "KafkaFromNc")
ssc = StreamingContext(sc, 1)
messages = KafkaUtils.createDirectStream(ssc, ["test"], {"metadata.broker.list": "localhost:9092"})
messages.pprint()
ssc.start()
ssc.awaitTermination()
)py";
} // namespace

class TestKafkaInput : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void theProgramsTopicsAreOfferedAsTargets();
    void aTypedLineIsAMessageTheNextBatchReads();
    void keyValueLinesSplitAtTheFirstColon();
    void theSavedInputLogHoldsTheMessages();
    void theAutoProducerProducesAtItsRateInSimulatedTime();
    void aResetReplaysTheSameProducedMessages();
    void anotherProgramStopsTheAutoProducer();
    void cleanupTestCase();

private:
    bool waitPaused(int batches);
    void type(const QString &line);
    std::unique_ptr<ProgramSession> m_session;
    std::unique_ptr<SimulationController> m_controller;
    std::unique_ptr<NcInputPanel> m_panel;
    QTemporaryDir m_dir;
};

void TestKafkaInput::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("XDG_DATA_HOME", m_dir.path().toUtf8());
    ProgramSession::Config cfg;
    cfg.startTime = SimTime(1'795'514'400'000); // 2026-11-24 10:00:00 UTC
    cfg.pythonPackageDir = DSTREAMLAB_SOURCE_DIR "/resources/python";
    m_session = std::make_unique<ProgramSession>(cfg);
    m_controller = std::make_unique<SimulationController>(m_session.get());
    m_controller->loadProgram(QStringLiteral("kafka_nc.py"), QString::fromUtf8(kProgram));
    m_panel = std::make_unique<NcInputPanel>(m_controller.get());
    m_panel->resize(700, 400);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
}

bool TestKafkaInput::waitPaused(int batches)
{
    return QTest::qWaitFor(
        [&] {
            const auto &s = m_controller->snapshot();
            return s && s->phase == RunPhase::Paused && s->completedBatches == batches;
        },
        30000);
}

void TestKafkaInput::type(const QString &line)
{
    QTest::keyClicks(m_panel->input(), line);
    QTest::keyClick(m_panel->input(), Qt::Key_Return);
}

void TestKafkaInput::theProgramsTopicsAreOfferedAsTargets()
{
    m_controller->runUntilBatch(1);
    QVERIFY(waitPaused(1));
    QTRY_VERIFY(m_panel->targetBox()->isVisible());
    QCOMPARE(m_panel->targetBox()->count(), 2); // the socket, then the program's one topic
    QCOMPARE(m_panel->targetBox()->itemText(0), QStringLiteral("socket :9999"));
    QCOMPARE(m_panel->targetBox()->itemText(1), QStringLiteral("Kafka topic test"));
    QVERIFY(!m_panel->keysBox()->isVisible()); // the socket has no keys
    QVERIFY(!m_panel->setTargetTopic(QStringLiteral("other")));
    QVERIFY(m_panel->setTargetTopic(QStringLiteral("test")));
    QVERIFY(m_panel->keysBox()->isVisible());
    QTRY_VERIFY(m_panel->transcript().startsWith(
        QStringLiteral("$ kafka-console-producer.sh --bootstrap-server localhost:9092 --topic test")));
}

void TestKafkaInput::aTypedLineIsAMessageTheNextBatchReads()
{
    const qint64 clock = m_controller->clockMs();
    type(QStringLiteral("hello kafka"));
    QTRY_COMPARE(m_session->inputLog().size(), std::size_t(1));
    const InputRecord r = m_session->inputLog().back();
    QCOMPARE(r.kind, InputRecord::Kind::KafkaMessage);
    QCOMPARE(r.path, std::string("test"));
    QCOMPARE(r.text, std::string("hello kafka"));
    QVERIFY(!r.key);
    // Produced at the current simulated time, just after batch 1 (10:00:01) completed: batch 2
    // reads offset 0 of test-0.
    QVERIFY(r.time.ms() > clock && r.time.ms() <= clock + 1);
    QVERIFY(r.time.ms() > 1'795'514'401'000 && r.time.ms() < 1'795'514'402'000);
    m_controller->runUntilBatch(2);
    QVERIFY(waitPaused(2));
    const std::string &console = *m_controller->snapshot()->console;
    QVERIFY2(console.find("Time: 2026-11-24 10:00:02\n-------------------------------------------\n(None, 'hello kafka')\n") !=
                 std::string::npos,
             console.c_str());
    QTRY_VERIFY(m_panel->transcript().contains(QStringLiteral("\n>hello kafka")));
}

void TestKafkaInput::keyValueLinesSplitAtTheFirstColon()
{
    m_panel->keysBox()->setChecked(true);
    type(QStringLiteral("no separator"));
    QTRY_VERIFY(m_panel->transcript().contains(QStringLiteral("No key separator found on line: 'no separator' (not sent)")));
    QVERIFY(m_panel->transcript().contains(QStringLiteral("--property parse.key=true --property key.separator=:")));
    const qint64 clock = m_controller->clockMs();
    type(QStringLiteral("user-1:hi: there"));
    QTRY_COMPARE(m_session->inputLog().size(), std::size_t(2)); // the refused line never went in
    const InputRecord r = m_session->inputLog().back();
    QVERIFY(r.time.ms() > clock && r.time.ms() > 1'795'514'402'000); // after batch 2: batch 3 reads it
    QCOMPARE(r.key, std::optional<std::string>("user-1"));
    QCOMPARE(r.text, std::string("hi: there"));
    m_controller->runUntilBatch(3);
    QVERIFY(waitPaused(3));
    QVERIFY2(m_controller->snapshot()->console->find("('user-1', 'hi: there')") != std::string::npos,
             m_controller->snapshot()->console->c_str());
    QTRY_VERIFY(m_panel->transcript().contains(QStringLiteral("\n>user-1:hi: there")));
    QVERIFY(!m_panel->transcript().contains(QStringLiteral("not sent"))); // the refusal is shown once
    // DSTREAMLAB_SHOT=DIR: the panel as the user sees it, to look at (not compared).
    if (const QString dir = qEnvironmentVariable("DSTREAMLAB_SHOT"); !dir.isEmpty())
        QVERIFY(m_panel->grab().save(dir + QStringLiteral("/nc-kafka.png")));
    // Back to the socket: the nc transcript, without the Kafka messages.
    m_panel->targetBox()->setCurrentIndex(0);
    QTRY_VERIFY(m_panel->transcript().startsWith(QStringLiteral("$ nc -lk 9999 -v")));
    QVERIFY(!m_panel->transcript().contains(QStringLiteral("hello kafka")));
}

void TestKafkaInput::theSavedInputLogHoldsTheMessages()
{
    const QString path = m_dir.filePath(QStringLiteral("input.txt"));
    QVERIFY(m_controller->saveInputLog(path));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const auto log = m_session->inputLog();
    QCOMPARE(log.size(), std::size_t(2));
    const auto secs = [](const InputRecord &r) { return QString::number((r.time.ms() - 1'795'514'400'000) / 1000.0, 'f', 3); };
    QCOMPARE(QString::fromUtf8(f.readAll()), secs(log[0]) + QStringLiteral("\t@kafka test\thello kafka\n") + secs(log[1]) +
                                                 QStringLiteral("\t@kafka test\tuser-1\thi: there\n"));
}

void TestKafkaInput::theAutoProducerProducesAtItsRateInSimulatedTime()
{
    AutoTyperBar *bar = m_panel->autoTyper();
    QVERIFY(bar->targetTopic().isEmpty()); // the socket, as the previous test left it
    QVERIFY(!bar->keyedBox()->isVisible());
    QCOMPARE(bar->rateBox()->suffix(), QStringLiteral(" lines/s"));
    QVERIFY(m_panel->setTargetTopic(QStringLiteral("test")));
    QCOMPARE(bar->targetTopic(), QStringLiteral("test"));
    QVERIFY(bar->keyedBox()->isVisible());
    QCOMPARE(bar->rateBox()->suffix(), QStringLiteral(" msg/s per partition"));
    QCOMPARE(bar->rateBox()->value(), 2.0); // the default rate per partition
    QCOMPARE(bar->rateBox()->maximum(), AutoTyperSpec::kMaxRatePerPartition);
    bar->keyedBox()->setChecked(true);
    const AutoTyperSpec spec = bar->spec();
    QCOMPARE(spec.topic, std::string("test"));
    QCOMPARE(spec.partitions, 1); // the topic's one partition, as batch 3 read it
    QVERIFY(spec.keyed);
    const std::size_t before = m_session->inputLog().size();
    const qint64 clock = m_controller->clockMs();
    QTest::mouseClick(bar->startButton(), Qt::LeftButton);
    QVERIFY(m_controller->isAutoTyping());
    QTest::qWait(300); // paused: simulated time stands still, so nothing is produced
    QCOMPARE(m_session->inputLog().size(), before);
    m_controller->runUntilTime(clock + 3000);
    QVERIFY(QTest::qWaitFor([&] { return m_controller->snapshot()->phase == RunPhase::Paused &&
                                         m_controller->clockMs() >= clock + 3000; }, 30000));
    QTest::mouseClick(bar->startButton(), Qt::LeftButton);
    QVERIFY(!m_controller->isAutoTyping());
    // 2/s x 1 partition from clock + 1: messages at +1, +501, ..., +2501 ms (k = 0..5).
    const auto log = m_session->inputLog();
    QCOMPARE(log.size(), before + 6);
    for (std::size_t k = 0; k < 6; ++k) {
        const InputRecord &r = log[before + k];
        QCOMPARE(r.kind, InputRecord::Kind::KafkaMessage);
        QCOMPARE(r.path, std::string("test"));
        QCOMPARE(r.time.ms(), clock + 1 + static_cast<qint64>(k) * 500);
        QCOMPARE(r.key, std::optional<std::string>("user-" + std::to_string(k)));
        QCOMPARE(r.text, AutoTyper::line(spec, k));
    }
    // The batches read them: the program's pprint shows (key, value) pairs.
    const std::string &console = *m_controller->snapshot()->console;
    const std::string first = "('user-0', '" + AutoTyper::line(spec, 0) + "')";
    QVERIFY2(console.find(first) != std::string::npos, console.c_str());
    // The transcript shows them as it shows the typed messages, after them: ">key:value" each.
    QString produced;
    for (std::size_t k = 0; k < 6; ++k)
        produced += QStringLiteral("\n>user-%1:").arg(k) + QString::fromStdString(AutoTyper::line(spec, k));
    QTRY_VERIFY2(m_panel->transcript().endsWith(QStringLiteral("\n>user-1:hi: there") + produced), qPrintable(m_panel->transcript()));
    if (const QString dir = qEnvironmentVariable("DSTREAMLAB_SHOT"); !dir.isEmpty())
        QVERIFY(m_panel->grab().save(dir + QStringLiteral("/nc-kafka-producer.png")));
}

void TestKafkaInput::aResetReplaysTheSameProducedMessages()
{
    const int batches = m_controller->snapshot()->completedBatches;
    const std::string console = *m_controller->snapshot()->console;
    const auto log = m_session->inputLog();
    m_controller->reset();
    m_controller->runUntilBatch(batches);
    QVERIFY(waitPaused(batches));
    QCOMPARE(m_session->inputLog().size(), log.size());
    const std::string replayed = *m_controller->snapshot()->console;
    QVERIFY2(replayed.starts_with(console.substr(0, std::min(console.size(), replayed.size()))), replayed.c_str());
    QVERIFY(replayed.find("('user-5', ") != std::string::npos);
}

void TestKafkaInput::anotherProgramStopsTheAutoProducer()
{
    AutoTyperBar *bar = m_panel->autoTyper();
    QTest::mouseClick(bar->startButton(), Qt::LeftButton);
    QVERIFY(m_controller->isAutoTyping());
    // A program without Kafka: its topics leave the target box, the producer stops, the bar
    // types to the socket again.
    m_controller->loadProgram(QStringLiteral("plain.py"), QStringLiteral("print('no kafka')\n"));
    QVERIFY(!m_controller->isAutoTyping());
    m_controller->runUntilBatch(1);
    QTRY_VERIFY(m_panel->targetTopic().isEmpty());
    QTRY_VERIFY(bar->targetTopic().isEmpty());
    QVERIFY(!bar->keyedBox()->isVisible());
    QCOMPARE(bar->rateBox()->suffix(), QStringLiteral(" lines/s"));
    QVERIFY(!bar->startButton()->isChecked());
}

void TestKafkaInput::cleanupTestCase()
{
    m_panel.reset();
    m_controller.reset();
    m_session.reset();
}

QTEST_MAIN(TestKafkaInput)
#include "tst_kafkainput.moc"
