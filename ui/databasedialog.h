// DatabaseDialog: where the program's pymysql.connect(...) goes, chosen in the app as
// `dstreamlab run --db` chooses it (docs/database.md).
#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;

namespace dsl::ui {

class SimulationController;

class DatabaseDialog : public QDialog {
    Q_OBJECT
public:
    explicit DatabaseDialog(QWidget *parent = nullptr);

    /// The choice as a `--db` value: "" (the program's SQLite file), "sqlite:PATH",
    /// "local-mariadb", "mysql://USER:PASSWORD@HOST:PORT/DATABASE" (user and password
    /// percent-encoded) or "none".
    QString spec() const;
    /// Shows a `--db` value (a bad one shows the default choice).
    void setSpec(const QString &spec);
    /// What the settings file keeps: spec() without the password unless the user asked.
    QString specToRemember() const;
    bool rememberPassword() const;
    /// Why the choice cannot be used (a server without host, user or database), or empty.
    QString problem() const;

    /// Asks, and applies the choice to the run (RunOptions::database); remembers it in the
    /// settings when `useSettings`. False when cancelled.
    static bool choose(SimulationController *controller, bool useSettings, QWidget *parent);
    /// The settings key that keeps the choice between sessions.
    static QString settingsKey();

    void accept() override;

private:
    void updateEnabled();
    QString serverSpec(bool withPassword) const;

    QRadioButton *m_sqlite, *m_local, *m_server, *m_none;
    QLineEdit *m_path, *m_host, *m_user, *m_password, *m_database;
    QSpinBox *m_port;
    QCheckBox *m_remember;
    QLabel *m_error;
};

} // namespace dsl::ui
