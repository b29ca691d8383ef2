// The dashboard's real sockets (app/socketclientfeed.h behind ui/socketclientlistener.h): Run >
// Open the class port… opens its dialog (the machine's addresses, the warning, the limits of
// `dstreamlab run --listen`), and three QTcpSocket students typing at once enter the session's
// input log as the nc panel's lines, each attributed to its source, journaled with it, listed in
// the nc panel (QAbstractItemModelTester) and named in its transcript; a 1 MB line is cut and
// flagged; text that looks like a directive stays text; a flood never stalls the window; turning
// the port off refuses connections. Run > Connect sockets to real servers connects the program's
// socketTextStream to a QTcpServer playing `nc -lk` (retrying every 2 s until it is there), whose
// going away the session's receiver follows (RealServerEvent). A real
// ProgramSession; loopback only; PNGs to $DSTREAMLAB_CLASSPORT_PNG_DIR when set.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/programsession.h"
#include "app/session/runsnapshot.h"
#include "app/session/sessionjournal.h"
#include "app/socketclientfeed.h"
#include "app/socketlimits.h"
#endif
#include "ui/classportdialog.h"
#include "ui/mainwindow.h"
#include "ui/ncinputpanel.h"
#include "ui/realsocketsactions.h"
#include "ui/runstatusstrip.h"
#include "ui/simulationcontroller.h"
#include "ui/socketsourcemodel.h"

#include "wordcountprogram.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QLabel>
#include <QNetworkInterface>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QRegularExpression>

#include <algorithm>
#include <map>
#include <memory>

using namespace dsl;
using namespace dsl::session;

namespace {

/// A free TCP port on 127.0.0.1, picked by the kernel (closed again for the code under test).
int freePort()
{
    QTcpServer s;
    if (!s.listen(QHostAddress::LocalHost, 0)) return 0;
    const int port = s.serverPort();
    s.close();
    return port;
}

/// A student: a connection to the class port that sends bytes (nc would do the same).
struct Student {
    QTcpSocket socket;
    bool connect(int port)
    {
        socket.connectToHost(QHostAddress::LocalHost, quint16(port));
        return socket.waitForConnected(5000);
    }
    void send(const QByteArray &bytes)
    {
        socket.write(bytes);
        socket.flush();
    }
};

} // namespace

class TestClassPort : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void theDialogListsTheAddressesAndWarns();
    void aPortInUseIsSaidInTheDialog();
    void threeStudentsAtOnceAreThreeSources();
    void theJournalKeepsTheSources();
    void aMegabyteLineIsCutAndFlagged();
    void directiveLikeLinesAreOnlyText();
    void aFloodNeverStallsTheWindow();
    void turningItOffRefusesConnections();
    void realServersConnectRetryAndFeedTheRun();
    void theOptionsOpenThePortFromTheStartAndTheAppEndsIt();
    void badOptionsAreUsageErrors();
    void cleanupTestCase();

private:
    bool waitPaused(int batches);
    /// The input log's socket lines from the class port or a server, by source name.
    std::map<std::string, std::vector<std::string>> linesBySource() const;
    std::size_t sourcedLines() const;
    /// Opens the class port on 127.0.0.1:port through the menu and its dialog, as a user would.
    void openThroughTheDialog(int port, bool *ok);
    void savePng(QWidget *w, const QString &name);

    QTemporaryDir m_dir;
    std::unique_ptr<SessionJournal> m_journal;
    std::unique_ptr<ProgramSession> m_session;
    std::unique_ptr<ui::SimulationController> m_controller;
    std::unique_ptr<app::SocketClientFeed> m_feed;
    std::unique_ptr<ui::MainWindow> m_window;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    int m_port = 0;
    std::vector<std::string> m_studentNames; ///< of threeStudentsAtOnceAreThreeSources
};

