// The class port's addresses and notes (issue 16): Run > Open the class port… lists IPv6
// addresses beside IPv4 ones (global and unique-local, link-local only with its scope, in
// brackets; :: for every network), the hint students follow for each, the port opened on ::1
// with a student connecting over IPv6 (skipped when the machine has no IPv6 loopback), and the
// connection notes the dashboard shows, said from their values (SocketClientFeed::noteText).
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/runsnapshot.h"
#include "app/socketclientfeed.h"
#include "app/socketfeed.h"
#endif
#include "snapshotdriver.h"

#include "ui/classportdialog.h"
#include "ui/simulationcontroller.h"

#include <QComboBox>
#include <QHostAddress>
#include <QLabel>
#include <QSpinBox>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace dsl;
using namespace dsl::ui;
using namespace Qt::StringLiterals;
using Found = std::vector<ClassPortDialog::InterfaceAddress>;

class TestClassPortIpv6 : public QObject {
    Q_OBJECT
private slots:
    void theChoicesListIpv6Addresses_data();
    void theChoicesListIpv6Addresses();
    void theDialogShowsIpv6InBracketsAndTheHintWithout();
    void aStudentConnectsOverIpv6Loopback();
    void notesAreSaidFromTheirValues_data();
    void notesAreSaidFromTheirValues();
};

void TestClassPortIpv6::theChoicesListIpv6Addresses_data()
{
    QTest::addColumn<Found>("found");
    QTest::addColumn<QStringList>("choices"); // "address@interface"
    QTest::newRow("ipv4-only-machine-has-no-ipv6-choices")
        << Found{{u"lo"_s, u"127.0.0.1"_s, true}, {u"eth0"_s, u"192.168.1.20"_s, false}}
        << QStringList{u"127.0.0.1@"_s, u"192.168.1.20@eth0"_s, u"0.0.0.0@"_s};
    // ::1 after 127.0.0.1; the global and the unique-local (fd00::/8) one after the IPv4 ones;
    // the link-local one with its scope last among them; :: after 0.0.0.0.
    QTest::newRow("global-ula-and-scoped-link-local-in-that-order")
        << Found{{u"lo"_s, u"127.0.0.1"_s, true},
                 {u"lo"_s, u"::1"_s, true},
                 {u"eth0"_s, u"192.168.1.20"_s, false},
                 {u"eth0"_s, u"fe80::1%eth0"_s, false},
                 {u"eth0"_s, u"2001:db8::20"_s, false},
                 {u"wg0"_s, u"fd12:3456::1"_s, false}}
        << QStringList{u"127.0.0.1@"_s,       u"::1@"_s,          u"192.168.1.20@eth0"_s, u"2001:db8::20@eth0"_s,
                       u"fd12:3456::1@wg0"_s, u"fe80::1%eth0@eth0"_s, u"0.0.0.0@"_s,          u"::@"_s};
    // A link-local address without its scope cannot be bound: left out.
    QTest::newRow("link-local-without-a-scope-is-left-out")
        << Found{{u"eth0"_s, u"fe80::1"_s, false}, {u"eth0"_s, u"10.0.0.2"_s, false}}
        << QStringList{u"127.0.0.1@"_s, u"10.0.0.2@eth0"_s, u"0.0.0.0@"_s, u"::@"_s};
    // The same address twice (two entries of one interface) is one choice.
    QTest::newRow("an-address-twice-is-one-choice")
        << Found{{u"eth0"_s, u"2001:db8::20"_s, false}, {u"eth0"_s, u"2001:db8::20"_s, false}}
        << QStringList{u"127.0.0.1@"_s, u"2001:db8::20@eth0"_s, u"0.0.0.0@"_s, u"::@"_s};
}

void TestClassPortIpv6::theChoicesListIpv6Addresses()
{
    QFETCH(Found, found);
    QFETCH(QStringList, choices);
    QStringList got;
    for (const ClassPortDialog::Address &a : ClassPortDialog::addressChoices(found)) got << a.address + u'@' + a.interface;
    QCOMPARE(got, choices);
}

void TestClassPortIpv6::theDialogShowsIpv6InBracketsAndTheHintWithout()
{
    ClassPortDialog::Address a{u"2001:db8::20"_s, u"eth0"_s};
    QCOMPARE(a.shown(), u"[2001:db8::20]"_s);
    QVERIFY(!a.loopback());
    QVERIFY((ClassPortDialog::Address{u"::1"_s, {}}.loopback()));
    QVERIFY((ClassPortDialog::Address{u"::"_s, {}}.any()));
    QCOMPARE((ClassPortDialog::Address{u"10.0.0.2"_s, {}}.shown()), u"10.0.0.2"_s);
    // The real dialog: ::1 is listed (when this machine has it) in brackets, with no warning,
    // and the hint types the address as nc takes it, without brackets.
    ClassPortSettings s;
    s.address = u"::1"_s;
    s.port = 9999;
    ClassPortDialog dialog(s, 9999);
    const int at = dialog.addressBox()->findData(u"::1"_s);
    if (at < 0) QSKIP("this machine has no IPv6 loopback address (::1) on a running interface");
    QCOMPARE(dialog.addressBox()->currentIndex(), at);
    QVERIFY2(dialog.addressBox()->itemText(at).startsWith(u"[::1] "_s), qPrintable(dialog.addressBox()->itemText(at)));
    QVERIFY(dialog.warningLabel()->isHidden());
    QCOMPARE(dialog.connectHint(), u"From this computer: nc ::1 9999"_s);
    QCOMPARE(dialog.settings().address, u"::1"_s);
    const int any = dialog.addressBox()->findData(u"::"_s);
    QVERIFY(any >= 0);
    dialog.addressBox()->setCurrentIndex(any);
    QVERIFY(!dialog.warningLabel()->isHidden());
    QVERIFY2(dialog.connectHint().startsWith(u"Students type: nc "_s), qPrintable(dialog.connectHint()));
}

