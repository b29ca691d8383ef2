// `dstreamlab --screenshot --lesson ID --step K`: the app opens the lesson, carries out the steps
// before K, renders the dashboard with the lesson panel in zh_CN and en; bad values are refused.
// The pictures are kept (DSTREAMLAB_SCREENSHOT_DIR, else the working folder) to be looked at.
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <map>

class TestLessonScreenshot : public QObject {
    Q_OBJECT
private slots:
    void aLessonStepIsRendered_data();
    void aLessonStepIsRendered();
    void badLessonArgumentsAreRefused_data();
    void badLessonArgumentsAreRefused();
};

namespace {
QProcess *runApp(const QStringList &args)
{
    auto *p = new QProcess;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("DSTREAMLAB_LESSONS_DIR"), QStringLiteral(DSTREAMLAB_SOURCE_DIR "/lessons"));
    p->setProcessEnvironment(env);
    p->start(QStringLiteral(DSTREAMLAB_BIN), args);
    return p;
}

/// Share of sampled pixels that differ clearly from the most common colour.
double inkFraction(const QImage &img)
{
    std::map<QRgb, int> hist;
    for (int y = 0; y < img.height(); y += 3)
        for (int x = 0; x < img.width(); x += 3) ++hist[img.pixel(x, y) & 0xF0F0F0];
    QRgb bg = 0;
    int best = 0;
    for (const auto &[c, n] : hist)
        if (n > best) best = n, bg = c;
    int ink = 0, total = 0;
    for (int y = 0; y < img.height(); y += 3)
        for (int x = 0; x < img.width(); x += 3) {
            const QRgb c = img.pixel(x, y);
            ink += std::abs(qRed(c) - qRed(bg)) + std::abs(qGreen(c) - qGreen(bg)) + std::abs(qBlue(c) - qBlue(bg)) > 60;
            ++total;
        }
    return total ? static_cast<double>(ink) / total : 0;
}
} // namespace

void TestLessonScreenshot::aLessonStepIsRendered_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("step");
    QTest::addColumn<QString>("size");
    QTest::newRow("lesson-1-step-2-in-chinese") << QStringLiteral("zh_CN") << QStringLiteral("2") << QStringLiteral("1920x1080");
    QTest::newRow("lesson-1-step-2-in-english") << QStringLiteral("en") << QStringLiteral("2") << QStringLiteral("1920x1080");
    QTest::newRow("lesson-1-step-5-in-chinese-after-typed-lines")
        << QStringLiteral("zh_CN") << QStringLiteral("5") << QStringLiteral("1920x1080");
}

void TestLessonScreenshot::aLessonStepIsRendered()
{
    QFETCH(QString, language);
    QFETCH(QString, step);
    QFETCH(QString, size);
    const QString dir = qEnvironmentVariableIsSet("DSTREAMLAB_SCREENSHOT_DIR") ? qEnvironmentVariable("DSTREAMLAB_SCREENSHOT_DIR")
                                                                              : QDir::currentPath();
    const QString png = dir + QStringLiteral("/lesson1-step%1-%2.png").arg(step, language);
    QFile::remove(png);
    std::unique_ptr<QProcess> p(runApp({QStringLiteral("--screenshot"), png, QStringLiteral("--lesson"), QStringLiteral("1"),
                                        QStringLiteral("--step"), step, QStringLiteral("--lang"), language,
                                        QStringLiteral("--size"), size}));
    QVERIFY(p->waitForFinished(150000));
    QVERIFY2(p->exitCode() == 0, p->readAllStandardError().constData());
    QVERIFY(QString::fromUtf8(p->readAllStandardOutput()).contains(QStringLiteral("rendered the lesson step")));
    const QImage img(png);
    QCOMPARE(img.size(), QSize(1920, 1080));
    QVERIFY(inkFraction(img) > 0.05);
    // The lesson panel is docked on the right: its part of the picture has text in it.
    QVERIFY(inkFraction(img.copy(img.width() - 380, 80, 360, 700)) > 0.01);
}

void TestLessonScreenshot::badLessonArgumentsAreRefused_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("stderrHas");
    QTest::newRow("an-unknown-lesson") << QStringList{QStringLiteral("--lesson"), QStringLiteral("99")}
                                       << QStringLiteral("no lesson '99'");
    QTest::newRow("a-step-past-the-end") << QStringList{QStringLiteral("--lesson"), QStringLiteral("1"), QStringLiteral("--step"),
                                                        QStringLiteral("40")}
                                         << QStringLiteral("has 7 steps");
    QTest::newRow("step-zero") << QStringList{QStringLiteral("--lesson"), QStringLiteral("1"), QStringLiteral("--step"),
                                              QStringLiteral("0")}
                               << QStringLiteral("--step needs a step number from 1");
    QTest::newRow("a-step-without-a-lesson") << QStringList{QStringLiteral("--step"), QStringLiteral("2")}
                                             << QStringLiteral("--step goes with --lesson");
}

void TestLessonScreenshot::badLessonArgumentsAreRefused()
{
    QFETCH(QStringList, args);
    QFETCH(QString, stderrHas);
    QTemporaryDir tmp;
    std::unique_ptr<QProcess> p(runApp(QStringList{QStringLiteral("--screenshot"), tmp.filePath(QStringLiteral("x.png"))} + args));
    QVERIFY(p->waitForFinished(60000));
    QCOMPARE(p->exitCode(), 2);
    const QString err = QString::fromUtf8(p->readAllStandardError());
    QVERIFY2(err.contains(stderrHas), qPrintable(err));
}

QTEST_GUILESS_MAIN(TestLessonScreenshot)
#include "tst_lessonscreenshot.moc"
