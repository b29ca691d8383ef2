// GUI mode: argument parsing, the window with the course's network word count by default, and
// --screenshot (render the window after N batches, then exit).
#include "guimain.h"

#include "engine/faults.h"
#include "engine/inputscript.h"
#include "app/session/historyview.h"
#include "app/session/programsession.h"
#include "app/session/sessionjournal.h"

#include "engine/timeformat.h"
#include "app/lesson/lessonlibrary.h"
#include "app/databaseoption.h"
#include "app/kafkaclientfeed.h"
#include "app/socketclientfeed.h"
#include "ui/databasedialog.h"
#include "ui/kafkalistenaction.h"
#include "ui/languagemanager.h"
#include "ui/lessonpanel.h"
#include "ui/mainwindow.h"
#include "ui/ncinputedit.h"
#include "ui/ncinputpanel.h"
#include "ui/realsocketsactions.h"
#include "app/session/runsnapshot.h"
#include "ui/simulationcontroller.h"

#include <QApplication>
#include <QDateTime>
#include <QFile>
#include <QDockWidget>
#include <QFileInfo>
#include <QKeyEvent>
#include <QMessageBox>
#include <QPixmap>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTimer>

#include <algorithm>
#include <climits>
#include <cmath>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

namespace dsl::app {

const char *guiUsage()
{
    return "usage: dstreamlab [PROGRAM.py] [options]     open the dashboard (default: network word count)\n"
           "  --input [PORT=]FILE   lines to send ('SECONDS<TAB>TEXT' per line, or plain lines 0.1 s apart)\n"
           "  --lang zh_CN|en       language of the window (default: the system's)\n"
           "  --presenter           large type and thick lines; --dark: dark theme\n"
           "  --master M            local[1], local[2] or local[4] instead of the program's\n"
           "  --faults FILE         injected faults, 'SECONDS<TAB>ACTION' per line, as dstreamlab run\n"
           "                        --faults takes them (docs/faults.md); they join the run's options\n"
           "  --kafka-partitions TOPIC=N  the simulated Kafka topic's partitions (default 1); repeatable\n"
           "  --kafka-retention TOPIC=DURATION  the topic's retention.ms (e.g. 5s); repeatable\n"
           "  --db DB               where pymysql.connect(...) goes: sqlite, sqlite:PATH, local-mariadb,\n"
           "                        mysql://USER:PASSWORD@HOST:PORT/DB or none (default: the choice of\n"
           "                        Run > Database..., else the program's own SQLite file)\n"
           "  --kafka-listen PORT   Kafka clients (kcat, a Kafka producer) can produce to 127.0.0.1:PORT;\n"
           "                        each message enters the run as if typed into the nc panel with its\n"
           "                        topic as the target (Run > Listen for Kafka clients does the same)\n"
           "  --listen [ADDR:]PORT  open the class port: students connect with `nc HOST PORT` (or telnet)\n"
           "                        and each line enters the run as if typed into the nc panel, which\n"
           "                        names its sender (Run > Open the class port... does the same);\n"
           "                        without ADDR only this computer (127.0.0.1) can connect\n"
           "  --listen-limit KEY=VALUE  a limit of the class port: connections, line-bytes,\n"
           "                        lines-per-second or idle-seconds (docs/realtime-sockets.md)\n"
           "  --real-time           connect the program's socketTextStreams to real servers on this\n"
           "                        computer (`nc -lk PORT`), as Run > Connect sockets to real servers\n"
           "  --start-time T        local time the simulated clock starts at (default: now)\n"
           "  --screenshot OUT.png  render the window after --until-batch N batches, then exit\n"
           "  --until-batch N       batches to run for --screenshot (default 3); when no core is free\n"
           "                        for tasks (local[1] with a receiver), until batch N is generated\n"
           "  --until-time SECONDS  instead: run for this much simulated time, then render\n"
           "  --back K              then step back K batches through the history (nothing runs\n"
           "                        again) and render the run as it was there\n"
           "  --size WxH            window size for --screenshot (default 1920x1080)\n"
           "  --view NAME           the view shown in the bottom tabs: statistics, delays, batch, tasks,\n"
           "                        lineage, provenance, records, log, database or kafka (--tab NAME:\n"
           "                        the same)\n"
           "  --lesson ID           open a lesson (folder name or number) in the lesson panel; with\n"
           "                        --screenshot: render it once its step has been carried out\n"
           "  --step K              the lesson's step to open (1-based; default: where you left off)\n"
           "  --restore-session     after a crash, restore the last session (program, settings, input)\n"
           "                        without asking; --discard-session: discard it without asking\n";
}

namespace {

struct GuiArgs {
    QString program;
    std::vector<std::pair<int, QString>> inputs;
    QString lang;
    bool presenter = false;
    bool dark = false;
    QString master;
    std::vector<FaultLine> faults; ///< --faults
    std::map<QString, int> kafkaPartitions; ///< --kafka-partitions TOPIC=N
    std::map<QString, qint64> kafkaRetentionMs; ///< --kafka-retention TOPIC=DURATION
    std::optional<QString> db; ///< --db: a `dstreamlab run --db` value
    int kafkaListen = 0;       ///< --kafka-listen PORT (0: not at start)
    std::optional<ui::ClassPortSettings> listen; ///< --listen [ADDR:]PORT with --listen-limit's
    std::vector<std::string> listenLimits;       ///< --listen-limit KEY=VALUE, applied after parsing
    bool realTime = false;                       ///< --real-time: sockets connect to real servers
    std::optional<SimTime> start;
    QString screenshot;
    int untilBatch = 3;
    std::optional<double> untilTime; ///< seconds after the start
    int back = 0;                    ///< --back K: browse K batches back before rendering
    QString view;                    ///< --view / --tab: the bottom tab's view shown (MainWindow::viewNames)
    QSize size{1920, 1080};
    enum class Journal { Ask, Restore, Discard } journal = Journal::Ask; ///< a killed session's
    QString typeLines; ///< hidden: type each line of this file into the nc panel (tests, demos)
    QString lesson;    ///< --lesson ID
    int step = 0;      ///< --step K (1-based; 0: where the student left off)
};

int usageError(const std::string &msg)
{
    std::cerr << "dstreamlab: " << msg << "\n" << guiUsage();
    return 2;
}

std::optional<int> parse(int argc, char **argv, GuiArgs &a)
{
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> std::optional<std::string> {
            if (i + 1 >= argc) return std::nullopt;
            return std::string(argv[++i]);
        };
        if (arg == "--input") {
            auto v = value();
            if (!v) return usageError("--input needs a FILE (or PORT=FILE)");
            int port = 0;
            std::string file = *v;
            const auto eq = v->find('=');
            if (eq != std::string::npos && eq > 0 && v->find_first_not_of("0123456789") == eq) {
                port = std::stoi(v->substr(0, eq));
                file = v->substr(eq + 1);
            }
            a.inputs.emplace_back(port, QString::fromStdString(file));
        } else if (arg == "--lang") {
            auto v = value();
            if (!v || (*v != "zh_CN" && *v != "en")) return usageError("--lang needs zh_CN or en");
            a.lang = QString::fromStdString(*v);
        } else if (arg == "--presenter") {
            a.presenter = true;
        } else if (arg == "--dark") {
            a.dark = true;
        } else if (arg == "--faults") {
            auto v = value();
            if (!v) return usageError("--faults needs a file of 'SECONDS<TAB>ACTION' lines");
            std::ifstream in(*v);
            if (!in) return usageError("--faults: cannot read " + *v);
            std::stringstream text;
            text << in.rdbuf();
            std::string error;
            if (!parseFaultScript(text.str(), *v, a.faults, error)) return usageError("--faults: " + error);
        } else if (arg == "--master") {
            auto v = value();
            if (!v) return usageError("--master needs local[N]");
            a.master = QString::fromStdString(*v);
        } else if (arg == "--kafka-partitions") {
            // As `dstreamlab run --kafka-partitions` takes it, with the bounds a lesson's settings have.
            auto v = value();
            std::string topic;
            int n = 0;
            if (!v || !parseTopicPartitions(*v, topic, n) || n > 1000)
                return usageError("--kafka-partitions needs TOPIC=N with N from 1 to 1000, e.g. --kafka-partitions words=2");
            if (const std::string why = kafkaTopicError(topic); !why.empty()) return usageError("--kafka-partitions: " + why);
            a.kafkaPartitions[QString::fromStdString(topic)] = n;
        } else if (arg == "--kafka-retention") {
            auto v = value();
            std::string topic;
            Duration retention{0};
            if (!v || !parseTopicRetention(*v, topic, retention))
                return usageError("--kafka-retention needs TOPIC=DURATION with a positive duration, e.g. --kafka-retention words=5s");
            if (const std::string why = kafkaTopicError(topic); !why.empty()) return usageError("--kafka-retention: " + why);
            a.kafkaRetentionMs[QString::fromStdString(topic)] = retention.ms();
        } else if (arg == "--kafka-listen") {
            auto v = value();
            if (!v || v->empty() || v->size() > 5 || v->find_first_not_of("0123456789") != std::string::npos ||
                std::stoi(*v) < 1 || std::stoi(*v) > 65535)
                return usageError("--kafka-listen needs a port from 1 to 65535, e.g. --kafka-listen 9092");
            a.kafkaListen = std::stoi(*v);
        } else if (arg == "--listen") {
            // As `dstreamlab run --listen` takes it (app/classroomlistener.h).
            auto v = value();
            std::string address, error;
            int port = 0;
            if (!v) return usageError("--listen needs [ADDR:]PORT, e.g. --listen 9999 or --listen 0.0.0.0:9999");
            if (!parseListenAddress(*v, address, port, error)) return usageError(error);
            ui::ClassPortSettings s;
            s.address = QString::fromStdString(address);
            s.port = port;
            a.listen = s;
        } else if (arg == "--listen-limit") {
            auto v = value();
            ListenLimits check;
            std::string error;
            if (!v || !parseListenLimit(*v, check, error)) return usageError(v ? error : "--listen-limit needs KEY=VALUE");
            a.listenLimits.push_back(*v);
        } else if (arg == "--real-time") {
            a.realTime = true;
        } else if (arg == "--start-time") {
            auto v = value();
            SimTime t;
            if (!v || !parseLocalDateTime(*v, t)) return usageError("--start-time needs a local time like '2026-11-24 10:00:00'");
            a.start = t;
        } else if (arg == "--db") {
            auto v = value();
            if (!v) return usageError("--db needs a database (sqlite, sqlite:PATH, local-mariadb, mysql://..., none)");
            app::DatabaseOption db;
            std::string error;
            if (!app::parseDatabaseOption(*v, db, error)) return usageError(error);
            a.db = QString::fromStdString(*v);
        } else if (arg == "--screenshot") {
            auto v = value();
            if (!v) return usageError("--screenshot needs an output .png");
            // Absolute now: a lesson's run changes the working folder before the render.
            a.screenshot = QFileInfo(QString::fromStdString(*v)).absoluteFilePath();
        } else if (arg == "--until-batch") {
            auto v = value();
            if (!v || v->find_first_not_of("0123456789") != std::string::npos || v->empty())
                return usageError("--until-batch needs a number of batches");
            a.untilBatch = std::stoi(*v);
        } else if (arg == "--tab" || arg == "--view") {
            auto v = value();
            const QStringList names = dsl::ui::MainWindow::viewNames();
            if (!v || !names.contains(QString::fromStdString(*v)))
                return usageError(arg + " needs one of " + names.join(QStringLiteral(", ")).toStdString());
            a.view = QString::fromStdString(*v);
        } else if (arg == "--back") {
            auto v = value();
            if (!v || v->empty() || v->size() > 6 || v->find_first_not_of("0123456789") != std::string::npos)
                return usageError("--back needs a number of batches to step back");
            a.back = std::stoi(*v);
        } else if (arg == "--until-time") {
            auto v = value();
            double secs = -1;
            std::size_t used = 0;
            try {
                if (v) secs = std::stod(*v, &used);
            } catch (...) {
                used = 0;
            }
            if (!v || v->empty() || used != v->size() || !std::isfinite(secs) || secs < 0 || secs > 1e7)
                return usageError("--until-time needs a number of seconds (>= 0)");
            a.untilTime = secs;
        } else if (arg == "--size") {
            auto v = value();
            const auto x = v ? v->find('x') : std::string::npos;
            if (x == std::string::npos) return usageError("--size needs WIDTHxHEIGHT");
            a.size = QSize(std::atoi(v->substr(0, x).c_str()), std::atoi(v->substr(x + 1).c_str()));
            if (a.size.width() < 320 || a.size.height() < 240) return usageError("--size is too small");
        } else if (arg == "--restore-session" || arg == "--discard-session") {
            const auto choice = arg == "--restore-session" ? GuiArgs::Journal::Restore : GuiArgs::Journal::Discard;
            if (a.journal != GuiArgs::Journal::Ask && a.journal != choice)
                return usageError("--restore-session and --discard-session exclude each other");
            a.journal = choice;
        } else if (arg == "--type-lines") {
            auto v = value();
            if (!v) return usageError("--type-lines needs a FILE");
            a.typeLines = QString::fromLocal8Bit(v->c_str());
        } else if (arg == "--lesson") {
            auto v = value();
            if (!v || v->empty()) return usageError("--lesson needs a lesson ID (folder name or number)");
            a.lesson = QString::fromLocal8Bit(v->c_str());
        } else if (arg == "--step") {
            auto v = value();
            if (!v || v->empty() || v->size() > 4 || v->find_first_not_of("0123456789") != std::string::npos || *v == "0")
                return usageError("--step needs a step number from 1");
            a.step = std::stoi(*v);
        } else if (arg == "--help" || arg == "-h") {
            std::cout << guiUsage();
            return 0;
        } else if (arg.rfind("--", 0) == 0) {
            return usageError("unknown option " + arg);
        } else if (a.program.isEmpty()) {
            a.program = QString::fromLocal8Bit(argv[i]);
        } else {
            return usageError("one PROGRAM.py at a time");
        }
    }
    if (!a.listenLimits.empty() && !a.listen) return usageError("--listen-limit goes with --listen");
    return std::nullopt;
}

QString bundledProgram()
{
    QFile f(QStringLiteral(":/programs/network_wordcount.py"));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace

/// The question asked at start when the last session was killed (its journal is still there).
class RestorePrompt {
    Q_DECLARE_TR_FUNCTIONS(RestorePrompt)
public:
    static bool ask(const session::RecoveredSession &s)
    {
        const QString program = s.programFileName ? QFileInfo(*s.programFileName).fileName() : QStringLiteral("program.py");
        const int lines = static_cast<int>(std::min<std::size_t>(s.inputLines(), INT_MAX));
        QMessageBox box(QMessageBox::Question, tr("DStream Lab"),
                        tr("DStream Lab did not close properly. Restore the last session (program %1, %n input line(s))?",
                           nullptr, lines)
                            .arg(program));
        if (!s.error.isEmpty()) box.setInformativeText(tr("Part of the journal could not be read: %1").arg(s.error));
        QPushButton *restore = box.addButton(tr("Restore"), QMessageBox::AcceptRole);
        box.addButton(tr("Discard"), QMessageBox::DestructiveRole);
        box.setDefaultButton(restore);
        box.exec();
        return box.clickedButton() == restore;
    }
};

namespace {

/// A session killed without closing, to restore (nullopt: none, or declined and discarded).
/// Scripted renders (--screenshot) never ask: they leave it for the next window.
std::optional<session::RecoveredSession> recoverSession(const GuiArgs &a, bool screenshot)
{
    if (a.journal == GuiArgs::Journal::Ask && screenshot) return std::nullopt;
    auto s = session::SessionJournal::recover(session::SessionJournal::defaultDir());
    if (!s) return std::nullopt;
    if (!s->error.isEmpty()) std::cerr << "dstreamlab: " << s->error.toStdString() << "\n";
    const bool restore = !s->isEmpty() && (a.journal == GuiArgs::Journal::Restore ||
                                           (a.journal == GuiArgs::Journal::Ask && RestorePrompt::ask(*s)));
    if (!restore) {
        session::SessionJournal::discard(*s);
        return std::nullopt;
    }
    if (!a.program.isEmpty() || !a.inputs.empty() || !a.master.isEmpty() || !a.kafkaPartitions.empty() ||
        !a.kafkaRetentionMs.empty())
        std::cerr << "dstreamlab: restoring the last session: its program, settings and input replace the command line's\n";
    return s;
}

/// --type-lines: each line typed into the nc panel's prompt and sent with Enter, as a student
/// would (one line every 10 ms).
void typeLines(QStringList lines, ui::NcInputEdit *edit)
{
    auto *timer = new QTimer(edit);
    QObject::connect(timer, &QTimer::timeout, edit, [timer, edit, lines = std::move(lines), next = 0]() mutable {
        if (next >= lines.size()) {
            timer->deleteLater();
            return;
        }
        edit->clear();
        edit->insertPlainText(lines[next++]);
        QKeyEvent enter(QEvent::KeyPress, Qt::Key_Return, Qt::NoModifier);
        QCoreApplication::sendEvent(edit, &enter);
    });
    timer->start(10);
}

/// --screenshot --lesson: render once the step's actions have been carried out (the run resting
/// where the step leaves it) and the drop-in animation has settled.
int lessonScreenshot(QApplication &app, ui::MainWindow &window, ui::SimulationController &controller, const QString &out,
                     QSize size, std::uint64_t runAtOpen, const QString &view)
{
    window.resize(size);
    window.show();
    // The panel was opened at the window's first size: give it its share of the final one.
    window.resizeDocks({window.lessonDock()}, {std::max(360, size.width() * 27 / 100)}, Qt::Horizontal);
    int status = 0;
    auto *poll = new QTimer(&app);
    QObject::connect(poll, &QTimer::timeout, &app, [&, poll] {
        const auto s = controller.snapshot();
        const bool resting = s && s->runId != runAtOpen && s->phase != session::RunPhase::Running &&
                             s->phase != session::RunPhase::Replaying;
        if (!resting || window.lessonPanel()->isBusy()) return;
        poll->stop();
        // --view last: the steps' own views (a failing program shows the log) came first.
        if (!view.isEmpty()) window.showView(view);
        std::cout << "dstreamlab: rendered the lesson step at " << s->completedBatches << " completed batches" << std::endl;
        QTimer::singleShot(900, &app, [&] {
            if (!window.grab().save(out)) {
                std::cerr << "dstreamlab: cannot write " << out.toStdString() << "\n";
                status = 1;
            }
            app.quit();
        });
    });
    poll->start(200);
    QTimer::singleShot(120000, &app, [&] {
        std::cerr << "dstreamlab: --screenshot timed out before the lesson step was carried out\n";
        status = 1;
        app.quit();
    });
    app.exec();
    return status;
}

} // namespace

int runGui(int argc, char **argv)
{
    GuiArgs a;
    if (auto status = parse(argc, argv, a)) return *status;
    const bool screenshot = !a.screenshot.isEmpty();
    if (screenshot && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("DStreamLab"));
    QApplication::setApplicationName(QStringLiteral("dstreamlab"));
    QApplication::setStyle(QStringLiteral("Fusion"));

    ui::LanguageManager languages; // before anything is asked
    QString lang = a.lang;
    if (lang.isEmpty() && !screenshot) lang = QSettings().value(QStringLiteral("view/language")).toString();
    languages.setLanguage(lang);

    // Input scripts: read before anything runs, so bad input is a usage error.
    std::vector<std::pair<int, std::vector<ScriptLine>>> scripts;
    for (const auto &[port, file] : a.inputs) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly)) return usageError("cannot read input file '" + file.toStdString() + "'");
        std::vector<ScriptLine> lines;
        std::string err;
        const QByteArray data = f.readAll();
        if (!parseInputScript(std::string_view(data.constData(), static_cast<std::size_t>(data.size())), lines, err))
            return usageError("input file '" + file.toStdString() + "' " + err);
        scripts.emplace_back(port, std::move(lines));
    }
    QStringList typed;
    if (!a.typeLines.isEmpty()) {
        QFile f(a.typeLines);
        if (!f.open(QIODevice::ReadOnly)) return usageError("cannot read '" + a.typeLines.toStdString() + "'");
        typed = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
        if (!typed.isEmpty() && typed.back().isEmpty()) typed.pop_back();
        for (QString &l : typed)
            if (l.endsWith(QLatin1Char('\r'))) l.chop(1);
    }

    if (a.step > 0 && a.lesson.isEmpty()) return usageError("--step goes with --lesson");
    // The lessons: the source tree's in development, else an installed copy (LessonPanel says where).
    const QString lessonsDir = ui::LessonPanel::findLessonsFolder(QStringLiteral(DSTREAMLAB_LESSONS_DIR));
    std::optional<SimTime> lessonStart;
    if (!a.lesson.isEmpty()) {
        lesson::LessonLibrary lib;
        lib.loadFolder(lessonsDir);
        const lesson::Lesson *l = lib.find(a.lesson);
        if (!l) {
            for (const auto &p : lib.problems()) std::cerr << p.toString().toStdString() << "\n";
            return usageError("no lesson '" + a.lesson.toStdString() + "' in " + lessonsDir.toStdString());
        }
        if (a.step > l->steps.size())
            return usageError("lesson " + l->id.toStdString() + " has " + std::to_string(l->steps.size()) + " steps");
        // The narration's times are the lesson's clock (10:00:00 ...): start the session there.
        lessonStart = l->settings.startTime;
    }

    const std::optional<session::RecoveredSession> restored =
        a.lesson.isEmpty() ? recoverSession(a, screenshot) : std::nullopt;

    session::ProgramSession::Config cfg;
    const qint64 wallNow = QDateTime::currentMSecsSinceEpoch() / 1000 * 1000;
    cfg.startTime = a.start.value_or(restored ? restored->startTime : lessonStart.value_or(SimTime(wallNow)));
    cfg.pythonPackageDir = DSTREAMLAB_PYTHON_PACKAGE_DIR;
    if (const char *env = std::getenv("DSTREAMLAB_PYTHON_PACKAGE_DIR")) cfg.pythonPackageDir = env;
    // Declared before the session, so it outlives it: its end (a clean exit) removes the journal.
    std::unique_ptr<session::SessionJournal> journal;
    session::ProgramSession session(cfg);
    QString journalError;
    journal = session::SessionJournal::create(session::SessionJournal::defaultDir(), cfg.startTime, &journalError);
    if (!journal) std::cerr << "dstreamlab: " << journalError.toStdString() << " (typed input is not journaled)\n";
    session.setJournal(journal.get());
    if (restored) {
        session.restore(*restored);
        if (journal) session::SessionJournal::discard(*restored); // the new journal holds it now
        scripts.clear();
        a.master.clear();
        a.faults.clear();
        a.kafkaPartitions.clear();
        a.kafkaRetentionMs.clear();
    }
    for (auto &[port, lines] : scripts) session.addInputScript(std::move(lines), port); // with its @file drops
    scripts.clear();
    // The database: --db, else what Run > Database... chose last (never for a scripted render).
    const QString db = a.db ? *a.db : screenshot ? QString() : QSettings().value(ui::DatabaseDialog::settingsKey()).toString();
    if (!a.master.isEmpty() || !db.isEmpty() || !a.kafkaPartitions.empty() || !a.kafkaRetentionMs.empty() ||
        !a.faults.empty()) {
        ui::RunOptions o = session.options();
        if (!a.master.isEmpty()) o.master = a.master;
        // A fault's action as the session keeps it: the text after SECONDS<TAB>, re-made from the line.
        for (const FaultLine &f : a.faults)
            o.faults.emplace_back((cfg.startTime + f.offset).ms(), QString::fromStdString(faultActionText(f.fault)));
        for (const auto &[topic, n] : a.kafkaPartitions) o.kafkaPartitions[topic] = n;
        for (const auto &[topic, ms] : a.kafkaRetentionMs) o.kafkaRetentionMs[topic] = ms;
        o.database = db;
        session.setOptions(o);
    }

    ui::SimulationController controller(&session);
    // Kafka clients (--kafka-listen, Run > Listen for Kafka clients): after the controller it
    // feeds, before the window that drives it; every thread of it ends on quit.
    KafkaClientFeed kafkaClients(&controller);
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &kafkaClients, &KafkaClientFeed::close);

    // The class port and real servers (--listen, --real-time, Run > Open the class port…): the
    // same; its threads end on quit.
    SocketClientFeed socketClients(&controller);
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &socketClients, &SocketClientFeed::close);

    ui::MainWindow window(&controller, &languages, /*useSettings=*/!screenshot);
    window.setKafkaClientListener(&kafkaClients);
    window.setSocketClientListener(&socketClients);
    if (a.presenter) window.setPresenterMode(true);
    if (a.dark) window.setDarkTheme(true);
    if (!a.view.isEmpty()) window.showView(a.view);
    if (restored && restored->programFileName) {
        window.setProgram(*restored->programFileName, restored->programSource);
    } else if (!a.program.isEmpty()) {
        if (!window.openProgram(a.program, screenshot)) {
            std::cerr << "dstreamlab: can't open file '" << a.program.toStdString() << "'\n";
            return 1;
        }
    } else {
        window.setProgram(QStringLiteral("network_wordcount.py"), bundledProgram());
    }

    if (!typed.isEmpty()) typeLines(std::move(typed), window.ncPanel()->input());
    window.setLessonsFolder(lessonsDir);
    std::uint64_t runAtOpen = controller.snapshot() ? controller.snapshot()->runId : 0;
    if (!a.lesson.isEmpty()) {
        window.openLesson(a.lesson, a.step > 0 ? std::optional<int>(a.step - 1) : std::nullopt);
    }

    auto listenAtStart = [&] {
        if (a.kafkaListen == 0) {
        } else if (window.kafkaListen()->listen(a.kafkaListen)) {
            std::cerr << "DStream Lab: Kafka clients can produce to this session at 127.0.0.1:" << a.kafkaListen
                      << " (bootstrap.servers=127.0.0.1:" << a.kafkaListen << ")\n";
        } else {
            std::cerr << "dstreamlab: " << window.kafkaListen()->lastError().toStdString() << "\n";
        }
        if (a.listen) {
            // The listener's defaults (`dstreamlab run --listen`'s), then --listen-limit's.
            ui::ClassPortSettings s = socketClients.defaultSettings();
            ListenLimits l;
            l.maxConnections = s.maxConnections;
            l.maxLineBytes = static_cast<std::size_t>(s.maxLineBytes);
            l.linesPerSecond = s.linesPerSecond;
            l.idleSeconds = s.idleSeconds;
            std::string error;
            for (const std::string &kv : a.listenLimits) parseListenLimit(kv, l, error); // checked when parsed
            s.address = a.listen->address;
            s.port = a.listen->port;
            s.maxConnections = l.maxConnections;
            s.maxLineBytes = static_cast<int>(std::min<std::size_t>(l.maxLineBytes, INT_MAX));
            s.linesPerSecond = l.linesPerSecond;
            s.idleSeconds = l.idleSeconds;
            if (window.realSockets()->openClassPort(s))
                std::cerr << "DStream Lab: the class port is open at " << socketClients.classPortWhere().toStdString()
                          << ": students connect with `nc "
                          << (s.address == QLatin1String("0.0.0.0") ? std::string("THIS-HOST") : s.address.toStdString())
                          << " " << s.port << "` (or telnet) and type; each line enters the run as if typed into the nc "
                             "panel\n";
            else std::cerr << "dstreamlab: " << window.realSockets()->lastError().toStdString() << "\n";
        }
        if (a.realTime) {
            window.realSockets()->setRealServers(true);
            std::cerr << "DStream Lab: the program's socketTextStreams connect to real servers on this computer "
                         "(start one with `nc -lk PORT`)\n";
        }
    };
    if (!screenshot) {
        window.show();
        listenAtStart(); // its message box, if it fails, over the window
        return app.exec();
    }
    listenAtStart();
    if (!a.lesson.isEmpty()) return lessonScreenshot(app, window, controller, a.screenshot, a.size, runAtOpen, a.view);

    // --screenshot: run to the batch, let the drop-in animation settle, grab, exit.
    window.resize(a.size);
    window.show();
    int status = 0;
    bool grabbed = false;
    const qint64 untilMs = cfg.startTime.ms() + static_cast<qint64>(std::llround(a.untilTime.value_or(0) * 1000.0));
    if (a.untilTime) controller.runUntilTime(untilMs);
    else controller.runUntilBatch(a.untilBatch);
    int stepsBack = 0;
    auto grab = [&] {
        if (grabbed) return;
        // --back K: step back through the history, one batch per snapshot, then render.
        const auto shown = controller.snapshot();
        if (stepsBack < a.back && shown && session::previousCompletedBatch(*shown, shown->cursor)) {
            ++stepsBack;
            QTimer::singleShot(0, &app, [&] { controller.stepBack(); });
            return;
        }
        grabbed = true;
        if (shown) {
            std::cout << "dstreamlab: rendered " << shown->completedBatches << " completed batches";
            if (shown->cursor) std::cout << " (history; the run is at " << shown->headCompletedBatches << ")";
            std::cout << std::endl;
        }
        // Presenter mode on a small screen folds the bottom tabs under their bar: --view opens
        // them, as a click on the tab does (the window has its final size by now).
        if (!a.view.isEmpty()) window.showView(a.view);
        QTimer::singleShot(900, &app, [&] {
            const QPixmap pm = window.grab();
            if (!pm.save(a.screenshot)) {
                std::cerr << "dstreamlab: cannot write " << a.screenshot.toStdString() << "\n";
                status = 1;
            }
            app.quit();
        });
    };
    QObject::connect(&controller, &ui::SimulationController::snapshotChanged, &app, [&](const ui::RunSnapshotPtr &s) {
        const bool resting = s->phase == session::RunPhase::Paused || s->phase == session::RunPhase::Finished ||
                             s->phase == session::RunPhase::Failed;
        if (!resting) return;
        if (stepsBack > 0) return grab(); // browsing back: each step shows the next picture
        if (s->phase != session::RunPhase::Paused) return grab(); // the program ended first
        if (a.untilTime) {
            if (s->clock.ms() >= untilMs) grab();
            return;
        }
        // Starved runs (no core for tasks) stop once batch N has been generated.
        if (s->completedBatches >= a.untilBatch || static_cast<int>(s->batches.size()) >= a.untilBatch) grab();
    });
    QTimer::singleShot(120000, &app, [&] {
        if (a.untilTime) std::cerr << "dstreamlab: --screenshot timed out before " << *a.untilTime << " s\n";
        else std::cerr << "dstreamlab: --screenshot timed out before batch " << a.untilBatch << "\n";
        status = 1;
        app.quit();
    });
    app.exec();
    return status;
}

} // namespace dsl::app
