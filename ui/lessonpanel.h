// LessonPanel: the lessons docked beside the dashboard: the list with progress, the current step's
// narration, its question, hint and exercise, Back/Next. Every run action goes through the
// controller as SessionCommands (LessonStepRunner); the panel owns no run.
#pragma once

// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/lesson/lessonlibrary.h"
#include "app/lesson/lessonplayer.h"
#endif
#include "sessioncommands.h"

#include <QSet>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QLabel;
class QPushButton;
class QTemporaryDir;
class QTreeView;

namespace dsl::ui {

class LessonExerciseBox;
class LessonListModel;
class LessonProgress;
class LessonQuestionBox;
class LessonStepRunner;
class SimulationController;
struct Theme;

class LessonPanel : public QWidget {
    Q_OBJECT
public:
    /// `progress` is not owned (the window's, or a test's with a temporary file).
    LessonPanel(SimulationController *controller, LessonProgress *progress, QWidget *parent = nullptr);
    ~LessonPanel() override;

    /// Where the lessons are: DSTREAMLAB_LESSONS_DIR, an installed share/dstreamlab/lessons next
    /// to the executable or in the system's data folders, else the source tree's (development).
    static QString findLessonsFolder(const QString &sourceTreeDir);
    /// The language the lesson texts are shown in: that of the installed translation ("zh_CN"
    /// or "en"), so it is right already while a LanguageChange is delivered.
    static QString uiLanguage();
    /// Loads every lesson of the folder; the broken ones are listed with file and field.
    void setLessonsFolder(const QString &folder);
    QString lessonsFolder() const { return m_folder; }
    /// The dstreamlab executable that checks exercises in a child process.
    void setExerciseProgram(const QString &dstreamlab);
    /// Where "Check my program" reads the student's program (the code panel).
    void setProgramSource(std::function<QString()> source, std::function<QString()> fileName);

    /// Opens a lesson (id, number or id prefix): its clock (the fixed start), working folder
    /// (emptied), input, program and settings, then its
    /// step `step` (0-based; nullopt: where the student left off), carrying out the earlier
    /// steps' actions on the way. False when there is no such lesson.
    bool openLesson(const QString &idOrNumber, std::optional<int> step = std::nullopt);
    /// Moves to step k of the open lesson (actions of the steps passed are carried out once).
    bool goToStep(int step);
    bool next();
    bool back();

    const lesson::LessonLibrary &library() const { return m_library; }
    const lesson::LessonPlayer *player() const { return m_player.get(); }
    LessonListModel *listModel() const { return m_model; }
    LessonQuestionBox *questionBox() const { return m_question; }
    LessonExerciseBox *exerciseBox() const { return m_exercise; }
    /// True while a step's actions run (a question's reveal waits for them).
    bool isBusy() const;
    /// The narration shown (Markdown source), the problems text and the status line.
    QString narrationText() const;
    QString problemsText() const;
    QString statusText() const;
    void applyTheme(const Theme &t);

signals:
    /// Show and load a program (the window's setProgram: the code panel and the run).
    void programRequested(const QString &fileName, const QString &source);
    /// A lesson changed the run's settings (the toolbar shows them).
    void optionsChanged();
    /// A select action names a view ("timeline", "lineage", ...; docs/lessons.md).
    void viewRequested(const QString &view);
    /// The step shown changed (lesson id, 0-based step).
    void stepShown(const QString &lessonId, int step);

protected:
    void changeEvent(QEvent *event) override;

private:
    QString language() const { return uiLanguage(); }
    void retranslate();
    void showStep();
    void renderTexts();
    /// Carries out the actions of steps [from, to] not yet done, then `then`.
    void runActions(int from, int to, std::function<void(bool)> then);
    void applySelections(int step);
    void onCheckQuestion();
    void reveal();
    /// The run of step k failed with the error the lesson shows on purpose (an open action's raises).
    bool failsAsTheLessonShows(int step) const;
    void updateHeader();
    void setStatus(const QString &text);

    SimulationController *m_controller;
    LessonProgress *m_progress;
    LessonStepRunner *m_runner;
    lesson::LessonLibrary m_library;
    QString m_folder;
    std::unique_ptr<lesson::LessonPlayer> m_player;
    QSet<int> m_actionsDone;     ///< steps whose actions went to this run already
    std::function<void(bool)> m_afterRun;
    bool m_hintShown = false;
    QString m_statusSource;      ///< the status line's text id, retranslated on a language change
    QStringList m_problemLines;  ///< LessonLibrary::problems(), one per line
    std::vector<SessionCommand> m_pendingSetup; ///< an opened lesson's LoadProgram and SetOptions
    std::unique_ptr<QTemporaryDir> m_runFolders; ///< one working folder per lesson, removed on exit

    LessonListModel *m_model;
    QTreeView *m_list;
    QLabel *m_problems;
    QPushButton *m_resetProgress;
    QLabel *m_title;
    QLabel *m_stepLabel;
    QLabel *m_narration;
    LessonQuestionBox *m_question;
    QPushButton *m_hintButton;
    QLabel *m_hint;
    LessonExerciseBox *m_exercise;
    QLabel *m_status;
    QPushButton *m_back, *m_next;
};

} // namespace dsl::ui
