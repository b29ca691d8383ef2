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

namespace {

/// Where the last `blocks` lines of text begin: the document keeps no more
/// (setMaximumBlockCount), so a redraw never lays out the lines it would drop at once.
std::size_t startOfLastBlocks(const std::string &text, int blocks)
{
    if (blocks <= 0) return 0; // no maximum
    // What follows the n-th newline from the end is the last n blocks.
    std::size_t at = text.size();
    for (int n = 0; n < blocks; ++n) {
        const std::size_t nl = at == 0 ? std::string::npos : text.rfind('\n', at - 1);
        if (nl == std::string::npos) return 0;
        at = nl;
    }
    return at + 1;
}

} // namespace

void PprintConsole::onSnapshot(const RunSnapshotPtr &s)
{
    const auto &text = s->console;
    if (!text || text == m_shown) return;
    QScrollBar *bar = verticalScrollBar();
    const bool atEnd = m_atEnd;
    // The snapshot's console is the newest part of the output: it starts at absolute offset
    // consoleDropped (the session cuts its front past 2.5 MB). Compared by absolute offsets, a
    // text whose front was cut still extends what is shown: the new output is appended and the
    // document (the newest lines only) stays. Redrawing all 2 MB at each cut (once per 0.5 MB
    // printed) grew a long run's heap in steps of 25 MB (docs/dashboard-memory.md).
    const std::size_t from = s->consoleDropped, to = from + text->size();
    const std::size_t shownFrom = m_shownDropped, shownTo = m_shown ? shownFrom + m_shown->size() : 0;
    // Where both hold the same absolute range [lo, hi), it reads the same.
    const auto sameIn = [&](std::size_t lo, std::size_t hi) {
        return lo <= hi && text->compare(lo - from, hi - lo, *m_shown, lo - shownFrom, hi - lo) == 0;
    };
    // It extends what is shown when it starts inside it (or where an empty one starts) and ends
    // at or after its end.
    const bool extends = m_shown && to >= shownTo && from >= shownFrom && (from < shownTo || from == shownFrom) &&
                         sameIn(from, shownTo);
    if (extends) {
        QString delta = QString::fromStdString(text->substr(shownTo - from));
        QTextCursor c(document());
        c.movePosition(QTextCursor::End);
        c.insertText(delta);
    } else if (m_shown && to < shownTo && from >= shownFrom && sameIn(from, to) &&
               removeTail(QString::fromStdString(m_shown->substr(to - shownFrom)).size())) {
        // Stepping back through the history: the output printed after that batch goes; cutting
        // the tail costs what is cut, not the whole console (2 MB after a long run).
    } else {
        const std::size_t start = startOfLastBlocks(*text, maximumBlockCount());
        setPlainText(QString::fromUtf8(text->data() + start, static_cast<qsizetype>(text->size() - start)));
    }
    m_shown = text;
    m_shownDropped = from;
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
