// The lesson panel over a real run: lesson 1 walked end to end (program, input and settings
// opened; predict before the run, revealed right and wrong; typed lines through the step's
// action; the exercise checked right and wrong in a child process, with its first difference),
// the code panel as an editor (syntax errors at their line, Run edited, Revert, Undo), progress
// kept in a temporary data folder across a restart, broken lessons listed, the list model tested,
// a lesson chosen in the list starting the clock at its fixed start, lesson 13's driver restart.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/lesson/lessonlibrary.h"
#include "app/session/programsession.h"
#include "app/session/runsnapshot.h"
#endif
#include "ui/batchselection.h"
#include "ui/codepanel.h"
#include "ui/codepanelbar.h"
#include "ui/languagemanager.h"
#include "ui/lessonexercisebox.h"
#include "ui/lessonexercisecheck.h"
#include "ui/lessonlistmodel.h"
#include "ui/lessonpanel.h"
#include "ui/lessonprogress.h"
#include "ui/lessonquestionbox.h"
#include "ui/mainwindow.h"
#include "ui/runstatusstrip.h"
#include "ui/simulationcontroller.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTreeView>
#include <QToolButton>

using namespace dsl;
using namespace dsl::ui;

namespace {
const QString kLessons = QStringLiteral(DSTREAMLAB_SOURCE_DIR "/lessons");
const QString kLesson1 = kLessons + QStringLiteral("/01-network-wordcount");

QString readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

/// The data folder and settings of this test only (progress must not touch the user's).
QTemporaryDir &home()
{
    static QTemporaryDir dir;
    return dir;
}
} // namespace

class TestLessonPanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void openingALessonLoadsItsProgramInputAndSettings();
    void aQuestionStepRunsOnlyAfterTheAnswerAndIsRevealedRight();
    void aWrongTypedAnswerShowsTheComputedValue();
    void aTypeActionSendsItsLinesBeforeTheRun();
    void theLanguageSwitchesLive();
    void exerciseReportParses_data();
    void exerciseReportParses();
    void theExerciseIsCheckedInAChildProcess_data();
    void theExerciseIsCheckedInAChildProcess();
    void anExerciseCheckCanBeCanceled();
    void aSyntaxErrorIsMarkedAtItsLine_data();
    void aSyntaxErrorIsMarkedAtItsLine();
    void runEditedRestartsWithTheEditedProgram();
    void revertRestoresTheOpenedProgramAndUndoBringsTheEditBack();
    void progressSurvivesARestartAndCanBeReset();
    void brokenLessonsAreListedAndTheOthersLoad();
    void theListModelPassesTheModelTester();
    void choosingALessonInTheListStartsTheClockAtItsStart_data();
    void choosingALessonInTheListStartsTheClockAtItsStart();
    void aRestartStepRunsANewDriverFromTheCheckpoint();
    void aProgramTheLessonShowsFailingIsTheStepsAnswer();
    void theLessonGoesOnWithTheNextProgramAfterAFailure();
    void theStepAfterAFailingProgramAsksFirst();
    void theAppsDatabaseChoiceOutlivesALessonsSettings();
    void cleanupTestCase();

private:
    LessonPanel *panel() const { return m_window->lessonPanel(); }
    bool waitRevealed(int timeoutMs = 60000);
    std::unique_ptr<session::ProgramSession> m_session;
    std::unique_ptr<SimulationController> m_controller;
    std::unique_ptr<LanguageManager> m_languages;
    std::unique_ptr<MainWindow> m_window;
};

