// Qt Test: the received block logs of a checkpoint directory and what a restarted driver gets
// back from them (engine/receivedblocklog.h; Spark's ReceivedBlockTracker.scala,
// ReceiverSupervisorImpl.scala, ReceiverInputDStream.createBlockRDD, FileBasedWriteAheadLog.scala).
//
// The program is restartkit's: socketTextStream(9999) -> (line, 1) -> updateStateByKey(running
// count), batch 1 s, block interval 200 ms, a checkpoint directory; updateStateByKey's RDD
// checkpoint interval is 10 s. Every expected value is derived by hand in the row's comment:
// a line sent at s seconds is cut into the block of [floor(s / 0.2) x 0.2, +0.2) and allocated
// to the batch at the next whole second.

// moc cannot parse the C++20 standard headers the engine pulls in (<concepts>); it needs none of it.
#ifndef Q_MOC_RUN
#include "restartkit.h"

#include "engine/receivedblocklog.h"
#endif

#include <QTemporaryDir>

#include <algorithm>

#include <ctime>
#include <filesystem>
#include <fstream>

using namespace dsl;
using namespace restartkit;
using testkit::kT0;

namespace {

const std::map<std::string, std::string> kWal{{"spark.streaming.receiver.writeAheadLog.enable", "true"}};

Records counts(std::initializer_list<std::pair<const char *, long long>> kv)
{
    Records r;
    for (const auto &[k, v] : kv) r.push_back(Value::pair(Value(k), Value(v)));
    return scalakit::asSet(std::move(r));
}

/// "a" at 0.5, 1.5, ... (n lines).
QList<qint64> everySecond(int n)
{
    QList<qint64> out;
    for (int i = 0; i < n; ++i) out << 500 + 1000 * i;
    return out;
}

/// The "log-<start>-<end>" files of a log directory, oldest first.
std::vector<std::string> logsIn(const std::string &dir)
{
    std::vector<std::string> out;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().filename().string().rfind("log-", 0) == 0) out.push_back(it->path().string());
    std::sort(out.begin(), out.end());
    return out;
}

int filesIn(const std::string &dir)
{
    return static_cast<int>(logsIn(dir).size());
}

} // namespace

