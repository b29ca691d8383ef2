// LessonExerciseBox: the task, the check's progress and Cancel, and its verdict.
#include "lessonexercisebox.h"

#include "theme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include <utility>

namespace dsl::ui {

LessonExerciseBox::LessonExerciseBox(QWidget *parent)
    : QGroupBox(parent), m_checker(new LessonExerciseCheck(this)), m_tick(new QTimer(this))
{
    setObjectName(QStringLiteral("lessonExercise"));
    auto *layout = new QVBoxLayout(this);
    m_taskLabel = new QLabel;
    m_taskLabel->setTextFormat(Qt::MarkdownText);
    m_taskLabel->setWordWrap(true);
    layout->addWidget(m_taskLabel);
    auto *row = new QHBoxLayout;
    m_checkButton = new QPushButton;
    m_checkButton->setObjectName(QStringLiteral("exerciseCheck"));
    connect(m_checkButton, &QPushButton::clicked, this, &LessonExerciseBox::startCheck);
    row->addWidget(m_checkButton);
    m_progress = new QProgressBar;
    m_progress->setRange(0, 0); // the check cannot tell how far it is: a busy bar and the seconds
    m_progress->setTextVisible(true);
    m_progress->setVisible(false);
    row->addWidget(m_progress, 1);
    m_cancel = new QPushButton;
    m_cancel->setObjectName(QStringLiteral("exerciseCancel"));
    m_cancel->setVisible(false);
    connect(m_cancel, &QPushButton::clicked, m_checker, &LessonExerciseCheck::cancel);
    row->addWidget(m_cancel);
    layout->addLayout(row);
    m_result = new QLabel;
    m_result->setObjectName(QStringLiteral("exerciseResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_result);

    m_tick->setInterval(250);
    connect(m_tick, &QTimer::timeout, this, [this] {
        m_progress->setFormat(tr("Running both programs… %1 s").arg(m_elapsed.elapsed() / 1000.0, 0, 'f', 1));
    });
    connect(m_checker, &LessonExerciseCheck::finished, this, &LessonExerciseBox::showReport);
    connect(m_checker, &LessonExerciseCheck::failed, this, &LessonExerciseBox::showFailure);
    connect(m_checker, &LessonExerciseCheck::canceled, this, [this] {
        setRunning(false);
        if (std::exchange(m_quietCancel, false)) return;
        m_report.reset();
        m_failure = tr("Check canceled.");
        m_result->setStyleSheet(QString());
        m_result->setText(m_failure);
    });
    retranslate();
}

void LessonExerciseBox::stopCheck()
{
    if (!m_checker->isRunning()) return;
    m_quietCancel = true;
    m_checker->cancel();
}

void LessonExerciseBox::setExercise(const lesson::Lesson &lesson, int step, const QString &lessonsDir, const QString &lang)
{
    stopCheck();
    m_lessonId = lesson.id;
    m_lessonsDir = lessonsDir;
    m_step = step;
    m_task = lesson.steps[step].exercise ? lesson.steps[step].exercise->task : lesson::LocalizedText{};
    m_lang = lang;
    m_report.reset();
    m_failure.clear();
    m_result->clear();
    retranslate();
}

void LessonExerciseBox::setLanguage(const QString &lang)
{
    m_lang = lang;
    retranslate();
}

void LessonExerciseBox::setProgramSource(std::function<QString()> source, std::function<QString()> fileName)
{
    m_source = std::move(source);
    m_fileName = std::move(fileName);
}

void LessonExerciseBox::startCheck()
{
    if (m_checker->isRunning() || m_step < 0 || !m_source) return;
    m_report.reset();
    m_failure.clear();
    m_result->clear();
    setRunning(true);
    QString name = m_fileName ? m_fileName() : QString();
    if (name.isEmpty()) name = QStringLiteral("program.py");
    m_checker->start(m_lessonsDir, m_lessonId, m_step, m_source(), name);
}

void LessonExerciseBox::setRunning(bool running)
{
    m_checkButton->setEnabled(!running);
    m_progress->setVisible(running);
    m_cancel->setVisible(running);
    if (running) {
        m_elapsed.start();
        m_progress->setFormat(tr("Running both programs… %1 s").arg(0.0, 0, 'f', 1));
        m_tick->start();
    } else {
        m_tick->stop();
    }
}

QString LessonExerciseBox::describe(const ExerciseReport &r)
{
    if (r.passed) return tr("Passed: your program prints what the reference prints, hidden lines included.");
    if (!r.error.isEmpty()) return tr("Not yet: a program raised an error: %1").arg(r.error);
    if (!r.hasDifference) return tr("Not yet: %1").arg(r.text);
    const QString batch = r.batchText.isEmpty() ? tr("after the last batch") : tr("batch %1").arg(r.batchText);
    QString where;
    if (r.print > 0 && r.printLine > 0)
        where = r.printStatement.isEmpty() ? tr("the pprint at line %1").arg(r.printLine)
                                           : tr("the pprint at line %1 (%2)").arg(r.printLine).arg(r.printStatement);
    else if (r.print > 0)
        where = tr("pprint number %1").arg(r.print);
    else
        where = tr("the printed output");
    const QString nothing = tr("(nothing)");
    return tr("Not yet. First difference: %1, %2, line %3:\nexpected  %4\ngot       %5")
        .arg(batch, where)
        .arg(r.line)
        .arg(r.expected.isEmpty() ? nothing : r.expected, r.got.isEmpty() ? nothing : r.got);
}

void LessonExerciseBox::showReport(const ExerciseReport &r)
{
    setRunning(false);
    m_report = r;
    m_result->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg((r.passed ? m_okColor : m_errorColor).name()));
    m_result->setText(describe(r));
    emit checked(m_lessonId, m_step, r.passed);
}

void LessonExerciseBox::showFailure(const QString &message)
{
    setRunning(false);
    m_failure = message;
    m_result->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(m_errorColor.name()));
    m_result->setText(message);
}

QString LessonExerciseBox::resultText() const
{
    return m_result->text();
}

void LessonExerciseBox::retranslate()
{
    setTitle(tr("Exercise"));
    m_taskLabel->setText(m_task.in(m_lang));
    m_checkButton->setText(tr("Check my program"));
    m_checkButton->setToolTip(tr("Runs your program and the lesson's reference on the same input plus hidden lines, and shows the first difference"));
    m_cancel->setText(tr("Cancel"));
    if (m_report) m_result->setText(describe(*m_report));
}

void LessonExerciseBox::applyTheme(const Theme &t)
{
    m_okColor = t.isDark() ? t.ok.lighter(130) : t.ok.darker(150);
    m_errorColor = t.isDark() ? t.error.lighter(130) : t.error.darker(120);
    m_result->setFont(t.monoFont(1.0));
}

void LessonExerciseBox::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) retranslate();
    QGroupBox::changeEvent(event);
}

} // namespace dsl::ui
