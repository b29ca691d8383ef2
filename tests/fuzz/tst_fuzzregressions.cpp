// Replays every fuzz regression (tests/data/fuzz/regressions/TARGET-NAME) and every seed
// (tests/data/fuzz/TARGET/*) through its harness in the normal build (docs/fuzzing.md).
#include <QDir>
#include <QFile>
#include <QTest>

#ifndef Q_MOC_RUN
#include "fuzzharness.h"
#endif

#include <map>

using namespace dsl::fuzz;

namespace {

using Harness = int (*)(const std::uint8_t *, std::size_t);

const std::map<QString, Harness> &harnesses()
{
    static const std::map<QString, Harness> all = {
        {QStringLiteral("inputscript"), fuzzInputScript}, {QStringLiteral("kafkascript"), fuzzKafkaScript},
        {QStringLiteral("faults"), fuzzFaults},           {QStringLiteral("lesson"), fuzzLesson},
        {QStringLiteral("journal"), fuzzJournal},         {QStringLiteral("checkpoint"), fuzzCheckpoint},
        {QStringLiteral("lineframer"), fuzzLineFramer},   {QStringLiteral("sqltranslate"), fuzzSqlTranslate},
        {QStringLiteral("value"), fuzzValue},
    };
    return all;
}

const QString kFuzzData = QStringLiteral(DSTREAMLAB_SHARED_DIR "/fuzz");

} // namespace

class TestFuzzRegressions : public QObject {
    Q_OBJECT

private slots:
    void everyTargetHasSeeds()
    {
        // A target without a seed corpus would start fuzzing from nothing; a folder that names
        // no target would be replayed by nothing.
        for (const auto &[name, harness] : harnesses())
            QVERIFY2(!QDir(kFuzzData + u'/' + name).entryList(QDir::Files).isEmpty(), qPrintable(name));
        for (const QString &dir : QDir(kFuzzData).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            QVERIFY2(dir == QLatin1String("regressions") || harnesses().count(dir), qPrintable(dir));
    }

    void replay_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("path");
        const QDir regressions(kFuzzData + QStringLiteral("/regressions"));
        for (const QString &file : regressions.entryList(QDir::Files, QDir::Name)) {
            // TARGET-NAME: the name says what the input once broke.
            QTest::newRow(qPrintable(QStringLiteral("regression-") + file))
                << file.section(u'-', 0, 0) << regressions.filePath(file);
        }
        for (const auto &[name, harness] : harnesses()) {
            const QDir seeds(kFuzzData + u'/' + name);
            for (const QString &file : seeds.entryList(QDir::Files, QDir::Name))
                QTest::newRow(qPrintable(QStringLiteral("seed-") + name + u'-' + file)) << name << seeds.filePath(file);
        }
    }

    void replay()
    {
        // A harness aborts with its broken invariant on stderr, or lets an undocumented exception
        // out (which fails this row); returning is passing.
        QFETCH(QString, target);
        QFETCH(QString, path);
        const auto it = harnesses().find(target);
        QVERIFY2(it != harnesses().end(), qPrintable(QStringLiteral("no harness named '") + target + QStringLiteral("' (file names are TARGET-NAME)")));
        QFile f(path);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
        const QByteArray bytes = f.readAll();
        QCOMPARE(it->second(reinterpret_cast<const std::uint8_t *>(bytes.constData()), std::size_t(bytes.size())), 0);
    }
};

QTEST_APPLESS_MAIN(TestFuzzRegressions)
#include "tst_fuzzregressions.moc"
