// The dashboard's `--kafka-listen PORT`: Run > Listen for Kafka clients asks for a port and
// listens on it (app/kafkaclientfeed.h behind ui/kafkalistenaction.h); kcat produces plain and
// keyed messages to 127.0.0.1:PORT and each enters the session's input log as the nc panel's
// ProduceKafka would put it (topic, key, value), where the next batch reads it; the status strip
// counts them; unchecking the item stops the listener and frees the port. A port in use is said
// in a message box, never a crash, and the app's option starts and ends the listener with the
// window. A real ProgramSession over a program reading topic "words". Skipped, saying why,
// without kcat or a dstreamlab built with librdkafka.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/kafkaclientfeed.h"
#include "app/session/programsession.h"
#include "app/session/runsnapshot.h"
#include "ui/kafkalistenaction.h"
#include "ui/mainwindow.h"
#include "ui/runstatusstrip.h"
#include "ui/simulationcontroller.h"
#endif

#include <QAction>
#include <QApplication>
#include <QInputDialog>
#include <QMessageBox>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace dsl;
using namespace dsl::session;

namespace {

const char *kProgram = R"py(from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.kafka import KafkaUtils

sc = SparkContext("local[2]", "KafkaClients")
ssc = StreamingContext(sc, 1)
messages = KafkaUtils.createDirectStream(ssc, ["words"], {"metadata.broker.list": "localhost:9092"})
messages.pprint()
ssc.start()
ssc.awaitTermination()
)py";

/// A listening socket on 127.0.0.1 that keeps its port taken while it lives; port() 0 when
/// it could not be made. With `listening` false it is closed at once: a free port the kernel chose.
class LoopbackPort {
public:
    explicit LoopbackPort(bool listening = true)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        if (::bind(m_fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0 && ::listen(m_fd, 1) == 0 &&
            ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&a), &len) == 0)
            m_port = ntohs(a.sin_port);
        if (!listening) close();
    }
    ~LoopbackPort() { close(); }
    int port() const { return m_port; }
    void close()
    {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = -1;
    }
    /// Whether 127.0.0.1:port can be bound now (nobody listens there).
    static bool isFree(int port)
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons(static_cast<uint16_t>(port));
        const bool ok = ::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0;
        ::close(fd);
        return ok;
    }

private:
    int m_fd = -1, m_port = 0;
};

/// kcat producing `input` (one message per line) to topic `words`; its stderr, or "" on success.
QString kcat(const QString &kcatPath, int port, const QStringList &extra, const QByteArray &input)
{
    QProcess p;
    p.start(kcatPath, QStringList{QStringLiteral("-P"), QStringLiteral("-b"), QStringLiteral("127.0.0.1:%1").arg(port),
                                  QStringLiteral("-t"), QStringLiteral("words")} + extra);
    if (!p.waitForStarted(10000)) return QStringLiteral("kcat did not start");
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished(5000);
        return QStringLiteral("kcat did not finish in 30 s: ") + QString::fromLocal8Bit(p.readAllStandardError());
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return QStringLiteral("kcat failed: ") + QString::fromLocal8Bit(p.readAllStandardError());
    return QString();
}

} // namespace

class TestKafkaClients : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void theMenuListensAndKcatMessagesEnterTheInputLog();
    void aPortInUseIsSaidInAMessageBox();
    void theOptionListensFromTheStartAndTheAppEndsIt();
    void aBadPortIsAUsageError();
    void cleanupTestCase();

private:
    bool waitPaused(int batches);
    std::vector<InputRecord> kafkaRecords() const;

    QTemporaryDir m_dir;
    std::unique_ptr<ProgramSession> m_session;
    std::unique_ptr<ui::SimulationController> m_controller;
    std::unique_ptr<app::KafkaClientFeed> m_feed;
    std::unique_ptr<ui::MainWindow> m_window;
};

