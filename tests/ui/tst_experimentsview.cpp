// ExperimentsView over the real dstreamlab binary: two configurations of the word count run as
// child processes, the table (under QAbstractItemModelTester), one chart series per configuration,
// the verdicts, and every way of stopping that must leave no child process behind.
//
// Set DSTREAMLAB_EXPERIMENTS_PNG_DIR to also write the view's classroom PNGs (light and dark) of an
// overloaded word count there.
#include "ui/experimentsview.h"
#include "ui/experimenttablemodel.h"
#include "ui/theme.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using dsl::ui::ExperimentChart;
using dsl::ui::ExperimentResult;
using dsl::ui::ExperimentsView;
using dsl::ui::ExperimentTableModel;

namespace {

const QString kProgram = QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/programs/wordcount.py");
const QString kInput = QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/programs/wordcount.input");
// A whole-second start and --seconds 6.1: every batch up to 6 s completes (12 at 0.5 s, 6 at 1 s),
// and the input's 5 lines are all received (tests/cli/tst_compare.cpp derives the same).
const QStringList kCommon{u"--start-time"_s, u"2026-11-24 10:00:00"_s, u"--seconds"_s, u"6.1"_s};

QString cell(const ExperimentTableModel *m, int row, int column)
{
    return m->data(m->index(row, column)).toString();
}

QByteArray plainRunFingerprint(const QStringList &extra)
{
    QTemporaryDir cwd;
    QProcess p;
    p.setWorkingDirectory(cwd.path());
    p.start(QStringLiteral(DSTREAMLAB_BIN), QStringList{u"run"_s, kProgram, u"--input"_s, kInput} + kCommon + extra +
                                                QStringList{u"--fingerprint"_s});
    if (!p.waitForFinished(120000)) return {};
    const QByteArray err = p.readAllStandardError();
    const auto at = err.lastIndexOf("fingerprint: ");
    return at < 0 ? QByteArray() : err.mid(at + 13).trimmed();
}

} // namespace

class TestExperimentsView : public QObject {
    Q_OBJECT

private slots:
    void init();
    void runsTwoConfigurationsAndComparesThem();
    void stoppingKillsTheRunningProcess_data();
    void stoppingKillsTheRunningProcess();
    void classroomPngs();

private:
    QTemporaryDir m_cwd;
};

void TestExperimentsView::init()
{
    // The view's children get folders of their own; this keeps the test's own files out of the tree.
    QDir::setCurrent(m_cwd.path());
}

void TestExperimentsView::runsTwoConfigurationsAndComparesThem()
{
    ExperimentsView view;
    QAbstractItemModelTester tester(view.tableModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.setDstreamlabBinary(QStringLiteral(DSTREAMLAB_BIN));
    view.setProgram(kProgram, kInput, kCommon);
    view.setPresets({u"interval-0.5"_s, u"interval-1"_s, QString()});
    QCOMPARE(view.configurations().size(), 2);
    QSignalSpy finished(&view, &ExperimentsView::finished);
    QSignalSpy started(view.runner(), &dsl::ui::ExperimentRunner::runStarted);
    QVERIFY(view.start());
    QVERIFY(view.isRunning());
    QVERIFY(!view.start()); // one experiment at a time
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 120000);
    QCOMPARE(started.count(), 2);
    QVERIFY(!view.isRunning());

    const ExperimentTableModel *m = view.tableModel();
    QCOMPARE(m->rowCount(), 2);
    const QString half = view.configurations()[0].name, one = view.configurations()[1].name;
    QCOMPARE(cell(m, 0, ExperimentTableModel::Configuration), half);
    QCOMPARE(cell(m, 0, ExperimentTableModel::Batches), u"12"_s);
    QCOMPARE(cell(m, 1, ExperimentTableModel::Batches), u"6"_s);
    QCOMPARE(cell(m, 0, ExperimentTableModel::Records), u"5"_s);
    QCOMPARE(cell(m, 1, ExperimentTableModel::Records), u"5"_s);
    QCOMPARE(cell(m, 0, ExperimentTableModel::Verdict), ExperimentTableModel::tr("stable"));
    QCOMPARE(cell(m, 1, ExperimentTableModel::Verdict), ExperimentTableModel::tr("unknown (too few batches)"));
    QVERIFY(view.verdictLine(0).contains(half));
    QVERIFY(view.verdictLine(0).startsWith(u"✔"_s));
    QVERIFY(view.verdictLine(1).startsWith(u"?"_s));

    // One series per configuration in every chart, named as it, one point per completed batch.
    for (auto metric : {ExperimentChart::Metric::SchedulingDelay, ExperimentChart::Metric::ProcessingTime,
                        ExperimentChart::Metric::TotalDelay}) {
        const ExperimentChart *c = view.chart(metric);
        QVERIFY(c);
        QCOMPARE(c->seriesCount(), 2);
        QCOMPARE(c->seriesName(0), half);
        QCOMPARE(c->seriesName(1), one);
        QCOMPARE(c->seriesPoints(0).size(), 12);
        QCOMPARE(c->seriesPoints(1).size(), 6);
        QCOMPARE(c->seriesPoints(0).front().x(), 0.5); // s since the shared start
        QCOMPARE(c->seriesPoints(1).back().x(), 6.0);
    }

    // The same run as `dstreamlab run` with the configuration's options, to the fingerprint.
    QCOMPARE(cell(m, 0, ExperimentTableModel::Fingerprint).toLatin1(), plainRunFingerprint({u"--batch-interval"_s, u"0.5"_s}));
    QCOMPARE(cell(m, 1, ExperimentTableModel::Fingerprint).toLatin1(), plainRunFingerprint({}));
}

