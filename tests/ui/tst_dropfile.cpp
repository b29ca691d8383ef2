// Dropping a file for textFileStream from the dashboard (DropFile, DropFileDialog), and the note
// beside a program that uses what is not PySpark (RunSnapshot::notPySpark, NotPySparkBanner).
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/programsession.h"
#include "app/session/runsnapshot.h"
#include "ui/dropfiledialog.h"
#include "ui/ncinputpanel.h"
#include "ui/notpysparkbanner.h"
#include "ui/simulationcontroller.h"
#endif

#include <QAction>
#include <QApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTest>

using namespace dsl;
using namespace dsl::session;
using namespace Qt::StringLiterals;

namespace {

SimTime start()
{
    return SimTime(1'795'514'400'000); // 2026-11-24 10:00:00 UTC
}

const char *kFileProgram = "from pyspark import SparkContext\n"
                           "from pyspark.streaming import StreamingContext\n"
                           "sc = SparkContext('local[2]', 'Drops')\n"
                           "ssc = StreamingContext(sc, 1)\n"
                           "lines = ssc.textFileStream('watched')\n"
                           "lines.flatMap(lambda l: l.split(' ')).map(lambda w: (w, 1))"
                           ".reduceByKey(lambda a, b: a + b).pprint()\n"
                           "ssc.start()\n"
                           "ssc.awaitTermination()\n";

const char *kStateProgram = "from pyspark import SparkContext\n"
                            "from pyspark.streaming import StreamingContext\n"
                            "from pyspark.streaming.state import StateSpec\n"
                            "sc = SparkContext('local[2]', 'State')\n"
                            "ssc = StreamingContext(sc, 1)\n"
                            "ssc.checkpoint(%1)\n"
                            "pairs = ssc.textFileStream('watched').map(lambda w: (w, 1))\n"
                            "pairs.mapWithState(StateSpec.function(lambda k, v, s: (k, v))).pprint()\n"
                            "ssc.start()\n"
                            "ssc.awaitTermination()\n";

/// The pprint block of the batch at `seconds` after the start, from the console text.
std::string batchBlock(const std::string &console, int seconds)
{
    const std::string header = "Time: 2026-11-24 10:00:0" + std::to_string(seconds) + "\n";
    const auto at = console.find(header);
    if (at == std::string::npos) return {};
    const auto end = console.find("Time: ", at + header.size());
    return console.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

} // namespace

class TestDropFile : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void watchedDirectoriesComeFromTheProgramsLiterals();
    void dialogChecksTheNameAndMakesTheCommand();
    void notPySparkNamesComeFromTheWarnLines();
    void droppedFileIsReadByTheNextBatch();
    void droppingWhileBrowsingReplaysAndTheBatchReadsIt();
    void anInvalidDropIsIgnored();
    void anInputScriptsFileRecordsAreDroppedAtTheirTimes();
    void aMapWithStateProgramShowsTheNoteBesideIt();
    void cleanupTestCase();

private:
    RunSnapshotPtr waitPaused(int batches);
    void loadProgram(const QString &source);
    std::uint64_t m_lastSerial = 0;
    std::unique_ptr<ProgramSession> m_session;
    std::unique_ptr<ui::SimulationController> m_controller;
};

void TestDropFile::initTestCase()
{
    ProgramSession::Config cfg;
    cfg.startTime = start();
    cfg.pythonPackageDir = DSTREAMLAB_SOURCE_DIR "/resources/python";
    m_session = std::make_unique<ProgramSession>(cfg);
    m_controller = std::make_unique<ui::SimulationController>(m_session.get());
}

void TestDropFile::loadProgram(const QString &source)
{
    m_session->loadProgram(u"drops.py"_s, source);
    QVERIFY(QTest::qWaitFor(
        [&] {
            auto s = m_session->latestSnapshot();
            return s && s->serial > m_lastSerial && s->phase == RunPhase::NotStarted;
        },
        10000));
    m_lastSerial = m_session->latestSnapshot()->serial;
}

RunSnapshotPtr TestDropFile::waitPaused(int batches)
{
    RunSnapshotPtr s;
    const bool ok = QTest::qWaitFor(
        [&] {
            s = m_session->latestSnapshot();
            return s && s->serial > m_lastSerial && s->phase == RunPhase::Paused && !s->cursor &&
                   s->completedBatches >= batches;
        },
        30000);
    if (!ok) return nullptr;
    m_lastSerial = s->serial;
    return s;
}

