// Qt Test: lesson 15 (reading Kafka with the direct stream) and the kafka queries it stands on,
// over the offset ranges the headless run recorded per batch. Every expected number is counted by
// hand from lessons/15-kafka-direct-stream/input.txt, never read from a run:
//   5 messages to words at 0.2-0.6 s, one at 2.5 s; the topic is auto-created with 1 partition;
//   maxRatePerPartition 3 x 1 s batches = at most 3 messages per batch (Spark's
//   DirectKafkaInputDStream.maxMessagesPerPartition).
//   batch 1 (10:00:01) reads [0, 3), log end 5: lag 2; batch 2 [3, 5): lag 0; batch 3 [5, 6): lag 0.
// Lesson 16 (offsets committed to the consumer group, a driver killed before a commit), counted
// by hand from lessons/16-kafka-offsets-commit/input.txt: messages home 0.2 s, cart 0.6 s,
// pay 1.3 s, search 2.4 s, cart 3.5 s, pay 5.4 s (offsets 0-5). Batch 1 reads [0, 2), 2 [2, 3),
// 3 [3, 4); each output queues its range and the next batch's compute commits it, so when batch
// k completes the group has committed batch k-1's end: 0 (none), 2, 3. The driver stops after
// batch 3; the new one (10:00:04.5, same folder) starts at the committed 3: its batch 1 (10:00:05)
// reads [3, 5), so clicks-0-3 gets a second row (plain INSERT) or stays one row (upsert).
// Lesson 17 (receiver vs direct), from lessons/17-kafka-receiver-vs-direct/input.txt: four
// messages at 0.1-0.7 s reach the receiver's blocks of 0.2, 0.4, 0.6, 0.8 s (one partition each:
// 4); the direct stream's batch 1 has one partition per Kafka partition of "words" (2); on
// local[1] the receiver holds the only core and no batch completes.
// Lesson 18 (the receivers' write-ahead log), from lessons/18-receiver-write-ahead-log/input.txt:
// "spark" at 0.3, 1.3, 2.3, 3.1, 3.3, 5.4 s; totals 1, 2, 3 in batches 1-3 s. The driver is killed
// at 3.5 s, with 3.1 and 3.3 s in blocks no batch took, and comes back at 5 s: its batches are
// 3, 4, 5 (rescheduled) and 6 s. Without the log the two blocks are lost (still counted as the
// batch's input info, but the RDD of 4 s is empty) and the group committed nothing, so the new
// consumer starts at the log end: totals 3, 3, 3, 4. With it they are read back and the
// ReliableKafkaReceiver had committed 5: totals 3, 5, 5, 6.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/lesson/lessoncheck.h"
#include "app/lesson/lessonquery.h"
#include "app/lesson/lessonrun.h"
#include "lessontesting.h"
#endif

#include <QTest>

using namespace Qt::StringLiterals;
using namespace dsl;
using namespace dsl::lesson;

Q_DECLARE_METATYPE(dsl::lesson::LessonQuery)