void TestLessonPanel::initTestCase()
{
    QVERIFY(home().isValid());
    // Before anything asks QStandardPaths or QSettings: both live in the temporary folder.
    qputenv("XDG_DATA_HOME", QFile::encodeName(home().filePath(QStringLiteral("data"))));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home().filePath(QStringLiteral("config"))));
    QCoreApplication::setOrganizationName(QStringLiteral("DStreamLabTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_lessonpanel"));
    QVERIFY(LessonProgress::defaultFilePath().startsWith(home().path()));

    lesson::LessonLibrary lib;
    QVERIFY(lib.loadFolder(kLessons));
    const lesson::Lesson *l1 = lib.find(QStringLiteral("1"));
    QVERIFY(l1);
    session::ProgramSession::Config cfg;
    // Not the lessons' 10:00:00: opening a lesson must move the clock there (its fixed start).
    cfg.startTime = l1->settings.startTime + dsl::Duration(3 * 86400000LL + 4321000);
    cfg.pythonPackageDir = DSTREAMLAB_SOURCE_DIR "/resources/python";
    m_session = std::make_unique<session::ProgramSession>(cfg);
    m_controller = std::make_unique<SimulationController>(m_session.get());
    m_languages = std::make_unique<LanguageManager>();
    m_languages->setLanguage(QStringLiteral("en"));
    m_window = std::make_unique<MainWindow>(m_controller.get(), m_languages.get(), /*useSettings=*/true);
    m_window->setProgram(QStringLiteral("network_wordcount.py"),
                         readFile(QStringLiteral(DSTREAMLAB_SOURCE_DIR "/resources/programs/network_wordcount.py")));
    m_window->setLessonsFolder(kLessons);
    panel()->setExerciseProgram(QStringLiteral(DSTREAMLAB_BIN));
    m_controller->setSpeed(0); // as fast as possible: steps run in moments
    m_window->resize(1920, 1080);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

bool TestLessonPanel::waitRevealed(int timeoutMs)
{
    return QTest::qWaitFor([&] { return panel()->questionBox()->isRevealed(); }, timeoutMs);
}

void TestLessonPanel::openingALessonLoadsItsProgramInputAndSettings()
{
    QVERIFY(!m_window->lessonDock()->isVisible());
    m_window->lessonsAction()->trigger(); // Lessons > Show lessons (Ctrl+L)
    QVERIFY(m_window->lessonDock()->isVisible());
    // (Lessons being written alongside may have problems of their own; lesson 1 has none.)
    QVERIFY2(!panel()->problemsText().contains(QStringLiteral("01-network-wordcount")), qPrintable(panel()->problemsText()));
    QCOMPARE(panel()->listModel()->rowCount(), static_cast<int>(panel()->library().lessons().size()));

    QVERIFY(m_window->openLesson(QStringLiteral("1"), 0));
    QTRY_VERIFY_WITH_TIMEOUT(!panel()->isBusy(), 20000);
    QCOMPARE(m_controller->driver()->programFileName(), kLesson1 + QStringLiteral("/program.py"));
    QCOMPARE(m_window->codePanel()->toPlainText(), readFile(kLesson1 + QStringLiteral("/program.py")));
    const session::RunOptions o = m_controller->driver()->options();
    QCOMPARE(o.master, QStringLiteral("local[2]"));
    QCOMPARE(o.batchIntervalMs, std::optional<qint64>(1000));
    QCOMPARE(m_controller->driver()->inputLogSize(), std::size_t(5)); // input.txt's five lines
    QTRY_COMPARE(m_controller->snapshot()->startTime, panel()->player()->lesson().settings.startTime);
    QVERIFY(panel()->narrationText().contains(QStringLiteral("StreamingContext")));
    QCOMPARE(panel()->player()->currentStep(), 0);
}

void TestLessonPanel::aQuestionStepRunsOnlyAfterTheAnswerAndIsRevealedRight()
{
    QVERIFY(panel()->next()); // step 2: how many partitions has `lines` in batch 1?
    QTRY_VERIFY(!panel()->isBusy());
    QVERIFY(panel()->questionBox()->isVisible());
    QVERIFY(panel()->statusText().contains(QStringLiteral("Answer first")));
    // Predict before the run: nothing of batch 1 has run yet, and Check waits for an answer.
    QCOMPARE(m_controller->snapshot()->completedBatches, 0);
    QVERIFY(!panel()->questionBox()->checkButton()->isEnabled());
    panel()->questionBox()->chooseOption(0); // "1"
    QVERIFY(panel()->questionBox()->checkButton()->isEnabled());
    QTest::mouseClick(panel()->questionBox()->checkButton(), Qt::LeftButton);
    QVERIFY(waitRevealed());
    QVERIFY2(panel()->questionBox()->resultText().contains(QStringLiteral("Right")),
             qPrintable(panel()->questionBox()->resultText()));
    QVERIFY(m_controller->snapshot()->completedBatches >= 1);
    // The select action moved the batch cursor to batch 1 (10:00:01).
    QCOMPARE(m_controller->selection()->batchTime(), std::optional<qint64>(m_controller->snapshot()->startTime.ms() + 1000));
    QVERIFY(!panel()->questionBox()->checkButton()->isEnabled()); // revealed: the answer is locked
}

