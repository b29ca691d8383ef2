// CodePanel: the program with Python highlighting; editable before start, read-only while it
// runs; the line of the selected DStream lit, an error shown at its line.
#pragma once

#include "snapshotfwd.h"

#include <QPlainTextEdit>

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

    int gutterWidth() const;
    void paintGutter(QPaintEvent *event);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void onSnapshot(const RunSnapshotPtr &s);
    void updateSelection();
    void applyTheme(const Theme &t);
    void updateGutterWidth();

    SimulationController *m_controller;
    PythonHighlighter *m_highlighter;
    CodeGutter *m_gutter;
    int m_errorLine = 0;
    int m_litLine = 0;
    QString m_errorText;
};

} // namespace dsl::ui