namespace {
const LessonRun &run()
{
    static LessonRuns runs(testing::shippedLesson(15), testing::runner());
    return runs.at(0);
}

const Lesson &lesson16()
{
    static const Lesson l = testing::shippedLesson(16);
    return l;
}

/// Lesson 16's run at `step` (0-based): step 1's first driver, step 2's restarted one, step 3's
/// upsert program restarted.
const LessonRun &run16(int step)
{
    static LessonRuns runs(lesson16(), testing::runner());
    return runs.at(step);
}

const LessonRun &run17(int step)
{
    static const Lesson l = testing::shippedLesson(17);
    static LessonRuns runs(l, testing::runner());
    return runs.at(step);
}

/// Lesson 18's runs: step 1's first driver, step 2's restarted one, step 3's write-ahead log
/// program restarted.
const LessonRun &run18(int step)
{
    static const Lesson l = testing::shippedLesson(18);
    static LessonRuns runs(l, testing::runner());
    return runs.at(step);
}

LessonQuery query(LessonQuery::Kind kind, int batch, const QString &stream = {})
{
    LessonQuery q;
    q.kind = kind;
    q.batch = batch;
    q.stream = stream;
    q.field = u"q"_s;
    return q;
}
using K = LessonQuery::Kind;

/// Lesson 18's running total of "spark" (stream totals) in the driver's batch `batch`.
LessonQuery total(int batch)
{
    LessonQuery q = query(K::KeyValue, batch, u"totals"_s);
    q.key = u"spark"_s;
    return q;
}

/// A query of lesson 16's table clicks: rows, or the seen column of the rows of one message id.
LessonQuery dbQuery(LessonQuery::Kind kind, int batch, const QString &key = {})
{
    LessonQuery q = query(kind, batch);
    q.table = u"clicks"_s;
    q.key = key;
    if (!key.isEmpty()) q.column = u"seen"_s;
    return q;
}
} // namespace

class TestLessonKafka : public QObject {
    Q_OBJECT
private slots:
    void answersCountedByHand_data()
    {
        QTest::addColumn<LessonQuery>("q");
        QTest::addColumn<double>("expected");
        QTest::newRow("batch-1-reads-three-capped-by-the-rate") << query(K::KafkaRead, 1) << 3.0;
        QTest::newRow("batch-1-leaves-two") << query(K::KafkaLag, 1) << 2.0;
        QTest::newRow("batch-2-reads-the-two-left") << query(K::KafkaRead, 2) << 2.0;
        QTest::newRow("batch-2-caught-up") << query(K::KafkaLag, 2) << 0.0;
        QTest::newRow("batch-3-reads-the-late-one") << query(K::KafkaRead, 3) << 1.0;
        QTest::newRow("one-rdd-partition-per-kafka-partition") << query(K::Partitions, 1, u"messages"_s) << 1.0;
        QTest::newRow("batch-1-counts-three-lines") << query(K::Records, 1, u"lines"_s) << 3.0;
    }
    void answersCountedByHand()
    {
        QFETCH(LessonQuery, q);
        QFETCH(double, expected);
        QVERIFY2(!run().raised, qPrintable(run().errorText));
        const QueryResult r = evaluate(q, run());
        QVERIFY2(r.ok(), qPrintable(r.errorField + u": "_s + r.error));
        QCOMPARE(*r.value, expected);
    }

    void lesson16CountedByHand_data()
    {
        QTest::addColumn<int>("step");
        QTest::addColumn<LessonQuery>("q");
        QTest::addColumn<double>("expected");
        QTest::newRow("batch-1-nothing-committed-yet") << 0 << query(K::KafkaCommitted, 1) << 0.0;
        QTest::newRow("batch-2-batch-1s-commit-landed") << 0 << query(K::KafkaCommitted, 2) << 2.0;
        QTest::newRow("batch-3-batch-3s-commit-still-queued") << 0 << query(K::KafkaCommitted, 3) << 3.0;
        QTest::newRow("batch-3-four-rows-written") << 0 << dbQuery(K::DbRows, 3) << 4.0;
        QTest::newRow("restarted-batch-1-reads-from-the-commit") << 1 << query(K::KafkaRead, 1) << 2.0;
        QTest::newRow("restarted-batch-1-lands-batch-2s-range-3") << 1 << query(K::KafkaCommitted, 1) << 3.0;
        QTest::newRow("restarted-plain-insert-writes-offset-3-twice") << 1 << dbQuery(K::DbValue, 1, u"clicks-0-3"_s) << 2.0;
        QTest::newRow("restarted-plain-insert-six-rows") << 1 << dbQuery(K::DbRows, 1) << 6.0;
        QTest::newRow("restarted-upsert-keeps-offset-3-once") << 2 << dbQuery(K::DbValue, 1, u"clicks-0-3"_s) << 1.0;
        QTest::newRow("restarted-upsert-five-rows") << 2 << dbQuery(K::DbRows, 1) << 5.0;
    }
    void lesson16CountedByHand()
    {
        QFETCH(int, step);
        QFETCH(LessonQuery, q);
        QFETCH(double, expected);
        const LessonRun &r16 = run16(step);
        QVERIFY2(!r16.raised, qPrintable(r16.errorText));
        const QueryResult r = evaluate(q, r16);
        QVERIFY2(r.ok(), qPrintable(r.errorField + u": "_s + r.error));
        QCOMPARE(*r.value, expected);
    }

