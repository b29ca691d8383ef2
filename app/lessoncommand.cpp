// `dstreamlab lesson`: list the lessons, run one headless (narration, output, revealed answers), check a folder.
#include "lessoncommand.h"

#include "app/lesson/lessoncheck.h"
#include "app/lesson/lessonexercise.h"
#include "app/lesson/lessongrade.h"
#include "app/lesson/lessonlibrary.h"
#include "app/lesson/lessonplayer.h"
#include "app/lesson/lessonquery.h"

#include "engine/timeformat.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <cstdlib>
#include <iostream>

namespace dsl::app {

// A using-declaration: dsl::operator""_s (seconds, engine/simtime.h) would hide a using-directive's.
using Qt::StringLiterals::operator""_s;
using namespace dsl::lesson;

std::string lessonUsage()
{
    return "usage: dstreamlab lesson list [--lang zh_CN|en] [--dir DIR]\n"
           "       dstreamlab lesson run ID [--lang zh_CN|en] [--dir DIR]\n"
           "       dstreamlab lesson check [DIR]\n"
           "       dstreamlab lesson exercise ID PROGRAM.py [--step K] [--dir DIR] [--json]\n"
           "  list      every lesson: id, number, title, steps\n"
           "  run       a lesson headless: each step's narration, the program's output up to that\n"
           "            step, each question's answer as the run computes it, each exercise\n"
           "  check     every lesson of DIR: its JSON, both languages, its program runs, every question's\n"
           "            answer and every exercise's reference computable; exit 1 naming lesson, step\n"
           "            and field on failure\n"
           "  exercise  checks PROGRAM.py against the exercise of lesson ID (step K, 1-based; default\n"
           "            the first with an exercise) and prints the first difference (--json: as\n"
           "            one JSON object, for the dashboard's Check my program)\n"
           "  ID is the folder name (01-network-wordcount) or the number (1). DIR defaults to the\n"
           "  lessons the app ships with; --lang to the system's language.\n";
}

namespace {

void out(const QString &s)
{
    std::cout << s.toStdString();
}

int usageError(const QString &msg)
{
    std::cerr << "dstreamlab lesson: " << msg.toStdString() << "\n" << lessonUsage();
    return 2;
}

QString defaultDir()
{
    if (const char *env = std::getenv("DSTREAMLAB_LESSONS_DIR")) return QString::fromLocal8Bit(env);
    return QStringLiteral(DSTREAMLAB_LESSONS_DIR);
}

void printProblems(const QList<LessonProblem> &problems)
{
    for (const auto &p : problems) std::cerr << p.toString().toStdString() << "\n";
}

QString indent(const QString &text, const QString &by = u"    "_s)
{
    QStringList lines = text.split(u'\n');
    for (auto &l : lines)
        if (!l.isEmpty()) l.prepend(by);
    return lines.join(u'\n');
}

QString describe(const LessonAction &a, const QString &lang, const LessonSettings &settings)
{
    const bool zh = lang.startsWith(u"zh"_s);
    if (const auto *t = std::get_if<TypeLinesAction>(&a))
        return (zh ? u"输入："_s : u"type: "_s) + t->lines.join(zh ? u" / "_s : u" / "_s);
    if (const auto *r = std::get_if<RunAction>(&a)) {
        if (r->untilBatch) return (zh ? u"运行到第 %1 个批次完成"_s : u"run until batch %1 has completed"_s).arg(*r->untilBatch);
        return (zh ? u"运行到 %1"_s : u"run until %1"_s)
            .arg(QString::fromStdString(pythonDateTimeStr(settings.startTime + *r->untilTime)));
    }
    if (const auto *s = std::get_if<SelectAction>(&a))
        return (zh ? u"在 %2 视图中查看第 %1 个批次"_s : u"show batch %1 in the %2 view"_s).arg(s->batch).arg(s->view);
    if (const auto *o = std::get_if<OpenAction>(&a)) return (zh ? u"打开程序 "_s : u"open the program "_s) + o->program;
    if (const auto *re = std::get_if<RestartAction>(&a))
        return (zh ? u"driver 停止；新的 driver 在 %1 启动，使用同一个检查点目录"_s
                   : u"the driver stops; a new driver starts at %1 with the same checkpoint folder"_s)
            .arg(QString::fromStdString(pythonDateTimeStr(settings.startTime + re->at)));
    if (const auto *f = std::get_if<FaultAction>(&a)) {
        const QString at = QString::fromStdString(pythonDateTimeStr(settings.startTime + f->at));
        if (f->action.startsWith(u"fail-task"_s))
            return (zh ? u"故障：%1 之后第一个符合条件的任务在执行完函数后失败（%2）"_s
                       : u"fault: the first matching task run from %1 on fails after its function ran (%2)"_s)
                .arg(at, f->action);
        // A cluster fault (docs/faults.md): a receiver, an executor or the driver dies, or slows.
        return (zh ? u"故障：%1 时 %2"_s : u"fault at %1: %2"_s).arg(at, f->action);
    }
    return {};
}

/// Console offset (counted from the run's start) the run stands at after step k's run action.
std::optional<std::size_t> markAfter(const LessonStep &step, const LessonRun &run, const LessonSettings &settings)
{
    std::optional<std::size_t> mark;
    for (const LessonAction &a : step.actions) {
        const auto *r = std::get_if<RunAction>(&a);
        if (!r) continue;
        std::size_t end = 0;
        if (r->untilBatch) {
            if (const auto *b = nthBatch(*run.snapshot, *r->untilBatch)) end = b->consoleEnd;
        } else {
            const SimTime until = settings.startTime + *r->untilTime;
            for (const auto &[t, b] : run.snapshot->batches)
                if (b->evaluated && b->info.processingEndTime && *b->info.processingEndTime <= until) end = b->consoleEnd;
        }
        mark = end;
    }
    return mark;
}

QString consoleSlice(const LessonRun &run, std::size_t from, std::size_t to)
{
    const auto &s = *run.snapshot;
    const std::size_t lo = std::max(from, s.consoleDropped) - s.consoleDropped;
    const std::size_t hi = std::min(std::max(to, s.consoleDropped) - s.consoleDropped, s.console->size());
    return hi > lo ? QString::fromStdString(s.console->substr(lo, hi - lo)) : QString();
}

QString optionLabel(int i)
{
    return QString(QChar(u'A' + i));
}

int listLessons(const LessonLibrary &lib, const QString &lang)
{
    for (const Lesson &l : lib.lessons())
        out(u"%1  %2  %3  (%4 steps)\n"_s.arg(l.id).arg(l.number).arg(l.title.in(lang)).arg(l.steps.size()));
    printProblems(lib.problems());
    return lib.problems().isEmpty() ? 0 : 1;
}

int runLesson(const Lesson &lesson, const QString &lang)
{
    const bool zh = lang.startsWith(u"zh"_s);
    HeadlessLessonRunner runner;
    LessonRuns runs(lesson, runner);
    out((zh ? u"第 %1 课：%2\n"_s : u"Lesson %1: %2\n"_s).arg(lesson.number).arg(lesson.title.in(lang)));
    int status = 0;
    int shownDriver = 0;
    std::size_t shown = 0;
    // What a driver printed after the last batch a step ran to (a variant's final print, or the
    // output before a restart stopped it): shown before the steps of the next driver.
    auto showRest = [&](int driver, const QString &heading) {
        const LessonRun &r = runs.ofDriver(driver);
        if (r.raised || !r.snapshot) return;
        const QString rest = consoleSlice(r, shown, r.snapshot->consoleDropped + r.snapshot->console->size());
        if (!rest.isEmpty()) out(heading + rest);
    };
    for (int k = 0; k < lesson.steps.size(); ++k) {
        const LessonStep &step = lesson.steps[k];
        const int driver = lessonDriverAt(lesson, k);
        const LessonRun &run = runs.ofDriver(driver);
        if (driver != shownDriver) {
            const QString program = runs.drivers()[static_cast<std::size_t>(shownDriver)].program;
            showRest(shownDriver, (zh ? u"\n-- %1 其余的输出\n"_s : u"\n-- the rest of %1's output\n"_s).arg(program));
            shownDriver = driver;
            shown = 0;
        }
        out((zh ? u"\n== 第 %1/%2 步\n"_s : u"\n== Step %1/%2\n"_s).arg(k + 1).arg(lesson.steps.size()));
        out(step.narration.in(lang).trimmed() + u"\n"_s);
        for (const LessonAction &a : step.actions) out(u"> "_s + describe(a, lang, lesson.settings) + u"\n"_s);
        if (run.raised) {
            out((zh ? u"-- 程序出错：\n"_s : u"-- the program raised:\n"_s) + indent(run.errorText.trimmed()) + u"\n"_s);
            // A program the lesson shows failing on purpose goes on to its question.
            if (!failsOnPurpose(lesson, driver, run)) {
                status = 1;
                continue;
            }
        }
        if (const auto mark = markAfter(step, run, lesson.settings); mark && *mark > shown) {
            out((zh ? u"-- 程序输出\n"_s : u"-- output\n"_s) + consoleSlice(run, shown, *mark));
            shown = *mark;
        }
        if (step.question) {
            const LessonQuestion &q = *step.question;
            out((zh ? u"-- 问题："_s : u"-- question: "_s) + q.prompt.in(lang).trimmed() + u"\n"_s);
            for (int i = 0; i < q.options.size(); ++i)
                out(u"   "_s + optionLabel(i) + u") "_s + q.options[i].text.in(lang) + u"\n"_s);
            const Reveal r = reveal(q, run);
            if (!r.ok()) {
                out((zh ? u"-- 无法算出答案："_s : u"-- the answer cannot be computed: "_s) + r.error + u"\n"_s);
                status = 1;
            } else if (q.kind == LessonQuestion::Kind::Choice) {
                QStringList labels;
                for (int i : r.correctOptions) labels << optionLabel(i) + u") "_s + q.options[i].text.in(lang);
                out((zh ? u"-- 答案："_s : u"-- answer: "_s) + labels.join(u"; "_s) +
                    (r.value ? (zh ? u"（运行结果：%1）"_s : u" (the run gives %1)"_s).arg(r.valueText) : QString()) + u"\n"_s);
            } else {
                out((zh ? u"-- 答案："_s : u"-- answer: "_s) + r.valueText + u"\n"_s);
            }
            if (q.explanation) out(indent(q.explanation->in(lang).trimmed(), u"   "_s) + u"\n"_s);
        }
        if (step.hint) out((zh ? u"-- 提示："_s : u"-- hint: "_s) + step.hint->in(lang).trimmed() + u"\n"_s);
        if (step.exercise) {
            const LessonExercise &e = *step.exercise;
            out((zh ? u"-- 练习："_s : u"-- exercise: "_s) + e.task.in(lang).trimmed() + u"\n"_s);
            const QString start = exerciseStartProgram(lesson, k);
            QFile f(lesson.path(start));
            const QString source = f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
            const ExerciseResult res = checkExercise(lesson, e, source, runner, lesson.path(start));
            out((zh ? u"   检查（参考程序 %1，另有 %2 行隐藏输入）：%3 → %4\n"_s
                    : u"   check (reference %1, %2 hidden input lines): %3 -> %4\n"_s)
                    .arg(e.reference)
                    .arg(e.hiddenInput.size())
                    .arg(start)
                    .arg(res.toString()));
        }
    }
    showRest(shownDriver, zh ? u"\n-- 之后的输出\n"_s : u"\n-- output after the last step\n"_s);
    return status;
}

int checkLessons(const QString &dir)
{
    LessonLibrary lib;
    lib.loadFolder(dir);
    QList<LessonProblem> problems = lib.problems();
    HeadlessLessonRunner runner;
    for (const Lesson &l : lib.lessons()) {
        const LessonCheckReport r = checkLesson(l, runner);
        problems += r.problems;
        if (r.problems.isEmpty())
            out(u"ok %1: %2 steps, %3 questions, %4 exercises\n"_s.arg(l.id).arg(l.steps.size()).arg(r.questions).arg(r.exercises));
    }
    printProblems(problems);
    if (lib.lessons().isEmpty() && problems.isEmpty()) {
        std::cerr << dir.toStdString() << ": no lessons\n";
        return 1;
    }
    return problems.isEmpty() ? 0 : 1;
}

/// The result as the dashboard reads it: each field of the first difference on its own, so the
/// window can say it in its language.
QString resultJson(const ExerciseResult &r)
{
    QJsonObject o{{u"passed"_s, r.passed}, {u"error"_s, r.error}, {u"text"_s, r.toString()}};
    if (const auto &d = r.difference) {
        QJsonObject j{{u"batchText"_s, d->batchText}, {u"print"_s, d->print},   {u"printName"_s, d->printName},
                      {u"line"_s, d->line},           {u"expected"_s, d->expected}, {u"got"_s, d->got}};
        if (d->batchTime) j.insert(u"batchTimeMs"_s, static_cast<double>(d->batchTime->ms()));
        o.insert(u"difference"_s, j);
    }
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

int exercise(const Lesson &lesson, const QString &file, int step, bool json)
{
    if (step < 0)
        for (int k = 0; k < lesson.steps.size() && step < 0; ++k)
            if (lesson.steps[k].exercise) step = k;
    if (step < 0 || step >= lesson.steps.size() || !lesson.steps[step].exercise)
        return usageError(u"lesson %1 has no exercise at that step"_s.arg(lesson.id));
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) return usageError(u"cannot read "_s + file);
    HeadlessLessonRunner runner;
    const ExerciseResult r = checkExercise(lesson, *lesson.steps[step].exercise, QString::fromUtf8(f.readAll()), runner, file);
    out((json ? resultJson(r) : r.toString()) + u"\n"_s);
    return r.passed ? 0 : 1;
}

} // namespace

int lessonCommand(const std::vector<std::string> &args)
{
    QStringList argv{u"dstreamlab lesson"_s};
    for (const auto &a : args) argv << QString::fromStdString(a);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"DStream Lab lessons"_s);
    const QCommandLineOption lang(u"lang"_s, u"zh_CN or en"_s, u"LANG"_s);
    const QCommandLineOption dir(u"dir"_s, u"the lessons folder"_s, u"DIR"_s);
    const QCommandLineOption step(u"step"_s, u"the step (1-based)"_s, u"K"_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"this text"_s);
    const QCommandLineOption json(u"json"_s, u"exercise: the result as JSON"_s);
    parser.addOptions({lang, dir, step, help, json});
    parser.addPositionalArgument(u"command"_s, u"list, run, check or exercise"_s);
    if (!parser.parse(argv)) return usageError(parser.errorText());
    if (parser.isSet(help)) {
        std::cout << lessonUsage();
        return 0;
    }
    const QStringList pos = parser.positionalArguments();
    if (pos.isEmpty()) return usageError(u"no subcommand given"_s);
    QString language = parser.value(lang);
    if (language.isEmpty()) language = QLocale::system().name().startsWith(u"zh"_s) ? u"zh_CN"_s : u"en"_s;
    if (language != u"zh_CN"_s && language != u"en"_s) return usageError(u"--lang must be zh_CN or en"_s);
    const QString folder = parser.isSet(dir) ? parser.value(dir) : defaultDir();
    const QString cmd = pos[0];

