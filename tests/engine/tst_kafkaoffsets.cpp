// Qt Test: where a direct Kafka stream's offsets live, the two stores students confuse.
// 1. The checkpoint: DirectKafkaInputDStreamCheckpointData (connector/kafka-0-8 and kafka-0-10
//    DirectKafkaInputDStream.scala) keeps every generated batch's offset ranges and the stream's
//    current offsets; a driver recovered with getOrCreate reads the rescheduled batches' ranges
//    again and continues from the current offsets (JobGenerator.restart).
// 2. The consumer group: CanCommitOffsets.commitAsync (kafka-0-10 DirectKafkaInputDStream.scala)
//    queues ranges that commitAll commits, per partition the largest untilOffset, when the next
//    batch is computed; a new stream of the group starts at its committed offset.
// Every expected value below is worked by hand from those rules; the comments show how.

// moc cannot parse the C++20 standard headers the engine pulls in (<concepts>); it needs none of it.
#ifndef Q_MOC_RUN
#include "streamingtestkit.h"

#include "engine/checkpoint.h"
#include "engine/dstreamops.h"
#include "engine/kafkadstream.h"
#include "engine/runloop.h"
#endif

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <ctime>

using namespace dsl;
using testkit::kT0;
using testkit::Driver;

namespace {

const kafka::TopicPartition kTp{"t", 0};

/// The values a batch's KafkaRDD holds (element 4 of each (topic, partition, offset, key, value)).
std::vector<std::string> valuesOf(SparkContext &sc, const RDDPtr &rdd)
{
    std::vector<std::string> out;
    for (const Value &v : sc.collect(rdd)) out.emplace_back(v[4].asStr());
    return out;
}

/// A driver reading topic "t" (1 partition) with a direct stream; "m0".."m9" are produced at
/// 0.5 s, 1.5 s, ..., 9.5 s. Its output records the values of each batch, and what the group
/// had committed when the output ran; with `commit` it commits the batch's ranges after that.
struct KafkaRun {
    KafkaRun(const std::string &checkpointDir, bool recover, Duration clock, bool commit = false,
             std::map<std::string, std::string> params = {{"auto.offset.reset", "smallest"}, {"group.id", "g"}})
    {
        for (int i = 0; i < 10; ++i)
            d.sim.inputLog().addKafkaMessage(kT0 + Duration(500 + 1000 * i), "t", std::nullopt, "m" + std::to_string(i));
        awaitWithoutContext(d.sim, kT0 + clock, pacer);
        ssc = std::make_unique<StreamingContext>(*d.sc, 1_s);
        stream = ssc->directKafkaStream({"t"}, params, {});
        ops::foreachRDD(stream, [this, commit](const RDDPtr &rdd, SimTime t) {
            batches[t] = valuesOf(*d.sc, rdd);
            committedAtOutput[t] = d.sim.kafkaAt(d.sim.now()).committed("g", kTp);
            if (commit) stream->commitAsync(dynamic_cast<const KafkaRDD &>(*rdd).offsetRanges());
        });
        if (recover) {
            if (!ssc->recoverFromCheckpoint(checkpointDir)) QTest::qFail("no checkpoint", __FILE__, __LINE__);
        } else if (!checkpointDir.empty()) {
            ssc->checkpoint(checkpointDir);
        }
        ssc->start();
    }
    void runTo(Duration until)
    {
        sleepOnDriver(d.sim, kT0 + until, pacer);
        ssc->stop(false, false);
    }
    bool logged(const std::string &part) const
    {
        for (const auto &l : d.rec.logs)
            if (l.message.find(part) != std::string::npos) return true;
        return false;
    }
    Driver d;
    AsFastAsPossiblePacer pacer;
    std::unique_ptr<StreamingContext> ssc;
    std::shared_ptr<DirectKafkaInputDStream> stream;
    std::map<SimTime, std::vector<std::string>> batches;
    std::map<SimTime, std::optional<std::int64_t>> committedAtOutput;
};

using Batches = std::map<SimTime, std::vector<std::string>>;

} // namespace