void TestClassPort::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("XDG_DATA_HOME", m_dir.path().toUtf8());
    qputenv("XDG_CONFIG_HOME", m_dir.path().toUtf8());
    ProgramSession::Config cfg;
    cfg.startTime = SimTime(1'795'514'400'000); // 2026-11-24 10:00:00 UTC
    cfg.pythonPackageDir = DSTREAMLAB_SOURCE_DIR "/resources/python";
    m_session = std::make_unique<ProgramSession>(cfg);
    QString error;
    m_journal = SessionJournal::create(m_dir.filePath(QStringLiteral("journal")), cfg.startTime, &error);
    QVERIFY2(m_journal, qPrintable(error));
    m_session->setJournal(m_journal.get());
    m_controller = std::make_unique<ui::SimulationController>(m_session.get());
    m_feed = std::make_unique<app::SocketClientFeed>(m_controller.get());
    m_window = std::make_unique<ui::MainWindow>(m_controller.get(), nullptr, /*useSettings=*/false);
    QVERIFY(!m_window->realSockets()); // no listener, no menu items
    m_window->setSocketClientListener(m_feed.get());
    QVERIFY(m_window->realSockets());
    m_tester = std::make_unique<QAbstractItemModelTester>(m_window->ncPanel()->sourceModel(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_window->setProgram(QStringLiteral("wordcount.py"), QString::fromUtf8(uitest::kWordCountProgram));
    m_window->resize(1600, 960);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_controller->runUntilBatch(1);
    QVERIFY(waitPaused(1));
    // Off by default: no port, no servers, no list.
    QVERIFY(!m_feed->isClassPortOpen());
    QVERIFY(!m_feed->realServers());
    QVERIFY(!m_window->realSockets()->classPortAction()->isChecked());
    QVERIFY(m_window->ncPanel()->sourceView()->isHidden());
    QVERIFY(m_window->statusStrip()->listenerText().isEmpty());
}

bool TestClassPort::waitPaused(int batches)
{
    return QTest::qWaitFor(
        [&] {
            const auto &s = m_controller->snapshot();
            return s && s->phase == RunPhase::Paused && s->completedBatches >= batches && !s->cursor;
        },
        60000);
}

std::map<std::string, std::vector<std::string>> TestClassPort::linesBySource() const
{
    std::map<std::string, std::vector<std::string>> out;
    for (const InputRecord &r : m_session->inputLog())
        if (r.kind == InputRecord::Kind::SocketLine && r.source) out[*r.source].push_back(r.text);
    return out;
}

std::size_t TestClassPort::sourcedLines() const
{
    std::size_t n = 0;
    for (const auto &[source, lines] : linesBySource()) n += lines.size();
    return n;
}

void TestClassPort::savePng(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("DSTREAMLAB_CLASSPORT_PNG_DIR", m_dir.path());
    QDir().mkpath(dir);
    QVERIFY(w->grab().save(QDir(dir).filePath(name)));
}

void TestClassPort::theDialogListsTheAddressesAndWarns()
{
    ui::RealSocketsActions *actions = m_window->realSockets();
    QCOMPARE(actions->classPortAction()->text(), QStringLiteral("Open the class port…"));
    actions->classPortAction()->trigger();
    ui::ClassPortDialog *dialog = actions->dialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(!actions->classPortAction()->isChecked()); // checked only once the port is open

    // The addresses: this computer only first (the default; ::1 too when the machine has IPv6
    // loopback), then each running interface's IPv4 addresses, then its global and unique-local
    // IPv6 ones, then its link-local ones that carry a scope, then all of them: 0.0.0.0, and ::
    // with IPv6 (ClassPortDialog::addressChoices).
    QStringList want{QStringLiteral("127.0.0.1")}, v4, v6, linkLocal;
    bool anyV6 = false;
    for (const QNetworkInterface &nic : QNetworkInterface::allInterfaces()) {
        if (!(nic.flags() & QNetworkInterface::IsUp) || !(nic.flags() & QNetworkInterface::IsRunning)) continue;
        const bool lo = nic.flags() & QNetworkInterface::IsLoopBack;
        for (const QNetworkAddressEntry &e : nic.addressEntries()) {
            const QHostAddress ip = e.ip();
            const QString text = ip.toString();
            if (ip.protocol() == QAbstractSocket::IPv4Protocol) {
                if (!lo && !ip.isLoopback() && !v4.contains(text)) v4 << text;
            } else if (ip.protocol() == QAbstractSocket::IPv6Protocol) {
                anyV6 = true;
                if (ip.isLoopback() && !want.contains(QStringLiteral("::1"))) want << QStringLiteral("::1");
                if (lo || ip.isLoopback() || ip.toIPv4Address() != 0) continue;
                if (ip.isLinkLocal()) {
                    if (!ip.scopeId().isEmpty() && !linkLocal.contains(text)) linkLocal << text;
                } else if ((ip.isGlobal() || ip.isUniqueLocalUnicast()) && !v6.contains(text)) {
                    v6 << text;
                }
            }
        }
    }
    const int firstLan = int(want.size());
    want << v4 << v6 << linkLocal << QStringLiteral("0.0.0.0");
    if (anyV6) want << QStringLiteral("::");
    QComboBox *address = dialog->addressBox();
    QStringList got;
    for (int i = 0; i < address->count(); ++i) got << address->itemData(i).toString();
    QCOMPARE(got, want);
    QCOMPARE(address->currentIndex(), 0);
    QCOMPARE(address->itemText(0), QStringLiteral("127.0.0.1 — only this computer"));
    const int everyV4 = int(want.indexOf(QStringLiteral("0.0.0.0")));
    QCOMPARE(address->itemText(everyV4), QStringLiteral("0.0.0.0 — every network of this computer"));
    if (anyV6) QCOMPARE(address->itemText(everyV4 + 1), QStringLiteral("[::] — every network of this computer, IPv6 and IPv4"));
    const bool lan = !v4.isEmpty();
    if (lan) QVERIFY2(address->itemText(firstLan).contains(QStringLiteral(" — this network (")), qPrintable(address->itemText(firstLan)));

    // The defaults: the nc panel's port, `dstreamlab run --listen`'s limits.
    const app::ListenLimits limits;
    const ui::ClassPortSettings s = dialog->settings();
    QCOMPARE(s.address, QStringLiteral("127.0.0.1"));
    QCOMPARE(s.port, 9999);
    QCOMPARE(s.maxConnections, limits.maxConnections);
    QCOMPARE(s.maxLineBytes, int(limits.maxLineBytes));
    QCOMPARE(s.linesPerSecond, limits.linesPerSecond);
    QCOMPARE(s.idleSeconds, limits.idleSeconds);
    QCOMPARE(s, m_feed->defaultSettings());

    // Only this computer: no warning. Any network: the plain warning, and what students type.
    QVERIFY(dialog->warningLabel()->isHidden());
    QCOMPARE(dialog->connectHint(), QStringLiteral("From this computer: nc 127.0.0.1 9999"));
    address->setCurrentIndex(everyV4);
    QVERIFY(!dialog->warningLabel()->isHidden());
    QCOMPARE(dialog->warningLabel()->text(),
             QStringLiteral("Anyone on this network can connect and type into the run; what they send is only data, never a command."));
    QVERIFY2(dialog->connectHint().startsWith(QStringLiteral("Students type: nc ")), qPrintable(dialog->connectHint()));
    QVERIFY(dialog->connectHint().contains(QStringLiteral(" 9999 (or telnet ")));
    if (lan) {
        address->setCurrentIndex(firstLan);
        QVERIFY(!dialog->warningLabel()->isHidden());
        QCOMPARE(dialog->connectHint(), QStringLiteral("Students type: nc %1 9999 (or telnet %1 9999)").arg(want[firstLan]));
        savePng(dialog, QStringLiteral("classport-dialog-lan.png"));
    }
    address->setCurrentIndex(0);
    QVERIFY(dialog->warningLabel()->isHidden());
    address->setCurrentIndex(everyV4);
    savePng(dialog, QStringLiteral("classport-dialog.png"));

    // Cancel: nothing opens.
    dialog->reject();
    QTRY_VERIFY(!actions->dialog());
    QVERIFY(!m_feed->isClassPortOpen());
    QVERIFY(!actions->classPortAction()->isChecked());
}

void TestClassPort::aPortInUseIsSaidInTheDialog()
{
    QTcpServer busy;
    QVERIFY(busy.listen(QHostAddress::LocalHost, 0));
    ui::RealSocketsActions *actions = m_window->realSockets();
    actions->classPortAction()->trigger();
    ui::ClassPortDialog *dialog = actions->dialog();
    QVERIFY(dialog);
    dialog->portBox()->setValue(busy.serverPort());
    dialog->accept();
    // The dialog stays, saying why; nothing is open.
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->errorLabel()->isHidden());
    const QString text = dialog->errorLabel()->text();
    QVERIFY2(text.startsWith(QStringLiteral("Cannot open the class port: 127.0.0.1:%1 is in use").arg(busy.serverPort())),
             qPrintable(text));
    QVERIFY(!m_feed->isClassPortOpen());
    QVERIFY(!actions->classPortAction()->isChecked());
    QVERIFY(m_window->statusStrip()->messageText().contains(QStringLiteral("is in use")));
    // Changing the port clears the error.
    dialog->portBox()->setValue(busy.serverPort() == 65535 ? 65534 : busy.serverPort() + 1);
    QVERIFY(dialog->errorLabel()->isHidden());
    dialog->reject();
    QTRY_VERIFY(!actions->dialog());
}