void TestKafkaClients::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("XDG_DATA_HOME", m_dir.path().toUtf8());
    qputenv("XDG_CONFIG_HOME", m_dir.path().toUtf8());
    ProgramSession::Config cfg;
    cfg.startTime = SimTime(1'795'514'400'000); // 2026-11-24 10:00:00 UTC
    cfg.pythonPackageDir = DSTREAMLAB_SOURCE_DIR "/resources/python";
    m_session = std::make_unique<ProgramSession>(cfg);
    m_controller = std::make_unique<ui::SimulationController>(m_session.get());
    m_feed = std::make_unique<app::KafkaClientFeed>(m_controller.get());
    m_window = std::make_unique<ui::MainWindow>(m_controller.get(), nullptr, /*useSettings=*/false);
    QVERIFY(!m_window->kafkaListen()); // no listener, no menu item
    m_window->setKafkaClientListener(m_feed.get());
    QVERIFY(m_window->kafkaListen());
    m_window->setProgram(QStringLiteral("kafka_clients.py"), QString::fromUtf8(kProgram));
    m_window->resize(1600, 960);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_controller->runUntilBatch(1);
    QVERIFY(waitPaused(1));
    // The program's topic, with its one partition, is what the mock cluster will be made with.
    QCOMPARE(m_feed->topics(), (std::map<std::string, int>{{"words", 1}}));
}

bool TestKafkaClients::waitPaused(int batches)
{
    return QTest::qWaitFor(
        [&] {
            const auto &s = m_controller->snapshot();
            return s && s->phase == RunPhase::Paused && s->completedBatches == batches;
        },
        30000);
}

std::vector<InputRecord> TestKafkaClients::kafkaRecords() const
{
    std::vector<InputRecord> out;
    for (InputRecord &r : m_session->inputLog())
        if (r.kind == InputRecord::Kind::KafkaMessage) out.push_back(std::move(r));
    return out;
}

void TestKafkaClients::theMenuListensAndKcatMessagesEnterTheInputLog()
{
    const QString kcatPath = QStandardPaths::findExecutable(QStringLiteral("kcat"));
    if (kcatPath.isEmpty()) QSKIP("kcat is not installed (Debian: apt-get install kcat)");
    ui::KafkaListenAction *listen = m_window->kafkaListen();
    QAction *action = listen->action();
    QVERIFY(!action->isChecked());
    QCOMPARE(action->text(), QStringLiteral("Listen for Kafka clients on 127.0.0.1:PORT…"));
    const int port = LoopbackPort(false).port();
    QVERIFY(port > 0);
    // The port dialog, answered as a user would.
    bool asked = false;
    QTimer::singleShot(200, this, [&] {
        auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        if (!dialog) return;
        asked = true;
        QCOMPARE(dialog->intValue(), ui::KafkaListenAction::kDefaultPort);
        dialog->setIntValue(port);
        dialog->accept();
    });
    action->trigger();
    QVERIFY(asked);
    if (listen->lastError().contains(QStringLiteral("without librdkafka")))
        QSKIP(qPrintable(QStringLiteral("this build has no librdkafka: ") + listen->lastError()));
    QVERIFY2(listen->lastError().isEmpty(), qPrintable(listen->lastError()));
    QVERIFY(action->isChecked());
    QVERIFY(m_feed->isListening());
    QCOMPARE(action->text(), QStringLiteral("Listen for Kafka clients on 127.0.0.1:%1").arg(port));
    QCOMPARE(m_window->statusStrip()->listenerText(), QStringLiteral("Kafka clients: 127.0.0.1:%1 · 0 messages").arg(port));

    const std::size_t before = kafkaRecords().size();
    QString error = kcat(kcatPath, port, {QStringLiteral("-K:")}, "user-1:hello world\nuser-2:你好 kafka\n");
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error = kcat(kcatPath, port, {}, "no key here\n");
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(kafkaRecords().size(), before + 3, 20000);
    const std::vector<InputRecord> got = kafkaRecords();
    struct Want {
        std::optional<std::string> key;
        std::string value;
    };
    const std::vector<Want> want{{"user-1", "hello world"}, {"user-2", "你好 kafka"}, {std::nullopt, "no key here"}};
    for (std::size_t i = 0; i < want.size(); ++i) {
        const InputRecord &r = got[before + i];
        QCOMPARE(r.path, std::string("words")); // the topic
        QCOMPARE(r.key, want[i].key);
        QCOMPARE(r.text, want[i].value);
        // At the current simulated time, as a typed message: after batch 1 (10:00:01).
        QVERIFY(r.time.ms() > 1'795'514'401'000);
    }
    QTRY_COMPARE(m_window->statusStrip()->listenerText(), QStringLiteral("Kafka clients: 127.0.0.1:%1 · 3 messages").arg(port));
    QCOMPARE(m_feed->messages(), std::size_t(3));
    // The next batch reads them as it reads typed ones.
    m_controller->runUntilBatch(2);
    QVERIFY(waitPaused(2));
    const std::string &console = *m_controller->snapshot()->console;
    for (const char *pair : {"('user-1', 'hello world')", "('user-2', '你好 kafka')", "(None, 'no key here')"})
        QVERIFY2(console.find(pair) != std::string::npos, console.c_str());

    // Unchecked: the listener stops, the port is free again, the strip says nothing.
    action->trigger();
    QVERIFY(!action->isChecked());
    QVERIFY(!m_feed->isListening());
    QVERIFY(m_window->statusStrip()->listenerText().isEmpty());
    QVERIFY(LoopbackPort::isFree(port));
}

