// LessonProgress: what a student has done in each lesson (step reached, steps done, answers,
// exercises), kept per user in a JSON file so it survives a restart.
#pragma once

#include <QMap>
#include <QObject>
#include <QSet>
#include <QString>

namespace dsl::ui {

/// One lesson's progress. Steps are 0-based here (the file and the panel agree).
struct LessonProgressEntry {
    int currentStep = 0;
    QSet<int> doneSteps;
    QMap<int, bool> answers;    ///< step -> the last revealed answer was right
    QMap<int, bool> exercises;  ///< step -> the last check passed
    int rightAnswers() const;
    bool operator==(const LessonProgressEntry &) const = default;
};

/// Kept in `lesson-progress.json` under QStandardPaths::AppDataLocation (per user), or in the
/// file given; an empty path keeps it in memory only (screenshots, tests that want no file).
/// Every change is written at once: a student's progress never waits for a clean exit.
class LessonProgress : public QObject {
    Q_OBJECT
public:
    explicit LessonProgress(QString filePath, QObject *parent = nullptr);
    /// The per-user default file.
    static QString defaultFilePath();

    QString filePath() const { return m_path; }
    LessonProgressEntry entry(const QString &lessonId) const { return m_entries.value(lessonId); }
    bool hasEntry(const QString &lessonId) const { return m_entries.contains(lessonId); }

    void setCurrentStep(const QString &lessonId, int step);
    void markDone(const QString &lessonId, int step);
    void recordAnswer(const QString &lessonId, int step, bool right);
    void recordExercise(const QString &lessonId, int step, bool passed);
    /// Forgets one lesson's progress (empty id: every lesson's).
    void reset(const QString &lessonId = {});
    /// The last error writing or reading the file (empty: none).
    QString error() const { return m_error; }

signals:
    void changed(const QString &lessonId);

private:
    void load();
    void save();
    QString m_path;
    QMap<QString, LessonProgressEntry> m_entries;
    QString m_error;
};

} // namespace dsl::ui