void TestLessonPanel::aWrongTypedAnswerShowsTheComputedValue()
{
    QVERIFY(panel()->next()); // step 3: records of `words` in batch 2 (2 + 4 = 6)
    QTRY_VERIFY(!panel()->isBusy());
    panel()->questionBox()->typeValue(QStringLiteral("5"));
    QTest::mouseClick(panel()->questionBox()->checkButton(), Qt::LeftButton);
    QVERIFY(waitRevealed());
    const QString r = panel()->questionBox()->resultText();
    QVERIFY2(r.contains(QStringLiteral("Not quite")) && r.contains(QStringLiteral("6")), qPrintable(r));
    // The lineage view of batch 2 shows `words` (the stream asked about).
    QCOMPARE(m_controller->selection()->batchTime(), std::optional<qint64>(m_controller->snapshot()->startTime.ms() + 2000));
    const QVariant right = panel()->listModel()->data(panel()->listModel()->index(0, 0), LessonListModel::RightAnswersRole);
    QCOMPARE(right.toInt(), 1);
}

void TestLessonPanel::aTypeActionSendsItsLinesBeforeTheRun()
{
    QVERIFY(panel()->next()); // step 4: what batch 2 prints for hello
    QTRY_VERIFY(!panel()->isBusy());
    panel()->questionBox()->chooseOption(0);
    QTest::mouseClick(panel()->questionBox()->checkButton(), Qt::LeftButton);
    QVERIFY(waitRevealed());
    QVERIFY(panel()->questionBox()->resultText().contains(QStringLiteral("Right")));
    const std::size_t before = m_controller->driver()->inputLogSize();
    QVERIFY(panel()->next()); // step 5: type "hello spark hello", run to batch 5
    QTRY_VERIFY(!panel()->isBusy());
    QCOMPARE(m_controller->driver()->inputLogSize(), before); // not before the answer
    panel()->questionBox()->typeValue(QStringLiteral("2"));
    QTest::mouseClick(panel()->questionBox()->checkButton(), Qt::LeftButton);
    QVERIFY(waitRevealed());
    QCOMPARE(m_controller->driver()->inputLogSize(), before + 1);
    QCOMPARE(QString::fromStdString(m_session->inputLog().back().text), QStringLiteral("hello spark hello"));
    QVERIFY(m_controller->snapshot()->completedBatches >= 5);
    QVERIFY2(panel()->questionBox()->resultText().contains(QStringLiteral("Right")), qPrintable(panel()->questionBox()->resultText()));
    // Back and Next again: the steps' actions are not carried out twice (no second typed line).
    QVERIFY(panel()->back());
    QCOMPARE(panel()->player()->currentStep(), 3);
    QVERIFY(panel()->next());
    QTRY_VERIFY(!panel()->isBusy());
    QCOMPARE(m_controller->driver()->inputLogSize(), before + 1);
}

void TestLessonPanel::theLanguageSwitchesLive()
{
    const QString en = panel()->narrationText();
    QVERIFY(m_languages->setLanguage(QStringLiteral("zh_CN")));
    QCoreApplication::processEvents(); // LanguageChange is posted to the windows
    QCOMPARE(LessonPanel::uiLanguage(), QStringLiteral("zh_CN"));
    QVERIFY(panel()->narrationText() != en);
    QVERIFY(panel()->narrationText().contains(QStringLiteral("输入")));
    QCOMPARE(panel()->findChild<QPushButton *>(QStringLiteral("lessonNext"))->text(), QStringLiteral("下一步 →"));
    QCOMPARE(panel()->questionBox()->checkButton()->text(), QStringLiteral("检查"));
    QVERIFY(m_languages->setLanguage(QStringLiteral("en")));
    QCoreApplication::processEvents();
    QCOMPARE(panel()->narrationText(), en);
    QCOMPARE(panel()->findChild<QPushButton *>(QStringLiteral("lessonNext"))->text(), QStringLiteral("Next →"));
}

