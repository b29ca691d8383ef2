// LessonExerciseCheck: "Check my program" in a child process (`dstreamlab lesson exercise ... --json`),
// because the dashboard's ProgramSession owns the process's only Python runtime (docs/lessons.md).
#pragma once

#include <QObject>
#include <QString>

#include <optional>

class QProcess;
class QTemporaryDir;

namespace dsl::ui {

/// The child's answer (app/lesson ExerciseResult, field by field, so it can be said in the
/// window's language).
struct ExerciseReport {
    bool passed = false;
    QString error;            ///< the student's (or the reference's) program raised: its last line
    bool hasDifference = false;
    QString batchText;        ///< "10:00:06"; empty: after the last batch
    int print = 0;            ///< 1-based pprint block of the batch, 0: none
    int printLine = 0;        ///< the program line of that pprint (0: unknown)
    QString printStatement;   ///< "wordCounts.pprint()"
    int line = 0;             ///< line within the print's records
    QString expected, got;
    QString text;             ///< the CLI's English sentence, as a fallback

    /// Parses the child's JSON line; nullopt when it is not one.
    static std::optional<ExerciseReport> fromJson(const QByteArray &json);
};

class LessonExerciseCheck : public QObject {
    Q_OBJECT
public:
    explicit LessonExerciseCheck(QObject *parent = nullptr);
    ~LessonExerciseCheck() override;

    /// The dstreamlab executable (the app itself; tests give the built binary).
    void setProgram(const QString &dstreamlab) { m_binary = dstreamlab; }
    QString program() const { return m_binary; }

    /// Checks `source` against the exercise of step `step` (0-based) of lesson `lessonId` in
    /// `lessonsDir`. The text is written to a temporary file named `fileName` (tracebacks name
    /// it as the student knows it). Returns false when a check is already running.
    bool start(const QString &lessonsDir, const QString &lessonId, int step, const QString &source,
               const QString &fileName = QStringLiteral("program.py"));
    void cancel();
    bool isRunning() const;

signals:
    void finished(const dsl::ui::ExerciseReport &report);
    /// The child could not run, crashed or answered something unreadable (message for the user).
    void failed(const QString &message);
    void canceled();

private:
    void onFinished();
    QString m_binary;
    QProcess *m_process = nullptr;
    QTemporaryDir *m_dir = nullptr;
    bool m_canceled = false;
};

} // namespace dsl::ui