    if (cmd == u"check"_s) {
        if (pos.size() > 2) return usageError(u"check takes one DIR"_s);
        return checkLessons(pos.size() == 2 ? pos[1] : folder);
    }
    LessonLibrary lib;
    if (!lib.loadFolder(folder)) {
        printProblems(lib.problems());
        return 1;
    }
    if (cmd == u"list"_s) return listLessons(lib, language);
    if (cmd != u"run"_s && cmd != u"exercise"_s) return usageError(u"unknown subcommand '"_s + cmd + u'\'');
    if (pos.size() < 2) return usageError(cmd + u" needs a lesson ID"_s);
    const Lesson *lesson = lib.find(pos[1]);
    if (!lesson) {
        printProblems(lib.problems());
        return usageError(u"no lesson '"_s + pos[1] + u"' in "_s + folder);
    }
    if (cmd == u"run"_s) {
        if (pos.size() != 2) return usageError(u"run takes one lesson ID"_s);
        return runLesson(*lesson, language);
    }
    if (pos.size() != 3) return usageError(u"exercise needs a lesson ID and a PROGRAM.py"_s);
    bool ok = true;
    const int k = parser.isSet(step) ? parser.value(step).toInt(&ok) - 1 : -1;
    if (!ok || (parser.isSet(step) && k < 0)) return usageError(u"--step needs a step number from 1"_s);
    return exercise(*lesson, pos[2], k, parser.isSet(json));
}

} // namespace dsl::app
