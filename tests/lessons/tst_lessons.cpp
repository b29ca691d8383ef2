// Qt Test: the lessons in lessons/ — their lesson.json and files, their numbering, and what their
// programs print (golden stdout, expected stderr lines, pinned fingerprint; docs/conventions.md §7, §9).
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QString lessonsDir() { return QStringLiteral(DSTREAMLAB_SOURCE_DIR "/lessons"); }

QStringList lessonFolders()
{
    return QDir(lessonsDir()).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QJsonObject lessonJson(const QString &folder, QString *error = nullptr)
{
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(readFile(lessonsDir() + u'/' + folder + u"/lesson.json"_s), &pe);
    if (error) *error = pe.error == QJsonParseError::NoError ? QString() : pe.errorString();
    return doc.object();
}

/// Copies `from` into `to`, folders and all.
bool copyTree(const QString &from, const QString &to)
{
    if (!QDir().mkpath(to)) return false;
    const QDir src(from);
    for (const QFileInfo &fi : src.entryInfoList(QDir::Dirs | QDir::Files | QDir::NoDotAndDotDot)) {
        const QString dest = to + u'/' + fi.fileName();
        if (fi.isDir() ? !copyTree(fi.filePath(), dest) : !QFile::copy(fi.filePath(), dest)) return false;
    }
    return true;
}

/// Three of the shipped lessons (1, 3 and 13, the one with a driver restart) in a folder of their
/// own: `lesson check` of the whole folder is the ctest `lesson_check` (two minutes under load), so
/// the row that checks the command's lines checks these three.
QString threeLessonsDir()
{
    static QTemporaryDir dir;
    static const bool copied = [] {
        bool ok = dir.isValid();
        for (const char *folder : {"01-network-wordcount", "03-running-totals", "13-checkpoint-recovery"})
            ok = ok && copyTree(lessonsDir() + u'/' + QLatin1StringView(folder), dir.path() + u'/' + QLatin1StringView(folder));
        return ok;
    }();
    return copied ? dir.path() : QString();
}

struct Run {
    QByteArray out, err;
    int exitCode = -1;
};

/// Runs a process in `cwd` with TZ=UTC (the goldens' time zone); two minutes at most.
Run runIn(const QString &cwd, const QString &program, const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(cwd);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"TZ"_s, u"UTC"_s);
    p.setProcessEnvironment(env);
    p.start(program, args);
    Run r;
    if (!p.waitForStarted(10000)) return r;
    p.closeWriteChannel();
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
    }
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return r;
}

} // namespace

class TestLessons : public QObject {
    Q_OBJECT

private slots:
    void numberedFromOneWithoutGaps()
    {
        const QStringList folders = lessonFolders();
        QVERIFY2(!folders.isEmpty(), "no lesson folders");
        for (int i = 0; i < folders.size(); ++i) {
            const QString prefix = QStringLiteral("%1-").arg(i + 1, 2, 10, QChar(u'0'));
            QVERIFY2(folders[i].startsWith(prefix), qPrintable(folders[i] + u" should start with "_s + prefix));
        }
    }

    void wellFormed_data()
    {
        QTest::addColumn<QString>("folder");
        for (const QString &f : lessonFolders()) QTest::newRow(qPrintable(f)) << f;
    }
    void wellFormed()
    {
        QFETCH(QString, folder);
        QString error;
        const QJsonObject o = lessonJson(folder, &error);
        QVERIFY2(error.isEmpty(), qPrintable(u"lesson.json: "_s + error));
        QCOMPARE(o.value(u"id"_s).toString(), folder);
        QCOMPARE(o.value(u"number"_s).toInt(), folder.left(2).toInt());
        for (const char *lang : {"en", "zh_CN"}) {
            const QString l = QString::fromLatin1(lang);
            QVERIFY2(!o.value(u"title"_s).toObject().value(l).toString().isEmpty(), qPrintable(u"title."_s + l));
            const QString text = o.value(u"text"_s).toObject().value(l).toString();
            QVERIFY2(readFile(lessonsDir() + u'/' + folder + u'/' + text).size() > 200, qPrintable(u"text."_s + l));
        }
        QVERIFY(!o.value(u"concepts"_s).toArray().isEmpty());
        for (const char *key : {"program", "input", "expected"}) {
            const QString file = o.value(QString::fromLatin1(key)).toString();
            QVERIFY2(!file.isEmpty() && QFileInfo::exists(lessonsDir() + u'/' + folder + u'/' + file), key);
        }
        QVERIFY2(o.value(u"fingerprint"_s).toString().size() == 16, "fingerprint must be pinned (16 hex digits)");
    }