void TestLessonPanel::exerciseReportParses_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("parsed");
    QTest::addColumn<bool>("passed");
    QTest::addColumn<int>("printLine");
    QTest::addColumn<QString>("statement");
    QTest::newRow("passed") << QByteArray(R"({"passed":true,"error":"","text":"passed"})") << true << true << 0 << QString();
    QTest::newRow("difference-names-the-pprint-line-and-statement")
        << QByteArray(R"j({"passed":false,"error":"","text":"x","difference":{"batchText":"10:00:06","print":1,)j"
                      R"j("printName":"the pprint at line 30 (wordCounts.pprint())","line":1,"expected":"('hello', 2)","got":"('hello', 1)"}})j")
        << true << false << 30 << QStringLiteral("wordCounts.pprint()");
    QTest::newRow("noise-before-the-json-line-is-skipped")
        << QByteArray("WARN something\n{\"passed\":false,\"error\":\"NameError: x\",\"text\":\"t\"}\n") << true << false << 0 << QString();
    QTest::newRow("not-json-is-no-report") << QByteArray("Traceback ...") << false << false << 0 << QString();
}

void TestLessonPanel::exerciseReportParses()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, parsed);
    QFETCH(bool, passed);
    QFETCH(int, printLine);
    QFETCH(QString, statement);
    const auto r = ExerciseReport::fromJson(json);
    QCOMPARE(r.has_value(), parsed);
    if (!r) return;
    QCOMPARE(r->passed, passed);
    QCOMPARE(r->printLine, printLine);
    QCOMPARE(r->printStatement, statement);
}

void TestLessonPanel::theExerciseIsCheckedInAChildProcess_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("program");
    QTest::addColumn<bool>("passes");
    QTest::addColumn<QStringList>("shown");
    QTest::newRow("the-unchanged-program-shows-its-first-difference-in-english")
        << QStringLiteral("en") << QStringLiteral("program.py") << false
        << QStringList{QStringLiteral("First difference"), QStringLiteral("batch 10:00:06"), QStringLiteral("line 30"),
                       QStringLiteral("expected"), QStringLiteral("got")};
    QTest::newRow("the-unchanged-program-shows-its-first-difference-in-chinese")
        << QStringLiteral("zh_CN") << QStringLiteral("program.py") << false
        << QStringList{QStringLiteral("第一处不同"), QStringLiteral("10:00:06"), QStringLiteral("第 30 行")};
    QTest::newRow("the-reference-solution-passes")
        << QStringLiteral("en") << QStringLiteral("exercise_lowercase.py") << true << QStringList{QStringLiteral("Passed")};
}

void TestLessonPanel::theExerciseIsCheckedInAChildProcess()
{
    QFETCH(QString, language);
    QFETCH(QString, program);
    QFETCH(bool, passes);
    QFETCH(QStringList, shown);
    // Step 7: the exercise (step 6 traces a count back to the typed lines).
    for (int guard = 0; panel()->player()->currentStep() != 6 && guard < 3; ++guard) {
        QTRY_VERIFY(!panel()->isBusy());
        QVERIFY(panel()->next());
    }
    QCOMPARE(panel()->player()->currentStep(), 6);
    QTRY_VERIFY(!panel()->isBusy());
    QVERIFY(panel()->exerciseBox()->isVisible());
    QVERIFY(m_languages->setLanguage(language));
    QCoreApplication::processEvents();
    m_window->codePanel()->setPlainText(readFile(kLesson1 + QLatin1Char('/') + program));
    QTest::mouseClick(panel()->exerciseBox()->checkButton(), Qt::LeftButton);
    QVERIFY(panel()->exerciseBox()->check()->isRunning());
    QVERIFY(panel()->exerciseBox()->cancelButton()->isVisible()); // progress, with a way out
    QTRY_VERIFY_WITH_TIMEOUT(!panel()->exerciseBox()->check()->isRunning(), 180000);
    const QString r = panel()->exerciseBox()->resultText();
    for (const QString &s : shown) QVERIFY2(r.contains(s), qPrintable(r));
    const LessonProgressEntry e = LessonProgress(LessonProgress::defaultFilePath()).entry(QStringLiteral("01-network-wordcount"));
    QCOMPARE(e.exercises.value(6), passes);
    QVERIFY(m_languages->setLanguage(QStringLiteral("en")));
}

void TestLessonPanel::anExerciseCheckCanBeCanceled()
{
    QTest::mouseClick(panel()->exerciseBox()->checkButton(), Qt::LeftButton);
    QVERIFY(panel()->exerciseBox()->check()->isRunning());
    QTest::mouseClick(panel()->exerciseBox()->cancelButton(), Qt::LeftButton);
    QTRY_VERIFY(!panel()->exerciseBox()->check()->isRunning());
    QCOMPARE(panel()->exerciseBox()->resultText(), QStringLiteral("Check canceled."));
}

