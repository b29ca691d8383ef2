// CodePanel: the program with Python highlighting; editable before start, read-only while it
// runs; the line of the selected DStream lit, an error shown at its line.
#pragma once

#include "snapshotfwd.h"

#include <QPlainTextEdit>

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

    void setProgram(const QString &source);
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
};

} // namespace dsl::ui