    void programPrintsGolden_data()
    {
        QTest::addColumn<QString>("folder");
        for (const QString &f : lessonFolders()) QTest::newRow(qPrintable(f)) << f;
    }
    void programPrintsGolden()
    {
        QFETCH(QString, folder);
        const QJsonObject o = lessonJson(folder);
        const QString dir = lessonsDir() + u'/' + folder;
        QTemporaryDir cwd; // stateful lessons write their checkpoint folder into the working directory
        QVERIFY(cwd.isValid());
        QStringList args{u"run"_s, dir + u'/' + o.value(u"program"_s).toString(), u"--input"_s,
                         dir + u'/' + o.value(u"input"_s).toString(), u"--start-time"_s, u"2026-11-24 10:00:00"_s,
                         u"--fingerprint"_s};
        for (const auto &a : o.value(u"args"_s).toArray()) args << a.toString();
        const Run r = runIn(cwd.path(), QStringLiteral(DSTREAMLAB_BIN), args);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(QString::fromUtf8(r.out), QString::fromUtf8(readFile(dir + u'/' + o.value(u"expected"_s).toString())));
        for (const auto &line : o.value(u"stderr"_s).toArray())
            QVERIFY2(r.err.contains(line.toString().toUtf8()), qPrintable(u"stderr lacks: "_s + line.toString()));
        // Pinned per lesson (docs/conventions.md §7): a change of behaviour must update it deliberately.
        const QString pinned = o.value(u"fingerprint"_s).toString();
        const QString got = QString::fromUtf8(r.err.mid(r.err.lastIndexOf("fingerprint: ") + 13, 16));
        QVERIFY2(got == pinned, qPrintable(u"fingerprint "_s + got + u", lesson.json pins "_s + pinned +
                                           u" (command: dstreamlab "_s + args.join(u' ') + u')'));
    }

    void goldenMatchesIndependentReference_data()
    {
        QTest::addColumn<QString>("folder");
        for (const QString &f : lessonFolders())
            if (lessonJson(f).contains(u"reference"_s)) QTest::newRow(qPrintable(f)) << f;
    }
    /// A word-count golden equals what tests/programs/reference_wordcount.py (plain Python, no
    /// DStream Lab code) computes from the same input.
    void goldenMatchesIndependentReference()
    {
        QFETCH(QString, folder);
        const QJsonObject o = lessonJson(folder);
        const QString dir = lessonsDir() + u'/' + folder;
        QString python = u"/usr/bin/python3"_s;
        if (!QFileInfo(python).isExecutable()) python = QStandardPaths::findExecutable(u"python3"_s);
        QVERIFY2(!python.isEmpty(), "python3 is a build dependency (python3-dev)");
        QStringList args{QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/programs/reference_wordcount.py"),
                         dir + u'/' + o.value(u"input"_s).toString(), u"--start"_s, u"2026-11-24 10:00:00"_s};
        args << QProcess::splitCommand(o.value(u"reference"_s).toString());
        const Run r = runIn(dir, python, args);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(QString::fromUtf8(r.out), QString::fromUtf8(readFile(dir + u'/' + o.value(u"expected"_s).toString())));
    }

