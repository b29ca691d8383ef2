// LessonListModel: lesson rows, their progress, refreshed when the progress or the language changes.
#include "lessonlistmodel.h"

#include "lessonprogress.h"

namespace dsl::ui {

LessonListModel::LessonListModel(QObject *parent) : QAbstractTableModel(parent) {}

void LessonListModel::setLessons(QList<lesson::Lesson> lessons)
{
    beginResetModel();
    m_lessons = std::move(lessons);
    endResetModel();
}

void LessonListModel::setProgress(LessonProgress *progress)
{
    if (m_progress) disconnect(m_progress, nullptr, this, nullptr);
    m_progress = progress;
    if (m_progress) connect(m_progress, &LessonProgress::changed, this, &LessonListModel::progressChanged);
    if (!m_lessons.isEmpty()) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void LessonListModel::setLanguage(const QString &lang)
{
    if (lang == m_lang) return;
    m_lang = lang;
    if (!m_lessons.isEmpty()) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

void LessonListModel::progressChanged(const QString &lessonId)
{
    if (m_lessons.isEmpty()) return;
    const int row = rowOf(lessonId);
    // An empty id (every lesson reset) or an unknown one: refresh every row.
    if (row < 0) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    else emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int LessonListModel::rowOf(const QString &lessonId) const
{
    for (int i = 0; i < m_lessons.size(); ++i)
        if (m_lessons[i].id == lessonId) return i;
    return -1;
}

int LessonListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_lessons.size());
}

int LessonListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString LessonListModel::progressText(int done, int total, int right)
{
    return tr("%1/%2 steps · %n right", nullptr, right).arg(done).arg(total);
}

QVariant LessonListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const lesson::Lesson &l = m_lessons[index.row()];
    const LessonProgressEntry e = m_progress ? m_progress->entry(l.id) : LessonProgressEntry{};
    const int total = static_cast<int>(l.steps.size());
    const int done = static_cast<int>(e.doneSteps.size());
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == TitleColumn) return QStringLiteral("%1  %2").arg(l.number).arg(l.title.in(m_lang));
        return progressText(done, total, e.rightAnswers());
    case Qt::ToolTipRole:
        return l.title.in(m_lang) + QLatin1Char('\n') + l.concepts.join(QStringLiteral(", "));
    case LessonIdRole:
        return l.id;
    case DoneStepsRole:
        return done;
    case StepCountRole:
        return total;
    case RightAnswersRole:
        return e.rightAnswers();
    default:
        return {};
    }
}

QVariant LessonListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    if (section == TitleColumn) return tr("Lesson");
    if (section == ProgressColumn) return tr("Progress");
    return {};
}

} // namespace dsl::ui