void TestLessonPanel::aSyntaxErrorIsMarkedAtItsLine_data()
{
    QTest::addColumn<QString>("edit");
    QTest::addColumn<int>("atLine"); // 1-based line the edit goes in before
    QTest::addColumn<int>("errorLine");
    QTest::newRow("a-def-without-its-colon-is-marked-at-the-def")
        << QStringLiteral("def f(x)\n    return x\n") << 3 << 3;
    QTest::newRow("an-unclosed-bracket-is-marked-where-it-opens") << QStringLiteral("counts = (1,\n") << 5 << 5;
    QTest::newRow("a-valid-edit-marks-nothing") << QStringLiteral("x = 1\n") << 3 << 0;
}

void TestLessonPanel::aSyntaxErrorIsMarkedAtItsLine()
{
    QFETCH(QString, edit);
    QFETCH(int, atLine);
    QFETCH(int, errorLine);
    CodePanel *code = m_window->codePanel();
    code->setProgram(readFile(kLesson1 + QStringLiteral("/program.py")));
    QTRY_COMPARE(code->syntaxErrorLine(), 0);
    // Typed, as a student would: the check follows a pause in typing.
    QTextCursor c(code->document()->findBlockByNumber(atLine - 1));
    code->setTextCursor(c);
    code->setFocus();
    for (const QString &line : edit.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        QTest::keyClicks(code, line);
        QTest::keyClick(code, Qt::Key_Return);
    }
    QTRY_COMPARE_WITH_TIMEOUT(code->syntaxErrorLine(), errorLine, 5000);
    if (errorLine > 0)
        QVERIFY2(m_window->codeBar()->statusText().contains(QStringLiteral("line %1").arg(errorLine)),
                 qPrintable(m_window->codeBar()->statusText()));
    code->setProgram(readFile(kLesson1 + QStringLiteral("/program.py")));
}

void TestLessonPanel::runEditedRestartsWithTheEditedProgram()
{
    CodePanel *code = m_window->codePanel();
    const std::uint64_t oldRun = m_controller->snapshot()->runId;
    QString edited = code->toPlainText();
    edited.replace(QStringLiteral("wordCounts.pprint()"), QStringLiteral("wordCounts.filter(lambda kv: kv[0] == 'spark').pprint()"));
    QTextCursor c(code->document());
    c.select(QTextCursor::Document);
    c.insertText(edited);
    QVERIFY(code->isModified());
    m_controller->setSpeed(1.0);
    QTest::mouseClick(m_window->codeBar()->runButton(), Qt::LeftButton);
    QCOMPARE(m_controller->driver()->programSource(), edited);
    QTRY_VERIFY_WITH_TIMEOUT(m_controller->snapshot()->runId != oldRun && m_controller->snapshot()->completedBatches >= 2, 20000);
    QVERIFY(m_controller->isRunning());
    m_controller->pause();
    QTRY_VERIFY(!m_controller->isRunning());
    const QString console = QString::fromStdString(*m_controller->snapshot()->console);
    QVERIFY2(console.contains(QStringLiteral("('spark', 1)")) && !console.contains(QStringLiteral("'hello'")), qPrintable(console));
    QVERIFY(!code->isModified());
    m_controller->setSpeed(0);
}

void TestLessonPanel::revertRestoresTheOpenedProgramAndUndoBringsTheEditBack()
{
    CodePanel *code = m_window->codePanel();
    const QString original = readFile(kLesson1 + QStringLiteral("/program.py"));
    QCOMPARE(code->originalProgram(), original);
    const QString edited = code->toPlainText();
    QVERIFY(edited != original);
    QTest::mouseClick(m_window->codeBar()->revertButton(), Qt::LeftButton);
    QCOMPARE(code->toPlainText(), original);
    code->undo();
    QCOMPARE(code->toPlainText(), edited);
    code->redo();
    QCOMPARE(code->toPlainText(), original);
}