class TestWriteAheadLog : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        qputenv("TZ", "UTC");
        tzset();
    }

    // A driver killed at 10.5 s: "a" in batches 1..10 s, and "b" at 10.1 s, whose block
    // (input-0-<10.0 s>, cut at 10.2 s) was added but not allocated. The metadata checkpoint and
    // the state's RDD checkpoint are of 10 s. It comes back at 12.5 s: the down time 10, 11, 12 s
    // is rescheduled. Batch 10 s was allocated before the kill ("possibly processed", keeps its
    // block input-0-<9.4 s>); batch 11 s takes the unallocated block of "b".
    void unallocatedBlockAfterTheKill_data()
    {
        QTest::addColumn<bool>("wal");
        QTest::addColumn<qint64>("bCount"); // "b" in the state of batch 11 s (0: absent)
        QTest::addColumn<bool>("lostWarning");
        QTest::addColumn<QString>("rddClass");
        QTest::newRow("with-the-receivers-log-b-is-read-back")
            << true << qint64(1) << false << QStringLiteral("WriteAheadLogBackedBlockRDD");
        QTest::newRow("without-it-b-is-lost-with-a-warning") << false << qint64(0) << true << QStringLiteral("BlockRDD");
    }
    void unallocatedBlockAfterTheKill()
    {
        QFETCH(bool, wal);
        QFETCH(qint64, bCount);
        QFETCH(bool, lostWarning);
        QFETCH(QString, rddClass);
        QTemporaryDir dir;
        const std::string path = dir.path().toStdString();
        const auto conf = wal ? kWal : std::map<std::string, std::string>{};
        {
            SocketRun first(path, {false, Duration(0), everySecond(10), {{10100, "b"}}, 0, false, conf});
            first.runTo(Duration(10500));
            QCOMPARE(first.ran.size(), std::size_t(10));
        }
        QCOMPARE(filesIn(path + "/receivedBlockMetadata"), 1);
        QCOMPARE(filesIn(path + "/receivedData/0"), wal ? 1 : 0);

        SocketRun run(path, {true, Duration(12500), {}, {}, 0, false, conf});
        run.runTo(Duration(13500));
        QCOMPARE(run.stateAt(10), counts({{"a", 10}}));
        QCOMPARE(run.stateAt(11), bCount ? counts({{"a", 10}, {"b", bCount}}) : counts({{"a", 10}}));
        QCOMPARE(run.stateAt(12), run.stateAt(11));
        // The input info counts what the tracker recorded, lost blocks too.
        QCOMPARE(run.recordsOf(kT0 + Duration(10000)), std::int64_t(1));
        QCOMPARE(run.recordsOf(kT0 + Duration(11000)), std::int64_t(1));
        QCOMPARE(run.recordsOf(kT0 + Duration(12000)), std::int64_t(0));
        QVERIFY(run.logged(LogLevel::Info, "Recovering from write ahead logs in " + path));
        QVERIFY(run.logged(LogLevel::Info, "Possibly processed batch " + (kT0 + Duration(10000)).toString() +
                                               " needs to be processed again in WAL recovery"));
        QCOMPARE(run.logged(LogLevel::Warn, "Some blocks could not be recovered as they were not found in memory"),
                 lostWarning);
        for (const auto &[t, cls] : run.lineRddClasses) QCOMPARE(QString::fromStdString(cls), rddClass);
    }

    // Killed at 13.5 s with "a" in every batch 1..13 s: the metadata checkpoint is of 13 s, the
    // state's RDD checkpoint still of 10 s. Back at 14.5 s: batch 13 s runs again from the state
    // of 10 s, recomputing 11 and 12 s from their blocks. With the receivers' log those are read
    // back (13); without, the three batches' data is lost (10), as the CheckpointReader warns.
    void stateRecomputedAfterTheRddCheckpoint_data()
    {
        QTest::addColumn<bool>("wal");
        QTest::addColumn<qint64>("count");
        QTest::newRow("with-the-receivers-log-nothing-is-lost") << true << qint64(13);
        QTest::newRow("without-it-batches-11-to-13-are-lost") << false << qint64(10);
    }
    void stateRecomputedAfterTheRddCheckpoint()
    {
        QFETCH(bool, wal);
        QFETCH(qint64, count);
        QTemporaryDir dir;
        const std::string path = dir.path().toStdString();
        const auto conf = wal ? kWal : std::map<std::string, std::string>{};
        {
            SocketRun first(path, {false, Duration(0), everySecond(13), {}, 0, false, conf});
            first.runTo(Duration(13500));
            QCOMPARE(first.stateAt(13), counts({{"a", 13}}));
        }
        SocketRun run(path, {true, Duration(14500), {}, {}, 0, false, conf});
        run.runTo(Duration(15500));
        QCOMPARE(run.ran.front().batch, kT0 + Duration(13000));
        QCOMPARE(run.stateAt(13), counts({{"a", count}}));
        QCOMPARE(run.stateAt(14), counts({{"a", count}}));
        QCOMPARE(run.logged(LogLevel::Warn, "the received data of 3 later batch(es)"), !wal);
    }

    // ReceiverSupervisorImpl: "Cannot enable receiver write-ahead log without checkpoint
    // directory set." The receiver never starts; the batches run empty.
    void receiversLogNeedsACheckpointDirectory()
    {
        QTemporaryDir dir;
        // A window (2 s, 2 s): updateStateByKey itself would need the directory.
        SocketRun run(dir.path().toStdString(), {false, Duration(0), everySecond(3), {}, 0, true, kWal, false});
        run.runTo(Duration(4500));
        QVERIFY(run.logged(LogLevel::Error, "Cannot enable receiver write-ahead log without checkpoint directory set. "
                                            "Please use streamingContext.checkpoint() to set the checkpoint "
                                            "directory. See documentation for more details."));
        QCOMPARE(run.ran.size(), std::size_t(2)); // the windows of 2 s and 4 s
        for (const Ran &r : run.ran) QVERIFY(r.state.empty());
        QCOMPARE(run.recordsOf(kT0 + Duration(2000)), std::int64_t(0));
        QCOMPARE(run.d.sim.inputLog().size(), std::size_t(3)); // nothing typed is dropped from the log
    }

    // FileBasedWriteAheadLog: a file per 60 s of writes; clean(threshold) deletes the files that
    // end before it. The input stream remembers 20 s here (2 x the state's checkpoint interval),
    // so after 200 s no file ends before 180 s and at most two files are left in each log.
    void rollingFilesAreCleaned()
    {
        QTemporaryDir dir;
        const std::string path = dir.path().toStdString();
        SocketRun run(path, {false, Duration(0), everySecond(200), {}, 0, false, kWal});
        run.runTo(Duration(200500));
        QCOMPARE(run.stateAt(200), counts({{"a", 200}}));
        for (const std::string sub : {"receivedBlockMetadata", "receivedData/0"}) {
            const auto files = logsIn(path + "/" + sub);
            QVERIFY2(!files.empty() && files.size() <= 2, (sub + ": " + std::to_string(files.size()) + " files").c_str());
            for (const std::string &f : files) {
                const std::string name = std::filesystem::path(f).filename().string();
                const long long end = std::stoll(name.substr(name.rfind('-') + 1));
                QVERIFY2(end >= (kT0 + Duration(180000)).ms(), name.c_str());
            }
        }
        // A restart still finds batch 200 s's block in the log it kept.
        SocketRun again(path, {true, Duration(201500), {}, {}, 0, false, kWal});
        again.runTo(Duration(202500));
        QCOMPARE(again.stateAt(200), counts({{"a", 200}}));
        QCOMPARE(again.recordsOf(kT0 + Duration(200000)), std::int64_t(1));
    }

    // Bad files never crash a restart: a line that is not an event, and a data record cut short,
    // are warnings naming the file and line; the block whose records cannot be read is lost.
    void damagedLogsAreWarnedAbout()
    {
        QTemporaryDir dir;
        const std::string path = dir.path().toStdString();
        {
            SocketRun first(path, {false, Duration(0), everySecond(10), {{10100, "b"}}, 0, false, kWal});
            first.runTo(Duration(10500));
        }
        const auto meta = logsIn(path + "/receivedBlockMetadata");
        QCOMPARE(meta.size(), std::size_t(1));
        std::ofstream(meta.front(), std::ios::app) << "garbage line\n";
        const auto data = logsIn(path + "/receivedData/0");
        QCOMPARE(data.size(), std::size_t(1));
        std::filesystem::resize_file(data.front(), std::filesystem::file_size(data.front()) - 3);
        SocketRun run(path, {true, Duration(12500), {}, {}, 0, false, kWal});
        run.runTo(Duration(13500));
        QVERIFY(run.logged(LogLevel::Warn, "not an event of the received block log, skipped"));
        QVERIFY(run.logged(LogLevel::Warn, "cannot be read from the write-ahead log"));
        // The last record written is b's block: cut short, it is lost.
        QCOMPARE(run.stateAt(11), counts({{"a", 10}}));
    }

    // The block text of the metadata log reads back as written.
    void blockTextRoundTrips_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("memory-only") << QStringLiteral("0,input-0-9400,3,9600") << true;
        QTest::newRow("with-a-record-handle") << QStringLiteral("1,input-1-200,2,400,receivedData/1/log-0-60000,120,40") << true;
        QTest::newRow("negative-count") << QStringLiteral("0,input-0-9400,-3,9600") << false;
        QTest::newRow("five-fields") << QStringLiteral("0,input-0-9400,3,9600,x") << false;
        QTest::newRow("not-a-number") << QStringLiteral("zero,input-0-9400,3,9600") << false;
        QTest::newRow("handle-shorter-than-its-header") << QStringLiteral("0,input-0-0,1,200,receivedData/0/log-0-1,0,2") << false;
    }
    void blockTextRoundTrips()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        const auto b = ReceivedBlockLog::parseBlock(text.toStdString());
        QCOMPARE(b.has_value(), valid);
        if (valid) QCOMPARE(QString::fromStdString(ReceivedBlockLog::formatBlock(*b)), text);
    }
};

QTEST_APPLESS_MAIN(TestWriteAheadLog)
#include "tst_writeaheadlog.moc"
