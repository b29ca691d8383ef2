// LessonPanel: lesson list, step texts, predict-then-reveal, hints, exercises, Back/Next.
#include "lessonpanel.h"

#include "app/lesson/lessonquery.h"
#include "app/lesson/lessonrun.h"
#include "batchselection.h"
#include "lessonexercisebox.h"
#include "lessonlistmodel.h"
#include "lessonprogress.h"
#include "lessonquestionbox.h"
#include "lessonsteprunner.h"
#include "sessiontypes.h"
#include "simulationcontroller.h"
#include "theme.h"

#include <QCoreApplication>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTreeView>
#include <QVBoxLayout>

namespace dsl::ui {

using namespace dsl::lesson;

LessonPanel::LessonPanel(SimulationController *controller, LessonProgress *progress, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_progress(progress), m_runner(new LessonStepRunner(controller, this)),
      m_model(new LessonListModel(this))
{
    setObjectName(QStringLiteral("lessonPanel"));
    m_model->setProgress(progress);
    connect(m_runner, &LessonStepRunner::programRequested, this, &LessonPanel::programRequested);
    connect(m_runner, &LessonStepRunner::finished, this, [this](bool ok) {
        if (auto then = std::exchange(m_afterRun, nullptr)) then(ok);
    });
    if (m_progress) connect(m_progress, &LessonProgress::changed, this, &LessonPanel::updateHeader);

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(6, 6, 6, 6);
    m_list = new QTreeView;
    m_list->setObjectName(QStringLiteral("lessonList"));
    m_list->setModel(m_model);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(LessonListModel::TitleColumn, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(LessonListModel::ProgressColumn, QHeaderView::ResizeToContents);
    m_list->setMaximumHeight(180);
    connect(m_list, &QTreeView::activated, this, [this](const QModelIndex &i) {
        openLesson(m_model->data(i, LessonListModel::LessonIdRole).toString());
    });
    connect(m_list, &QTreeView::clicked, this, [this](const QModelIndex &i) {
        const QString id = m_model->data(i, LessonListModel::LessonIdRole).toString();
        if (!m_player || m_player->lesson().id != id) openLesson(id);
    });
    outer->addWidget(m_list);
    auto *listRow = new QHBoxLayout;
    m_problems = new QLabel;
    m_problems->setObjectName(QStringLiteral("lessonProblems"));
    m_problems->setWordWrap(true);
    m_problems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problems->setVisible(false);
    m_resetProgress = new QPushButton;
    m_resetProgress->setObjectName(QStringLiteral("lessonResetProgress"));
    connect(m_resetProgress, &QPushButton::clicked, this, [this] {
        if (!m_progress) return;
        const QString id = m_player ? m_player->lesson().id : QString();
        const QString question = id.isEmpty() ? tr("Forget the progress of every lesson?")
                                              : tr("Forget your progress in this lesson (steps done, answers, exercises)?");
        if (QMessageBox::question(this, tr("Reset progress"), question) == QMessageBox::Yes) m_progress->reset(id);
    });
    listRow->addStretch(1);
    listRow->addWidget(m_resetProgress);
    outer->addLayout(listRow);
    outer->addWidget(m_problems);

    // The step: everything below the list scrolls, so a long step never pushes Back/Next away.
    auto *stepArea = new QWidget;
    auto *step = new QVBoxLayout(stepArea);
    step->setContentsMargins(0, 0, 0, 0);
    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("lessonTitle"));
    m_title->setWordWrap(true);
    step->addWidget(m_title);
    m_stepLabel = new QLabel;
    m_stepLabel->setObjectName(QStringLiteral("lessonStepLabel"));
    m_stepLabel->setWordWrap(true);
    step->addWidget(m_stepLabel);
    // A label, not a text browser: as tall as its text, so the question follows right below it.
    m_narration = new QLabel;
    m_narration->setObjectName(QStringLiteral("lessonNarration"));
    m_narration->setTextFormat(Qt::MarkdownText);
    m_narration->setWordWrap(true);
    m_narration->setOpenExternalLinks(true);
    m_narration->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    m_narration->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    step->addWidget(m_narration);
    m_question = new LessonQuestionBox;
    connect(m_question, &LessonQuestionBox::checkRequested, this, &LessonPanel::onCheckQuestion);
    step->addWidget(m_question);
    m_hintButton = new QPushButton;
    m_hintButton->setObjectName(QStringLiteral("lessonHintButton"));
    connect(m_hintButton, &QPushButton::clicked, this, [this] {
        m_hintShown = !m_hintShown;
        renderTexts();
    });
    auto *hintRow = new QHBoxLayout;
    hintRow->addWidget(m_hintButton);
    hintRow->addStretch(1);
    step->addLayout(hintRow);
    m_hint = new QLabel;
    m_hint->setObjectName(QStringLiteral("lessonHint"));
    m_hint->setTextFormat(Qt::MarkdownText);
    m_hint->setWordWrap(true);
    step->addWidget(m_hint);
    m_exercise = new LessonExerciseBox;
    connect(m_exercise, &LessonExerciseBox::checked, this, [this](const QString &lessonId, int step, bool passed) {
        if (!m_progress) return;
        m_progress->recordExercise(lessonId, step, passed);
        if (passed) m_progress->markDone(lessonId, step);
    });
    step->addWidget(m_exercise);
    step->addStretch(1);
    // The step follows the dock's width (texts wrap) rather than widening past it and being cut.
    stepArea->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto *scroll = new QScrollArea;
    scroll->setWidget(stepArea);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // texts wrap; nothing is cut at the side
    outer->addWidget(scroll, 1);

    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("lessonStatus"));
    m_status->setWordWrap(true);
    outer->addWidget(m_status);
    auto *nav = new QHBoxLayout;
    m_back = new QPushButton;
    m_back->setObjectName(QStringLiteral("lessonBack"));
    connect(m_back, &QPushButton::clicked, this, &LessonPanel::back);
    m_next = new QPushButton;
    m_next->setObjectName(QStringLiteral("lessonNext"));
    connect(m_next, &QPushButton::clicked, this, &LessonPanel::next);
    nav->addWidget(m_back);
    nav->addStretch(1);
    nav->addWidget(m_next);
    outer->addLayout(nav);
    retranslate();
    showStep();
}

LessonPanel::~LessonPanel() = default;

QString LessonPanel::findLessonsFolder(const QString &sourceTreeDir)
{
    auto usable = [](const QString &dir) { return !dir.isEmpty() && QFileInfo(dir).isDir(); };
    if (const QString env = qEnvironmentVariable("DSTREAMLAB_LESSONS_DIR"); usable(env)) return env;
    // An installed app: share/dstreamlab/lessons beside bin/, or in the system's data folders.
    const QString appDir = QCoreApplication::applicationDirPath();
    QStringList candidates{appDir + QStringLiteral("/../share/dstreamlab/lessons"), appDir + QStringLiteral("/lessons")};
    const QString located = QStandardPaths::locate(QStandardPaths::GenericDataLocation, QStringLiteral("dstreamlab/lessons"),
                                                   QStandardPaths::LocateDirectory);
    if (!located.isEmpty()) candidates << located;
    candidates << sourceTreeDir; // development: the source tree's lessons/
    for (const QString &c : candidates)
        if (usable(c)) return QDir::cleanPath(c);
    return sourceTreeDir;
}

void LessonPanel::setLessonsFolder(const QString &folder)
{
    m_folder = folder;
    m_library = LessonLibrary();
    m_library.loadFolder(folder);
    m_model->setLessons(m_library.lessons());
    QStringList lines;
    for (const LessonProblem &p : m_library.problems()) lines << p.toString();
    m_problems->setVisible(!lines.isEmpty());
    m_problemLines = lines;
    retranslate();
}

void LessonPanel::setExerciseProgram(const QString &dstreamlab)
{
    m_exercise->check()->setProgram(dstreamlab);
}

void LessonPanel::setProgramSource(std::function<QString()> source, std::function<QString()> fileName)
{
    m_exercise->setProgramSource(std::move(source), std::move(fileName));
}

QString LessonPanel::uiLanguage()
{
    // The language of the installed translation, known at the moment a LanguageChange arrives
    // (LanguageManager sets QLocale's default only after installing the translator).
    return QCoreApplication::translate("LessonPanel", "en", "language code of the lesson texts: zh_CN in Chinese") ==
                   QLatin1String("zh_CN")
               ? QStringLiteral("zh_CN")
               : QStringLiteral("en");
}

bool LessonPanel::openLesson(const QString &idOrNumber, std::optional<int> step)
{
    const Lesson *l = m_library.find(idOrNumber);
    if (!l) return false;
    m_afterRun = nullptr; // the previous lesson's step, if it was still running, is dropped
    m_runner->cancel();
    m_player = std::make_unique<LessonPlayer>(*l);
    m_actionsDone.clear();
    const int resume = step.value_or(m_progress ? m_progress->entry(l->id).currentStep : 0);
    m_player->goTo(std::clamp(resume, 0, m_player->stepCount() - 1));
    if (m_progress) m_progress->setCurrentStep(l->id, m_player->currentStep());

    // The lesson's clock, so the narration's times are the window's (10:00:00 ...): it clears
    // the input log, whose times counted from the old start, before the lesson's input goes in.
    m_controller->execute(command::SetStartTime{l->settings.startTime.ms()});
    // The lesson's program runs in a folder of its own (a relative checkpoint folder lands
    // there, not where the app was started), emptied for this start; a restart action's new
    // driver finds the stopped one's checkpoint in it.
    if (!m_runFolders) m_runFolders = std::make_unique<QTemporaryDir>();
    if (m_runFolders->isValid())
        m_controller->execute(command::SetWorkingDirectory{m_runFolders->filePath(l->id)});

    // The lesson's input replaces the input log (what was typed for another program stays out).
    QString error;
    bool inputOk = false;
    if (!l->input.isEmpty()) {
        inputOk = m_controller->driver()->loadInputLog(l->path(l->input), &error);
    } else {
        QTemporaryFile empty;
        inputOk = empty.open() && m_controller->driver()->loadInputLog(empty.fileName(), &error);
    }
    QFile f(l->path(l->program));
    const QString source = f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    // Program and settings go first in the runner's queue, so the actions that follow wait for
    // the lesson's own run, never for a snapshot of the previous program's.
    m_pendingSetup = {command::LoadProgram{l->path(l->program), source}, command::SetOptions{m_player->runOptions()}};
    if (const int row = m_model->rowOf(l->id); row >= 0) m_list->setCurrentIndex(m_model->index(row, 0));
    showStep();
    if (!inputOk) setStatus(tr("The lesson's input could not be loaded: %1").arg(error));
    emit optionsChanged();
    return true;
}

bool LessonPanel::goToStep(int step)
{
    if (!m_player || !m_player->goTo(step)) return false;
    if (m_progress) m_progress->setCurrentStep(m_player->lesson().id, step);
    showStep();
    return true;
}

bool LessonPanel::next()
{
    if (!m_player) return false;
    const int k = m_player->currentStep();
    const LessonStep &s = m_player->step();
    // A step to read (no question, no exercise) is done once the student moves on.
    if (!s.question && !s.exercise && m_progress) m_progress->markDone(m_player->lesson().id, k);
    return goToStep(k + 1);
}

bool LessonPanel::back()
{
    return m_player && goToStep(m_player->currentStep() - 1);
}

bool LessonPanel::isBusy() const
{
    return m_runner->isBusy();
}

void LessonPanel::runActions(int from, int to, std::function<void(bool)> then)
{
    std::vector<SessionCommand> commands = std::exchange(m_pendingSetup, {});
    for (int k = std::max(0, from); m_player && k <= to; ++k) {
        if (m_actionsDone.contains(k)) continue;
        m_actionsDone.insert(k);
        for (auto &c : m_player->commands(k)) commands.push_back(std::move(c));
    }
    // Still carrying out earlier actions: these follow them, in order (a line typed after
    // batch 2 must wait for batch 2).
    if (m_runner->isBusy()) {
        m_afterRun = std::move(then);
        m_runner->append(std::move(commands));
        return;
    }
    if (commands.empty()) {
        then(true);
        return;
    }
    m_afterRun = std::move(then);
    m_runner->start(std::move(commands));
}

void LessonPanel::showStep()
{
    m_hintShown = false;
    m_exercise->stopCheck(); // a check of the step left has nothing to say here
    if (m_player) {
        const int k = m_player->currentStep();
        const LessonStep &s = m_player->step();
        m_question->setVisible(s.question.has_value());
        if (s.question) m_question->setQuestion(*s.question, language());
        m_exercise->setVisible(s.exercise.has_value());
        if (s.exercise) {
            m_exercise->setExercise(m_player->lesson(), k, m_folder, language());
            // An exercise that starts from another program opens it (once: edits are the student's).
            const Lesson &l = m_player->lesson();
            if (!s.exercise->start.isEmpty() && m_controller->driver()->programFileName() != l.path(s.exercise->start)) {
                QFile f(l.path(s.exercise->start));
                if (f.open(QIODevice::ReadOnly)) emit programRequested(l.path(s.exercise->start), QString::fromUtf8(f.readAll()));
            }
        }
    } else {
        m_question->setVisible(false);
        m_exercise->setVisible(false);
    }
    renderTexts();
    updateHeader();
    if (!m_player) {
        setStatus(m_library.lessons().isEmpty() ? QString() : QStringLiteral("choose"));
        return;
    }
    const int k = m_player->currentStep();
    const LessonStep &s = m_player->step();
    // Predict, then reveal: a question's step runs only when the student has answered (Check).
    const bool answerFirst = s.question && !m_actionsDone.contains(k) && !m_player->commands(k).empty();
    setStatus(answerFirst ? QStringLiteral("answer-first") : QStringLiteral("running"));
    runActions(0, answerFirst ? k - 1 : k, [this, k, answerFirst](bool ok) {
        if (!m_player || m_player->currentStep() != k) return;
        if (!answerFirst) applySelections(k);
        // The actions carried out end with step k's (k - 1's when the question comes first); a
        // program the lesson shows failing there ended its run as meant.
        const bool failedAsShown = !ok && failsAsTheLessonShows(answerFirst ? k - 1 : k);
        setStatus(!ok && !failedAsShown ? QStringLiteral("ended")
                  : answerFirst         ? QStringLiteral("answer-first")
                  : failedAsShown       ? QStringLiteral("failed-as-shown")
                                        : QString());
    });
    emit stepShown(m_player->lesson().id, k);
}

void LessonPanel::renderTexts()
{
    const QString lang = language();
    if (!m_player) {
        m_title->setText(m_library.lessons().isEmpty() ? tr("No lessons found in %1").arg(m_folder)
                                                       : tr("Choose a lesson above."));
        m_narration->clear();
        m_hintButton->setVisible(false);
        m_hint->setVisible(false);
        return;
    }
    const Lesson &l = m_player->lesson();
    const LessonStep &s = m_player->step();
    m_title->setText(tr("Lesson %1: %2").arg(l.number).arg(plainLessonText(l.title.in(lang))));
    m_narration->setText(s.narration.in(lang));
    m_hintButton->setVisible(s.hint.has_value());
    m_hintButton->setText(m_hintShown ? tr("Hide hint") : tr("Show hint"));
    m_hint->setVisible(s.hint && m_hintShown);
    m_hint->setText(s.hint ? s.hint->in(lang) : QString());
    m_question->setLanguage(lang);
    m_exercise->setLanguage(lang);
}

void LessonPanel::updateHeader()
{
    m_back->setEnabled(m_player && m_player->currentStep() > 0);
    m_next->setEnabled(m_player && m_player->currentStep() + 1 < m_player->stepCount());
    if (!m_player) {
        m_stepLabel->clear();
        return;
    }
    const LessonProgressEntry e = m_progress ? m_progress->entry(m_player->lesson().id) : LessonProgressEntry{};
    m_stepLabel->setText(tr("Step %1 of %2  ·  %3 done  ·  %n right", nullptr, e.rightAnswers())
                             .arg(m_player->currentStep() + 1)
                             .arg(m_player->stepCount())
                             .arg(e.doneSteps.size()));
}

void LessonPanel::setStatus(const QString &id)
{
    m_statusSource = id;
    QString text;
    if (id == QLatin1String("choose")) text = tr("Choose a lesson: its program, input and settings open in the dashboard.");
    else if (id == QLatin1String("answer-first")) text = tr("Answer first: Check runs this step and shows what the run computes.");
    else if (id == QLatin1String("running")) text = tr("Carrying out the step…");
    else if (id == QLatin1String("ended")) text = tr("The run ended or was reset before the step's batch: open the lesson again to replay its steps.");
    else if (id == QLatin1String("failed-as-shown")) text = tr("The program failed, as this step shows: its error is marked in the code and in the Log tab.");
    else text = id;
    m_status->setText(text);
}

QString LessonPanel::statusText() const
{
    return m_status->text();
}

void LessonPanel::applySelections(int step)
{
    const RunSnapshotPtr &s = m_controller->snapshot();
    if (!m_player || !s) return;
    for (const LessonPlayer::Selection &sel : m_player->selections(step)) {
        if (const session::BatchSnapshot *b = nthBatch(*s, sel.batch)) {
            const qint64 t = b->info.batchTime.ms();
            int streamId = -1;
            if (sel.view == QLatin1String("lineage") || sel.view == QLatin1String("batchDetail")) {
                // Lineage is shown for one RDD: the stream the step asks about, else the last DStream made.
                const LessonRun run =
                    LessonRun::fromSnapshot(s, m_controller->driver()->programSource(), QStringLiteral("program.py"));
                const LessonStep &st = m_player->lesson().steps[step];
                if (st.question && st.question->answer && !st.question->answer->stream.isEmpty())
                    if (const auto *named = streamNamed(run, st.question->answer->stream)) streamId = named->id;
                if (streamId < 0)
                    for (const auto &stream : s->streams)
                        if (!stream.isOutput) streamId = stream.id;
            }
            if (streamId >= 0) m_controller->selection()->selectBox(t, streamId);
            else m_controller->selection()->selectBatch(t);
        }
        emit viewRequested(sel.view);
    }
}

void LessonPanel::onCheckQuestion()
{
    if (!m_player || !m_player->step().question) return;
    const auto answer = m_question->answer();
    if (!answer) return;
    m_player->answer(*answer);
    const int k = m_player->currentStep();
    if (!m_actionsDone.contains(k) && !m_player->commands(k).empty()) {
        m_question->setBusy(true, tr("Running the step to see what Spark computes…"));
        setStatus(QStringLiteral("running"));
        runActions(k, k, [this, k](bool) {
            if (!m_player || m_player->currentStep() != k) return;
            reveal();
            applySelections(k);
            setStatus(QString());
        });
        return;
    }
    reveal();
}

bool LessonPanel::failsAsTheLessonShows(int step) const
{
    if (!m_player || step < 0) return false;
    const Lesson &l = m_player->lesson();
    return lesson::failsOnPurpose(l, lesson::lessonDriverAt(l, step), LessonRun::fromSnapshot(m_controller->snapshot(), {}, {}));
}

void LessonPanel::reveal()
{
    const RunSnapshotPtr &s = m_controller->snapshot();
    if (!m_player || !s) return;
    const LessonRun run = LessonRun::fromSnapshot(s, m_controller->driver()->programSource(),
                                                  QFileInfo(m_controller->driver()->programFileName()).fileName());
    const Grade g = m_player->reveal(run);
    m_question->showGrade(g);
    if (g.reveal.ok() && m_progress) {
        m_progress->recordAnswer(m_player->lesson().id, m_player->currentStep(), g.correct);
        m_progress->markDone(m_player->lesson().id, m_player->currentStep());
    }
}

QString LessonPanel::narrationText() const
{
    return m_player ? m_player->step().narration.in(language()) : QString();
}

QString LessonPanel::problemsText() const
{
    return m_problems->isVisible() ? m_problems->text() : QString();
}

void LessonPanel::retranslate()
{
    m_model->setLanguage(language());
    m_resetProgress->setText(tr("Reset progress"));
    m_back->setText(tr("← Back"));
    m_next->setText(tr("Next →"));
    m_back->setToolTip(tr("The previous step (nothing runs again)"));
    m_next->setToolTip(tr("The next step: its actions run through the dashboard"));
    if (!m_problemLines.isEmpty())
        m_problems->setText(tr("Some lessons could not be loaded (the others did):") + QLatin1Char('\n') +
                            m_problemLines.join(QLatin1Char('\n')));
    setStatus(m_statusSource);
    renderTexts();
    updateHeader();
}

void LessonPanel::applyTheme(const Theme &t)
{
    QFont title = t.font(1.25, true);
    m_title->setFont(title);
    m_stepLabel->setFont(t.font(1.0));
    m_narration->setFont(t.font(1.15));
    m_question->setFont(t.font(1.1));
    m_exercise->setFont(t.font(1.1));
    m_hint->setFont(t.font(1.1));
    m_status->setFont(t.font(1.0));
    m_list->setFont(t.font(1.0));
    m_problems->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(t.error.name()));
    m_question->applyTheme(t);
    m_exercise->applyTheme(t);
}

void LessonPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

} // namespace dsl::ui