void TestClassPort::openThroughTheDialog(int port, bool *ok)
{
    *ok = false;
    ui::RealSocketsActions *actions = m_window->realSockets();
    actions->classPortAction()->trigger();
    ui::ClassPortDialog *dialog = actions->dialog();
    QVERIFY(dialog);
    dialog->portBox()->setValue(port);
    QCOMPARE(dialog->addressBox()->currentData().toString(), QStringLiteral("127.0.0.1"));
    auto *buttons = dialog->findChild<QDialogButtonBox *>();
    QVERIFY(buttons);
    QCOMPARE(buttons->button(QDialogButtonBox::Ok)->text(), QStringLiteral("Open"));
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_VERIFY(!actions->dialog());
    QVERIFY2(actions->lastError().isEmpty(), qPrintable(actions->lastError()));
    QVERIFY(m_feed->isClassPortOpen());
    QVERIFY(actions->classPortAction()->isChecked());
    QCOMPARE(actions->classPortAction()->text(), QStringLiteral("Close the class port 127.0.0.1:%1").arg(port));
    *ok = true;
}

void TestClassPort::threeStudentsAtOnceAreThreeSources()
{
    m_port = freePort();
    QVERIFY(m_port > 0);
    bool ok = false;
    openThroughTheDialog(m_port, &ok);
    QVERIFY(ok);
    QCOMPARE(m_window->statusStrip()->listenerText(), QStringLiteral("Class port 127.0.0.1:%1 · 0 connected · 0 lines").arg(m_port));

    // Three students connect and type at once, interleaving their lines.
    constexpr int kLines = 40;
    Student students[3];
    for (Student &s : students) QVERIFY(s.connect(m_port));
    std::vector<std::vector<std::string>> sent(3);
    for (int k = 0; k < kLines; ++k)
        for (int i = 0; i < 3; ++i) {
            const std::string line = "spark s" + std::to_string(i + 1) + " w" + std::to_string(k);
            sent[std::size_t(i)].push_back(line);
            students[i].send(QByteArray::fromStdString(line + (k % 2 ? "\r\n" : "\n")));
        }
    QTRY_COMPARE_WITH_TIMEOUT(sourcedLines(), std::size_t(3 * kLines), 20000);

    // Exactly those lines, three sources, each source's lines in its order, none mixed up.
    const auto got = linesBySource();
    QCOMPARE(got.size(), std::size_t(3));
    std::vector<std::vector<std::string>> gotSorted;
    for (const auto &[source, lines] : got) {
        QVERIFY2(QString::fromStdString(source).contains(QRegularExpression(QStringLiteral("^student [1-3] \\(127\\.0\\.0\\.1:\\d+\\)$"))),
                 source.c_str());
        m_studentNames.push_back(source);
        gotSorted.push_back(lines);
    }
    std::sort(gotSorted.begin(), gotSorted.end());
    auto want = sent;
    std::sort(want.begin(), want.end());
    QCOMPARE(gotSorted, want);
    // The nc panel's port, as a typed line; after batch 1 (the current time).
    for (const InputRecord &r : m_session->inputLog())
        if (r.source) {
            QCOMPARE(r.port, 9999);
            QVERIFY(r.time.ms() > 1'795'514'401'000);
        }

    // The nc panel lists them with their counts, and names them in the transcript.
    ui::NcInputPanel *nc = m_window->ncPanel();
    ui::SocketSourceModel *model = nc->sourceModel();
    QTRY_COMPARE(model->rowCount(), 3);
    QTRY_VERIFY(!nc->sourceView()->isHidden());
    for (int row = 0; row < 3; ++row) {
        QCOMPARE(model->sources()[std::size_t(row)].number, row + 1);
        QTRY_COMPARE(model->data(model->index(row, ui::SocketSourceModel::LinesColumn)).toString(), QString::number(kLines));
        QCOMPARE(model->data(model->index(row, ui::SocketSourceModel::StateColumn)).toString(), QStringLiteral("connected"));
        QVERIFY(model->data(model->index(row, ui::SocketSourceModel::SourceColumn))
                    .toString()
                    .startsWith(QStringLiteral("student %1 (127.0.0.1)").arg(row + 1)));
    }
    QTRY_VERIFY2(nc->transcript().contains(QStringLiteral("[student 2] spark s")), qPrintable(nc->transcript()));
    QCOMPARE(nc->socketStateText(), QStringLiteral("⇄ class port 127.0.0.1:%1 · 3 connected").arg(m_port));
    QTRY_COMPARE(m_window->statusStrip()->listenerText(),
                 QStringLiteral("Class port 127.0.0.1:%1 · 3 connected · %2 lines").arg(m_port).arg(3 * kLines));
    QCOMPARE(m_feed->lines(), std::size_t(3 * kLines));

    // The next batch reads them as it reads typed ones.
    m_controller->runUntilBatch(2);
    QVERIFY(waitPaused(2));
    double spark = 0;
    for (const auto &[t, batch] : m_controller->snapshot()->batches)
        if (batch)
            for (const KeyCount &kc : batch->keyCounts)
                if (kc.key == "spark") spark += kc.count;
    QCOMPARE(spark, double(3 * kLines));

    // A classroom picture: presenter mode, dark, 1280x720.
    m_window->setPresenterMode(true);
    m_window->setDarkTheme(true);
    m_window->resize(1280, 720);
    QTest::qWait(400);
    savePng(m_window.get(), QStringLiteral("classport-window-presenter-dark.png"));
    savePng(nc, QStringLiteral("classport-ncpanel-presenter-dark.png"));
    m_window->setPresenterMode(false);
    m_window->setDarkTheme(false);
    m_window->resize(1600, 960);
    QTest::qWait(200);
    savePng(nc, QStringLiteral("classport-ncpanel.png"));
}