void TestDropFile::watchedDirectoriesComeFromTheProgramsLiterals()
{
    QCOMPARE(ui::DropFileDialog::watchedDirectories(QString::fromUtf8(kFileProgram)), QStringList{u"watched"_s});
    const QString two = u"a = ssc.textFileStream(\"in/\")\nb = ssc.textFileStream( directory='logs' )\n"
                        "c = ssc.textFileStream(sys.argv[1])\nd = ssc.textFileStream('in/')\n"_s;
    QCOMPARE(ui::DropFileDialog::watchedDirectories(two), (QStringList{u"in/"_s, u"logs"_s}));
}

void TestDropFile::dialogChecksTheNameAndMakesTheCommand()
{
    ui::DropFileDialog d({u"watched"_s}, u"file-1.txt"_s);
    QVERIFY(d.canAccept());
    d.setText(u"to be\nor not"_s);
    const command::DropFile c = d.dropCommand();
    QCOMPARE(c.directory, u"watched"_s);
    QCOMPARE(c.fileName, u"file-1.txt"_s);
    QCOMPARE(c.text, u"to be\nor not\n"_s); // a file's last line ends with a newline
    d.setFileName(u".hidden"_s);
    QVERIFY(!d.canAccept()); // textFileStream never reads it
    d.setFileName(u"sub/x.txt"_s);
    QVERIFY(!d.canAccept());
    d.setFileName(u"x.txt"_s);
    d.setDirectory(QString());
    QVERIFY(!d.canAccept());
    d.setDirectory(u"elsewhere"_s);
    QVERIFY(d.canAccept());
}

void TestDropFile::notPySparkNamesComeFromTheWarnLines()
{
    RunSnapshot s;
    s.stderrText = "26/11/24 10:00:00 WARN StreamingContext: something else\n"
                   "26/11/24 10:00:00 WARN DStreamLab: mapWithState is not part of PySpark (x): not under spark-submit\n"
                   "26/11/24 10:00:01 WARN DStreamLab: mapWithState is not part of PySpark (x): again\n"
                   "26/11/24 10:00:01 WARN DStreamLab: the run ends; this is not part of PySpark notes\n"
                   "26/11/24 10:00:02 WARN DStreamLab: StateSpec is not part of PySpark (y)";
    QCOMPARE(s.notPySpark(), (std::vector<std::string>{"mapWithState", "StateSpec"}));
    s.stderrText.clear();
    QVERIFY(s.notPySpark().empty());
}

void TestDropFile::droppedFileIsReadByTheNextBatch()
{
    loadProgram(QString::fromUtf8(kFileProgram));
    ui::NcInputPanel nc(m_controller.get());
    QAction dropAction;
    nc.setDropFileAction(&dropAction);
    QVERIFY(nc.dropFileButton()->isHidden()); // no textFileStream known before the run
    m_session->runUntilBatch(2);
    auto two = waitPaused(2);
    QVERIFY(two);
    QTRY_VERIFY(!nc.dropFileButton()->isHidden()); // the nc panel offers the drop dialog
    QSignalSpy asked(&dropAction, &QAction::triggered);
    nc.dropFileButton()->click();
    QCOMPARE(asked.count(), 1);
    QVERIFY(two->notPySpark().empty());
    m_controller->execute(command::DropFile{u"watched"_s, u"a.txt"_s, u"spark spark\nhello\n"_s});
    m_session->runUntilBatch(3);
    auto three = waitPaused(3);
    QVERIFY(three);
    const std::string block = batchBlock(*three->console, 3);
    QVERIFY2(block.find("('spark', 2)") != std::string::npos && block.find("('hello', 1)") != std::string::npos,
             three->console->c_str());
    QVERIFY(batchBlock(*three->console, 2).find("spark") == std::string::npos);
    // The input log holds it as a file (replays read it from there), after batch 2's time.
    const auto log = m_session->inputLog();
    QCOMPARE(log.size(), std::size_t(1));
    QCOMPARE(log[0].kind, InputRecord::Kind::File);
    QCOMPARE(log[0].path, std::string("watched/a.txt"));
    QCOMPARE(log[0].text, std::string("spark spark\nhello\n"));
    QVERIFY(log[0].time > start() + Duration(2000) && log[0].time <= start() + Duration(3000));
    // The batch names the file it read; the nc terminal never shows it as a typed line.
    const BatchSnapshot *b = three->batch(start() + Duration(3000));
    QVERIFY(b);
    bool named = false;
    for (const auto &[id, info] : b->info.streamIdToInputInfo) named = named || info.description == "watched/a.txt";
    QVERIFY(named);
    QVERIFY(three->input && three->input->size == 1 && three->input->at(0).isFile());
    QTRY_VERIFY(nc.transcript().contains(u"Listening on"_s));
    QVERIFY(!nc.transcript().contains(u"a.txt"_s));
    QVERIFY(!nc.transcript().contains(u"spark"_s));
}

