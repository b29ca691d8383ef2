// LessonQuestionBox: a step's predict-then-reveal question: the prompt, the choices (radio
// buttons) or a typed value, Check, and the revealed answer with right/wrong and the explanation.
#pragma once

// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/lesson/lesson.h"
#include "app/lesson/lessongrade.h"
#endif

#include <QGroupBox>

#include <optional>

class QButtonGroup;
class QLabel;
class QLineEdit;
class QPushButton;
class QVBoxLayout;

namespace dsl::ui {

struct Theme;

class LessonQuestionBox : public QGroupBox {
    Q_OBJECT
public:
    explicit LessonQuestionBox(QWidget *parent = nullptr);

    /// Shows a question afresh (nothing answered), in `lang`.
    void setQuestion(const lesson::LessonQuestion &question, const QString &lang);
    /// Re-renders the texts in another language, keeping what was answered and revealed.
    void setLanguage(const QString &lang);
    /// What the student answered so far (nullopt: nothing chosen or typed).
    std::optional<lesson::LessonAnswer> answer() const;
    /// Chooses option i (0-based) or types a value, as the student would.
    void chooseOption(int i);
    void typeValue(const QString &value);
    /// Waiting for the run before the reveal: Check disabled, a note shown.
    void setBusy(bool busy, const QString &note = {});
    /// The graded answer: right/wrong, the computed answer, the explanation; inputs locked.
    void showGrade(const lesson::Grade &grade);
    bool isRevealed() const { return m_grade.has_value(); }
    /// The text of the verdict and answer (tests read it).
    QString resultText() const;
    QPushButton *checkButton() const { return m_check; }
    void applyTheme(const Theme &t);

signals:
    void checkRequested();

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void rebuild();
    void renderResult();
    void updateCheckEnabled();

    std::optional<lesson::LessonQuestion> m_question;
    QString m_lang = QStringLiteral("en");
    int m_chosen = -1;
    QString m_typed;
    std::optional<lesson::Grade> m_grade;
    bool m_busy = false;

    QLabel *m_prompt;
    QWidget *m_choices;
    QVBoxLayout *m_choicesLayout;
    QButtonGroup *m_group;
    QLineEdit *m_value;
    QPushButton *m_check;
    QLabel *m_note;
    QLabel *m_result;
    QColor m_okColor = Qt::darkGreen, m_errorColor = Qt::darkRed;
};

/// A lesson's Markdown made plain for a widget that shows no Markdown (radio buttons):
/// backticks and emphasis marks dropped.
QString plainLessonText(const QString &markdown);

} // namespace dsl::ui
