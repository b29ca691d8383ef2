// RealSocketsActions: the class port's and the real servers' menu actions, dialog and status.
#include "realsocketsactions.h"

#include "classportdialog.h"
#include "runstatusstrip.h"
#include "sessiontypes.h"
#include "simulationcontroller.h"
#include "socketsourcemodel.h"

#include <QAction>
#include <QSettings>
#include <QWidget>

namespace dsl::ui {

namespace {
/// The status strip's slot for real sockets (Kafka clients have the first).
constexpr int kStatusSlot = 1;
} // namespace

RealSocketsActions::RealSocketsActions(SocketClientListener *listener, SimulationController *controller,
                                       RunStatusStrip *status, QWidget *window, bool useSettings)
    : QObject(window), m_listener(listener), m_controller(controller), m_status(status), m_window(window),
      m_useSettings(useSettings), m_classPort(new QAction(this)), m_realServers(new QAction(this))
{
    m_classPort->setObjectName(QStringLiteral("classPortAction"));
    m_classPort->setCheckable(true);
    connect(m_classPort, &QAction::triggered, this, &RealSocketsActions::onClassPortTriggered);
    m_realServers->setObjectName(QStringLiteral("realServersAction"));
    m_realServers->setCheckable(true);
    connect(m_realServers, &QAction::triggered, this, &RealSocketsActions::setRealServers);
    connect(listener, &SocketClientListener::changed, this, &RealSocketsActions::refresh);
    connect(listener, &SocketClientListener::note, this, [this](const QString &text) { m_status->showMessage(text); });
    retranslate();
}

ClassPortSettings RealSocketsActions::lastSettings() const
{
    ClassPortSettings s = m_listener->defaultSettings();
    if (!m_useSettings) return s;
    // The port and the limits; never the address: the port opens to this computer only unless
    // the teacher chooses a network again.
    const QSettings q;
    auto value = [&](const char *key, auto fallback, auto low, auto high) {
        const auto v = q.value(QLatin1String(key), fallback).template value<decltype(fallback)>();
        return v >= low && v <= high ? v : fallback;
    };
    s.port = value("classPort/port", s.port, 1, 65535);
    s.maxConnections = value("classPort/connections", s.maxConnections, 1, 100000);
    s.maxLineBytes = value("classPort/lineBytes", s.maxLineBytes, 16, 64 * 1024 * 1024);
    s.linesPerSecond = value("classPort/linesPerSecond", s.linesPerSecond, 0.0, 1e6);
    s.idleSeconds = value("classPort/idleSeconds", s.idleSeconds, 0, 10'000'000);
    return s;
}

void RealSocketsActions::remember(const ClassPortSettings &s) const
{
    if (!m_useSettings) return;
    QSettings q;
    q.setValue(QStringLiteral("classPort/port"), s.port);
    q.setValue(QStringLiteral("classPort/connections"), s.maxConnections);
    q.setValue(QStringLiteral("classPort/lineBytes"), s.maxLineBytes);
    q.setValue(QStringLiteral("classPort/linesPerSecond"), s.linesPerSecond);
    q.setValue(QStringLiteral("classPort/idleSeconds"), s.idleSeconds);
}

void RealSocketsActions::onClassPortTriggered(bool checked)
{
    if (!checked) {
        closeClassPort();
        return;
    }
    m_classPort->setChecked(false); // checked once open (refresh)
    openDialog();
}

ClassPortDialog *RealSocketsActions::openDialog()
{
    if (m_dialog) {
        m_dialog->raise();
        return m_dialog;
    }
    const RunSnapshotPtr &snap = m_controller->snapshot();
    m_dialog = new ClassPortDialog(lastSettings(), snap ? snap->listenPort : 9999, m_window);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog->setOpener([this](const ClassPortSettings &s, QString *error) {
        if (openClassPort(s)) return true;
        if (error) *error = m_lastErrorReason;
        return false;
    });
    connect(m_dialog, &QObject::destroyed, this, [this] { m_dialog = nullptr; });
    m_dialog->open();
    return m_dialog;
}

bool RealSocketsActions::openClassPort(const ClassPortSettings &settings)
{
    QString error;
    if (m_listener->openClassPort(settings, &error)) {
        m_lastError.clear();
        m_lastErrorReason.clear();
        remember(settings);
        refresh();
        return true;
    }
    m_lastErrorReason = error;
    const QString where = settings.address.contains(QLatin1Char(':')) ? QLatin1Char('[') + settings.address + QLatin1Char(']')
                                                                        : settings.address;
    m_lastError = tr("Cannot open the class port %1:%2: %3").arg(where).arg(settings.port).arg(error);
    refresh();
    m_status->showMessage(m_lastError);
    return false;
}

void RealSocketsActions::closeClassPort()
{
    m_listener->closeClassPort();
    refresh();
}

void RealSocketsActions::setRealServers(bool on)
{
    m_listener->setRealServers(on);
    refresh();
}

QString RealSocketsActions::statusText() const
{
    QStringList parts;
    auto linesText = [](qint64 n) { return n == 1 ? tr("1 line") : tr("%1 lines").arg(n); };
    const std::vector<SocketSource> sources = m_listener->sources();
    if (m_listener->isClassPortOpen()) {
        int open = 0;
        qint64 lines = 0;
        for (const SocketSource &s : sources)
            if (s.kind == SocketSource::Kind::Student) {
                if (s.state == SocketSource::State::Connected) ++open;
                lines += s.lines;
            }
        QString text = tr("Class port %1 · %2 connected · %3").arg(m_listener->classPortWhere()).arg(open).arg(linesText(lines));
        if (const qint64 refused = m_listener->refused(); refused > 0) text += QStringLiteral(" · ") + tr("%1 refused").arg(refused);
        parts << text;
    }
    if (m_listener->realServers()) {
        QStringList servers;
        for (const SocketSource &s : sources)
            if (s.kind == SocketSource::Kind::Server)
                servers << tr("nc %1: %2").arg(s.peer, SocketSourceModel::stateText(s));
        parts << (servers.isEmpty() ? tr("Real servers: when the program's socketTextStream starts") : servers.join(QStringLiteral(" · ")));
    }
    if (parts.isEmpty()) return QString();
    if (const std::size_t waiting = m_listener->waiting(); waiting > 0)
        parts << (waiting == 1 ? tr("1 line waiting") : tr("%1 lines waiting").arg(waiting));
    return parts.join(QStringLiteral(" · "));
}

void RealSocketsActions::refresh()
{
    const bool open = m_listener->isClassPortOpen();
    m_classPort->setChecked(open);
    m_classPort->setText(open ? tr("Close the class port %1").arg(m_listener->classPortWhere()) : tr("Open the class port…"));
    m_realServers->setChecked(m_listener->realServers());
    m_status->setListenerText(statusText(), kStatusSlot);
}

void RealSocketsActions::retranslate()
{
    m_classPort->setToolTip(tr("Students connect with nc or telnet and type; each line enters the run as if typed into the "
                               "nc panel, which shows who sent it. Only data: nothing sent is read as a command"));
    m_realServers->setText(tr("Connect sockets to real servers (nc -lk)"));
    m_realServers->setToolTip(tr("Each socketTextStream(host, port) of the program connects to a real server on this "
                                 "computer (start one with nc -lk PORT), as Spark's receiver does, trying again every 2 s; "
                                 "what it sends enters the run at the current time"));
    refresh();
}

} // namespace dsl::ui