    void lesson17CountedByHand_data()
    {
        QTest::addColumn<int>("step");
        QTest::addColumn<LessonQuery>("q");
        QTest::addColumn<double>("expected");
        QTest::newRow("receiver-one-partition-per-block") << 0 << query(K::Partitions, 1, u"lines"_s) << 4.0;
        QTest::newRow("receiver-four-blocks") << 0 << query(K::Blocks, 1) << 4.0;
        QTest::newRow("direct-one-partition-per-kafka-partition") << 1 << query(K::Partitions, 1, u"lines"_s) << 2.0;
        QTest::newRow("direct-no-blocks") << 1 << query(K::Blocks, 1) << 0.0;
        QTest::newRow("receiver-on-local1-completes-nothing") << 2 << query(K::CompletedBatches, 0) << 0.0;
        QTest::newRow("direct-on-local1-completes-its-batches") << 3 << query(K::CompletedBatches, 0) << 2.0;
    }
    void lesson17CountedByHand()
    {
        QFETCH(int, step);
        QFETCH(LessonQuery, q);
        QFETCH(double, expected);
        const LessonRun &r17 = run17(step);
        QVERIFY2(!r17.raised, qPrintable(r17.errorText));
        const QueryResult r = evaluate(q, r17);
        QVERIFY2(r.ok(), qPrintable(r.errorField + u": "_s + r.error));
        QCOMPARE(*r.value, expected);
    }

    void lesson18CountedByHand_data()
    {
        QTest::addColumn<int>("step");
        QTest::addColumn<LessonQuery>("q");
        QTest::addColumn<double>("expected");
        QTest::newRow("batch-3-one-message-a-second") << 0 << total(3) << 3.0;
        QTest::newRow("no-wal-restarted-10-00-04-state-restored") << 1 << total(2) << 3.0;
        QTest::newRow("no-wal-10-00-04-rdd-empty") << 1 << query(K::Records, 2, u"messages"_s) << 0.0;
        QTest::newRow("no-wal-10-00-06-two-lost") << 1 << total(4) << 4.0;
        QTest::newRow("wal-10-00-04-rdd-has-the-two") << 2 << query(K::Records, 2, u"messages"_s) << 2.0;
        QTest::newRow("wal-10-00-04-reads-the-two-back") << 2 << total(2) << 5.0;
        QTest::newRow("wal-10-00-06-nothing-lost-nothing-twice") << 2 << total(4) << 6.0;
    }
    void lesson18CountedByHand()
    {
        QFETCH(int, step);
        QFETCH(LessonQuery, q);
        QFETCH(double, expected);
        const LessonRun &r18 = run18(step);
        QVERIFY2(!r18.raised, qPrintable(r18.errorText));
        const QueryResult r = evaluate(q, r18);
        QVERIFY2(r.ok(), qPrintable(r.errorField + u": "_s + r.error));
        QCOMPARE(*r.value, expected);
    }

    /// A batch with no direct stream behind it is an error naming the field, not a zero.
    void aBatchThatReadNoKafkaIsAnError()
    {
        LessonQuery q = query(K::KafkaRead, 9);
        const QueryResult r = evaluate(q, run());
        QVERIFY(!r.ok());
        QCOMPARE(r.errorField, u"q.batch"_s);
    }
};

QTEST_GUILESS_MAIN(TestLessonKafka)
#include "tst_lessonkafka.moc"
