// ViewExporter: CSV quoting (RFC 4180) and the batch history's columns worked out by hand, and a
// view saved as SVG and PNG (a real widget, painted offscreen).
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/runsnapshot.h"
#include "ui/viewexporter.h"
#endif

#include <QFile>
#include <QImage>
#include <QLabel>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>

using namespace dsl;
using namespace dsl::ui;
using namespace dsl::session;

class TestViewExporter : public QObject {
    Q_OBJECT
private slots:
    void csvField_data();
    void csvField();
    void csvOfAModelHasItsHeaderThenEveryRow();
    void batchesCsvColumns();
    void svgKeepsTextAsText();
    void pngIsTwiceTheViewsSize();
    void anUnwritablePathIsAnErrorNamingIt();
};

void TestViewExporter::csvField_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("field");
    QTest::newRow("plain-text-as-is") << QStringLiteral("hello") << QStringLiteral("hello");
    QTest::newRow("a-comma-is-quoted") << QStringLiteral("a,b") << QStringLiteral("\"a,b\"");
    QTest::newRow("quotes-are-doubled") << QStringLiteral("say \"hi\"") << QStringLiteral("\"say \"\"hi\"\"\"");
    QTest::newRow("a-line-break-is-quoted") << QStringLiteral("one\ntwo") << QStringLiteral("\"one\ntwo\"");
    QTest::newRow("empty-stays-empty") << QString() << QString();
}

void TestViewExporter::csvField()
{
    QFETCH(QString, text);
    QFETCH(QString, field);
    QCOMPARE(ViewExporter::csvField(text), field);
}

void TestViewExporter::csvOfAModelHasItsHeaderThenEveryRow()
{
    QStandardItemModel m(2, 2);
    m.setHorizontalHeaderLabels({QStringLiteral("Word"), QStringLiteral("Count")});
    m.setItem(0, 0, new QStandardItem(QStringLiteral("spark")));
    m.setItem(0, 1, new QStandardItem(QStringLiteral("3")));
    m.setItem(1, 0, new QStandardItem(QStringLiteral("a,b")));
    m.setItem(1, 1, new QStandardItem(QStringLiteral("1")));
    QCOMPARE(ViewExporter::csvOf(m), QStringLiteral("Word,Count\r\nspark,3\r\n\"a,b\",1\r\n"));
}

void TestViewExporter::batchesCsvColumns()
{
    // ctest runs this with TZ=UTC (tests/ui/CMakeLists.txt): batch times read as UTC.
    RunSnapshot s;
    // A completed batch: submitted at +2 ms, started +5, ended +47: delays 3, 42, 45 ms; two
    // output operations, the second failed.
    auto done = std::make_shared<BatchSnapshot>();
    done->info.batchTime = SimTime(1'795'514'401'000);
    done->info.submissionTime = SimTime(1'795'514'401'002);
    done->info.processingStartTime = SimTime(1'795'514'401'005);
    done->info.processingEndTime = SimTime(1'795'514'401'047);
    done->info.streamIdToInputInfo[0].numRecords = 7;
    OutputOperationInfo ok;
    ok.id = 0;
    ok.startTime = SimTime(1'795'514'401'005);
    ok.endTime = SimTime(1'795'514'401'020);
    OutputOperationInfo bad = ok;
    bad.id = 1;
    bad.failureReason = "ValueError: bad, row\nTraceback";
    done->info.outputOperationInfos = {{0, ok}, {1, bad}};
    // A batch still waiting: no delays yet.
    auto waiting = std::make_shared<BatchSnapshot>();
    waiting->info.batchTime = SimTime(1'795'514'402'000);
    waiting->info.submissionTime = SimTime(1'795'514'402'000);
    s.batches.emplace(done->info.batchTime, done);
    s.batches.emplace(waiting->info.batchTime, waiting);
    const QStringList lines = ViewExporter::batchesCsv(s).split(QStringLiteral("\r\n"));
    QCOMPARE(lines.size(), 4); // header, two batches, the empty tail after the last CRLF
    QCOMPARE(lines[0], QStringLiteral("batch_time_ms,batch_time,records,scheduling_delay_ms,processing_time_ms,"
                                      "total_delay_ms,output_ops_succeeded,output_ops_total,first_error"));
    QCOMPARE(lines[1], QStringLiteral("1795514401000,2026-11-24 10:00:01.000,7,3,42,45,1,2,\"ValueError: bad, row\""));
    QCOMPARE(lines[2], QStringLiteral("1795514402000,2026-11-24 10:00:02.000,0,,,,0,0,"));
}

void TestViewExporter::svgKeepsTextAsText()
{
    QTemporaryDir dir;
    QLabel label(QStringLiteral("Processing Time"));
    label.resize(300, 60);
    label.show();
    const QString path = dir.filePath(QStringLiteral("view.svg"));
    QString error;
    QVERIFY2(ViewExporter::saveImage(&label, path, QStringLiteral("Statistics"), &error), qPrintable(error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray svg = f.readAll();
    QVERIFY(svg.contains("<svg"));
    QVERIFY(svg.contains("<title>Statistics</title>"));
    QVERIFY(svg.contains("Processing Time")); // a text element, not pixels
    QVERIFY(svg.contains("viewBox=\"0 0 300 60\""));
}

void TestViewExporter::pngIsTwiceTheViewsSize()
{
    QTemporaryDir dir;
    QLabel label(QStringLiteral("Total Delay"));
    label.resize(200, 50);
    label.show();
    const QString path = dir.filePath(QStringLiteral("view.png"));
    QVERIFY(ViewExporter::saveImage(&label, path, QStringLiteral("x")));
    const QImage img(path);
    QCOMPARE(img.size(), QSize(400, 100));
}

void TestViewExporter::anUnwritablePathIsAnErrorNamingIt()
{
    QLabel label(QStringLiteral("x"));
    label.resize(50, 20);
    QString error;
    const QString path = QStringLiteral("/nonexistent-folder/view.svg");
    QVERIFY(!ViewExporter::saveImage(&label, path, QStringLiteral("x"), &error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY(!ViewExporter::saveText(QStringLiteral("a"), QStringLiteral("/nonexistent-folder/b.csv"), &error));
    QVERIFY2(error.contains(QStringLiteral("/nonexistent-folder/b.csv")), qPrintable(error));
}

QTEST_MAIN(TestViewExporter)
#include "tst_viewexporter.moc"