void TestClassPort::theJournalKeepsTheSources()
{
    // What a killed session leaves: each student line with its source, read back and replayed.
    const RecoveredSession back = SessionJournal::read(m_journal->path());
    QVERIFY2(back.error.isEmpty(), qPrintable(back.error));
    std::map<std::string, int> perSource;
    for (const JournalOp &op : back.ops)
        if (op.kind == JournalOp::Kind::Typed && !op.source.empty()) ++perSource[op.source];
    QCOMPARE(perSource.size(), std::size_t(3));
    for (const std::string &name : m_studentNames) QCOMPARE(perSource[name], 40);
    SessionInputLog log;
    back.replay(log);
    std::map<std::string, int> replayed;
    const std::string *shared = nullptr;
    bool oneStringPerSource = true;
    for (const InputRecord &r : log.records())
        if (r.source) {
            ++replayed[*r.source];
            if (*r.source == m_studentNames.front()) {
                if (shared && shared != r.source.get()) oneStringPerSource = false;
                shared = r.source.get();
            }
        }
    QCOMPARE(replayed, perSource);
    QVERIFY(oneStringPerSource);
}

void TestClassPort::aMegabyteLineIsCutAndFlagged()
{
    QSignalSpy notes(m_feed.get(), &ui::SocketClientListener::note);
    Student s;
    QVERIFY(s.connect(m_port));
    const std::size_t before = sourcedLines();
    s.send(QByteArray(1024 * 1024, 'x') + "\nafter the long one\n");
    QTRY_COMPARE_WITH_TIMEOUT(sourcedLines(), before + 2, 20000);
    const auto got = linesBySource();
    const auto it = std::find_if(got.begin(), got.end(), [](const auto &p) { return p.first.rfind("student 4 (", 0) == 0; });
    QVERIFY(it != got.end());
    QCOMPARE(it->second.size(), std::size_t(2));
    QCOMPARE(it->second[0], std::string(8192, 'x')); // the default limit
    QCOMPARE(it->second[1], std::string("after the long one"));
    // Flagged: in the list, and said.
    ui::SocketSourceModel *model = m_window->ncPanel()->sourceModel();
    QTRY_COMPARE(model->rowCount(), 4);
    auto linesOf = [&](int number) {
        for (int row = 0; row < model->rowCount(); ++row)
            if (model->sources()[std::size_t(row)].number == number)
                return model->data(model->index(row, ui::SocketSourceModel::LinesColumn)).toString();
        return QString();
    };
    QTRY_COMPARE(linesOf(4), QStringLiteral("2 (1 flagged)"));
    // Who is connected comes first; the three who left (their sockets closed) after.
    QCOMPARE(model->sources().front().number, 4);
    QCOMPARE(model->sources().back().state, ui::SocketSource::State::Closed);
    QCOMPARE(model->data(model->index(3, ui::SocketSourceModel::StateColumn)).toString(), QStringLiteral("left"));
    QCOMPARE(model->data(model->index(3, ui::SocketSourceModel::StateColumn), Qt::ToolTipRole).toString(),
             QStringLiteral("left: closed by the client"));
    QTRY_VERIFY(std::any_of(notes.begin(), notes.end(), [](const QList<QVariant> &n) {
        return n.at(0).toString().contains(QStringLiteral("cut at the 8192-byte limit (1040384 bytes dropped)"));
    }));
}