void TestKafkaClients::aPortInUseIsSaidInAMessageBox()
{
    LoopbackPort busy;
    QVERIFY(busy.port() > 0);
    ui::KafkaListenAction *listen = m_window->kafkaListen();
    QVERIFY(!listen->listen(busy.port()));
    QVERIFY(!listen->action()->isChecked());
    QVERIFY(!m_feed->isListening());
    QVERIFY(m_window->statusStrip()->listenerText().isEmpty());
    auto *box = m_window->findChild<QMessageBox *>(QStringLiteral("kafkaListenError"));
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    const QString text = box->text();
    QVERIFY2(text.startsWith(QStringLiteral("Cannot listen for Kafka clients on 127.0.0.1:%1: ").arg(busy.port())), qPrintable(text));
    // Without librdkafka that is what it says; with it, that the port is taken.
    if (!text.contains(QStringLiteral("without librdkafka")))
        QVERIFY2(text.contains(QStringLiteral("127.0.0.1:%1 is in use").arg(busy.port())), qPrintable(text));
    QCOMPARE(m_window->statusStrip()->messageText(), text);
    box->accept();
    QTRY_VERIFY(!m_window->findChild<QMessageBox *>(QStringLiteral("kafkaListenError")));
}

void TestKafkaClients::theOptionListensFromTheStartAndTheAppEndsIt()
{
    // The app with --kafka-listen renders a screenshot and quits: it said it listened, and it
    // ended (every thread of the listener joined) with the port free again.
    const int port = LoopbackPort(false).port();
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.path());
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(DSTREAMLAB_BIN),
            {QStringLiteral("--kafka-listen"), QString::number(port), QStringLiteral("--screenshot"),
             m_dir.filePath(QStringLiteral("shot.png")), QStringLiteral("--until-batch"), QStringLiteral("1"),
             QStringLiteral("--size"), QStringLiteral("1280x720"), QStringLiteral("--discard-session")});
    QVERIFY(p.waitForFinished(120000));
    const QString err = QString::fromLocal8Bit(p.readAllStandardError());
    QCOMPARE(p.exitCode(), 0);
    if (err.contains(QStringLiteral("without librdkafka")))
        QSKIP(qPrintable(QStringLiteral("this build has no librdkafka: ") + err));
    QVERIFY2(err.contains(QStringLiteral("Kafka clients can produce to this session at 127.0.0.1:%1").arg(port)), qPrintable(err));
    QVERIFY(LoopbackPort::isFree(port));
}

void TestKafkaClients::aBadPortIsAUsageError()
{
    for (const char *bad : {"0", "65536", "http", ""}) {
        QProcess p;
        p.start(QStringLiteral(DSTREAMLAB_BIN), {QStringLiteral("--kafka-listen"), QString::fromLatin1(bad)});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(QString::fromLocal8Bit(p.readAllStandardError())
                    .contains(QStringLiteral("--kafka-listen needs a port from 1 to 65535")));
    }
}

void TestKafkaClients::cleanupTestCase()
{
    m_window.reset();
    m_feed.reset(); // its threads end here
    m_controller.reset();
    m_session.reset();
}

QTEST_MAIN(TestKafkaClients)
#include "tst_kafkaclients.moc"
