// KafkaListenAction: Run > Listen for Kafka clients — the port asked, the listener started and
// stopped, its failure said in a message box, its count in the status strip.
#pragma once

#include <QObject>
#include <QString>

class QAction;
class QWidget;

namespace dsl::ui {

class KafkaClientListener;
class RunStatusStrip;

class KafkaListenAction : public QObject {
    Q_OBJECT
public:
    /// `window` parents the dialogs; the last port chosen is kept in the settings when `useSettings`.
    KafkaListenAction(KafkaClientListener *listener, RunStatusStrip *status, QWidget *window, bool useSettings);

    /// Checkable: checking asks for the port and listens, unchecking stops listening.
    QAction *action() const { return m_action; }
    KafkaClientListener *listener() const { return m_listener; }
    /// Listens on 127.0.0.1:port (`dstreamlab --kafka-listen PORT`, the dialog). On failure the
    /// action stays unchecked, a message box (window-modal, not blocking) and the status strip
    /// say why, and lastError() holds it.
    bool listen(int port);
    void stop();
    /// "Kafka clients: 127.0.0.1:9092 · 3 messages" while listening, else empty.
    QString statusText() const;
    QString lastError() const { return m_lastError; }
    void retranslate();

    static constexpr int kDefaultPort = 9092;
    static QString settingsKey();

private:
    void onTriggered(bool checked);
    void refresh();
    int lastPort() const;

    KafkaClientListener *m_listener;
    RunStatusStrip *m_status;
    QWidget *m_window;
    bool m_useSettings;
    QAction *m_action;
    QString m_lastError;
};

} // namespace dsl::ui
