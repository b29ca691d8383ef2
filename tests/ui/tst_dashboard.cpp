// The main window over a real run: keyboard run control, step back then forward reproducing the
// same word counts, and screenshots in en and zh_CN with every view drawn (offscreen).
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/inputscript.h"
#include "app/programsession.h"
#include "ui/runsnapshot.h"
#endif
#include "ui/batchdelaychart.h"
#include "ui/codepanel.h"
#include "ui/languagemanager.h"
#include "ui/mainwindow.h"
#include "ui/ncinputpanel.h"
#include "ui/pprintconsole.h"
#include "ui/rddrecordspanel.h"
#include "ui/batchselection.h"
#include "ui/timelinemapping.h"
#include "ui/runstatusstrip.h"
#include "ui/simulationcontroller.h"
#include "ui/streamtimelineview.h"
#include "ui/wordcountmodel.h"
#include "ui/wordcountpanel.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QTabWidget>
#include <QTest>
#include <QToolBar>

#include <map>

using namespace dsl;
using namespace dsl::ui;

namespace {
QString readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

/// Share of pixels that differ clearly from the image's most common colour ("ink").
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
            const int d = std::abs(qRed(c) - qRed(bg)) + std::abs(qGreen(c) - qGreen(bg)) + std::abs(qBlue(c) - qBlue(bg));
            ink += d > 60;
            ++total;
        }
    return total ? static_cast<double>(ink) / total : 0;
}

QStringList countRows(const WordCountModel &m)
{
    QStringList out;
    for (const auto &r : m.rows()) out << r.word + QLatin1Char('=') + QString::number(r.count);
    return out;
}
} // namespace

class TestDashboard : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void arrowKeysStepBatchesAndStepBackReplaysIdentically();
    void screenshots_data();
    void screenshots();
    void clickingABoxShowsItsRecordsAndLineage();
    void cleanupTestCase();

private:
    bool waitPaused(int batches);
    std::unique_ptr<app::ProgramSession> m_session;
    std::unique_ptr<SimulationController> m_controller;
    std::unique_ptr<LanguageManager> m_languages;
    std::unique_ptr<MainWindow> m_window;
    std::uint64_t m_serial = 0;
};

void TestDashboard::initTestCase()
{
    app::ProgramSession::Config cfg;
    cfg.startTime = SimTime(1'795'514'400'000); // 2026-11-24 10:00:00 UTC (TZ=UTC set below)
    cfg.pythonPackageDir = DSTREAMLAB_SOURCE_DIR "/resources/python";
    m_session = std::make_unique<app::ProgramSession>(cfg);
    std::vector<app::ScriptLine> lines;
    std::string err;
    QVERIFY(app::parseInputScript(readFile(QStringLiteral(DSTREAMLAB_SOURCE_DIR "/docs/screenshots/wordcount.input")).toStdString(),
                                  lines, err));
    std::vector<std::pair<Duration, std::string>> input;
    for (const auto &l : lines) input.emplace_back(l.offset, l.text);
    QVERIFY(m_session->addInput(input));
    m_controller = std::make_unique<SimulationController>(m_session.get());
    m_languages = std::make_unique<LanguageManager>();
    m_languages->setLanguage(QStringLiteral("en"));
    m_window = std::make_unique<MainWindow>(m_controller.get(), m_languages.get(), false);
    m_window->setProgram(QStringLiteral("network_wordcount.py"),
                         readFile(QStringLiteral(DSTREAMLAB_SOURCE_DIR "/resources/programs/network_wordcount.py")));
    m_window->resize(1920, 1080);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

bool TestDashboard::waitPaused(int batches)
{
    const bool ok = QTest::qWaitFor(
        [&] {
            const auto &s = m_controller->snapshot();
            return s && s->serial > m_serial && s->phase == RunPhase::Paused && s->completedBatches == batches;
        },
        30000);
    if (ok) m_serial = m_controller->snapshot()->serial;
    return ok;
}

void TestDashboard::arrowKeysStepBatchesAndStepBackReplaysIdentically()
{
    QWidget *keys = m_window->timeline();
    QCOMPARE(QApplication::focusWidget(), keys);
    for (int b = 1; b <= 3; ++b) {
        QTest::keyClick(keys, Qt::Key_Right);
        QVERIFY2(waitPaused(b), qPrintable(QStringLiteral("batch %1").arg(b)));
    }
    const WordCountModel *model = m_window->wordCounts()->model();
    const QStringList counts = countRows(*model);
    const std::string console = *m_controller->snapshot()->console;
    QVERIFY(!counts.isEmpty());
    QCOMPARE(m_window->statusStrip()->stateText(), QStringLiteral("ACTIVE"));

    QTest::keyClick(keys, Qt::Key_Left);
    QVERIFY(waitPaused(2));
    QVERIFY(countRows(*model) != counts); // batch 2's counts
    QTest::keyClick(keys, Qt::Key_Right);
    QVERIFY(waitPaused(3));
    QCOMPARE(countRows(*model), counts);
    QCOMPARE(*m_controller->snapshot()->console, console);
    // One more batch for the screenshots.
    QTest::keyClick(keys, Qt::Key_Right);
    QVERIFY(waitPaused(4));
}

void TestDashboard::screenshots_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("runText");
    QTest::addColumn<QString>("countsHeader");
    QTest::newRow("en") << QStringLiteral("en") << QStringLiteral("Run") << QStringLiteral("Word");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN") << QStringLiteral("运行") << QStringLiteral("单词");
}