void TestClassPortIpv6::aStudentConnectsOverIpv6Loopback()
{
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHostIPv6, 0)) QSKIP("this machine has no IPv6 loopback (::1): cannot listen there");
    }
    uitest::SnapshotDriver driver(u"wordcount.py"_s);
    SimulationController controller(&driver);
    app::SocketClientFeed feed(&controller);
    QTcpServer free;
    QVERIFY(free.listen(QHostAddress::LocalHostIPv6, 0));
    const int port = free.serverPort();
    free.close();
    ClassPortSettings s = feed.defaultSettings();
    s.address = u"::1"_s;
    s.port = port;
    QString error;
    QVERIFY2(feed.openClassPort(s, &error), qPrintable(error));
    QCOMPARE(feed.classPortWhere(), u"[::1]:%1"_s.arg(port));
    QTcpSocket student;
    student.connectToHost(QHostAddress::LocalHostIPv6, quint16(port));
    QVERIFY(student.waitForConnected(5000));
    student.write("hello over ipv6\n");
    QVERIFY(student.waitForBytesWritten(5000));
    QTRY_VERIFY_WITH_TIMEOUT((feed.poll(), feed.lines() == 1), 5000);
    const std::vector<SocketSource> sources = feed.sources();
    QCOMPARE(sources.size(), std::size_t(1));
    QVERIFY2(sources.front().peer.startsWith(u"[::1]:"_s), qPrintable(sources.front().peer));
    QCOMPARE(sources.front().lines, qint64(1));
    feed.close();
}

void TestClassPortIpv6::notesAreSaidFromTheirValues_data()
{
    using app::NoteKind;
    QTest::addColumn<int>("kind");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("text");
    QTest::newRow("a-student-connected") << int(NoteKind::StudentConnected)
                                         << QStringList{u"student 3 (127.0.0.1:50432)"_s, u"127.0.0.1:9999"_s}
                                         << u"student 3 (127.0.0.1:50432) connected to the class port 127.0.0.1:9999"_s;
    QTest::newRow("a-student-left-after-one-line")
        << int(NoteKind::StudentLeft) << QStringList{u"student 3 (127.0.0.1:50432)"_s, u"idle for 600 s"_s, u"1"_s}
        << u"student 3 (127.0.0.1:50432) left (idle for 600 s) after 1 line"_s;
    QTest::newRow("a-student-left-after-many-lines")
        << int(NoteKind::StudentLeft) << QStringList{u"student 2 ([::1]:40000)"_s, u"closed by the client"_s, u"42"_s}
        << u"student 2 ([::1]:40000) left (closed by the client) after 42 lines"_s;
    QTest::newRow("a-line-cut-and-repaired")
        << int(NoteKind::FlaggedLine) << QStringList{u"7"_s, u"student 1 (127.0.0.1:5)"_s, u"100"_s, u"2"_s, u"8192"_s}
        << u"line 7 from student 1 (127.0.0.1:5): cut at the 8192-byte limit (100 bytes dropped); 2 ill-formed UTF-8 "
           u"sequences replaced by U+FFFD"_s;
    QTest::newRow("a-server's-line-with-one-bad-sequence")
        << int(NoteKind::FlaggedLine) << QStringList{u"3"_s, u"localhost:9999"_s, u"0"_s, u"1"_s, u"1048576"_s}
        << u"line 3 from nc at localhost:9999: 1 ill-formed UTF-8 sequence replaced by U+FFFD"_s;
    QTest::newRow("the-port-full") << int(NoteKind::PortFull) << QStringList{u"100"_s, u"3"_s}
                                   << u"the class port is full (100 connections): refused 3 more connections; Run > Open the "
                                      u"class port… allows more"_s;
    QTest::newRow("a-server-away") << int(NoteKind::NothingListens) << QStringList{u"localhost:9999"_s, u"9999"_s, u"2"_s}
                                   << u"nothing listens on localhost:9999 yet: start the server (nc -lk 9999); the receiver "
                                      u"tries again every 2 s, as Spark's does"_s;
    QTest::newRow("a-server-back") << int(NoteKind::ServerConnected)
                                   << QStringList{u"localhost:9999"_s, u"localhost"_s, u"9999"_s}
                                   << u"connected to localhost:9999 (a real server): its lines go to "
                                      u"socketTextStream(\"localhost\", 9999)"_s;
    // Too few values (an older producer): the English text as it came.
    QTest::newRow("missing-values-give-the-english") << int(NoteKind::PortFull) << QStringList{u"100"_s} << u"ENGLISH"_s;
    QTest::newRow("other-notes-give-the-english") << int(NoteKind::Other) << QStringList{} << u"ENGLISH"_s;
}

void TestClassPortIpv6::notesAreSaidFromTheirValues()
{
    QFETCH(int, kind);
    QFETCH(QStringList, args);
    QFETCH(QString, text);
    app::SocketNote n;
    n.text = "ENGLISH";
    n.kind = static_cast<app::NoteKind>(kind);
    for (const QString &a : args) n.args.push_back(a.toStdString());
    QCOMPARE(app::SocketClientFeed::noteText(n), text);
}

QTEST_MAIN(TestClassPortIpv6)
#include "tst_classportipv6.moc"