void TestDropFile::droppingWhileBrowsingReplaysAndTheBatchReadsIt()
{
    m_session->stepBack();
    m_session->stepBack();
    QVERIFY(QTest::qWaitFor([&] { auto s = m_session->latestSnapshot(); return s && s->cursor && s->completedBatches == 1; },
                            10000));
    m_controller->execute(command::DropFile{u"watched"_s, u"b.txt"_s, u"late\n"_s});
    auto replayed = waitPaused(1); // the run replayed from its input log to the browsed batch
    QVERIFY(replayed);
    QCOMPARE(replayed->completedBatches, 1);
    m_session->runUntilBatch(3);
    auto three = waitPaused(3);
    QVERIFY(three);
    QVERIFY2(batchBlock(*three->console, 2).find("('late', 1)") != std::string::npos, three->console->c_str());
    QVERIFY2(batchBlock(*three->console, 3).find("('spark', 2)") != std::string::npos, three->console->c_str());
    QCOMPARE(m_session->inputLog().size(), std::size_t(2));
}

void TestDropFile::anInvalidDropIsIgnored()
{
    const std::size_t n = m_session->inputLogSize();
    m_session->execute(command::DropFile{u"watched"_s, u".hidden"_s, u"x\n"_s});
    m_session->execute(command::DropFile{QString(), u"c.txt"_s, u"x\n"_s});
    m_session->execute(command::DropFile{u"watched"_s, u"d/c.txt"_s, u"x\n"_s});
    m_session->stepBatch();
    QVERIFY(waitPaused(4));
    QCOMPARE(m_session->inputLogSize(), n);
}

void TestDropFile::anInputScriptsFileRecordsAreDroppedAtTheirTimes()
{
    // `dstreamlab --input` with a script's `@file` records (inputscript.h): the file appears in
    // the watched directory at its time, as a drop from the dialog would, not as a typed line.
    loadProgram(QString::fromUtf8(kFileProgram));
    const std::size_t before = m_session->inputLogSize();
    std::vector<ScriptLine> script{{Duration(3500), "dropped dropped\nonce\n", "watched/script.txt"}};
    QVERIFY(m_session->addInputScript(std::move(script)));
    m_session->runUntilBatch(4);
    auto four = waitPaused(4);
    QVERIFY(four);
    const std::string block = batchBlock(*four->console, 4);
    QVERIFY2(block.find("('dropped', 2)") != std::string::npos && block.find("('once', 1)") != std::string::npos,
             four->console->c_str());
    QVERIFY(batchBlock(*four->console, 3).find("dropped") == std::string::npos);
    const auto log = m_session->inputLog();
    QCOMPARE(log.size(), before + 1);
    const InputRecord &r = log.back();
    QCOMPARE(r.kind, InputRecord::Kind::File);
    QCOMPARE(r.path, std::string("watched/script.txt"));
    QCOMPARE(r.time, start() + Duration(3500));
}

void TestDropFile::aMapWithStateProgramShowsTheNoteBesideIt()
{
    ui::NotPySparkBanner banner(m_controller.get());
    QVERIFY(banner.isHidden());
    QTemporaryDir checkpoints;
    QVERIFY(checkpoints.isValid());
    loadProgram(QString::fromUtf8(kStateProgram).arg(u'\'' + checkpoints.path() + u'\''));
    m_session->runUntilBatch(1);
    auto s = waitPaused(1);
    QVERIFY(s);
    QCOMPARE(s->notPySpark(), std::vector<std::string>{"mapWithState"});
    QTRY_COMPARE(banner.names(), QStringList{u"mapWithState"_s});
    QVERIFY(!banner.isHidden());
    QVERIFY(banner.text().contains(u"mapWithState"_s));
    QVERIFY(banner.text().contains(u"spark-submit"_s));
    // Back to "not started": the note goes until the program reaches mapWithState again.
    m_session->reset();
    QTRY_VERIFY(banner.isHidden());
    m_session->loadProgram(u"drops.py"_s, QString::fromUtf8(kFileProgram)); // the checkpoint folder goes
}

void TestDropFile::cleanupTestCase()
{
    m_controller.reset();
    m_session.reset();
}

QTEST_MAIN(TestDropFile)
#include "tst_dropfile.moc"
