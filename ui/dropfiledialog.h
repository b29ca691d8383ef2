// DropFileDialog: "Drop a file into the watched directory…": a directory, a file name and its
// text, dropped for textFileStream through the DropFile command.
#pragma once

#include "sessioncommands.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace dsl::ui {

class SimulationController;

class DropFileDialog : public QDialog {
    Q_OBJECT
public:
    /// `directories`: offered first (the program's watched ones); `fileName`: the suggested name.
    DropFileDialog(const QStringList &directories, const QString &fileName, QWidget *parent = nullptr);

    /// The command the fields make (valid once OK is enabled).
    command::DropFile dropCommand() const;
    void setText(const QString &text);
    void setFileName(const QString &name);
    void setDirectory(const QString &directory);
    bool canAccept() const;

    /// The directories the program's textFileStream("...") calls name literally, in order.
    static QStringList watchedDirectories(const QString &source);
    /// Asks for a file for the controller's program and drops it. Returns what the status line
    /// says about it, or an empty text when cancelled.
    static QString ask(SimulationController *controller, QWidget *parent);

private:
    void validate();

    QComboBox *m_directory;
    QLineEdit *m_name;
    QPlainTextEdit *m_text;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace dsl::ui
