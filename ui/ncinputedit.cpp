// NcInputEdit: terminal-style line input with history and line-by-line paste.
#include "ncinputedit.h"

#include <QKeyEvent>
#include <QMimeData>
#include <QTextBlock>

namespace dsl::ui {

NcInputEdit::NcInputEdit(QWidget *parent) : QPlainTextEdit(parent)
{
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setTabChangesFocus(true);
    setFrameShape(QFrame::NoFrame);
    document()->setDocumentMargin(2);
}

QSize NcInputEdit::sizeHint() const
{
    const int h = fontMetrics().height() + 2 * static_cast<int>(document()->documentMargin()) + 6;
    return QSize(300, h);
}

QSize NcInputEdit::minimumSizeHint() const
{
    return QSize(80, sizeHint().height());
}

void NcInputEdit::send(const QString &line)
{
    if (!line.isEmpty() && (m_history.isEmpty() || m_history.last() != line)) m_history.append(line);
    m_historyIndex = static_cast<int>(m_history.size());
    m_draft.clear();
    emit lineEntered(line);
}

void NcInputEdit::showHistory(int index)
{
    if (index < 0 || index > m_history.size()) return;
    if (m_historyIndex == m_history.size()) m_draft = toPlainText();
    m_historyIndex = index;
    setPlainText(index == m_history.size() ? m_draft : m_history[index]);
    moveCursor(QTextCursor::End);
}

bool NcInputEdit::event(QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_PageUp || key == Qt::Key_PageDown) {
            event->ignore(); // not ours: the shortcut map tries the window's actions
            return true;
        }
    }
    return QPlainTextEdit::event(event);
}

void NcInputEdit::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Escape:
        emit leaveRequested();
        return;
    case Qt::Key_PageUp:
    case Qt::Key_PageDown:
        event->ignore(); // no shortcut took it: still no text and no scrolling here
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter: {
        const QString line = toPlainText();
        clear();
        send(line);
        return;
    }
    case Qt::Key_Up:
        showHistory(m_historyIndex - 1);
        return;
    case Qt::Key_Down:
        showHistory(m_historyIndex + 1);
        return;
    default:
        QPlainTextEdit::keyPressEvent(event);
    }
}

bool NcInputEdit::canInsertFromMimeData(const QMimeData *source) const
{
    return source->hasText();
}

void NcInputEdit::insertFromMimeData(const QMimeData *source)
{
    QString text = source->text();
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    QStringList lines = text.split(QLatin1Char('\n'));
    if (lines.size() == 1) {
        insertPlainText(lines.front());
        return;
    }
    // The first pasted line completes what was typed; the last, unterminated, stays to edit.
    const QString rest = lines.takeLast();
    QTextCursor c = textCursor();
    c.insertText(lines.takeFirst());
    const QString first = toPlainText();
    clear();
    send(first);
    for (const QString &l : lines) send(l);
    insertPlainText(rest);
}

} // namespace dsl::ui
