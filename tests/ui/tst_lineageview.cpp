// LineageView over a real run: it follows the latest batch and the shared selection, shows the
// captured graph with its toDebugString and legend, marks an incremental window's added and
// subtracted batches and a state stream's checkpoint cut; and it renders legibly (PNGs of the
// word count and of a window + state program, light and dark, en and zh_CN, 1280x400 and
// 1920x600 in presenter mode, written to $DSTREAMLAB_LINEAGE_PNG_DIR or a temporary folder).
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/programsession.h"
#include "app/session/runsnapshot.h"
#include "ui/lineagepainter.h"
#endif
#include "ui/batchselection.h"
#include "ui/languagemanager.h"
#include "ui/lineageview.h"
#include "ui/simulationcontroller.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QTest>

#include <map>

using namespace dsl;
using namespace dsl::ui;
using namespace dsl::session;
using namespace Qt::StringLiterals;

namespace {
constexpr qint64 kT0 = 1'795'514'400'000; // 2026-11-24 10:00:00 UTC (TZ=UTC below)

QString readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

/// A window with an inverse function (5 s, slide 1 s: incremental, window >= 5 x slide) and a
/// running total, checkpointed (every 10 s by default for both).
const char *const kWindowState = R"(from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", appName="WindowState")
ssc = StreamingContext(sc, 1)
ssc.checkpoint("checkpoint")
lines = ssc.socketTextStream("localhost", 9999)
pairs = lines.flatMap(lambda line: line.split(" ")).map(lambda w: (w, 1))
windowed = pairs.reduceByKeyAndWindow(lambda a, b: a + b, lambda a, b: a - b, 5, 1)
totals = pairs.updateStateByKey(lambda new, last: sum(new) + (last or 0))
windowed.pprint()
totals.pprint()
ssc.start()
ssc.awaitTermination()
)";

/// Share of pixels that differ clearly from the image's most common colour.
double inkFraction(const QImage &img)
{
    std::map<QRgb, int> hist;
    for (int y = 0; y < img.height(); y += 2)
        for (int x = 0; x < img.width(); x += 2) ++hist[img.pixel(x, y) & 0xF0F0F0];
    QRgb bg = 0;
    int best = 0;
    for (const auto &[c, n] : hist)
        if (n > best) best = n, bg = c;
    int ink = 0, total = 0;
    for (int y = 0; y < img.height(); y += 2)
        for (int x = 0; x < img.width(); x += 2) {
            const QRgb c = img.pixel(x, y);
            ink += std::abs(qRed(c) - qRed(bg)) + std::abs(qGreen(c) - qGreen(bg)) + std::abs(qBlue(c) - qBlue(bg)) > 60;
            ++total;
        }
    return total ? static_cast<double>(ink) / total : 0;
}
} // namespace

class TestLineageView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void followsTheLatestBatchAndTheSelection();
    void wordCountScreenshots_data();
    void wordCountScreenshots();
    void windowAndStateShowAddedSubtractedAndTheCheckpointCut();
    void windowStateScreenshots_data();
    void windowStateScreenshots();
    void cleanupTestCase();

private:
    bool runTo(const QString &fileName, const QString &source, int batches);
    int streamByOp(const std::string &op) const;
    void shoot(const QString &name, QSize size, bool dark, bool presenter, const QString &language);
    std::unique_ptr<ProgramSession> m_session;
    std::unique_ptr<SimulationController> m_controller;
    std::unique_ptr<LanguageManager> m_languages;
    std::unique_ptr<LineageView> m_view;
    QString m_pngDir;
};

