// PprintConsole: incremental program output.
#include "pprintconsole.h"

#include "sessiontypes.h"
#include "simulationcontroller.h"
#include "theme.h"

#include <QEvent>
#include <QScrollBar>
#include <QTimer>

namespace dsl::ui {

PprintConsole::PprintConsole(SimulationController *controller, QWidget *parent) : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setMaximumBlockCount(20000);
    setObjectName(QStringLiteral("pprintConsole"));
    connect(controller, &SimulationController::snapshotChanged, this, &PprintConsole::onSnapshot);
    connect(controller, &SimulationController::themeChanged, this, [this](const Theme &t) {
        setFont(t.monoFont(1.05));
        // A new font (presenter mode) re-lays the lines out: stay at the latest batch's output.
        if (m_atEnd) QTimer::singleShot(0, this, [this] { verticalScrollBar()->setValue(verticalScrollBar()->maximum()); });
    });
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int v) {
        if (!m_layingOut) m_atEnd = v >= verticalScrollBar()->maximum() - 2;
    });
    setFont(controller->theme().monoFont(1.05));
    retranslateUi();
}

void PprintConsole::resizeEvent(QResizeEvent *event)
{
    m_layingOut = true;
    QPlainTextEdit::resizeEvent(event);
    if (m_atEnd) verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    m_layingOut = false;
}

void PprintConsole::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QPlainTextEdit::changeEvent(event);
}

void PprintConsole::retranslateUi()
{
    setPlaceholderText(tr("The program's output (pprint) appears here as batches complete."));
}

void PprintConsole::onSnapshot(const RunSnapshotPtr &s)
{
    const auto &text = s->console;
    if (!text || text == m_shown) return;
    QScrollBar *bar = verticalScrollBar();
    const bool atEnd = m_atEnd;
    const bool extends = m_shown && text->size() >= m_shown->size() && text->compare(0, m_shown->size(), *m_shown) == 0;
    if (extends) {
        QString delta = QString::fromStdString(text->substr(m_shown->size()));
        QTextCursor c(document());
        c.movePosition(QTextCursor::End);
        c.insertText(delta);
    } else if (m_shown && text->size() < m_shown->size() && m_shown->compare(0, text->size(), *text) == 0 &&
               removeTail(QString::fromStdString(m_shown->substr(text->size())).size())) {
        // Stepping back through the history: the output printed after that batch goes; cutting
        // the tail costs what is cut, not the whole console (2 MB after a long run).
    } else {
        setPlainText(QString::fromStdString(*text));
    }
    m_shown = text;
    if (atEnd || !extends) {
        bar->setValue(bar->maximum());
        m_atEnd = true;
    }
}

bool PprintConsole::removeTail(qsizetype chars)
{
    // The document holds the newest lines only (setMaximumBlockCount): a longer tail than it
    // holds is rebuilt from the text instead.
    const int end = document()->characterCount() - 1;
    if (chars > end) return false;
    QTextCursor c(document());
    c.setPosition(end - static_cast<int>(chars));
    c.setPosition(end, QTextCursor::KeepAnchor);
    c.removeSelectedText();
    return true;
}

} // namespace dsl::ui
