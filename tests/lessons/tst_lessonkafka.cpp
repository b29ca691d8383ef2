// Qt Test: lesson 15 (reading Kafka with the direct stream) and the kafka queries it stands on,
// over the offset ranges the headless run recorded per batch. Every expected number is counted by
// hand from lessons/15-kafka-direct-stream/input.txt, never read from a run:
//   5 messages to words at 0.2-0.6 s, one at 2.5 s; the topic is auto-created with 1 partition;
//   maxRatePerPartition 3 x 1 s batches = at most 3 messages per batch (Spark's
//   DirectKafkaInputDStream.maxMessagesPerPartition).
//   batch 1 (10:00:01) reads [0, 3), log end 5: lag 2; batch 2 [3, 5): lag 0; batch 3 [5, 6): lag 0.
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