void TestClassPort::directiveLikeLinesAreOnlyText()
{
    Student s;
    QVERIFY(s.connect(m_port));
    const std::vector<std::string> lines{"@file /tmp/x.txt hello", "@kafka words hi", "@line text", "", "1.5\tSECONDS",
                                         "Reset", "kill-driver"};
    const std::size_t before = sourcedLines();
    QByteArray bytes;
    for (const std::string &l : lines) bytes += QByteArray::fromStdString(l) + '\n';
    s.send(bytes);
    QTRY_COMPARE_WITH_TIMEOUT(sourcedLines(), before + lines.size(), 20000);
    std::vector<std::string> got;
    for (const InputRecord &r : m_session->inputLog())
        if (r.source && r.source->rfind("student 5 (", 0) == 0) {
            QCOMPARE(r.kind, InputRecord::Kind::SocketLine); // never a file, a message or a command
            got.push_back(r.text);
        }
    QCOMPARE(got, lines);
    QCOMPARE(m_controller->snapshot()->phase, RunPhase::Paused); // "Reset" reset nothing
    QVERIFY(m_session->options().faults.empty());                // "kill-driver" injected nothing
}

void TestClassPort::aFloodNeverStallsTheWindow()
{
    // No rate limit: one student sends 20,000 lines as fast as TCP takes them. The window takes
    // a bounded share per tick: its event loop keeps turning, and every line arrives.
    m_window->realSockets()->closeClassPort();
    ui::ClassPortSettings settings = m_feed->defaultSettings();
    settings.port = m_port;
    settings.linesPerSecond = 0;
    QVERIFY(m_window->realSockets()->openClassPort(settings));
    Student s;
    QVERIFY(s.connect(m_port));
    constexpr int kFlood = 20000;
    const std::size_t before = m_session->inputLogSize();
    QByteArray bytes;
    for (int k = 0; k < kFlood; ++k) bytes += "flood " + QByteArray::number(k) + '\n';
    QElapsedTimer sinceTick;
    qint64 longestGap = 0;
    QTimer tick;
    connect(&tick, &QTimer::timeout, this, [&] {
        longestGap = std::max(longestGap, sinceTick.restart());
    });
    sinceTick.start();
    tick.start(10);
    s.send(bytes);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->inputLogSize(), before + kFlood, 60000);
    tick.stop();
    qInfo("longest gap between two 10 ms ticks during the flood: %lld ms", longestGap);
    QVERIFY2(longestGap < 1000, qPrintable(QString::number(longestGap)));
    QCOMPARE(m_feed->waiting(), std::size_t(0));
    const auto log = m_session->inputLog();
    QCOMPARE(log.back().text, std::string("flood 19999"));
}