void TestExperimentsView::stoppingKillsTheRunningProcess_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("the-cancel-button") << u"button"_s;
    QTest::newRow("closing-the-view") << u"close"_s;
    QTest::newRow("destroying-the-view") << u"delete"_s;
}

void TestExperimentsView::stoppingKillsTheRunningProcess()
{
    QFETCH(QString, how);
    // --real-time: each run would take a minute of wall time.
    auto view = std::make_unique<ExperimentsView>();
    view->setDstreamlabBinary(QStringLiteral(DSTREAMLAB_BIN));
    view->setProgram(kProgram, kInput, {u"--real-time"_s, u"--seconds"_s, u"60"_s});
    view->setPresets({u"backpressure-off"_s, u"backpressure-on"_s, u"cores-4"_s});
    view->show();
    QSignalSpy finished(view.get(), &ExperimentsView::finished);
    QVERIFY(view->start());
    QTRY_VERIFY_WITH_TIMEOUT(view->runner()->runningProcessId() > 0, 20000);
    const QString proc = u"/proc/%1"_s.arg(view->runner()->runningProcessId());
    QVERIFY(QFile::exists(proc));
    QTest::qWait(300);
    if (how == u"button"_s) {
        QPushButton *cancel = nullptr;
        for (QPushButton *b : view->findChildren<QPushButton *>())
            if (b->text() == ExperimentsView::tr("Cancel")) cancel = b;
        QVERIFY(cancel && cancel->isEnabled());
        QTest::mouseClick(cancel, Qt::LeftButton);
    } else if (how == u"close"_s) {
        view->close();
    } else {
        view.reset();
    }
    // Reaped before the call returned: nothing left under /proc.
    QVERIFY2(!QFile::exists(proc), qPrintable(proc));
    if (!view) return;
    QCOMPARE(finished.count(), 1);
    QVERIFY(!view->isRunning());
    const QList<ExperimentResult> &r = view->runner()->results();
    QCOMPARE(r.size(), 3);
    for (const ExperimentResult &x : r) QCOMPARE(x.state, ExperimentResult::State::Canceled);
    QCOMPARE(view->tableModel()->data(view->tableModel()->index(2, ExperimentTableModel::Verdict)).toString(),
             ExperimentTableModel::tr("canceled"));
}

void TestExperimentsView::classroomPngs()
{
    const QString dir = qEnvironmentVariable("DSTREAMLAB_EXPERIMENTS_PNG_DIR");
    if (dir.isEmpty()) QSKIP("DSTREAMLAB_EXPERIMENTS_PNG_DIR is not set");
    // An overloaded word count: 40,000 lines of 25 words a second for 8 s, more than one core
    // processes in a second.
    QString script;
    const char *words[] = {"alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta"};
    for (int i = 0; i < 320000; ++i) {
        script += QString::number(i / 40000.0, 'f', 5) + u'\t';
        for (int w = 0; w < 25; ++w) script += QLatin1String(words[(i * 7 + w * 3 + w * w) % 8]) + (w < 24 ? u" "_s : u"\n"_s);
    }
    for (bool dark : {false, true}) {
        ExperimentsView view;
        view.setDstreamlabBinary(QStringLiteral(DSTREAMLAB_BIN));
        view.setProgramWithScript(kProgram, script, {u"--start-time"_s, u"2026-11-24 10:00:00"_s, u"--seconds"_s, u"10"_s});
        view.setPresets({u"backpressure-off"_s, u"backpressure-on"_s, u"cores-4"_s});
        view.setTheme(dsl::ui::Theme::make(dark ? dsl::ui::Theme::Kind::Dark : dsl::ui::Theme::Kind::Light, true, 1.25));
        view.resize(1280, 720);
        view.show();
        QSignalSpy finished(&view, &ExperimentsView::finished);
        QVERIFY(view.start());
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 300000);
        auto *tabs = view.findChild<QTabWidget *>();
        for (int t = 0; t < tabs->count(); ++t) {
            tabs->setCurrentIndex(t);
            QTest::qWait(50);
            QVERIFY(view.grab().save(u"%1/experiments-%2-%3.png"_s.arg(dir, dark ? u"dark"_s : u"light"_s).arg(t)));
        }
    }
}

QTEST_MAIN(TestExperimentsView)
#include "tst_experimentsview.moc"
