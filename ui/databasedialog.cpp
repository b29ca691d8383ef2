// DatabaseDialog: the four --db choices with their fields; the password is kept in the settings
// only when the user asks.
#include "databasedialog.h"

#include "simulationcontroller.h"

#include "app/databaseoption.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

namespace dsl::ui {

DatabaseDialog::DatabaseDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("databaseDialog"));
    setWindowTitle(tr("Database"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("The program's pymysql.connect(...) reaches the database chosen here, whatever host, user "
                                "and password it names. A change restarts the run from its input log."));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_sqlite = new QRadioButton(tr("Its own SQLite file (nothing to install; MySQL's syntax is translated)"));
    m_path = new QLineEdit;
    m_path->setPlaceholderText(tr("the program's file in the app's data folder"));
    m_local = new QRadioButton(tr("A MariaDB server DStream Lab runs itself (Debian's mariadb-server)"));
    m_server = new QRadioButton(tr("An existing MySQL or MariaDB server"));
    m_host = new QLineEdit(QStringLiteral("127.0.0.1"));
    m_port = new QSpinBox;
    m_port->setRange(1, 65535);
    m_port->setValue(3306);
    m_user = new QLineEdit;
    m_password = new QLineEdit;
    m_password->setEchoMode(QLineEdit::Password);
    m_database = new QLineEdit;
    m_path->setObjectName(QStringLiteral("databaseFile"));
    m_host->setObjectName(QStringLiteral("databaseHost"));
    m_port->setObjectName(QStringLiteral("databasePort"));
    m_user->setObjectName(QStringLiteral("databaseUser"));
    m_password->setObjectName(QStringLiteral("databasePassword"));
    m_database->setObjectName(QStringLiteral("databaseName"));
    m_remember = new QCheckBox(tr("Remember the password (the settings file keeps it as plain text)"));
    m_none = new QRadioButton(tr("As the program's own connect() names it, as on a cluster"));
    for (QRadioButton *b : {m_sqlite, m_local, m_server, m_none})
        connect(b, &QRadioButton::toggled, this, &DatabaseDialog::updateEnabled);

    layout->addWidget(m_sqlite);
    auto *sqliteForm = new QFormLayout;
    sqliteForm->addRow(tr("File:"), m_path);
    layout->addLayout(sqliteForm);
    layout->addWidget(m_local);
    layout->addWidget(m_server);
    auto *serverForm = new QFormLayout;
    serverForm->addRow(tr("Host:"), m_host);
    serverForm->addRow(tr("Port:"), m_port);
    serverForm->addRow(tr("User:"), m_user);
    serverForm->addRow(tr("Password:"), m_password);
    serverForm->addRow(tr("Database:"), m_database);
    serverForm->addRow(QString(), m_remember);
    layout->addLayout(serverForm);
    layout->addWidget(m_none);
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("databaseDialogError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &DatabaseDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &DatabaseDialog::reject);
    layout->addWidget(buttons);
    m_sqlite->setChecked(true);
    updateEnabled();
}

void DatabaseDialog::updateEnabled()
{
    m_path->setEnabled(m_sqlite->isChecked());
    for (QWidget *w : std::initializer_list<QWidget *>{m_host, m_port, m_user, m_password, m_database, m_remember})
        w->setEnabled(m_server->isChecked());
    m_error->clear();
}

QString DatabaseDialog::serverSpec(bool withPassword) const
{
    QString userInfo = QString::fromUtf8(QUrl::toPercentEncoding(m_user->text()));
    if (withPassword && !m_password->text().isEmpty())
        userInfo += QLatin1Char(':') + QString::fromUtf8(QUrl::toPercentEncoding(m_password->text()));
    QString host = m_host->text().trimmed();
    if (host.contains(QLatin1Char(':'))) host = QLatin1Char('[') + host + QLatin1Char(']'); // IPv6
    // Concatenated, not arg(): an escape such as %3A in the password would be taken for a marker.
    return QStringLiteral("mysql://") + userInfo + QLatin1Char('@') + host + QLatin1Char(':') +
           QString::number(m_port->value()) + QLatin1Char('/') + m_database->text().trimmed();
}

QString DatabaseDialog::spec() const
{
    if (m_local->isChecked()) return QStringLiteral("local-mariadb");
    if (m_none->isChecked()) return QStringLiteral("none");
    if (m_server->isChecked()) return serverSpec(true);
    const QString path = m_path->text().trimmed();
    return path.isEmpty() ? QString() : QStringLiteral("sqlite:") + path;
}

QString DatabaseDialog::specToRemember() const
{
    return m_server->isChecked() ? serverSpec(m_remember->isChecked()) : spec();
}

bool DatabaseDialog::rememberPassword() const
{
    return m_remember->isChecked();
}

void DatabaseDialog::setSpec(const QString &spec)
{
    app::DatabaseOption db;
    std::string error;
    if (spec.isEmpty() || !app::parseDatabaseOption(spec.toStdString(), db, error)) db = app::DatabaseOption{};
    using K = app::DatabaseOption::Kind;
    m_path->setText(db.kind == K::Sqlite ? QString::fromStdString(db.path) : QString());
    if (db.kind == K::Server) {
        m_host->setText(QString::fromStdString(db.host));
        m_port->setValue(db.port);
        m_user->setText(QString::fromStdString(db.user));
        m_password->setText(QString::fromStdString(db.password));
        m_database->setText(QString::fromStdString(db.database));
        m_remember->setChecked(!db.password.empty());
    }
    (db.kind == K::LocalMariaDb ? m_local : db.kind == K::Server ? m_server : db.kind == K::None ? m_none : m_sqlite)
        ->setChecked(true);
    updateEnabled();
}

QString DatabaseDialog::problem() const
{
    if (!m_server->isChecked()) return {};
    if (m_host->text().trimmed().isEmpty()) return tr("Name the server's host.");
    if (m_user->text().isEmpty()) return tr("Name the user to connect as.");
    if (m_database->text().trimmed().isEmpty()) return tr("Name the database.");
    app::DatabaseOption db;
    std::string error;
    if (!app::parseDatabaseOption(spec().toStdString(), db, error)) return QString::fromStdString(error);
    return {};
}

void DatabaseDialog::accept()
{
    if (const QString p = problem(); !p.isEmpty()) {
        m_error->setText(p);
        return;
    }
    QDialog::accept();
}

QString DatabaseDialog::settingsKey()
{
    return QStringLiteral("run/database");
}

bool DatabaseDialog::choose(SimulationController *controller, bool useSettings, QWidget *parent)
{
    DatabaseDialog dialog(parent);
    dialog.setSpec(controller->driver()->options().database);
    if (dialog.exec() != QDialog::Accepted) return false;
    RunOptions o = controller->driver()->options();
    o.database = dialog.spec();
    controller->setOptions(o);
    if (useSettings) QSettings().setValue(settingsKey(), dialog.specToRemember());
    return true;
}

} // namespace dsl::ui
