// The Provenance tab on a real run: its two tables (under QAbstractItemModelTester), the default
// trace (the selected batch's top word), tracing asked for by the word counts and the records
// panel, a line followed forward, a result of it traced back, and back/forward.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/programsession.h"
#include "app/session/provenance.h"
#include "app/session/runsnapshot.h"
#include "ui/batchselection.h"
#include "ui/databaseview.h"
#include "ui/provenancemodels.h"
#include "ui/provenanceview.h"
#include "ui/rddrecordspanel.h"
#include "ui/simulationcontroller.h"
#include "ui/wordcountmodel.h"
#include "ui/wordcountpanel.h"
#endif

#include "wordcountprogram.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace dsl;
using namespace dsl::session;
using namespace dsl::ui;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kBatch1 = 1'795'514'401'000; // 2026-11-24 10:00:01 UTC

const char *const kWordCount = uitest::kWordCountProgram;

} // namespace

class TestProvenanceView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void defaultTraceIsTheSelectedBatchsTopWord();
    void aLinePickedIsFollowedForwardAndItsResultTracedBack();
    void backAndForwardWalkTheTraces();
    void aKeyNoLineProducedIsSaidSo();
    void wordCountsAndRecordsAskForTraces();
    void aDatabaseRowIsTracedThroughItsWrites();
    void cleanupTestCase();

private:
    std::unique_ptr<ProgramSession> m_session;
    std::unique_ptr<SimulationController> m_controller;
    std::unique_ptr<ProvenanceView> m_view;
    std::unique_ptr<QAbstractItemModelTester> m_linesTester, m_usesTester;
};

