// NcInputEdit: the one-line input of the nc panel — Enter sends, Up/Down history, multi-line paste.
#pragma once

#include <QPlainTextEdit>
#include <QStringList>

namespace dsl::ui {

/// A one-line QPlainTextEdit (QLineEdit has no hook for pasting several lines). Pasting text
/// with newlines sends every complete line as its own record, as a terminal would.
class NcInputEdit : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit NcInputEdit(QWidget *parent = nullptr);
    QString text() const { return toPlainText(); }
    const QStringList &history() const { return m_history; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void lineEntered(const QString &line);
    /// Escape: the student is done typing (the window gives the keys back to the timeline).
    void leaveRequested();

protected:
    /// PageUp/PageDown are the run's step keys (a presenter clicker sends them): a one-line
    /// input has no pages, so it lets the window's shortcuts have them.
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void insertFromMimeData(const QMimeData *source) override;
    bool canInsertFromMimeData(const QMimeData *source) const override;

private:
    void send(const QString &line);
    void showHistory(int index);

    QStringList m_history;
    int m_historyIndex = 0; ///< == m_history.size(): the line being typed
    QString m_draft;
};

} // namespace dsl::ui