void TestClassPort::turningItOffRefusesConnections()
{
    Student stays;
    QVERIFY(stays.connect(m_port));
    auto anyConnected = [&] {
        const std::vector<ui::SocketSource> sources = m_feed->sources();
        return std::any_of(sources.begin(), sources.end(),
                           [](const ui::SocketSource &s) { return s.state == ui::SocketSource::State::Connected; });
    };
    QTRY_VERIFY(anyConnected());
    ui::RealSocketsActions *actions = m_window->realSockets();
    QVERIFY(actions->classPortAction()->isChecked());
    actions->classPortAction()->trigger(); // unchecked
    QVERIFY(!actions->classPortAction()->isChecked());
    QVERIFY(!m_feed->isClassPortOpen());
    QCOMPARE(actions->classPortAction()->text(), QStringLiteral("Open the class port…"));
    QVERIFY(m_window->statusStrip()->listenerText().isEmpty());
    // Connected students are let go, new ones refused.
    QVERIFY(stays.socket.state() == QAbstractSocket::UnconnectedState || stays.socket.waitForDisconnected(5000));
    QTcpSocket late;
    late.connectToHost(QHostAddress::LocalHost, quint16(m_port));
    QVERIFY(!late.waitForConnected(5000));
    QCOMPARE(late.error(), QAbstractSocket::ConnectionRefusedError);
    // The list keeps who was there, as gone.
    for (const ui::SocketSource &s : m_window->ncPanel()->sourceModel()->sources())
        QCOMPARE(s.state, ui::SocketSource::State::Closed);
    QCOMPARE(m_window->ncPanel()->socketStateText(), QString());
}

