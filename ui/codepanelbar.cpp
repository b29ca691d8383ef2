// CodePanelBar: buttons wired to the editor; the status follows its syntax checks and edits.
#include "codepanelbar.h"

#include "codepanel.h"
#include "theme.h"

#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QToolButton>

namespace dsl::ui {

CodePanelBar::CodePanelBar(CodePanel *editor, QWidget *parent) : QWidget(parent), m_editor(editor)
{
    setObjectName(QStringLiteral("codePanelBar"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    auto button = [&](const char *name) {
        auto *b = new QToolButton;
        b->setObjectName(QLatin1String(name));
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        b->setAutoRaise(true);
        layout->addWidget(b);
        return b;
    };
    m_run = button("codeRunEdited");
    m_saveAs = button("codeSaveAs");
    m_revert = button("codeRevert");
    m_undo = button("codeUndo");
    m_redo = button("codeRedo");
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("codeStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status, 1);
    connect(m_run, &QToolButton::clicked, editor, &CodePanel::runEdited);
    connect(m_saveAs, &QToolButton::clicked, this, &CodePanelBar::saveAsDialog);
    connect(m_revert, &QToolButton::clicked, editor, &CodePanel::revert);
    connect(m_undo, &QToolButton::clicked, editor, &CodePanel::undo);
    connect(m_redo, &QToolButton::clicked, editor, &CodePanel::redo);
    m_undo->setEnabled(false);
    m_redo->setEnabled(false);
    connect(editor, &CodePanel::undoAvailable, m_undo, &QToolButton::setEnabled);
    connect(editor, &CodePanel::redoAvailable, m_redo, &QToolButton::setEnabled);
    connect(editor, &CodePanel::syntaxChecked, this, &CodePanelBar::updateStatus);
    connect(editor->document(), &QTextDocument::modificationChanged, this, &CodePanelBar::updateStatus);
    connect(editor, &CodePanel::textChanged, this, &CodePanelBar::updateStatus);
    retranslate();
}

void CodePanelBar::saveAsDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the program as"), QStringLiteral("program.py"),
                                                      tr("Python programs (*.py);;All files (*)"));
    if (path.isEmpty()) return;
    QString error;
    if (!m_editor->saveTo(path, &error))
        QMessageBox::warning(this, tr("DStream Lab"), tr("Cannot write %1: %2").arg(path, error));
    else
        m_status->setText(tr("Saved as %1").arg(QFileInfo(path).fileName()));
}

QString CodePanelBar::statusText() const
{
    return m_status->text();
}

void CodePanelBar::updateStatus()
{
    if (m_editor->syntaxErrorLine() > 0) {
        m_status->setStyleSheet(QStringLiteral("QLabel { color: %1; font-weight: bold; }").arg(m_errorColor));
        m_status->setText(tr("Syntax error at line %1: %2").arg(m_editor->syntaxErrorLine()).arg(m_editor->syntaxErrorMessage()));
        return;
    }
    m_status->setStyleSheet(QString());
    m_status->setText(m_editor->isModified() ? tr("Edited: Run edited restarts the run with it") : QString());
    m_revert->setEnabled(m_editor->toPlainText() != m_editor->originalProgram());
}

void CodePanelBar::retranslate()
{
    m_run->setText(tr("▶ Run edited"));
    m_run->setToolTip(tr("Restart the run with the program as it is in the editor (typed input is kept)"));
    m_saveAs->setText(tr("Save As…"));
    m_saveAs->setToolTip(tr("Write the program in the editor to a file"));
    m_revert->setText(tr("Revert"));
    m_revert->setToolTip(tr("Back to the program as opened (the lesson's or the file's); Undo brings the edits back"));
    m_undo->setText(tr("Undo"));
    m_undo->setToolTip(tr("Undo (Ctrl+Z)"));
    m_redo->setText(tr("Redo"));
    m_redo->setToolTip(tr("Redo (Ctrl+Shift+Z)"));
    updateStatus();
}

void CodePanelBar::applyTheme(const Theme &t)
{
    m_errorColor = (t.isDark() ? t.error.lighter(130) : t.error.darker(120)).name();
    for (QWidget *w : {static_cast<QWidget *>(m_run), static_cast<QWidget *>(m_saveAs), static_cast<QWidget *>(m_revert),
                       static_cast<QWidget *>(m_undo), static_cast<QWidget *>(m_redo), static_cast<QWidget *>(m_status)})
        w->setFont(t.font(0.95));
    updateStatus();
}

void CodePanelBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

} // namespace dsl::ui