void TestDashboard::screenshots()
{
    QFETCH(QString, language);
    QFETCH(QString, runText);
    QFETCH(QString, countsHeader);
    QVERIFY(m_languages->setLanguage(language));
    QCoreApplication::processEvents();
    QTest::qWait(900); // the drop-in and bar animations settle
    // Every visible string went through the translator.
    QAction *run = m_window->findChild<QToolBar *>(QStringLiteral("runToolBar"))->actions().front();
    QCOMPARE(run->text(), runText);
    QCOMPARE(m_window->wordCounts()->model()->headerData(0, Qt::Horizontal).toString(), countsHeader);

    const QImage shot = m_window->grab().toImage();
    QCOMPARE(shot.size(), QSize(1920, 1080));
    QVERIFY(inkFraction(shot) > 0.05);
    const QString dir = qEnvironmentVariableIsSet("DSTREAMLAB_SCREENSHOT_DIR")
                            ? qEnvironmentVariable("DSTREAMLAB_SCREENSHOT_DIR")
                            : QDir::currentPath();
    QVERIFY(shot.save(dir + QStringLiteral("/main-%1.png").arg(language)));

    // The expected regions are drawn, each with content.
    const std::vector<std::pair<const char *, QWidget *>> regions{
        {"timeline", m_window->timeline()},   {"nc panel", m_window->ncPanel()},
        {"word counts", m_window->wordCounts()}, {"pprint console", m_window->console()},
        {"delay chart", m_window->delayChart()}, {"code", m_window->codePanel()},
    };
    for (const auto &[name, w] : regions) {
        QVERIFY2(w->isVisible() && w->width() > 150 && w->height() > 100, name);
        const double ink = inkFraction(w->grab().toImage());
        QVERIFY2(ink > 0.01, qPrintable(QStringLiteral("%1 looks blank (%2)").arg(QLatin1String(name)).arg(ink)));
    }
    QVERIFY(m_window->ncPanel()->transcript().contains(QStringLiteral("hello 你好")));
    QCOMPARE(m_window->statusStrip()->clockText().left(8), QStringLiteral("10:00:04"));
}

void TestDashboard::clickingABoxShowsItsRecordsAndLineage()
{
    m_languages->setLanguage(QStringLiteral("en"));
    const auto s = m_controller->snapshot();
    const StreamTimelineView *view = m_window->timeline();
    const TimelineMapping &m = view->mapping();
    // Row 1 is `words`; the box of batch 10:00:04 spans (10:00:03, 10:00:04].
    const qint64 batch = 1'795'514'404'000;
    const QPoint at(static_cast<int>(m.timeToX(batch - 500)), static_cast<int>(m.rowTop(1) + m.rowHeight / 2));
    QTest::mouseClick(m_window->timeline(), Qt::LeftButton, {}, at);
    QCOMPARE(m_controller->selection()->batchTime(), std::optional<qint64>(batch));
    const StreamSnapshot *words = s->stream(m_controller->selection()->streamId());
    QVERIFY(words);
    QCOMPARE(words->opName, std::string("flatMap"));
    QCOMPARE(m_window->bottomTabs()->currentWidget(), static_cast<QWidget *>(m_window->recordsPanel()));
    // Batch 10:00:04 got "spark spark spark" and "hello 你好": five words.
    QCOMPARE(m_window->recordsPanel()->recordsText(),
             QStringLiteral("'spark'\n'spark'\n'spark'\n'hello'\n'你好'"));
    QVERIFY(m_window->codePanel()->litLine() == words->line());
    m_controller->selection()->followLatest();
}

void TestDashboard::cleanupTestCase()
{
    m_window.reset();
    m_controller.reset();
    m_session.reset();
}

int main(int argc, char **argv)
{
    qputenv("TZ", "UTC"); // the clock texts of the screenshots
    QApplication app(argc, argv);
    QApplication::setStyle(QStringLiteral("Fusion"));
    TestDashboard t;
    return QTest::qExec(&t, argc, argv);
}
#include "tst_dashboard.moc"
