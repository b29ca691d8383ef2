// CodePanel: the program as an editor with Python highlighting and undo/redo; syntax errors marked
// as you type (the session compiles the text, RunDriver::checkSyntax); the line of the selected
// DStream and the running job's lines lit, a run's error shown at its line; Run restarts the run
// with the edited text, Save As writes it, Revert goes back to the program as opened.
#pragma once

#include "snapshotfwd.h"

#include <QPlainTextEdit>

class QTimer;

#include <vector>

namespace dsl::ui {

class CodeGutter;
class PythonHighlighter;
class SimulationController;
struct Theme;

class CodePanel : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit CodePanel(SimulationController *controller, QWidget *parent = nullptr);

    /// Shows a program as opened (a file, a lesson's): what Revert returns to.
    void setProgram(const QString &source);
    /// The program as opened (before any edit).
    QString originalProgram() const { return m_original; }
    /// The line Python's compiler stops at in the text as it is now (0: it compiles, or not
    /// checked yet), and its message.
    int syntaxErrorLine() const { return m_syntaxLine; }
    QString syntaxErrorMessage() const { return m_syntaxMessage; }
    /// Asks the session now instead of after the typing pause (tests, a freshly shown text).
    void checkSyntaxNow();
    /// True when the text differs from what the run was loaded with.
    bool isModified() const { return document()->isModified(); }
    void markLoaded() { document()->setModified(false); }
    int errorLine() const { return m_errorLine; }
    int litLine() const { return m_litLine; }
    /// The line of the output operation whose job runs now (its DStreams are being computed).
    int computingLine() const { return m_computingLine; }
    /// While a job runs: the lines of the DStreams in its lineage (besides computingLine()).
    const std::vector<int> &lineageLines() const { return m_lineageLines; }
    /// Scrolls so the streaming part of the program is in view (ProgramText::streamingRange).
    void showStreamingCode();

    int gutterWidth() const;
    void paintGutter(QPaintEvent *event);

public slots:
    /// Restarts the run with the text as edited (LoadProgram, then Run once the new run is there).
    void runEdited();
    /// Back to the program as opened (an undoable edit; the run is not touched).
    void revert();
    /// Writes the text to `path`; false with `error` set when it cannot.
    bool saveTo(const QString &path, QString *error = nullptr);

signals:
    /// The edited text was loaded into the run (the window shows its file name and DStream rows).
    void programRun(const QString &fileName, const QString &source);
    /// After each syntax check: line 0 when the text compiles.
    void syntaxChecked(int line, const QString &message);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void onSnapshot(const RunSnapshotPtr &s);
    void updateSelection();
    void applyTheme(const Theme &t);
    void updateGutterWidth();
    void ensureLineVisible(int line);

    SimulationController *m_controller;
    PythonHighlighter *m_highlighter;
    CodeGutter *m_gutter;
    int m_errorLine = 0;
    int m_litLine = 0;
    int m_computingLine = 0;
    std::vector<int> m_lineageLines; ///< lines of the DStreams the running job computes
    bool m_scrolledToStreaming = false;
    QString m_errorText;
    QString m_original;       ///< the program as opened, for Revert
    QTimer *m_syntaxTimer;    ///< a pause in typing, then the session checks the text
    int m_syntaxLine = 0;
    int m_syntaxColumn = 0;
    QString m_syntaxMessage;
    int m_syntaxRetries = 0;  ///< the interpreter may not be up yet when the first text shows
};

} // namespace dsl::ui