void TestClassPort::realServersConnectRetryAndFeedTheRun()
{
    // A program reading a port nobody serves yet; the switch on: its receiver's real connection
    // tries every 2 s, then a server (a QTcpServer playing `nc -lk`) comes and sends lines.
    const int port = freePort();
    QVERIFY(port > 0);
    const QString program = QString::fromUtf8(uitest::kWordCountProgram)
                                .replace(QStringLiteral("socketTextStream(\"localhost\", 9999)"),
                                         QStringLiteral("socketTextStream(\"localhost\", %1)").arg(port));
    m_window->setProgram(QStringLiteral("realserver.py"), program);
    ui::RealSocketsActions *actions = m_window->realSockets();
    actions->realServersAction()->trigger();
    QVERIFY(actions->realServersAction()->isChecked());
    QVERIFY(m_feed->realServers());
    m_controller->runUntilBatch(1);
    QVERIFY(waitPaused(1));
    const QString location = QStringLiteral("localhost:%1").arg(port);
    auto serverState = [&]() -> std::optional<ui::SocketSource::State> {
        for (const ui::SocketSource &s : m_feed->sources())
            if (s.kind == ui::SocketSource::Kind::Server && s.name == location) return s.state;
        return std::nullopt;
    };
    QTRY_COMPARE_WITH_TIMEOUT(serverState(), std::optional(ui::SocketSource::State::Retrying), 10000);
    QTRY_COMPARE(m_window->ncPanel()->socketStateText(), QStringLiteral("⇄ nc %1: retrying every 2 s").arg(location));
    QTRY_VERIFY2(m_window->statusStrip()->listenerText().contains(QStringLiteral("nc %1: retrying every 2 s").arg(location)),
                 qPrintable(m_window->statusStrip()->listenerText()));

    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, quint16(port)));
    QVERIFY(server.waitForNewConnection(10000)); // within the 2 s retry
    std::unique_ptr<QTcpSocket> conn(server.nextPendingConnection());
    QVERIFY(conn);
    QTRY_COMPARE_WITH_TIMEOUT(serverState(), std::optional(ui::SocketSource::State::Connected), 10000);
    QTRY_COMPARE(m_window->ncPanel()->socketStateText(), QStringLiteral("⇄ nc %1: connected").arg(location));
    const std::size_t before = sourcedLines();
    conn->write("real server words\nreal words\n");
    conn->flush();
    QTRY_COMPARE_WITH_TIMEOUT(sourcedLines(), before + 2, 20000);
    const auto got = linesBySource();
    QCOMPARE(got.at(location.toStdString()), (std::vector<std::string>{"real server words", "real words"}));
    for (const InputRecord &r : m_session->inputLog())
        if (r.source && *r.source == location.toStdString()) QCOMPARE(r.port, port); // the program's port
    // They enter the run: the receiver of that port reads them.
    m_controller->runUntilBatch(4);
    QVERIFY(waitPaused(4));
    std::string console = *m_controller->snapshot()->console;
    QVERIFY2(console.find("('real', 2)") != std::string::npos, console.c_str());

    // The server goes away (it stops listening and ends the stream): the session's receiver
    // follows it (RealServerEvent), inactive with Spark's reason as its last error, and the run's
    // own log has the WARN line (ReceiverSupervisor.restartReceiver), at a tick after the event.
    server.close();
    conn->disconnectFromHost();
    const std::string closedWhy = "Socket data stream had no more data";
    const auto closedRecorded = [&] {
        for (const InputRecord &r : m_session->inputLog())
            if (r.kind == InputRecord::Kind::Server && r.port == port && r.server == ServerEvent::Closed) return true;
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(closedRecorded(), 10000);
    m_controller->runUntilBatch(6);
    QVERIFY(waitPaused(6));
    const ui::RunSnapshotPtr away = m_controller->snapshot();
    std::optional<ReceiverInfo> receiver;
    for (const ReceiverInfo &r : away->receivers)
        if (r.location == location.toStdString()) receiver = r;
    QVERIFY(receiver);
    QVERIFY(!receiver->active);
    // Closed, or refused by a retry of the connection thread since (the server no longer listens).
    QVERIFY2(receiver->lastError == closedWhy || receiver->lastError == "Error connecting to " + location.toStdString(),
             receiver->lastError.c_str());
    bool warned = false;
    for (std::size_t i = 0; away->events && i < away->events->size(); ++i)
        warned = warned || away->events->at(i).message == "Restarting receiver with delay 2000 ms: " + closedWhy;
    QVERIFY(warned);

    // Off: the connection closes, the server sees it go.
    actions->realServersAction()->trigger();
    QVERIFY(!m_feed->realServers());
    QVERIFY(!serverState());
    QVERIFY(conn->state() == QAbstractSocket::UnconnectedState || conn->waitForDisconnected(5000));
    QVERIFY(m_window->statusStrip()->listenerText().isEmpty());
}