class TestKafkaOffsets : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        qputenv("TZ", "UTC");
        tzset();
    }

    /// Run 1 (smallest, checkpointing) reads m0..m4 in batches 1..5 s and stops at 5.5 s: the
    /// last checkpoint is batch 5 s's, current offset 5, batch 5 s's range [4, 5). The driver
    /// comes back at 8.5 s: restart time 9 s; JobGenerator.restart reruns 5 s (the
    /// checkpoint's batch) with its restored range, so m4 is read again, then 6, 7, 8 s from
    /// offset 5: [5, 6), [6, 7), [7, 8) (each batch reads what was appended by its time), and
    /// the timer's 9 s reads [8, 9).
    void aRecoveredDirectStreamRereadsTheCheckpointsBatchAndContinuesFromItsOffsets()
    {
        QTemporaryDir dir;
        {
            KafkaRun first(dir.path().toStdString(), false, 0_s);
            first.runTo(5500_ms);
            QCOMPARE(first.batches, (Batches{{kT0 + 1_s, {"m0"}},
                                             {kT0 + 2_s, {"m1"}},
                                             {kT0 + 3_s, {"m2"}},
                                             {kT0 + 4_s, {"m3"}},
                                             {kT0 + 5_s, {"m4"}}}));
        }
        KafkaRun second(dir.path().toStdString(), true, 8500_ms);
        second.runTo(9500_ms);
        QCOMPARE(second.batches, (Batches{{kT0 + 5_s, {"m4"}},
                                          {kT0 + 6_s, {"m5"}},
                                          {kT0 + 7_s, {"m6"}},
                                          {kT0 + 8_s, {"m7"}},
                                          {kT0 + 9_s, {"m8"}}}));
        QVERIFY(second.logged("Restoring KafkaRDD for time " + (kT0 + 5_s).toString() + " [(t,0,4,5)"));
    }

    /// Batch k s reads [k-1, k) and its output commits it; commitAll applies that when batch
    /// k+1 s is computed, before k+1's output runs. So an output sees its previous batch's
    /// commit: none at 1 s, 1 at 2 s, 2 at 3 s, 3 at 4 s.
    void aCommitIsAppliedWhenTheNextBatchIsComputed()
    {
        KafkaRun run("", false, 0_s, true);
        run.runTo(4500_ms);
        using C = std::optional<std::int64_t>;
        QCOMPARE(run.committedAtOutput, (std::map<SimTime, C>{{kT0 + 1_s, C{}},
                                                             {kT0 + 2_s, C{1}},
                                                             {kT0 + 3_s, C{2}},
                                                             {kT0 + 4_s, C{3}}}));
        // Batch 4 s's commit is still queued when the driver stops: never applied.
        QCOMPARE(run.d.sim.kafkaAt(run.d.sim.now()).committed("g", kTp), C{3});
        QCOMPARE(run.stream->commitQueue().size(), std::size_t(1));
        QCOMPARE(run.d.sim.kafkaAt(run.d.sim.now()).groupState("g"), std::string("Empty"));
    }

    /// The largest untilOffset per partition wins, whatever order the ranges were queued in.
    void commitAllCommitsTheLargestUntilOffsetPerPartition()
    {
        Driver d;
        AsFastAsPossiblePacer pacer;
        for (int i = 0; i < 6; ++i) d.sim.inputLog().addKafkaMessage(kT0 + Duration(100 * i), "t", std::nullopt, "x");
        StreamingContext ssc(*d.sc, 1_s);
        auto s = ssc.directKafkaStream({"t"}, {{"group.id", "g"}, {"auto.offset.reset", "smallest"}}, {});
        ops::foreachRDD(s, [](const RDDPtr &, SimTime) {});
        s->commitAsync({{kTp, 2, 5}, {kTp, 0, 2}, {kTp, 5, 6}, {kTp, 3, 4}});
        ssc.start();
        sleepOnDriver(d.sim, kT0 + 1500_ms, pacer);
        QCOMPARE(d.sim.kafkaAt(d.sim.now()).committed("g", kTp), std::optional<std::int64_t>(6));
        QVERIFY(s->commitQueue().empty());
        ssc.stop(false, false);
    }

    void aStreamOfAGroupStartsAtItsCommittedOffset_data()
    {
        QTest::addColumn<qint64>("committed");
        QTest::addColumn<QString>("reset");
        QTest::addColumn<QString>("firstBatch"); // values, space separated
        // 10 messages m0..m9 at 0.5..9.5 s; the stream is made at 9.8 s, batch 10 s reads from
        // its start to 10 (all appended).
        QTest::newRow("committed-3-largest-starts-at-3") << qint64(3) << QStringLiteral("largest")
                                                         << QStringLiteral("m3 m4 m5 m6 m7 m8 m9");
        QTest::newRow("committed-at-the-log-end-reads-nothing-old") << qint64(10) << QStringLiteral("smallest") << QString();
        QTest::newRow("committed-past-the-log-end-falls-back-to-smallest")
            << qint64(50) << QStringLiteral("smallest") << QStringLiteral("m0 m1 m2 m3 m4 m5 m6 m7 m8 m9");
        QTest::newRow("nothing-committed-largest-reads-nothing-old") << qint64(-1) << QStringLiteral("largest") << QString();
    }
    void aStreamOfAGroupStartsAtItsCommittedOffset()
    {
        QFETCH(qint64, committed);
        QFETCH(QString, reset);
        QFETCH(QString, firstBatch);
        Driver d;
        AsFastAsPossiblePacer pacer;
        for (int i = 0; i < 10; ++i)
            d.sim.inputLog().addKafkaMessage(kT0 + Duration(500 + 1000 * i), "t", std::nullopt, "m" + std::to_string(i));
        awaitWithoutContext(d.sim, kT0 + 9800_ms, pacer);
        if (committed >= 0) d.sim.kafkaAt(d.sim.now()).commit("g", kTp, committed);
        StreamingContext ssc(*d.sc, 1_s);
        auto s = ssc.directKafkaStream({"t"}, {{"group.id", "g"}, {"auto.offset.reset", reset.toStdString()}}, {});
        std::map<SimTime, std::vector<std::string>> got;
        ops::foreachRDD(s, [&](const RDDPtr &rdd, SimTime t) { got[t] = valuesOf(*d.sc, rdd); });
        ssc.start();
        sleepOnDriver(d.sim, kT0 + 10500_ms, pacer);
        ssc.stop(false, false);
        std::vector<std::string> expected;
        for (const QString &v : firstBatch.split(u' ', Qt::SkipEmptyParts)) expected.push_back(v.toStdString());
        QCOMPARE(got[kT0 + 10_s], expected);
    }

    /// KafkaConsumer.commitAsync without a group.id: InvalidGroupIdException, Kafka's text.
    void committingWithoutAGroupIdFailsAsKafkasConsumer()
    {
        Driver d;
        StreamingContext ssc(*d.sc, 1_s);
        auto s = ssc.directKafkaStream({"t"}, {}, {});
        try {
            s->commitAsync({{kTp, 0, 1}});
            QFAIL("no exception");
        } catch (const SparkError &e) {
            QCOMPARE(std::string(e.what()),
                     std::string("org.apache.kafka.common.errors.InvalidGroupIdException: To use the group management "
                                 "or offset commit APIs, you must provide a valid group.id in the consumer "
                                 "configuration."));
        }
    }

    /// The commit store: what one broker committed, a broker opened on the same file has.
    void theCommitStoreKeepsAGroupsCommitsForTheNextDriver()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("offsets.tsv")).toStdString();
        {
            kafka::KafkaBroker b;
            QCOMPARE(b.setCommitStore(path), std::string());
            b.commit("g", kTp, 7);
            b.commit("odd\tgroup%", {"u", 2}, 11);
        }
        kafka::KafkaBroker again;
        QCOMPARE(again.setCommitStore(path), std::string());
        QCOMPARE(again.committed("g", kTp), std::optional<std::int64_t>(7));
        QCOMPARE(again.committed("odd\tgroup%", {"u", 2}), std::optional<std::int64_t>(11));
        QCOMPARE(again.groupState("g"), std::string("Empty"));
        QCOMPARE(again.groupState("nobody"), std::string("Dead"));
    }

    void aDamagedCommitStoreNamesTheFileAndLineAndKeepsTheRest()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("offsets.tsv"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("# header\ng\tt\t0\t4\ng\tt\tzero\t5\n");
        f.close();
        kafka::KafkaBroker b;
        QCOMPARE(b.setCommitStore(path.toStdString()),
                 path.toStdString() + " line 3: expected GROUP<TAB>TOPIC<TAB>PARTITION<TAB>OFFSET, ignored");
        QCOMPARE(b.committed("g", kTp), std::optional<std::int64_t>(4));
    }

    /// The receiver-based stream (KafkaUtils.createStream): its KafkaReceiver starts 100 ms
    /// after the context, and its consumer commits what it has consumed every
    /// auto.commit.interval.ms from then (here 1 s: at 1.1 s and 2.1 s) and once more when it
    /// shuts down. m0, m1, m2 come at 0.5, 1.5, 2.5 s; the receiver pulls them at its block
    /// intervals (every 200 ms) and at each commit. Committed: none at 1.0 s; 1 at 1.2 s (m0);
    /// 2 at 2.2 s; the stop at 2.7 s (m2 pulled at 2.6 s) commits 3.
    void aKafkaReceiverAutoCommitsOnItsIntervalAndWhenItStops()
    {
        Driver d;
        AsFastAsPossiblePacer pacer;
        for (int i = 0; i < 3; ++i)
            d.sim.inputLog().addKafkaMessage(kT0 + Duration(500 + 1000 * i), "t", std::nullopt, "m" + std::to_string(i));
        StreamingContext ssc(*d.sc, 1_s);
        auto s = ssc.kafkaStream({{"t", 1}}, {{"zookeeper.connect", "localhost:2181"}, {"group.id", "g"},
                                              {"auto.commit.interval.ms", "1000"}},
                                 StorageLevel::MEMORY_AND_DISK_2());
        std::map<SimTime, std::vector<std::string>> got;
        ops::foreachRDD(s, [&](const RDDPtr &rdd, SimTime t) {
            for (const Value &v : d.sc->collect(rdd)) got[t].emplace_back(v[1].asStr());
        });
        ssc.start();
        using C = std::optional<std::int64_t>;
        auto committedAt = [&](Duration at) {
            sleepOnDriver(d.sim, kT0 + at, pacer);
            return d.sim.kafkaAt(d.sim.now()).committed("g", kTp);
        };
        QCOMPARE(committedAt(1000_ms), C{});
        QCOMPARE(d.sim.kafkaAt(d.sim.now()).groupState("g"), std::string("Stable"));
        QCOMPARE(committedAt(1200_ms), C{1});
        QCOMPARE(committedAt(2200_ms), C{2});
        QCOMPARE(committedAt(2700_ms), C{2});
        ssc.stop(false, false);
        QCOMPARE(d.sim.kafkaAt(d.sim.now()).committed("g", kTp), C{3});
        QCOMPARE(d.sim.kafkaAt(d.sim.now()).groupState("g"), std::string("Empty"));
        // Blocks of 0.6 s and 1.6 s and 2.6 s: batches 1 s and 2 s got m0 and m1 (pairs (None, value)).
        QCOMPARE(got[kT0 + 1_s], std::vector<std::string>{"m0"});
        QCOMPARE(got[kT0 + 2_s], std::vector<std::string>{"m1"});
    }

    /// With the write-ahead log on, the receiver is the ReliableKafkaReceiver: no auto commit;
    /// each stored block's offsets are committed (m0 at 0.5 s is in the block of 0.6 s). The log
    /// needs a checkpoint directory (ReceiverSupervisorImpl), where each block's records go.
    void aReliableKafkaReceiverCommitsEachStoredBlock()
    {
        QTemporaryDir dir;
        Driver d("local[2]", kT0, 42, {{"spark.streaming.receiver.writeAheadLog.enable", "true"}});
        AsFastAsPossiblePacer pacer;
        for (int i = 0; i < 3; ++i)
            d.sim.inputLog().addKafkaMessage(kT0 + Duration(500 + 1000 * i), "t", std::nullopt, "m" + std::to_string(i));
        StreamingContext ssc(*d.sc, 1_s);
        auto s = ssc.kafkaStream({{"t", 1}}, {{"zookeeper.connect", "localhost:2181"}, {"group.id", "g"}},
                                 StorageLevel::MEMORY_AND_DISK_2());
        QCOMPARE(s->receiverName(), std::string("ReliableKafkaReceiver"));
        ops::foreachRDD(s, [](const RDDPtr &, SimTime) {});
        ssc.checkpoint(dir.path().toStdString());
        ssc.start();
        using C = std::optional<std::int64_t>;
        sleepOnDriver(d.sim, kT0 + 590_ms, pacer);
        QCOMPARE(d.sim.kafkaAt(d.sim.now()).committed("g", kTp), C{});
        sleepOnDriver(d.sim, kT0 + 610_ms, pacer);
        QCOMPARE(d.sim.kafkaAt(d.sim.now()).committed("g", kTp), C{1});
        sleepOnDriver(d.sim, kT0 + 1610_ms, pacer);
        QCOMPARE(d.sim.kafkaAt(d.sim.now()).committed("g", kTp), C{2});
        ssc.stop(false, false);
        QVERIFY(!QDir(dir.path() + QStringLiteral("/receivedData/0")).entryList(QDir::Files).isEmpty());
    }

    /// A receiver of a group that committed 2 resumes there: it reads m2.. only, whatever its
    /// reset policy.
    void aKafkaReceiverResumesWhereItsGroupCommitted()
    {
        Driver d;
        AsFastAsPossiblePacer pacer;
        for (int i = 0; i < 4; ++i)
            d.sim.inputLog().addKafkaMessage(kT0 + Duration(100 * i), "t", std::nullopt, "m" + std::to_string(i));
        awaitWithoutContext(d.sim, kT0 + 500_ms, pacer);
        d.sim.kafkaAt(d.sim.now()).commit("g", kTp, 2);
        StreamingContext ssc(*d.sc, 1_s);
        auto s = ssc.kafkaStream({{"t", 1}}, {{"zookeeper.connect", "zk:2181"}, {"group.id", "g"},
                                              {"auto.offset.reset", "smallest"}},
                                 StorageLevel::MEMORY_AND_DISK_2());
        std::vector<std::string> got;
        ops::foreachRDD(s, [&](const RDDPtr &rdd, SimTime) {
            for (const Value &v : d.sc->collect(rdd)) got.emplace_back(v[1].asStr());
        });
        ssc.start();
        sleepOnDriver(d.sim, kT0 + 2500_ms, pacer);
        ssc.stop(false, false);
        QCOMPARE(got, (std::vector<std::string>{"m2", "m3"}));
    }

    /// The checkpoint file keeps the Kafka section as written (and the older format reads).
    void theCheckpointFileKeepsTheKafkaOffsets()
    {
        QTemporaryDir dir;
        CheckpointData data;
        data.batchTime = kT0 + 3_s;
        data.batchDuration = 1_s;
        data.zeroTime = kT0;
        data.graph = {"DirectKafkaInputDStream@0"};
        data.kafka[0].current[{"t", 0}] = 9;
        data.kafka[0].current[{"u", 1}] = 2;
        data.kafka[0].batches[kT0 + 3_s] = {{"t", 0, 7, 9}, {"u", 1, 2, 2}};
        CheckpointFiles::write(dir.path().toStdString(), data);
        const auto back = CheckpointFiles::readLatest(dir.path().toStdString());
        QVERIFY(back.has_value());
        QVERIFY(back->kafka == data.kafka);
    }

    /// A checkpoint written before the Kafka section (DSTREAMLAB-CHECKPOINT-3) still reads, with
    /// no Kafka offsets.
    void aCheckpointOfTheFormatBeforeKafkaStillReads()
    {
        QTemporaryDir dir;
        CheckpointData data;
        data.batchTime = kT0 + 3_s;
        data.batchDuration = 1_s;
        data.zeroTime = kT0;
        data.graph = {"SocketInputDStream@0"};
        CheckpointFiles::write(dir.path().toStdString(), data);
        const QString name = dir.filePath(QStringLiteral("checkpoint-") + QString::number((kT0 + 3_s).ms()));
        QFile f(name);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QByteArray bytes = f.readAll();
        QVERIFY(bytes.startsWith("DSTREAMLAB-CHECKPOINT-4\n"));
        bytes.chop(8); // the Kafka section: 0 streams
        bytes.replace(0, 24, "DSTREAMLAB-CHECKPOINT-3\n");
        f.resize(0);
        f.seek(0);
        f.write(bytes);
        f.close();
        const auto back = CheckpointFiles::readLatest(dir.path().toStdString());
        QVERIFY(back.has_value());
        QCOMPARE(back->zeroTime, std::optional<SimTime>(kT0));
        QVERIFY(back->kafka.empty());
    }

    // ---- retention (KafkaBroker::setRetention) ----

    /// m0..m5 at 0.1-0.6 s, retention.ms 2000, maxRatePerPartition 1: batches 1 and 2 s read
    /// m0 and m1; at 3 s every message is older than 2 s (deleted: the log start is 6), so the
    /// ranges [2, 3) .. [5, 6) of batches 3-6 s fail with OffsetOutOfRangeException (KafkaRDD's
    /// fetch), and batch 7 s reads the empty [6, 6).
    void aDirectStreamBehindRetentionFailsItsBatches()
    {
        Driver d("local[2]", kT0, 42, {{"spark.streaming.kafka.maxRatePerPartition", "1"}});
        AsFastAsPossiblePacer pacer;
        for (int i = 0; i < 6; ++i)
            d.sim.inputLog().addKafkaMessage(kT0 + Duration(100 + 100 * i), "t", std::nullopt, "m" + std::to_string(i));
        d.sim.kafkaAt(kT0).setRetention("t", 2_s);
        StreamingContext ssc(*d.sc, 1_s);
        auto s = ssc.directKafkaStream({"t"}, {{"auto.offset.reset", "smallest"}}, {});
        std::map<SimTime, std::vector<std::string>> got;
        ops::foreachRDD(s, [&](const RDDPtr &rdd, SimTime t) { got[t] = valuesOf(*d.sc, rdd); });
        ssc.start();
        sleepOnDriver(d.sim, kT0 + 7500_ms, pacer);
        ssc.stop(false, false);
        QCOMPARE(got[kT0 + 1_s], std::vector<std::string>{"m0"});
        QCOMPARE(got[kT0 + 2_s], std::vector<std::string>{"m1"});
        QCOMPARE(got.count(kT0 + 3_s), std::size_t(0));
        QCOMPARE(got[kT0 + 7_s], std::vector<std::string>{});
        int failed = 0;
        for (const BatchInfo &b : d.rec.completed) {
            const bool shouldFail = b.batchTime >= kT0 + 3_s && b.batchTime <= kT0 + 6_s;
            QCOMPARE(b.hasFailure(), shouldFail);
            if (!shouldFail) continue;
            ++failed;
            const auto &reason = b.outputOperationInfos.begin()->second.failureReason;
            QVERIFY2(reason && reason->find("kafka.common.OffsetOutOfRangeException") != std::string::npos,
                     reason ? reason->c_str() : "no reason");
        }
        QCOMPARE(failed, 4);
        bool warned = false;
        for (const auto &l : d.rec.logs)
            warned = warned || l.message.find("Offsets 2 to 5 of t-0 were deleted by the topic's retention "
                                              "(retention.ms=2000)") != std::string::npos;
        QVERIFY(warned);
    }

    /// A receiver whose group committed 0 starts at 3 s, when retention (2 s) has deleted
    /// m0..m5 (0.1-0.6 s): its first fetch is out of range and it resets, as the 0.8 consumer's
    /// fetcher does, to the log start or end: both are 6 here, so it reads m6 (3.5 s) only.
    /// Without retention it reads from its commit.
    void aReceiverBehindRetentionResetsItsOffset_data()
    {
        QTest::addColumn<QString>("reset");
        QTest::addColumn<bool>("retention");
        QTest::addColumn<QString>("values");
        QTest::newRow("smallest-resets-to-the-log-start") << QStringLiteral("smallest") << true << QStringLiteral("m6");
        QTest::newRow("largest-resets-to-the-log-end") << QStringLiteral("largest") << true << QStringLiteral("m6");
        QTest::newRow("no-retention-reads-from-the-commit")
            << QStringLiteral("largest") << false << QStringLiteral("m0 m1 m2 m3 m4 m5 m6");
    }
    void aReceiverBehindRetentionResetsItsOffset()
    {
        QFETCH(QString, reset);
        QFETCH(bool, retention);
        QFETCH(QString, values);
        Driver d;
        AsFastAsPossiblePacer pacer;
        for (int i = 0; i < 6; ++i)
            d.sim.inputLog().addKafkaMessage(kT0 + Duration(100 + 100 * i), "t", std::nullopt, "m" + std::to_string(i));
        d.sim.inputLog().addKafkaMessage(kT0 + 3500_ms, "t", std::nullopt, "m6");
        if (retention) d.sim.kafkaAt(kT0).setRetention("t", 2_s);
        awaitWithoutContext(d.sim, kT0 + 3_s, pacer);
        d.sim.kafkaAt(d.sim.now()).commit("g", kTp, 0);
        StreamingContext ssc(*d.sc, 1_s);
        auto s = ssc.kafkaStream({{"t", 1}},
                                 {{"zookeeper.connect", "localhost:2181"}, {"group.id", "g"},
                                  {"auto.offset.reset", reset.toStdString()}},
                                 StorageLevel::MEMORY_AND_DISK_2());
        std::vector<std::string> got;
        ops::foreachRDD(s, [&](const RDDPtr &rdd, SimTime) {
            for (const Value &v : d.sc->collect(rdd)) got.emplace_back(v[1].asStr());
        });
        ssc.start();
        sleepOnDriver(d.sim, kT0 + 4500_ms, pacer);
        ssc.stop(false, false);
        std::vector<std::string> expected;
        for (const QString &v : values.split(u' ', Qt::SkipEmptyParts)) expected.push_back(v.toStdString());
        QCOMPARE(got, expected);
        bool warned = false;
        for (const auto &l : d.rec.logs)
            warned = warned || l.message == "Current offset 0 for partition [t,0] out of range; reset offset to 6";
        QCOMPARE(warned, retention);
    }
};

QTEST_GUILESS_MAIN(TestKafkaOffsets)
#include "tst_kafkaoffsets.moc"
