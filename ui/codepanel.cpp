// CodePanel: editor, gutter, syntax marks, lit and error lines, run edited / save / revert.
#include "codepanel.h"

#include "batchselection.h"
#include "codegutter.h"
#include "programtext.h"
#include "pythonhighlighter.h"
#include "sessiontypes.h"
#include "simulationcontroller.h"
#include "theme.h"

#include <QFile>
#include <QFileInfo>
#include <QPaintEvent>
#include <QPainter>
#include <QSaveFile>
#include <QScrollBar>
#include <QTextBlock>
#include <QTimer>

#include <algorithm>
#include <vector>

namespace dsl::ui {

CodePanel::CodePanel(SimulationController *controller, QWidget *parent)
    : QPlainTextEdit(parent), m_controller(controller), m_highlighter(new PythonHighlighter(document())),
      m_gutter(new CodeGutter(this)), m_syntaxTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("codePanel"));
    // Checked after a short pause in typing, not on every key: the check takes the
    // interpreter's lock, which a running program holds most of the time it computes.
    m_syntaxTimer->setSingleShot(true);
    m_syntaxTimer->setInterval(350);
    connect(m_syntaxTimer, &QTimer::timeout, this, &CodePanel::checkSyntaxNow);
    connect(document(), &QTextDocument::contentsChange, this, [this] { m_syntaxTimer->start(); });
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 4);
    connect(this, &QPlainTextEdit::blockCountChanged, this, &CodePanel::updateGutterWidth);
    connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect &rect, int dy) {
        if (dy) m_gutter->scroll(0, dy);
        else m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
    });
    connect(controller, &SimulationController::snapshotChanged, this, &CodePanel::onSnapshot);
    connect(controller, &SimulationController::themeChanged, this, &CodePanel::applyTheme);
    connect(controller->selection(), &BatchSelection::changed, this, &CodePanel::updateSelection);
    applyTheme(controller->theme());
}

void CodePanel::setProgram(const QString &source)
{
    m_original = source;
    setPlainText(source);
    markLoaded();
    m_syntaxRetries = 0;
    m_errorLine = 0;
    m_computingLine = 0;
    m_lineageLines.clear();
    m_scrolledToStreaming = false;
    updateSelection();
    if (isVisible()) showStreamingCode();
}

void CodePanel::checkSyntaxNow()
{
    m_syntaxTimer->stop();
    const session::SyntaxCheck c = m_controller->driver()->checkSyntax(toPlainText());
    if (!c.checked) {
        // No interpreter yet (the session starts it on its own thread): ask again shortly.
        if (++m_syntaxRetries <= 20) m_syntaxTimer->start(500);
        return;
    }
    const int line = c.hasError() ? std::min(std::max(1, c.line), std::max(1, blockCount())) : 0;
    if (line != m_syntaxLine || c.message != m_syntaxMessage || c.column != m_syntaxColumn) {
        m_syntaxLine = line;
        m_syntaxColumn = c.column;
        m_syntaxMessage = line ? c.message : QString();
        updateSelection();
    }
    emit syntaxChecked(m_syntaxLine, m_syntaxMessage);
}

void CodePanel::runEdited()
{
    const QString source = toPlainText();
    QString fileName = m_controller->driver()->programFileName();
    if (fileName.isEmpty()) fileName = QStringLiteral("program.py");
    const RunSnapshotPtr &before = m_controller->snapshot();
    const std::uint64_t oldRun = before ? before->runId : 0;
    m_controller->loadProgram(fileName, source);
    markLoaded();
    m_errorLine = 0;
    m_errorText.clear();
    emit programRun(fileName, source);
    // Run once the new run is there: until then the snapshot is the old run's, and an ended
    // run refuses Run.
    auto *once = new QObject(this);
    connect(m_controller, &SimulationController::snapshotChanged, once, [this, once, oldRun](const RunSnapshotPtr &s) {
        if (s->runId == oldRun || s->phase != RunPhase::NotStarted) return;
        once->deleteLater();
        m_controller->play();
    });
}

