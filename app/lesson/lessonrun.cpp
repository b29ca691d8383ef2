// HeadlessLessonRunner: a program run to its end with the session's SnapshotBuilder recording the history.
#include "lessonrun.h"

#include "app/databaseoption.h"
#include "app/session/databasesnapshot.h"
#include "app/session/snapshotbuilder.h"

#include "engine/faults.h"
#include "engine/python/pyruntime.h"
#include "engine/runloop.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdlib>

namespace dsl::lesson {

// A using-declaration: dsl::operator""_s (seconds, engine/simtime.h) would hide a using-directive's.
using Qt::StringLiterals::operator""_s;

LessonRun LessonRun::fromSnapshot(session::RunSnapshotPtr snapshot, QString source, QString fileName)
{
    LessonRun r;
    r.raised = snapshot && snapshot->phase == session::RunPhase::Failed;
    if (snapshot) r.errorText = QString::fromStdString(snapshot->errorText);
    r.snapshot = std::move(snapshot);
    r.source = std::move(source);
    r.fileName = std::move(fileName);
    return r;
}

namespace {

/// The host's pacer (docs/runloop.md): never holds time back, like the CLI's, and lets the
/// builder catch up between two events, which is where SnapshotBuilder::update may look at
/// the engine (the dashboard's session does the same in its own allow()).
class RecordingPacer final : public Pacer {
public:
    RecordingPacer(session::SnapshotBuilder &builder, const RunRequest &request)
        : m_builder(builder), m_stopAfterBatches(request.stopAfterBatches), m_stopAt(request.stopAt)
    {
    }
    bool allow(SimTime upTo) override
    {
        m_builder.update();
        // A driver a restart stops ends where the dashboard's run-until pauses (RunPacer::decide):
        // at the first wait after batch N completed, or before time passes stopAt.
        if (m_stopAfterBatches && m_builder.completedBatches() >= *m_stopAfterBatches) return false;
        if (m_stopAt && upTo > *m_stopAt) return false;
        return true;
    }

private:
    session::SnapshotBuilder &m_builder;
    std::optional<int> m_stopAfterBatches;
    std::optional<SimTime> m_stopAt;
};

} // namespace

struct HeadlessLessonRunner::Impl {
    std::unique_ptr<python::PythonRuntime> rt;
    // Everything a question may ask about is kept: a lesson run is short.
    session::SnapshotBuilder builder{CaptureLimits{200, 5000}, session::HistoryRetention{100000, 100000}};
};

HeadlessLessonRunner::HeadlessLessonRunner() : d(std::make_unique<Impl>()) {}

HeadlessLessonRunner::~HeadlessLessonRunner()
{
    d->builder.detach();
}

LessonRun HeadlessLessonRunner::run(const RunRequest &request)
{
    LessonRun out;
    out.fileName = QFileInfo(request.programPath).fileName();
    if (request.source) {
        out.source = *request.source;
    } else {
        QFile f(request.programPath);
        if (!f.open(QIODevice::ReadOnly)) {
            out.raised = true;
            out.errorText = u"cannot read "_s + request.programPath;
            return out;
        }
        out.source = QString::fromUtf8(f.readAll());
    }

    // As `dstreamlab run` sets a run up (app/programrun.cpp), with the lesson's settings
    // in place of the command line's options.
    const LessonSettings &ls = request.settings;
    // The run's folder: a stateful program writes its checkpoint folder there, and the program's
    // pymysql.connect(...) reaches a SQLite file there (`dstreamlab run`'s default --db, but kept
    // with the lesson's run, so a restarted driver, which gets a copy of the folder, finds it).
    QTemporaryDir work;
    const QString runDir = !request.workingDirectory.isEmpty() ? request.workingDirectory : work.path();
    const std::string dbPath =
        QDir(runDir).absoluteFilePath(QString::fromStdString(app::programDatabaseName(request.programPath.toStdString())) + u".sqlite"_s)
            .toStdString();
    python::RunSettings settings;
    settings.database = {{"mode", "sqlite"}, {"path", dbPath}};
    settings.pythonPackageDir = DSTREAMLAB_PYTHON_PACKAGE_DIR;
    if (const char *env = std::getenv("DSTREAMLAB_PYTHON_PACKAGE_DIR")) settings.pythonPackageDir = env;
    settings.sim.startTime = ls.startTime;
    // The broker's committed offsets, kept with the run's folder as the database is.
    settings.sim.kafkaCommitStore = QDir(runDir).absoluteFilePath(QString::fromUtf8(kafka::kCommitStoreFileName)).toStdString();
    settings.sim.seed = ls.seed;
    if (!ls.master.isEmpty()) settings.master = ls.master.toStdString();
    settings.batchDuration = ls.batchInterval;
    if (ls.blockInterval)
        settings.confOverrides.emplace_back("spark.streaming.blockInterval", std::to_string(ls.blockInterval->ms()) + "ms");
    settings.maxDuration = ls.seconds;
    settings.finishWhenInputDone = true;

    d->builder.detach();
    if (!d->rt) d->rt = std::make_unique<python::PythonRuntime>(settings);
    else d->rt->reset(settings);
    python::PythonRuntime &rt = *d->rt;
    RecordingPacer pacer(d->builder, request);
    rt.setPacer(&pacer);
    std::string stderrText;
    rt.stdoutSink = [](const std::string &) {}; // the builder has the program's output (onOutput)
    rt.stderrSink = [&](const std::string &s) {
        stderrText += s;
        d->builder.appendStderr(s);
    };
    Simulation &sim = rt.simulation();
    for (const auto &[topic, n] : ls.kafkaPartitions) sim.kafkaAt(ls.startTime).createTopic(topic.toStdString(), n);
    for (const auto &[topic, r] : ls.kafkaRetention) sim.kafkaAt(ls.startTime).setRetention(topic.toStdString(), r);
    sim.inputLog().setListenAll(true); // the lines go to every socket source, as --input FILE
    for (const ScriptLine &l : request.input) addScriptLine(sim.inputLog(), ls.startTime, l); // lines, files, Kafka
    for (const auto &[at, action] : request.faults) {
        Fault fault;
        std::string error; // validated when the lesson was read
        if (!parseFaultAction(action, "fault", fault, error)) continue;
        setFaultTime(fault, at);
        sim.addFault(std::move(fault));
    }
    // The database as each batch's completion left it, for the db queries (as the dashboard's
    // session records it: ProgramSession's database probe).
    d->builder.setDatabaseProbe(session::sqliteDatabaseProbe(dbPath), dbPath);
    d->builder.attach(&sim, sim.inputLog());

    // Absolute before the change of folder: the program's own folder goes on sys.path (its
    // modules, such as a connection pool, import from there).
    const std::string programFile = QFileInfo(request.programPath).absoluteFilePath().toStdString();
    const QString cwd = QDir::currentPath();
    if (!runDir.isEmpty()) QDir::setCurrent(runDir);
    const auto status = rt.runSource(out.source.toStdString(), programFile, {});
    QDir::setCurrent(cwd);
    d->builder.update();
    rt.setPacer(nullptr);

    out.raised = status == python::RunStatus::Raised;
    if (out.raised) {
        const auto at = stderrText.rfind("Traceback (most recent call last):");
        out.errorText = QString::fromStdString(at == std::string::npos ? stderrText : stderrText.substr(at));
        d->builder.setError(out.errorText.toStdString(), 0);
    }
    out.snapshot = d->builder.snapshot(out.raised ? session::RunPhase::Failed : session::RunPhase::Finished, ls.startTime,
                                       sim.now());
    d->builder.detach();
    return out;
}

std::vector<ScriptLine> lessonInput(const Lesson &lesson, Duration batchInterval, int uptoStep)
{
    std::vector<ScriptLine> lines = lesson.inputLines;
    Duration standsAt{0};
    for (int k = 0; k < lesson.steps.size() && (uptoStep < 0 || k <= uptoStep); ++k) {
        for (const LessonAction &a : lesson.steps[k].actions) {
            if (const auto *t = std::get_if<TypeLinesAction>(&a)) {
                for (const QString &line : t->lines) lines.push_back(ScriptLine{standsAt, line.toStdString()});
            } else if (const auto *r = std::get_if<RunAction>(&a)) {
                // Batch N completes a little after its time; a line typed then arrives after
                // the batch boundary (a line at the boundary itself would still join batch N).
                standsAt = r->untilTime ? *r->untilTime : Duration(batchInterval.ms() * *r->untilBatch + 1);
            } else if (const auto *re = std::get_if<RestartAction>(&a)) {
                standsAt = re->at; // typed before the new driver runs: at its start
            }
        }
    }
    // The input log takes lines in time order (a typed line may come before a later script line).
    std::stable_sort(lines.begin(), lines.end(), [](const ScriptLine &a, const ScriptLine &b) { return a.offset < b.offset; });
    return lines;
}

std::vector<LessonDriver> lessonDrivers(const Lesson &lesson)
{
    std::vector<LessonDriver> drivers{LessonDriver{lesson.program, 0, Duration(0), std::nullopt, -1}};
    std::optional<RunAction> lastRun;
    for (int k = 0; k < lesson.steps.size(); ++k) {
        for (const LessonAction &a : lesson.steps[k].actions) {
            if (const auto *r = std::get_if<RunAction>(&a)) {
                lastRun = *r;
            } else if (const auto *o = std::get_if<OpenAction>(&a)) {
                drivers.push_back(LessonDriver{o->program, k, Duration(0), std::nullopt, -1});
                lastRun.reset();
            } else if (const auto *re = std::get_if<RestartAction>(&a)) {
                drivers.back().stop = lastRun;
                const LessonDriver &stopped = drivers.back();
                drivers.push_back(LessonDriver{stopped.program, k, re->at, std::nullopt, static_cast<int>(drivers.size()) - 1});
                lastRun.reset();
            }
        }
    }
    return drivers;
}

namespace {

/// The index of the driver running at step k, among `drivers` (lessonDrivers).
int driverAt(const std::vector<LessonDriver> &drivers, int step)
{
    int at = 0;
    for (int d = 0; d < static_cast<int>(drivers.size()); ++d)
        if (drivers[static_cast<std::size_t>(d)].firstStep <= step) at = d;
    return at;
}

} // namespace

int lessonDriverAt(const Lesson &lesson, int step)
{
    return driverAt(lessonDrivers(lesson), step);
}

std::vector<std::pair<SimTime, std::string>> driverFaults(const Lesson &lesson, int d)
{
    const std::vector<LessonDriver> drivers = lessonDrivers(lesson);
    std::vector<std::pair<SimTime, std::string>> out;
    if (d < 0 || d >= static_cast<int>(drivers.size())) return out;
    auto root = [&](int i) {
        while (drivers[static_cast<std::size_t>(i)].restartOf >= 0) i = drivers[static_cast<std::size_t>(i)].restartOf;
        return i;
    };
    const LessonDriver &driver = drivers[static_cast<std::size_t>(d)];
    for (int k = 0; k < lesson.steps.size(); ++k) {
        if (root(driverAt(drivers, k)) != root(d)) continue;
        for (const LessonAction &a : lesson.steps[k].actions)
            if (const auto *f = std::get_if<FaultAction>(&a); f && f->at >= driver.start)
                out.emplace_back(lesson.settings.startTime + f->at, f->action.toStdString());
    }
    return out;
}

QString driverRaises(const Lesson &lesson, int d)
{
    const std::vector<LessonDriver> drivers = lessonDrivers(lesson);
    if (d < 0 || d >= static_cast<int>(drivers.size()) || drivers[static_cast<std::size_t>(d)].firstStep <= 0) return {};
    const LessonStep &step = lesson.steps[drivers[static_cast<std::size_t>(d)].firstStep];
    QString raises;
    for (const LessonAction &a : step.actions)
        if (const auto *o = std::get_if<OpenAction>(&a)) raises = o->raises;
    return raises;
}

bool failsOnPurpose(const Lesson &lesson, int d, const LessonRun &run)
{
    const QString raises = driverRaises(lesson, d);
    return run.raised && !raises.isEmpty() && run.errorText.contains(raises);
}

RunRequest driverRequest(const Lesson &lesson, int d)
{
    const LessonDriver driver = lessonDrivers(lesson).at(static_cast<std::size_t>(d));
    RunRequest req;
    req.programPath = lesson.path(driver.program);
    req.settings = lesson.settings;
    req.settings.startTime = lesson.settings.startTime + driver.start;
    if (lesson.settings.seconds) req.settings.seconds = *lesson.settings.seconds - driver.start;
    if (req.settings.seconds && req.settings.seconds->ms() <= 0) req.settings.seconds = Duration(1);
    const Duration interval = lesson.settings.batchInterval.value_or(Duration(1000));
    for (const ScriptLine &l : lessonInput(lesson, interval))
        // Lines before the driver's start went to an earlier driver; a Kafka message stays in the
        // broker, which outlives every driver, so a restarted one still finds it (at its time).
        if (l.offset >= driver.start || l.isKafka()) {
            req.input.push_back(l);
            req.input.back().offset = l.offset - driver.start;
        }
    req.faults = driverFaults(lesson, d);
    if (driver.stop) {
        if (driver.stop->untilBatch) req.stopAfterBatches = *driver.stop->untilBatch;
        else req.stopAt = lesson.settings.startTime + *driver.stop->untilTime;
    }
    return req;
}

QString LessonRun::errorSummary() const
{
    const QStringList lines = errorText.split(u'\n');
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        QString line = it->trimmed();
        if (line.isEmpty() || line == u"Driver stacktrace:"_s) continue;
        if (line.startsWith(u": "_s)) line.remove(0, 2); // Py4JJavaError's message line
        // "Job aborted due to stage failure: ... PythonException: ERROR": the Python error.
        const QString python = u"PythonException: "_s;
        if (const qsizetype at = line.lastIndexOf(python); at >= 0) line.remove(0, at + python.size());
        return line;
    }
    return errorText.trimmed();
}

} // namespace dsl::lesson