void TestLineageView::initTestCase()
{
    qputenv("TZ", "UTC");
    ProgramSession::Config cfg;
    cfg.startTime = SimTime(kT0);
    cfg.pythonPackageDir = DSTREAMLAB_SOURCE_DIR "/resources/python";
    m_session = std::make_unique<ProgramSession>(cfg);
    // lessons/01's input.txt, then one line a second up to 12 s (the window + state program).
    std::vector<std::pair<Duration, std::string>> input{{Duration(500), "hello spark hello"},
                                                        {Duration(1200), "hello world"},
                                                        {Duration(1700), "spark streaming is fast"},
                                                        {Duration(2400), "你好 spark 你好"},
                                                        {Duration(3100), "hello 你好 streaming"}};
    for (int s = 4; s < 13; ++s) input.emplace_back(Duration(1000LL * s + 300), s % 2 ? "spark streaming" : "spark lineage");
    QVERIFY(m_session->addInput(input));
    m_controller = std::make_unique<SimulationController>(m_session.get());
    m_languages = std::make_unique<LanguageManager>();
    m_languages->setLanguage(u"en"_s);
    m_view = std::make_unique<LineageView>(m_controller.get());
    m_view->resize(1280, 400);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    m_pngDir = qEnvironmentVariable("DSTREAMLAB_LINEAGE_PNG_DIR", QDir::tempPath() + u"/dstreamlab-lineage"_s);
    QDir().mkpath(m_pngDir);
}

bool TestLineageView::runTo(const QString &fileName, const QString &source, int batches)
{
    m_controller->selection()->followLatest();
    m_controller->loadProgram(fileName, source);
    if (!QTest::qWaitFor([&] { return m_controller->snapshot() && m_controller->snapshot()->phase == RunPhase::NotStarted; }, 10000))
        return false;
    m_controller->runUntilBatch(batches);
    return QTest::qWaitFor(
        [&] {
            const auto &s = m_controller->snapshot();
            return s && s->phase == RunPhase::Paused && s->completedBatches == batches;
        },
        60000);
}

int TestLineageView::streamByOp(const std::string &op) const
{
    for (const auto &s : m_controller->snapshot()->streams)
        if (s.opName == op) return s.id;
    return -1;
}

void TestLineageView::followsTheLatestBatchAndTheSelection()
{
    QVERIFY(runTo(u"program.py"_s, readFile(QStringLiteral(DSTREAMLAB_SOURCE_DIR "/lessons/01-network-wordcount/program.py")), 3));
    QTest::qWait(50);
    // Nothing selected: the latest batch, and the RDD pprint reads (wordCounts').
    QCOMPARE(m_view->shownBatch(), std::optional<qint64>(kT0 + 3000));
    QCOMPARE(m_view->shownStreamId(), streamByOp("reduceByKey"));
    QVERIFY(m_view->graph());
    QCOMPARE(m_view->graph()->nodes.size(), std::size_t(4));
    QCOMPARE(m_view->graph()->nodes[0].className, std::string("ShuffledRDD"));
    QCOMPARE(m_view->graph()->nodes[0].rddId, 11);
    QCOMPARE(m_view->graph()->stages.size(), std::size_t(2));
    QVERIFY2(m_view->titleText().contains(u"wordCounts"_s), qPrintable(m_view->titleText()));
    QVERIFY2(m_view->titleText().contains(u"10:00:03"_s), qPrintable(m_view->titleText()));
    const BatchSnapshot *b3 = m_controller->snapshot()->batch(SimTime(kT0 + 3000));
    QVERIFY(b3);
    QCOMPARE(m_view->debugText(), QString::fromStdString(b3->rdds.at(streamByOp("reduceByKey")).debugString));
    QVERIFY(m_view->debugText().startsWith(u"(2) ShuffledRDD[11] at reduceByKey at program.py:28"_s));
    // The word count has no checkpoint and no window: the edges, cache and checkpoint marks.
    QCOMPARE(m_view->legendTexts(), LineagePainter::legendTexts(LineagePainter::BasicEntries));
    QCOMPARE(m_view->legendTexts(),
             (QStringList{u"narrow dependency"_s, u"shuffle dependency (new stage)"_s, u"cached (persisted)"_s,
                          u"checkpoint: lineage cut"_s}));
    QCOMPARE(m_view->layout().boxes.size(), std::size_t(4));

    // A box clicked elsewhere: batch 2's pairs.
    const int pairs = streamByOp("map");
    m_controller->selection()->selectBox(kT0 + 2000, pairs);
    QCOMPARE(m_view->shownBatch(), std::optional<qint64>(kT0 + 2000));
    QCOMPARE(m_view->shownStreamId(), pairs);
    QVERIFY(m_view->graph());
    QCOMPARE(m_view->graph()->nodes[0].rddId, 6);
    QCOMPARE(m_view->graph()->nodes.size(), std::size_t(3));
    QCOMPARE(m_view->graph()->stages.size(), std::size_t(1));
    QVERIFY2(m_view->titleText().contains(u"pairs"_s) && m_view->titleText().contains(u"10:00:02"_s),
             qPrintable(m_view->titleText()));
    QVERIFY(m_view->debugText().startsWith(u"(2) MapPartitionsRDD[6] at map at program.py:26"_s));
    // Another batch keeps the DStream.
    m_controller->selection()->selectBatch(kT0 + 1000);
    QCOMPARE(m_view->shownStreamId(), pairs);
    QCOMPARE(m_view->graph()->nodes[0].rddId, 2);
    // Back to the latest: the selected DStream stays.
    m_controller->selection()->followLatest();
    QCOMPARE(m_view->shownBatch(), std::optional<qint64>(kT0 + 3000));
    QCOMPARE(m_view->graph()->nodes[0].rddId, 10);
    m_controller->selection()->selectBox(kT0 + 3000, -1);
    m_controller->selection()->followLatest();
}

