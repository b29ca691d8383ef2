// LessonExerciseBox: an exercise step's task, "Check my program" (a child process, with progress
// and Cancel) and the first difference from the reference, in the window's language.
#pragma once

// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/lesson/lesson.h"
#endif
#include "lessonexercisecheck.h"

#include <QGroupBox>
#include <QElapsedTimer>

#include <functional>

class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;

namespace dsl::ui {

struct Theme;

class LessonExerciseBox : public QGroupBox {
    Q_OBJECT
public:
    explicit LessonExerciseBox(QWidget *parent = nullptr);

    /// The exercise of step `step` (0-based) of `lesson`, shown afresh.
    void setExercise(const lesson::Lesson &lesson, int step, const QString &lessonsDir, const QString &lang);
    void setLanguage(const QString &lang);
    /// Where the student's program comes from (the code panel's text and its file name).
    void setProgramSource(std::function<QString()> source, std::function<QString()> fileName);
    LessonExerciseCheck *check() const { return m_checker; }
    QPushButton *checkButton() const { return m_checkButton; }
    QPushButton *cancelButton() const { return m_cancel; }
    /// The verdict shown (tests read it).
    QString resultText() const;
    /// The first difference in words, in the current translation.
    static QString describe(const ExerciseReport &r);
    void applyTheme(const Theme &t);

public slots:
    void startCheck();

    /// Stops a running check without a verdict (the student left the step).
    void stopCheck();

signals:
    /// A check finished: lesson id and 0-based step it was made for.
    void checked(const QString &lessonId, int step, bool passed);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void setRunning(bool running);
    void showReport(const ExerciseReport &r);
    void showFailure(const QString &message);

    LessonExerciseCheck *m_checker;
    std::function<QString()> m_source, m_fileName;
    lesson::LocalizedText m_task;
    QString m_lessonId, m_lessonsDir, m_lang = QStringLiteral("en");
    int m_step = -1;
    bool m_quietCancel = false; ///< stopCheck: the cancel is not the student's, show nothing
    std::optional<ExerciseReport> m_report;
    QString m_failure;
    QElapsedTimer m_elapsed;
    QTimer *m_tick;

    QLabel *m_taskLabel;
    QPushButton *m_checkButton, *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_result;
    QColor m_okColor = Qt::darkGreen, m_errorColor = Qt::darkRed;
};

} // namespace dsl::ui