void CodePanel::revert()
{
    if (toPlainText() == m_original) return;
    // Through a cursor, so Undo brings the edits back.
    QTextCursor c(document());
    c.select(QTextCursor::Document);
    c.insertText(m_original);
}

bool CodePanel::saveTo(const QString &path, QString *error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(toPlainText().toUtf8()) < 0 || !f.commit()) {
        if (error) *error = f.errorString();
        return false;
    }
    return true;
}

void CodePanel::showStreamingCode()
{
    // Environment boilerplate first, streaming code below: start the view one line above the
    // StreamingContext, so a class sees lines -> words -> pairs -> counts at once.
    const auto [from, to] = ProgramText(toPlainText()).streamingRange();
    m_scrolledToStreaming = true;
    if (from <= 0) return;
    const int visible = std::max(1, viewport()->height() / std::max(1, fontMetrics().lineSpacing()));
    int top = std::max(0, from - 2);
    if (to - top + 1 > visible) top = std::max(0, std::min(top, to - visible + 1));
    if (to <= visible) top = 0; // it all fits from the first line
    verticalScrollBar()->setValue(top);
}

void CodePanel::ensureLineVisible(int line)
{
    if (line <= 0) return;
    const int visible = std::max(1, viewport()->height() / std::max(1, fontMetrics().lineSpacing()));
    QScrollBar *bar = verticalScrollBar();
    if (line - 1 < bar->value()) bar->setValue(line - 2);
    else if (line > bar->value() + visible) bar->setValue(line - visible + 1);
}

void CodePanel::showEvent(QShowEvent *event)
{
    QPlainTextEdit::showEvent(event);
    if (!m_scrolledToStreaming) showStreamingCode();
}

int CodePanel::gutterWidth() const
{
    int digits = 2;
    for (int max = std::max(1, blockCount()); max >= 100; max /= 10) ++digits;
    return 12 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * digits;
}

void CodePanel::updateGutterWidth()
{
    setViewportMargins(gutterWidth(), 0, 0, 0);
}

void CodePanel::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect cr = contentsRect();
    m_gutter->setGeometry(QRect(cr.left(), cr.top(), gutterWidth(), cr.height()));
    if (isVisible() && event->size().height() != event->oldSize().height()) showStreamingCode();
}

void CodePanel::applyTheme(const Theme &t)
{
    setFont(t.monoFont(1.0));
    m_highlighter->setTheme(t);
    setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 4);
    updateGutterWidth();
    updateSelection();
}

void CodePanel::onSnapshot(const RunSnapshotPtr &s)
{
    const int line = (s->phase == RunPhase::Failed) ? s->errorLine : 0;
    if (line != m_errorLine || QString::fromStdString(s->errorText) != m_errorText) {
        m_errorLine = line;
        m_errorText = QString::fromStdString(s->errorText);
        setToolTip(m_errorText);
        updateSelection();
        if (m_errorLine > 0) {
            QTextCursor c(document()->findBlockByNumber(m_errorLine - 1));
            setTextCursor(c);
            centerCursor();
        }
    } else {
        updateSelection();
    }
    // The output operation whose job runs now: its line is lit while the batch computes.
    int computing = 0;
    // (else the one that ran last, so a paused run still shows which output computed the batch)
    const int id = s->computingStreamId >= 0 ? s->computingStreamId : s->lastComputedStreamId;
    if (s->phase != RunPhase::Failed && s->phase != RunPhase::Finished && id >= 0)
        if (const StreamSnapshot *st = s->stream(id)) computing = st->line();
    // While the job runs, the lines of every DStream its RDDs come from (the lineage) as well.
    std::vector<int> lineage;
    if (computing > 0 && s->computingStreamId >= 0) {
        std::vector<int> todo{s->computingStreamId};
        while (!todo.empty()) {
            const StreamSnapshot *st = s->stream(todo.back());
            todo.pop_back();
            if (!st) continue;
            if (st->line() > 0 && st->line() != computing &&
                std::find(lineage.begin(), lineage.end(), st->line()) == lineage.end())
                lineage.push_back(st->line());
            todo.insert(todo.end(), st->parents.begin(), st->parents.end());
        }
    }
    if (computing != m_computingLine || lineage != m_lineageLines) {
        m_computingLine = computing;
        m_lineageLines = lineage;
        updateSelection();
        ensureLineVisible(computing);
    }
}