void TestLineageView::wordCountScreenshots_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("dark");
    QTest::addColumn<bool>("presenter");
    QTest::addColumn<QString>("language");
    QTest::newRow("wordcount-1280x400-light-en") << QSize(1280, 400) << false << false << u"en"_s;
    QTest::newRow("wordcount-1280x400-dark-zh_CN") << QSize(1280, 400) << true << false << u"zh_CN"_s;
    QTest::newRow("wordcount-1920x600-light-zh_CN-presenter") << QSize(1920, 600) << false << true << u"zh_CN"_s;
    QTest::newRow("wordcount-1920x600-dark-en-presenter") << QSize(1920, 600) << true << true << u"en"_s;
}

void TestLineageView::shoot(const QString &name, QSize size, bool dark, bool presenter, const QString &language)
{
    QVERIFY(m_languages->setLanguage(language));
    m_controller->setTheme(Theme::make(dark ? Theme::Kind::Dark : Theme::Kind::Light, presenter));
    m_view->resize(size);
    QTest::qWait(100);
    const QImage img = m_view->grab().toImage();
    QCOMPARE(img.size(), size);
    QVERIFY(img.save(m_pngDir + u'/' + name + u".png"_s));
    // Drawn: boxes, edges, text — not an empty panel.
    QVERIFY2(inkFraction(img) > 0.02, qPrintable(QString::number(inkFraction(img))));
    // The graph fits without shrinking below the canvas' smallest scale.
    const LineagePaintParams p = m_view->canvas()->paintParams(QSizeF(m_view->canvas()->size()));
    QVERIFY(p.scale >= LineageCanvas::minScale);
    if (language == u"zh_CN"_s) QVERIFY2(m_view->legendTexts().join(u' ').contains(u"依赖"_s), qPrintable(m_view->legendTexts().join(u' ')));
}

void TestLineageView::wordCountScreenshots()
{
    QFETCH(QSize, size);
    QFETCH(bool, dark);
    QFETCH(bool, presenter);
    QFETCH(QString, language);
    QVERIFY(m_view->graph());
    shoot(QString::fromUtf8(QTest::currentDataTag()), size, dark, presenter, language);
    // The word count fits at full size even at 1280 x 400.
    const LineagePaintParams p = m_view->canvas()->paintParams(QSizeF(m_view->canvas()->size()));
    QVERIFY2(p.scale > 0.99 || presenter, qPrintable(QString::number(p.scale)));
}