void TestClassPort::theOptionsOpenThePortFromTheStartAndTheAppEndsIt()
{
    // The app with --listen and --real-time renders a screenshot and quits: it said it listened,
    // a student could connect meanwhile, and at its end the port is free again.
    const int port = freePort();
    QVERIFY(port > 0);
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.path());
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(DSTREAMLAB_BIN),
            {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("--listen-limit"),
             QStringLiteral("connections=2"), QStringLiteral("--real-time"), QStringLiteral("--screenshot"),
             m_dir.filePath(QStringLiteral("shot.png")), QStringLiteral("--until-batch"), QStringLiteral("2"),
             QStringLiteral("--size"), QStringLiteral("1280x720"), QStringLiteral("--discard-session")});
    QVERIFY(p.waitForStarted(10000));
    Student s;
    QVERIFY(QTest::qWaitFor([&] { return s.connect(port) || p.state() == QProcess::NotRunning; }, 60000));
    s.send("hello from a student\n");
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished(5000);
        QFAIL("the app did not end in 120 s");
    }
    const QString err = QString::fromLocal8Bit(p.readAllStandardError());
    QCOMPARE(p.exitCode(), 0);
    QVERIFY2(err.contains(QStringLiteral("DStream Lab: the class port is open at 127.0.0.1:%1").arg(port)), qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("connect to real servers")), qPrintable(err));
    QTcpServer again;
    QVERIFY(again.listen(QHostAddress::LocalHost, quint16(port))); // free again
}

void TestClassPort::badOptionsAreUsageErrors()
{
    const QList<QStringList> bad{{QStringLiteral("--listen"), QStringLiteral("http")},
                                 {QStringLiteral("--listen"), QStringLiteral("70000")},
                                 {QStringLiteral("--listen"), QStringLiteral("9999"), QStringLiteral("--listen-limit"),
                                  QStringLiteral("connections=0")},
                                 {QStringLiteral("--listen-limit"), QStringLiteral("connections=5")}};
    for (const QStringList &args : bad) {
        QProcess p;
        p.start(QStringLiteral(DSTREAMLAB_BIN), args);
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
        const QString err = QString::fromLocal8Bit(p.readAllStandardError());
        QVERIFY2(err.contains(QStringLiteral("--listen")), qPrintable(err));
    }
}

void TestClassPort::cleanupTestCase()
{
    m_tester.reset();
    m_window.reset();
    m_feed.reset(); // its threads end here
    m_controller.reset();
    m_session.reset();
    m_journal.reset();
}

QTEST_MAIN(TestClassPort)
#include "tst_classport.moc"