    /// `dstreamlab lesson ...`: exit status and lines its output must hold (docs/lessons.md).
    void lessonCommand_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QStringList>("stdoutLines");
        QTest::addColumn<QStringList>("stderrLines");
        const QString bad = QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/lessons/bad");
        QTest::newRow("list-in-english")
            << QStringList{u"lesson"_s, u"list"_s, u"--lang"_s, u"en"_s, u"--dir"_s, lessonsDir()} << 0
            << QStringList{u"01-network-wordcount  1  Network word count: a DStream is a sequence of RDDs  (7 steps)"_s,
                           u"02-local1-starvation  2  local[1]: the receiver takes the only core  (3 steps)"_s,
                           u"03-running-totals  3  Running totals with updateStateByKey  (4 steps)"_s,
                           u"04-sliding-window  4  Sliding windows with reduceByKeyAndWindow  (3 steps)"_s}
            << QStringList{};
        QTest::newRow("list-in-chinese")
            << QStringList{u"lesson"_s, u"list"_s, u"--lang"_s, u"zh_CN"_s, u"--dir"_s, lessonsDir()} << 0
            << QStringList{u"03-running-totals  3  用 updateStateByKey 累计总数  (4 steps)"_s} << QStringList{};
        QTest::newRow("check-passes-shipped-lessons-1-3-and-13")
            << QStringList{u"lesson"_s, u"check"_s, threeLessonsDir()} << 0
            << QStringList{u"ok 01-network-wordcount: 7 steps, 5 questions, 1 exercises"_s,
                           u"ok 03-running-totals: 4 steps, 2 questions, 1 exercises"_s,
                           u"ok 13-checkpoint-recovery: 4 steps, 3 questions, 0 exercises"_s}
            << QStringList{};
        QTest::newRow("check-names-file-and-field-of-each-bad-lesson")
            << QStringList{u"lesson"_s, u"check"_s, bad} << 1 << QStringList{}
            << QStringList{bad + u"/01-invalid-json/lesson.json: invalid JSON at line 4, column 3: unterminated object"_s,
                           bad + u"/02-missing-language/lesson.json: field steps[1].narration.zh_CN: missing: every text needs both zh_CN and en"_s,
                           bad + u"/03-unknown-action/lesson.json: field steps[0].actions[1].do: unknown action kind 'pause' (expected one of: type, run, select, open, restart, fault)"_s,
                           bad + u"/04-unknown-stream/lesson.json: field steps[0].question.answer.stream: no DStream named 'wordCount' in program.py (its DStreams: lines, words, pairs, wordCounts)"_s};
        // Lesson 3: hello 2 + 1 in batch 2; batch 3 has no hello, the state keeps 3 (option B).
        QTest::newRow("run-reveals-computed-answers")
            << QStringList{u"lesson"_s, u"run"_s, u"3"_s, u"--lang"_s, u"en"_s, u"--dir"_s, lessonsDir()} << 0
            << QStringList{u"== Step 1/4"_s, u"-- answer: 3"_s, u"-- answer: B) 3: the state keeps the total so far (the run gives 3)"_s,
                           u"('hello', 3)"_s}
            << QStringList{};
        // Lesson 11: program_no_checkpoint.py prints start()'s error after its last batch (it has none).
        QTest::newRow("run-shows-what-a-variant-prints-after-its-last-step")
            << QStringList{u"lesson"_s, u"run"_s, u"11"_s, u"--lang"_s, u"en"_s, u"--dir"_s, lessonsDir()} << 0
            << QStringList{u"-- the rest of program_no_checkpoint.py's output"_s,
                           u"start() failed: java.lang.IllegalArgumentException: requirement failed: The checkpoint directory "
                           u"has not been set. Please set it by StreamingContext.checkpoint()."_s}
            << QStringList{};
        // Lesson 13 (its derivation.md): spark 5 at 10:00:10; the new driver runs 10:00:10 first; 5 + 2 = 7.
        QTest::newRow("run-restarts-the-driver-from-the-checkpoint")
            << QStringList{u"lesson"_s, u"run"_s, u"13"_s, u"--lang"_s, u"en"_s, u"--dir"_s, lessonsDir()} << 0
            << QStringList{u"> the driver stops; a new driver starts at 2026-11-24 10:00:13 with the same checkpoint folder"_s,
                           u"-- answer: 5"_s,
                           u"-- answer: A) 10:00:10: the checkpoint's batch runs again, then 11, 12 and 13, the down time's batches"_s,
                           u"-- answer: B) 7: the checkpoint's 5 plus two (the run gives 7)"_s}
            << QStringList{};
        QTest::newRow("exercise-with-the-reference-passes")
            << QStringList{u"lesson"_s, u"exercise"_s, u"1"_s, lessonsDir() + u"/01-network-wordcount/exercise_lowercase.py"_s,
                           u"--dir"_s, lessonsDir()}
            << 0 << QStringList{u"passed: the output equals the reference's"_s} << QStringList{};
        QTest::newRow("unknown-lesson-is-a-usage-error")
            << QStringList{u"lesson"_s, u"run"_s, u"99"_s, u"--dir"_s, lessonsDir()} << 2 << QStringList{}
            << QStringList{u"dstreamlab lesson: no lesson '99' in "_s + lessonsDir()};
    }
    void lessonCommand()
    {
#ifndef DSTREAMLAB_HAVE_LESSONS
        QSKIP("built without the lessons library (DSTREAMLAB_BUILD_GUI=OFF)");
#endif
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QStringList, stdoutLines);
        QFETCH(QStringList, stderrLines);
        QTemporaryDir cwd;
        const Run r = runIn(cwd.path(), QStringLiteral(DSTREAMLAB_BIN), args);
        QVERIFY2(r.exitCode == exitCode, r.err.constData());
        const QStringList out = QString::fromUtf8(r.out).split(u'\n');
        const QStringList err = QString::fromUtf8(r.err).split(u'\n');
        for (const QString &line : stdoutLines) QVERIFY2(out.contains(line), qPrintable(u"stdout lacks: "_s + line));
        for (const QString &line : stderrLines) QVERIFY2(err.contains(line), qPrintable(u"stderr lacks: "_s + line));
    }
};

QTEST_GUILESS_MAIN(TestLessons)
#include "tst_lessons.moc"