void TestLineageView::windowAndStateShowAddedSubtractedAndTheCheckpointCut()
{
    m_languages->setLanguage(u"en"_s);
    m_controller->setTheme(Theme::make(Theme::Kind::Light, false));
    m_view->resize(1280, 400);
    QVERIFY(runTo(u"window_state.py"_s, QString::fromUtf8(kWindowState), 11));
    QTest::qWait(50);
    const auto s = m_controller->snapshot();
    int window = -1, state = -1;
    for (const auto &st : s->streams) {
        if (st.className == "PythonReducedWindowedDStream") window = st.id;
        if (st.className == "PythonStateDStream") state = st.id;
    }
    QVERIFY(window >= 0 && state >= 0);
    // The window at 10:00:11 (5 s, slide 1 s): the previous window plus 10:00:11, minus 10:00:06.
    m_controller->selection()->selectBox(kT0 + 11000, window);
    QVERIFY(m_view->graph());
    const auto &roles = m_view->windowRoles();
    QCOMPARE(roles.size(), m_view->graph()->nodes.size());
    std::vector<qint64> added, subtracted;
    for (std::size_t i = 0; i < roles.size(); ++i) {
        const auto &n = m_view->graph()->nodes[i];
        if (roles[i] == LineageWindowRole::Added) added.push_back(n.batchTime->ms());
        if (roles[i] == LineageWindowRole::Subtracted) subtracted.push_back(n.batchTime->ms());
    }
    QCOMPARE(added, std::vector<qint64>{kT0 + 11000});
    QCOMPARE(subtracted, std::vector<qint64>{kT0 + 6000});
    QVERIFY2(m_view->notesText().contains(u"plus 10:00:11, minus 10:00:06"_s), qPrintable(m_view->notesText()));
    QVERIFY(m_view->legendTexts().contains(u"added to the window"_s));
    QVERIFY(m_view->legendTexts().contains(u"subtracted from the window"_s));
    // The state at 10:00:11 reads the state of 10:00:10 from its checkpoint.
    m_controller->selection()->selectBox(kT0 + 11000, state);
    QVERIFY(m_view->graph());
    int cut = -1;
    for (std::size_t i = 0; i < m_view->graph()->nodes.size(); ++i)
        if (m_view->graph()->nodes[i].checkpointed) cut = static_cast<int>(i);
    QVERIFY(cut >= 0);
    QCOMPARE(m_view->graph()->nodes[static_cast<std::size_t>(cut)].batchTime->ms(), kT0 + 10000);
    QVERIFY2(m_view->notesText().contains(u"checkpointed"_s), qPrintable(m_view->notesText()));
    QVERIFY(m_view->debugText().contains(u"ReliableCheckpointRDD"_s));
    QVERIFY(m_view->legendTexts().contains(u"read from the checkpoint"_s));
    QVERIFY(!m_view->legendTexts().contains(u"added to the window"_s));
    // Before the checkpoint (10:00:09) the state's lineage reaches back batch by batch.
    m_controller->selection()->selectBatch(kT0 + 9000);
    QVERIFY(m_view->graph());
    QVERIFY(m_view->graph()->nodes.size() > 20);
    for (const auto &n : m_view->graph()->nodes) QVERIFY(!n.checkpointed);
}

void TestLineageView::windowStateScreenshots_data()
{
    QTest::addColumn<QString>("stream"); // the DStream class shown
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("dark");
    QTest::addColumn<bool>("presenter");
    QTest::addColumn<QString>("language");
    QTest::newRow("window-1280x400-light-en") << u"PythonReducedWindowedDStream"_s << QSize(1280, 400) << false << false << u"en"_s;
    QTest::newRow("window-1920x600-dark-zh_CN-presenter") << u"PythonReducedWindowedDStream"_s << QSize(1920, 600) << true << true << u"zh_CN"_s;
    QTest::newRow("state-1280x400-dark-zh_CN") << u"PythonStateDStream"_s << QSize(1280, 400) << true << false << u"zh_CN"_s;
    QTest::newRow("state-1920x600-light-en-presenter") << u"PythonStateDStream"_s << QSize(1920, 600) << false << true << u"en"_s;
}

void TestLineageView::windowStateScreenshots()
{
    QFETCH(QString, stream);
    QFETCH(QSize, size);
    QFETCH(bool, dark);
    QFETCH(bool, presenter);
    QFETCH(QString, language);
    int id = -1;
    for (const auto &st : m_controller->snapshot()->streams)
        if (QString::fromStdString(st.className) == stream) id = st.id;
    QVERIFY(id >= 0);
    m_controller->selection()->selectBox(kT0 + 11000, id);
    QVERIFY(m_view->graph());
    shoot(QString::fromUtf8(QTest::currentDataTag()), size, dark, presenter, language);
}

void TestLineageView::cleanupTestCase()
{
    m_view.reset();
    m_controller.reset();
    m_session.reset();
}

QTEST_MAIN(TestLineageView)
#include "tst_lineageview.moc"
