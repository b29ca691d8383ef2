// LessonQuestionBox: predict (choose or type), then reveal what the run computed.
#include "lessonquestionbox.h"

#include "theme.h"

#include <QButtonGroup>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace dsl::ui {

QString plainLessonText(const QString &markdown)
{
    QString s = markdown;
    s.remove(QLatin1Char('`'));
    static const QRegularExpression emphasis(QStringLiteral("(\\*\\*|__)(.+?)\\1"));
    s.replace(emphasis, QStringLiteral("\\2"));
    return s.trimmed();
}

LessonQuestionBox::LessonQuestionBox(QWidget *parent) : QGroupBox(parent)
{
    setObjectName(QStringLiteral("lessonQuestion"));
    auto *layout = new QVBoxLayout(this);
    m_prompt = new QLabel;
    m_prompt->setTextFormat(Qt::MarkdownText);
    m_prompt->setWordWrap(true);
    m_prompt->setObjectName(QStringLiteral("questionPrompt"));
    layout->addWidget(m_prompt);
    m_choices = new QWidget;
    m_choicesLayout = new QVBoxLayout(m_choices);
    m_choicesLayout->setContentsMargins(8, 0, 0, 0);
    layout->addWidget(m_choices);
    m_group = new QButtonGroup(this);
    connect(m_group, &QButtonGroup::idClicked, this, [this](int id) {
        m_chosen = id;
        updateCheckEnabled();
    });
    m_value = new QLineEdit;
    m_value->setObjectName(QStringLiteral("questionValue"));
    connect(m_value, &QLineEdit::textChanged, this, [this](const QString &t) {
        m_typed = t;
        updateCheckEnabled();
    });
    connect(m_value, &QLineEdit::returnPressed, this, [this] {
        if (m_check->isEnabled()) emit checkRequested();
    });
    layout->addWidget(m_value);
    auto *row = new QHBoxLayout;
    m_check = new QPushButton;
    m_check->setObjectName(QStringLiteral("questionCheck"));
    connect(m_check, &QPushButton::clicked, this, &LessonQuestionBox::checkRequested);
    row->addWidget(m_check);
    m_note = new QLabel;
    m_note->setWordWrap(true);
    row->addWidget(m_note, 1);
    layout->addLayout(row);
    m_result = new QLabel;
    m_result->setObjectName(QStringLiteral("questionResult"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::MarkdownText);
    layout->addWidget(m_result);
    rebuild();
}

void LessonQuestionBox::setQuestion(const lesson::LessonQuestion &question, const QString &lang)
{
    m_question = question;
    m_lang = lang;
    m_chosen = -1;
    m_typed.clear();
    m_grade.reset();
    m_busy = false;
    rebuild();
}

void LessonQuestionBox::setLanguage(const QString &lang)
{
    if (lang == m_lang) return;
    m_lang = lang;
    rebuild();
}

void LessonQuestionBox::rebuild()
{
    setTitle(tr("Predict, then check"));
    m_check->setText(tr("Check"));
    m_value->setPlaceholderText(tr("Type a number"));
    while (QLayoutItem *item = m_choicesLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (!m_question) return;
    m_prompt->setText(m_question->prompt.in(m_lang));
    const bool choice = m_question->kind == lesson::LessonQuestion::Kind::Choice;
    m_choices->setVisible(choice);
    m_value->setVisible(!choice);
    if (choice) {
        for (int i = 0; i < m_question->options.size(); ++i) {
            // A radio button does not wrap its text: the option's text is a wrapping label
            // beside it (a click on it chooses the option too), so a narrow panel cuts nothing.
            auto *row = new QWidget;
            auto *h = new QHBoxLayout(row);
            h->setContentsMargins(0, 0, 0, 0);
            auto *b = new QRadioButton(QStringLiteral("%1)").arg(QChar(u'A' + i)));
            b->setObjectName(QStringLiteral("questionOption%1").arg(i));
            b->setChecked(i == m_chosen);
            m_group->addButton(b, i);
            auto *text = new QLabel(plainLessonText(m_question->options[i].text.in(m_lang)));
            text->setWordWrap(true);
            text->setProperty("option", i);
            text->installEventFilter(this);
            h->addWidget(b, 0, Qt::AlignTop);
            h->addWidget(text, 1);
            m_choicesLayout->addWidget(row);
        }
    } else if (m_value->text() != m_typed) {
        m_value->setText(m_typed);
    }
    updateCheckEnabled();
    renderResult();
}

std::optional<lesson::LessonAnswer> LessonQuestionBox::answer() const
{
    if (!m_question) return std::nullopt;
    if (m_question->kind == lesson::LessonQuestion::Kind::Choice) {
        if (m_chosen < 0) return std::nullopt;
        return lesson::LessonAnswer(m_chosen);
    }
    if (m_typed.trimmed().isEmpty()) return std::nullopt;
    return lesson::LessonAnswer(m_typed);
}

void LessonQuestionBox::chooseOption(int i)
{
    if (QAbstractButton *b = m_group->button(i)) b->click();
}

void LessonQuestionBox::typeValue(const QString &value)
{
    m_value->setText(value);
}

void LessonQuestionBox::setBusy(bool busy, const QString &note)
{
    m_busy = busy;
    m_note->setText(note);
    updateCheckEnabled();
}

void LessonQuestionBox::updateCheckEnabled()
{
    const bool locked = m_grade.has_value();
    m_check->setEnabled(!locked && !m_busy && answer().has_value());
    m_value->setReadOnly(locked);
    for (QAbstractButton *b : m_group->buttons()) b->setEnabled(!locked);
}

void LessonQuestionBox::showGrade(const lesson::Grade &grade)
{
    m_grade = grade;
    m_busy = false;
    m_note->clear();
    updateCheckEnabled();
    renderResult();
}

void LessonQuestionBox::renderResult()
{
    if (!m_grade || !m_question) {
        m_result->clear();
        m_result->setVisible(false);
        return;
    }
    const lesson::Grade &g = *m_grade;
    QStringList parts;
    if (!g.reveal.ok()) {
        parts << tr("The run cannot answer this yet: %1").arg(g.reveal.error);
    } else {
        const bool choice = m_question->kind == lesson::LessonQuestion::Kind::Choice;
        if (!g.understood) parts << tr("**That is not a number.**");
        else parts << (g.correct ? tr("**Right!**") : tr("**Not quite.**"));
        if (choice) {
            QStringList right;
            for (int i : g.reveal.correctOptions)
                right << QStringLiteral("%1) %2").arg(QChar(u'A' + i)).arg(plainLessonText(m_question->options[i].text.in(m_lang)));
            parts << tr("The run shows: %1").arg(right.join(QStringLiteral("; ")));
        } else {
            parts << tr("The run shows: %1").arg(g.reveal.valueText);
        }
        if (m_question->explanation) parts << m_question->explanation->in(m_lang);
    }
    m_result->setText(parts.join(QStringLiteral("\n\n")));
    m_result->setVisible(true);
    // Right or wrong is said in words too, never by colour alone.
    m_result->setStyleSheet(QStringLiteral("QLabel { color: %1; }")
                                .arg((g.reveal.ok() && g.correct ? m_okColor : m_errorColor).name()));
    // Mark the options the run makes true.
    for (QLabel *l : m_choices->findChildren<QLabel *>()) {
        QFont f = l->font();
        f.setBold(g.reveal.correctOptions.contains(l->property("option").toInt()));
        l->setFont(f);
    }
}

QString LessonQuestionBox::resultText() const
{
    return m_result->isVisible() ? m_result->text() : QString();
}

void LessonQuestionBox::applyTheme(const Theme &t)
{
    m_okColor = t.isDark() ? t.ok.lighter(130) : t.ok.darker(150);
    m_errorColor = t.isDark() ? t.error.lighter(130) : t.error.darker(120);
    renderResult();
}

bool LessonQuestionBox::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::MouseButtonRelease && watched->property("option").isValid() && !m_grade)
        chooseOption(watched->property("option").toInt());
    return QGroupBox::eventFilter(watched, event);
}

void LessonQuestionBox::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        // Only tr() texts here; the lesson's own texts follow setLanguage.
        setTitle(tr("Predict, then check"));
        m_check->setText(tr("Check"));
        m_value->setPlaceholderText(tr("Type a number"));
        renderResult();
    }
    QGroupBox::changeEvent(event);
}

} // namespace dsl::ui