void CodePanel::updateSelection()
{
    const Theme &t = m_controller->theme();
    QList<QTextEdit::ExtraSelection> sel;
    // The selected DStream's line (the one that created the RDDs shown).
    m_litLine = 0;
    const RunSnapshotPtr &s = m_controller->snapshot();
    if (s && m_controller->selection()->streamId() >= 0)
        if (const StreamSnapshot *st = s->stream(m_controller->selection()->streamId())) m_litLine = st->line();
    for (int line : m_lineageLines) {
        QTextEdit::ExtraSelection e;
        QColor c = t.ok;
        c.setAlpha(t.isDark() ? 40 : 28);
        e.format.setBackground(c);
        e.format.setProperty(QTextFormat::FullWidthSelection, true);
        e.cursor = QTextCursor(document()->findBlockByNumber(line - 1));
        sel.append(e);
    }
    if (m_computingLine > 0 && m_computingLine != m_litLine) {
        QTextEdit::ExtraSelection e;
        QColor c = t.ok;
        c.setAlpha(t.isDark() ? 90 : 60);
        e.format.setBackground(c);
        e.format.setProperty(QTextFormat::FullWidthSelection, true);
        e.cursor = QTextCursor(document()->findBlockByNumber(m_computingLine - 1));
        sel.append(e);
    }
    if (m_litLine > 0) {
        QTextEdit::ExtraSelection e;
        QColor c = t.schedulingDelay;
        c.setAlpha(t.isDark() ? 90 : 70);
        e.format.setBackground(c);
        e.format.setProperty(QTextFormat::FullWidthSelection, true);
        e.cursor = QTextCursor(document()->findBlockByNumber(m_litLine - 1));
        sel.append(e);
    }
    if (m_syntaxLine > 0) {
        // Marked as typed: a wavy underline across the line (the text is not run yet).
        QTextEdit::ExtraSelection e;
        QColor c = t.error;
        c.setAlpha(t.isDark() ? 60 : 35);
        e.format.setBackground(c);
        e.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        e.format.setUnderlineColor(t.error);
        e.format.setToolTip(m_syntaxMessage);
        e.format.setProperty(QTextFormat::FullWidthSelection, true);
        e.cursor = QTextCursor(document()->findBlockByNumber(m_syntaxLine - 1));
        e.cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
        sel.append(e);
    }
    if (m_errorLine > 0) {
        QTextEdit::ExtraSelection e;
        QColor c = t.error;
        c.setAlpha(t.isDark() ? 110 : 70);
        e.format.setBackground(c);
        e.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        e.format.setUnderlineColor(t.error);
        e.format.setProperty(QTextFormat::FullWidthSelection, true);
        e.cursor = QTextCursor(document()->findBlockByNumber(m_errorLine - 1));
        sel.append(e);
    }
    setExtraSelections(sel);
    m_gutter->update();
}

void CodePanel::paintGutter(QPaintEvent *event)
{
    const Theme &t = m_controller->theme();
    QPainter painter(m_gutter);
    painter.fillRect(event->rect(), t.surfaceAlt);
    QTextBlock block = firstVisibleBlock();
    int number = block.blockNumber() + 1;
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    int bottom = top + qRound(blockBoundingRect(block).height());
    painter.setFont(font());
    while (block.isValid() && top <= event->rect().bottom()) {
        if (block.isVisible() && bottom >= event->rect().top()) {
            const QRect r(0, top, m_gutter->width() - 6, fontMetrics().height());
            if (number == m_errorLine || number == m_syntaxLine) {
                painter.fillRect(QRect(0, top, m_gutter->width(), r.height()), t.error);
                painter.setPen(Qt::white);
            } else {
                painter.setPen(number == m_litLine ? t.text : t.mutedText);
            }
            painter.drawText(r, Qt::AlignRight | Qt::AlignVCenter, QString::number(number));
        }
        block = block.next();
        top = bottom;
        bottom = top + qRound(blockBoundingRect(block).height());
        ++number;
    }
}

} // namespace dsl::ui