void TestProvenanceView::initTestCase()
{
    ProgramSession::Config cfg;
    cfg.startTime = SimTime(1'795'514'400'000);
    cfg.pythonPackageDir = DSTREAMLAB_SOURCE_DIR "/resources/python";
    m_session = std::make_unique<ProgramSession>(cfg);
    m_controller = std::make_unique<SimulationController>(m_session.get());
    m_view = std::make_unique<ProvenanceView>(m_controller.get());
    // Every change of both tables is checked from the start.
    m_linesTester = std::make_unique<QAbstractItemModelTester>(m_view->linesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_usesTester = std::make_unique<QAbstractItemModelTester>(m_view->usesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_view->resize(1200, 400);
    m_view->show();
    QVERIFY(m_view->titleText().startsWith(u"Nothing to trace yet"_s));
    m_controller->loadProgram(u"wordcount.py"_s, QString::fromUtf8(kWordCount));
    // Typed before the receiver connects: batch 10:00:01 reads all three lines.
    for (const QString &l : {u"spark a"_s, u"b spark"_s, u"spark"_s}) m_controller->sendLine(l);
    m_controller->runUntilBatch(2);
    QVERIFY(QTest::qWaitFor(
        [&] {
            const auto &s = m_controller->snapshot();
            return s && s->phase == RunPhase::Paused && s->completedBatches == 2;
        },
        30000));
    m_controller->selection()->selectBatch(kBatch1);
}

void TestProvenanceView::defaultTraceIsTheSelectedBatchsTopWord()
{
    QVERIFY(m_view->isDefaultQuery());
    const auto q = m_view->shownQuery();
    QVERIFY(q);
    QCOMPARE(q->key, u"spark"_s);
    QCOMPARE(q->streamId, 3);
    QCOMPARE(q->batchMs, kBatch1);
    QCOMPARE(m_view->titleText(), u"('spark', 3) in counts: reduceByKey (line 6) at 10:00:01"_s);
    // The count of 3 traces to exactly the three lines that typed "spark", once each.
    ProvenanceLinesModel *m = m_view->linesModel();
    QCOMPARE(m->rowCount(), 3);
    QStringList lines;
    for (int r = 0; r < 3; ++r) {
        lines << m->index(r, ProvenanceLinesModel::Line).data().toString();
        QCOMPARE(m->index(r, ProvenanceLinesModel::Occurrences).data().toLongLong(), 1);
        QCOMPARE(m->index(r, ProvenanceLinesModel::Batch).data().toString(), u"10:00:01"_s);
        QVERIFY(m->index(r, ProvenanceLinesModel::Block).data().toString().startsWith(u"input-0-"_s));
        QCOMPARE(m->index(r, ProvenanceLinesModel::Line).data(ProvenanceLinesModel::KeyRole).toString(), u"spark"_s);
    }
    QCOMPARE(lines, (QStringList{u"spark a"_s, u"b spark"_s, u"spark"_s}));
    QVERIFY(m_view->notesText().startsWith(u"It came from 3 typed line"_s));
    QVERIFY(m_view->notesText().contains(u"(3 record"_s));
}

void TestProvenanceView::aLinePickedIsFollowedForwardAndItsResultTracedBack()
{
    // Picking the second line ("b spark", InputLog index 1) follows it forward.
    m_view->linesTable()->selectRow(1);
    QVERIFY(m_view->forwardText().startsWith(u"Line 2 \"b spark\", typed at 10:00:00"_s));
    QVERIFY2(m_view->forwardText().contains(u"flatMap (line 6) made: b, spark"_s), qPrintable(m_view->forwardText()));
    QVERIFY(m_view->forwardText().contains(u"map (line 6) made: b, spark"_s));
    QVERIFY(!m_view->forwardText().contains(u"socketTextStream"_s)); // the line itself is not repeated
    ProvenanceUsesModel *u = m_view->usesModel();
    QStringList uses;
    for (int r = 0; r < u->rowCount(); ++r)
        uses << u->index(r, ProvenanceUsesModel::Batch).data().toString() + u' ' +
                    u->index(r, ProvenanceUsesModel::Stream).data().toString() + u' ' +
                    u->index(r, ProvenanceUsesModel::Record).data().toString();
    QCOMPARE(uses, (QStringList{u"10:00:01 counts: reduceByKey (line 6) ('b', 1)"_s, u"10:00:01 counts: reduceByKey (line 6) ('spark', 3)"_s}));
    // Activating ('b', 1) traces it back: one line, the one picked.
    emit m_view->usesTable()->activated(u->index(0, ProvenanceUsesModel::Record));
    QVERIFY(!m_view->isDefaultQuery());
    QCOMPARE(m_view->shownQuery()->key, u"b"_s);
    QCOMPARE(m_view->linesModel()->rowCount(), 1);
    QCOMPARE(m_view->linesModel()->index(0, ProvenanceLinesModel::Line).data().toString(), u"b spark"_s);
}

void TestProvenanceView::backAndForwardWalkTheTraces()
{
    m_view->traceResult(3, kBatch1, u"a"_s);
    QCOMPARE(m_view->shownQuery()->key, u"a"_s);
    QVERIFY(m_view->backButton()->isEnabled());
    QVERIFY(!m_view->forwardButton()->isEnabled());
    m_view->goBack();
    QCOMPARE(m_view->shownQuery()->key, u"b"_s);
    QVERIFY(m_view->forwardButton()->isEnabled());
    m_view->goForward();
    QCOMPARE(m_view->shownQuery()->key, u"a"_s);
    QCOMPARE(m_view->linesModel()->rowCount(), 1);
    QCOMPARE(m_view->linesModel()->index(0, ProvenanceLinesModel::Line).data().toString(), u"spark a"_s);
}

void TestProvenanceView::aKeyNoLineProducedIsSaidSo()
{
    m_view->traceResult(3, kBatch1, u"flink"_s);
    QCOMPARE(m_view->linesModel()->rowCount(), 0);
    QCOMPARE(m_view->notesText(), u"No typed line in the batches this result covers produced 'flink'."_s);
}

void TestProvenanceView::wordCountsAndRecordsAskForTraces()
{
    WordCountPanel counts(m_controller.get());
    counts.setShowTotals(false);
    QSignalSpy asked(&counts, &WordCountPanel::traceRequested);
    QTableView *t = counts.table();
    QModelIndex spark;
    for (int r = 0; r < t->model()->rowCount(); ++r)
        if (t->model()->index(r, WordCountModel::WordColumn).data().toString() == u"spark"_s) spark = t->model()->index(r, 1);
    QVERIFY(spark.isValid());
    emit t->activated(spark);
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked[0], (QVariantList{3, kBatch1, u"spark"_s}));
    // The records panel of the map stream's box: its second record is ('a', 1).
    RddRecordsPanel records(m_controller.get());
    QSignalSpy recordAsked(&records, &RddRecordsPanel::traceRequested);
    m_controller->selection()->selectBox(kBatch1, 2);
    QCOMPARE(records.recordsText().split(u'\n').value(1), u"('a', 1)"_s);
    // A double-click on the record's line (the viewport's event filter).
    const QPlainTextEdit *text = records.findChild<QPlainTextEdit *>();
    QVERIFY(text);
    const QRect second = text->cursorRect(QTextCursor(text->document()->findBlockByNumber(1)));
    QTest::mouseDClick(text->viewport(), Qt::LeftButton, {}, second.center());
    QCOMPARE(recordAsked.size(), 1);
    QCOMPARE(recordAsked[0], (QVariantList{2, kBatch1, u"a"_s}));
}

void TestProvenanceView::aDatabaseRowIsTracedThroughItsWrites()
{
    // Lesson 14's foreachRDD upserts each batch's counts into wordcount: "a" typed in batch 1
    // and again in batch 2 is one row, written by both batches.
    QFile f(QStringLiteral(DSTREAMLAB_SOURCE_DIR "/lessons/14-foreachrdd-mysql/program.py"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    m_controller->loadProgram(u"program.py"_s, QString::fromUtf8(f.readAll()));
    m_controller->sendLine(u"a b"_s);
    m_controller->runUntilBatch(1);
    QVERIFY(QTest::qWaitFor([&] { const auto &s = m_controller->snapshot(); return s && s->phase == RunPhase::Paused && s->completedBatches == 1; }, 30000));
    m_controller->sendLine(u"a"_s);
    m_controller->runUntilBatch(2);
    QVERIFY(QTest::qWaitFor([&] { const auto &s = m_controller->snapshot(); return s && s->phase == RunPhase::Paused && s->completedBatches == 2; }, 30000));
    m_controller->selection()->followLatest();
    DatabaseView db(m_controller.get());
    db.resize(900, 300);
    db.show();
    QSignalSpy asked(&db, &DatabaseView::rowTraceRequested);
    QAbstractItemModel *grid = db.grid()->model();
    QModelIndex a;
    for (int r = 0; r < grid->rowCount(); ++r)
        if (grid->index(r, 0).data().toString() == u"a"_s) a = grid->index(r, 0);
    QVERIFY(a.isValid());
    emit db.grid()->activated(a);
    QCOMPARE(asked.size(), 1);
    m_view->traceDatabaseRow(asked[0][0].toString(), asked[0][1].toLongLong());
    QVERIFY2(m_view->titleText().startsWith(u"Row "_s) && m_view->titleText().endsWith(u"of table wordcount (key 'a')"_s),
             qPrintable(m_view->titleText()));
    QVERIFY2(m_view->notesText().contains(u"Written by the tasks of 2 batch"_s), qPrintable(m_view->notesText()));
    // The session's input log keeps the lines typed for the word count before; the trace and
    // SQLite's sum must agree: every line listed holds the word, and their records add up to
    // the row's count.
    ProvenanceLinesModel *m = m_view->linesModel();
    qint64 records = 0;
    QStringList lines;
    for (int r = 0; r < m->rowCount(); ++r) {
        lines << m->index(r, ProvenanceLinesModel::Line).data().toString() + u'@' + m->index(r, ProvenanceLinesModel::Batch).data().toString();
        QVERIFY(m->index(r, ProvenanceLinesModel::Line).data().toString().split(u' ').contains(u"a"_s));
        records += m->index(r, ProvenanceLinesModel::Occurrences).data().toLongLong();
    }
    QVERIFY2(lines.contains(u"a@10:00:02"_s), qPrintable(lines.join(u", "_s)));
    QCOMPARE(records, grid->index(a.row(), 1).data().toLongLong());
}

void TestProvenanceView::cleanupTestCase()
{
    m_linesTester.reset();
    m_usesTester.reset();
    m_view.reset();
    m_controller.reset();
    m_session.reset();
}

QTEST_MAIN(TestProvenanceView)
#include "tst_provenanceview.moc"
