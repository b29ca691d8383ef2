// KafkaListenAction: the menu action, the port dialog and the messages of the Kafka client listener.
#include "kafkalistenaction.h"

#include "kafkaclientlistener.h"
#include "runstatusstrip.h"

#include <QAction>
#include <QInputDialog>
#include <QMessageBox>
#include <QSettings>
#include <QWidget>

namespace dsl::ui {

KafkaListenAction::KafkaListenAction(KafkaClientListener *listener, RunStatusStrip *status, QWidget *window,
                                     bool useSettings)
    : QObject(window), m_listener(listener), m_status(status), m_window(window), m_useSettings(useSettings),
      m_action(new QAction(this))
{
    m_action->setObjectName(QStringLiteral("kafkaListenAction"));
    m_action->setCheckable(true);
    connect(m_action, &QAction::triggered, this, &KafkaListenAction::onTriggered);
    connect(listener, &KafkaClientListener::changed, this, &KafkaListenAction::refresh);
    connect(listener, &KafkaClientListener::note, this, [this](const QString &text) { m_status->showMessage(text); });
    retranslate();
}

QString KafkaListenAction::settingsKey()
{
    return QStringLiteral("kafka/listenPort");
}

int KafkaListenAction::lastPort() const
{
    const int port = m_useSettings ? QSettings().value(settingsKey(), kDefaultPort).toInt() : kDefaultPort;
    return port > 0 && port <= 65535 ? port : kDefaultPort;
}

void KafkaListenAction::onTriggered(bool checked)
{
    if (!checked) {
        stop();
        return;
    }
    m_action->setChecked(false); // checked once listening (refresh)
    bool ok = false;
    const int port = QInputDialog::getInt(m_window, tr("Listen for Kafka clients"),
                                          tr("Kafka clients on this computer (kcat, a Kafka producer) send to "
                                             "bootstrap.servers=127.0.0.1:PORT.\nPort:"),
                                          lastPort(), 1, 65535, 1, &ok);
    if (!ok) return;
    if (listen(port) && m_useSettings) QSettings().setValue(settingsKey(), port);
}

bool KafkaListenAction::listen(int port)
{
    QString error;
    if (m_listener->listen(port, &error)) {
        m_lastError.clear();
        refresh();
        return true;
    }
    m_lastError = tr("Cannot listen for Kafka clients on 127.0.0.1:%1: %2").arg(port).arg(error);
    refresh();
    m_status->showMessage(m_lastError);
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Listen for Kafka clients"), m_lastError, QMessageBox::Ok, m_window);
    box->setObjectName(QStringLiteral("kafkaListenError"));
    box->setInformativeText(tr("Choose another port (Run > Listen for Kafka clients), or stop what uses this one."));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    return false;
}

void KafkaListenAction::stop()
{
    m_listener->close();
    refresh();
}

QString KafkaListenAction::statusText() const
{
    if (!m_listener->isListening()) return QString();
    const std::size_t n = m_listener->messages();
    const QString count = n == 1 ? tr("1 message") : tr("%1 messages").arg(n);
    return tr("Kafka clients: 127.0.0.1:%1 · %2").arg(m_listener->port()).arg(count);
}

void KafkaListenAction::refresh()
{
    const bool on = m_listener->isListening();
    m_action->setChecked(on);
    m_action->setText(on ? tr("Listen for Kafka clients on 127.0.0.1:%1").arg(m_listener->port())
                         : tr("Listen for Kafka clients on 127.0.0.1:PORT…"));
    m_status->setListenerText(statusText());
}

void KafkaListenAction::retranslate()
{
    m_action->setToolTip(tr("A Kafka broker on 127.0.0.1 that kcat or any Kafka producer can send to; each message "
                            "enters the run as if typed into the nc panel with its topic as the target"));
    refresh();
}

} // namespace dsl::ui
