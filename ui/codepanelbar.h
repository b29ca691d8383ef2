// CodePanelBar: the editor's buttons above the program (Run edited, Save As, Revert, Undo, Redo)
// and a line saying whether the text compiles and whether it is what runs.
#pragma once

#include <QWidget>

class QLabel;
class QToolButton;

namespace dsl::ui {

class CodePanel;
struct Theme;

class CodePanelBar : public QWidget {
    Q_OBJECT
public:
    explicit CodePanelBar(CodePanel *editor, QWidget *parent = nullptr);
    QToolButton *runButton() const { return m_run; }
    QToolButton *saveAsButton() const { return m_saveAs; }
    QToolButton *revertButton() const { return m_revert; }
    /// The status line: a syntax error with its line, or "edited", or nothing.
    QString statusText() const;
    void applyTheme(const Theme &t);

public slots:
    /// Save As with a file dialog (the editor writes the file).
    void saveAsDialog();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateStatus();

    CodePanel *m_editor;
    QToolButton *m_run, *m_saveAs, *m_revert, *m_undo, *m_redo;
    QLabel *m_status;
    QString m_errorColor = QStringLiteral("#b00020");
};

} // namespace dsl::ui
