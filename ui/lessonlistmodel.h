// LessonListModel: the lessons of the library with each one's progress, for the lesson panel's list.
#pragma once

// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/lesson/lesson.h"
#endif

#include <QAbstractTableModel>

namespace dsl::ui {

class LessonProgress;

/// One row per lesson, in the library's order: "1  title" and "done/total steps, N right".
/// Texts come in the language set with setLanguage (zh_CN or en); headers go through tr().
class LessonListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TitleColumn, ProgressColumn, ColumnCount };
    enum Role { LessonIdRole = Qt::UserRole + 1, DoneStepsRole, StepCountRole, RightAnswersRole };

    explicit LessonListModel(QObject *parent = nullptr);
    void setLessons(QList<lesson::Lesson> lessons);
    /// Progress to show (not owned; nullptr: none). The rows follow its changes.
    void setProgress(LessonProgress *progress);
    void setLanguage(const QString &lang);
    const QList<lesson::Lesson> &lessons() const { return m_lessons; }
    /// The row of a lesson id, or -1.
    int rowOf(const QString &lessonId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// "3/6 steps · 2 right" in the current translation.
    static QString progressText(int done, int total, int right);

private:
    void progressChanged(const QString &lessonId);
    QList<lesson::Lesson> m_lessons;
    LessonProgress *m_progress = nullptr;
    QString m_lang = QStringLiteral("en");
};

} // namespace dsl::ui