void TestLessonPanel::progressSurvivesARestartAndCanBeReset()
{
    const QString id = QStringLiteral("01-network-wordcount");
    {
        // Another process start: a fresh store reads the same file.
        LessonProgress again(LessonProgress::defaultFilePath());
        const LessonProgressEntry e = again.entry(id);
        QCOMPARE(e.currentStep, 6); // the exercise
        QCOMPARE(e.answers.value(1), true);
        QCOMPARE(e.answers.value(2), false);
        QCOMPARE(e.rightAnswers(), 3);
        QVERIFY(e.doneSteps.contains(0) && e.doneSteps.contains(1) && e.doneSteps.contains(4));
    }
    QVERIFY(panel()->openLesson(QStringLiteral("1"))); // where the student left off
    QCOMPARE(panel()->player()->currentStep(), 6);
    QTRY_VERIFY_WITH_TIMEOUT(!panel()->isBusy(), 60000);
    // Reopening carried the earlier steps' actions out again, the typed line included.
    QCOMPARE(QString::fromStdString(m_session->inputLog().back().text), QStringLiteral("hello spark hello"));
    QCOMPARE(m_session->inputLog().size(), std::size_t(6));

    LessonProgress store(home().filePath(QStringLiteral("other/progress.json")));
    store.recordAnswer(id, 1, true);
    store.reset(id);
    QVERIFY(!store.hasEntry(id));
    QVERIFY(!LessonProgress(store.filePath()).hasEntry(id));
}

void TestLessonPanel::brokenLessonsAreListedAndTheOthersLoad()
{
    QTemporaryDir dir;
    auto copy = [](const QString &from, const QString &to) {
        QDir().mkpath(to);
        for (const QString &f : QDir(from).entryList(QDir::Files)) QFile::copy(from + QLatin1Char('/') + f, to + QLatin1Char('/') + f);
    };
    copy(kLesson1, dir.filePath(QStringLiteral("01-network-wordcount")));
    copy(QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/lessons/bad/01-invalid-json"), dir.filePath(QStringLiteral("02-invalid-json")));
    copy(QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/lessons/bad/03-unknown-action"), dir.filePath(QStringLiteral("03-unknown-action")));
    panel()->setLessonsFolder(dir.path());
    QCOMPARE(panel()->listModel()->rowCount(), 1);
    const QString problems = panel()->problemsText();
    QVERIFY2(problems.contains(QStringLiteral("02-invalid-json/lesson.json: invalid JSON at line")), qPrintable(problems));
    QVERIFY2(problems.contains(QStringLiteral("03-unknown-action/lesson.json: field steps[0].actions[")), qPrintable(problems));
    panel()->setLessonsFolder(kLessons);
    QVERIFY(!panel()->problemsText().contains(QStringLiteral("invalid JSON")));
}

void TestLessonPanel::theListModelPassesTheModelTester()
{
    lesson::LessonLibrary lib;
    QVERIFY(lib.loadFolder(kLessons));
    LessonListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    LessonProgress progress{QString()};
    model.setProgress(&progress);
    model.setLessons(lib.lessons());
    QCOMPARE(model.rowCount(), static_cast<int>(lib.lessons().size()));
    progress.markDone(lib.lessons()[0].id, 0);
    progress.recordAnswer(lib.lessons()[0].id, 1, true);
    QCOMPARE(model.data(model.index(0, LessonListModel::ProgressColumn)).toString(), QStringLiteral("1/7 steps · 1 right"));
    model.setLanguage(QStringLiteral("zh_CN"));
    QCOMPARE(model.data(model.index(0, 0)).toString(), QStringLiteral("1  ") + lib.lessons()[0].title.zh_CN);
    progress.reset();
    QCOMPARE(model.data(model.index(0, 0), LessonListModel::DoneStepsRole).toInt(), 0);
    model.setLessons({});
    QCOMPARE(model.rowCount(), 0);
}

void TestLessonPanel::cleanupTestCase()
{
    m_window.reset();
    m_controller.reset();
    m_session.reset();
}

void TestLessonPanel::choosingALessonInTheListStartsTheClockAtItsStart_data()
{
    QTest::addColumn<QString>("lessonId");
    QTest::addColumn<int>("inputLines");
    QTest::newRow("lesson-3-chosen-while-the-clock-is-elsewhere") << QStringLiteral("03-running-totals") << 5;
    QTest::newRow("lesson-13-chosen-while-the-clock-is-elsewhere") << QStringLiteral("13-checkpoint-recovery") << 8;
}

/// A lesson chosen in the list (not through --lesson) applies its settings, its fixed start
/// too: the narration's 10:00:00 is the window's clock, and its input counts from there.
void TestLessonPanel::choosingALessonInTheListStartsTheClockAtItsStart()
{
    QFETCH(QString, lessonId);
    QFETCH(int, inputLines);
    m_window->lessonDock()->show();
    const qint64 elsewhere = QDateTime(QDate(2031, 5, 6), QTime(7, 8, 9)).toMSecsSinceEpoch();
    m_controller->execute(command::SetStartTime{elsewhere});
    QTRY_COMPARE(m_controller->snapshot()->startTime.ms(), elsewhere);
    auto *list = panel()->findChild<QTreeView *>(QStringLiteral("lessonList"));
    QVERIFY(list);
    const int row = panel()->listModel()->rowOf(lessonId);
    QVERIFY(row >= 0);
    const QModelIndex index = panel()->listModel()->index(row, 0);
    list->scrollTo(index);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(index).center());
    QVERIFY(panel()->player());
    QCOMPARE(panel()->player()->lesson().id, lessonId);
    const qint64 start = panel()->player()->lesson().settings.startTime.ms();
    QCOMPARE(start, QDateTime(QDate(2026, 11, 24), QTime(10, 0)).toMSecsSinceEpoch());
    QTRY_COMPARE(m_controller->snapshot()->startTime.ms(), start);
    QCOMPARE(m_controller->driver()->inputLogSize(), std::size_t(inputLines));
    const auto log = m_session->inputLog();
    QVERIFY(!log.empty());
    QCOMPARE(log.front().time.ms(), start + 500); // the input's first line, 0.5 s after 10:00:00
    QTRY_VERIFY_WITH_TIMEOUT(!panel()->isBusy(), 20000);
}

/// Lesson 13's restart step (lessons/13-checkpoint-recovery/derivation.md): after batch 10 the
/// driver stops; the new one starts at 10:00:13 in the lesson's folder, recovers from the
/// checkpoint, and runs the batches of 10:00:10 to 10:00:13 first.
void TestLessonPanel::aRestartStepRunsANewDriverFromTheCheckpoint()
{
    QVERIFY(m_window->openLesson(QStringLiteral("13"), 1));
    QTRY_VERIFY_WITH_TIMEOUT(!panel()->isBusy(), 60000);
    QCOMPARE(m_controller->snapshot()->completedBatches, 10); // the first driver, stopped after batch 10
    QVERIFY(m_controller->snapshot()->console->starts_with("Creating new context"));
    const qint64 start = panel()->player()->lesson().settings.startTime.ms();
    panel()->questionBox()->chooseOption(0); // 10:00:10: the checkpoint's batch first
    QTest::mouseClick(panel()->questionBox()->checkButton(), Qt::LeftButton);
    QVERIFY(waitRevealed());
    QVERIFY2(panel()->questionBox()->resultText().contains(QStringLiteral("Right")),
             qPrintable(panel()->questionBox()->resultText()));
    const auto s = m_controller->snapshot();
    QCOMPARE(s->startTime.ms(), start + 13000);
    QVERIFY(s->completedBatches >= 5); // 10:00:10 to 10:00:14: every option's batch has printed
    QCOMPARE(s->batches.begin()->first.ms(), start + 10000);
    QVERIFY(s->console->find("Creating new context") == std::string::npos);
    QVERIFY(s->console->find("('spark', 5)") != std::string::npos);
}

/// Lesson 14's step 2 opens program_driver.py, which fails on purpose (a connection opened on the
/// driver cannot be pickled): the failure is the answer, not a run that ended too early.
void TestLessonPanel::aProgramTheLessonShowsFailingIsTheStepsAnswer()
{
    QVERIFY(m_window->openLesson(QStringLiteral("14"), 1));
    QTRY_VERIFY_WITH_TIMEOUT(!panel()->isBusy(), 60000);
    QCOMPARE(m_controller->snapshot()->completedBatches, 2); // step 1's per-record program
    panel()->questionBox()->chooseOption(0); // the job fails: the connection cannot be pickled
    QTest::mouseClick(panel()->questionBox()->checkButton(), Qt::LeftButton);
    QVERIFY(waitRevealed());
    QVERIFY2(panel()->questionBox()->resultText().contains(QStringLiteral("Right")),
             qPrintable(panel()->questionBox()->resultText()));
    const auto s = m_controller->snapshot();
    QCOMPARE(s->phase, session::RunPhase::Failed);
    QVERIFY2(s->errorText.find("cannot pickle 'socket' object") != std::string::npos, s->errorText.c_str());
    QCOMPARE(m_window->statusStrip()->messageText(), QStringLiteral("The program raised an error: see the marked line and the log."));
}

/// Opening lesson 14 at step 4 carries out steps 1 to 3 in one go: the failing program of step 2
/// ends its run, and step 3's program (one connection per partition) still loads and runs; the
/// error of the program before is no longer shown.
void TestLessonPanel::theLessonGoesOnWithTheNextProgramAfterAFailure()
{
    QVERIFY(m_window->openLesson(QStringLiteral("14"), 3));
    QTRY_VERIFY_WITH_TIMEOUT(!panel()->isBusy(), 60000);
    QVERIFY2(m_controller->driver()->programFileName().endsWith(QStringLiteral("program_partition.py")),
             qPrintable(m_controller->driver()->programFileName()));
    const auto s = m_controller->snapshot();
    QCOMPARE(s->phase, session::RunPhase::Paused);
    QCOMPARE(s->completedBatches, 2);
    QVERIFY(!panel()->statusText().contains(QStringLiteral("ended")));
    QVERIFY(m_window->statusStrip()->messageText().isEmpty());
    // The database the program wrote, as batch 2 left it: one connection per partition.
    const session::BatchSnapshot *b2 = s->latestCompletedBatch();
    QVERIFY(b2 && b2->database);
    QCOMPARE(b2->database->connectionsOpened, 2);
    const auto *table = b2->database->table("wordcount");
    QVERIFY(table);
    QCOMPARE(table->totalRows, 6); // flink, hadoop, hive, kafka, spark, storm
}

/// Opening lesson 14 at step 3 carries out steps 1 and 2, and step 2's program fails on purpose:
/// the panel asks step 3's question first (not "the run ended"), and Check then runs step 3's
/// program, one connection per partition (2 in batch 1).
void TestLessonPanel::theStepAfterAFailingProgramAsksFirst()
{
    QVERIFY(m_window->openLesson(QStringLiteral("14"), 2));
    QTRY_VERIFY_WITH_TIMEOUT(!panel()->isBusy(), 60000);
    QCOMPARE(m_controller->snapshot()->phase, session::RunPhase::Failed); // program_driver.py, as meant
    QVERIFY2(panel()->statusText().startsWith(QStringLiteral("Answer first")), qPrintable(panel()->statusText()));
    panel()->questionBox()->typeValue(QStringLiteral("2"));
    QTest::mouseClick(panel()->questionBox()->checkButton(), Qt::LeftButton);
    QVERIFY(waitRevealed());
    QVERIFY2(panel()->questionBox()->resultText().contains(QStringLiteral("Right")),
             qPrintable(panel()->questionBox()->resultText()));
    QVERIFY(m_controller->driver()->programFileName().endsWith(QStringLiteral("program_partition.py")));
}

/// A lesson sets master, intervals and faults, never the database: what Run > Database... (or
/// --db) chose stays, so lesson 14 runs against the teacher's MariaDB if that is the choice.
void TestLessonPanel::theAppsDatabaseChoiceOutlivesALessonsSettings()
{
    const QString chosen = home().filePath(QStringLiteral("chosen.sqlite"));
    session::RunOptions o = m_controller->driver()->options();
    o.database = QStringLiteral("sqlite:") + chosen;
    m_controller->setOptions(o);
    QVERIFY(m_window->openLesson(QStringLiteral("14"), 0));
    QTRY_VERIFY_WITH_TIMEOUT(!panel()->isBusy(), 60000);
    QCOMPARE(m_controller->driver()->options().database, QStringLiteral("sqlite:") + chosen);
    QCOMPARE(m_controller->driver()->options().master, QStringLiteral("local[2,2]")); // the lesson's
    m_controller->runUntilBatch(1); // the program runs against the chosen file
    QTRY_COMPARE_WITH_TIMEOUT(QString::fromStdString(m_controller->snapshot()->databasePath), chosen, 30000);
    o = m_controller->driver()->options();
    o.database.clear();
    m_controller->setOptions(o);
}

QTEST_MAIN(TestLessonPanel)
#include "tst_lessonpanel.moc"
