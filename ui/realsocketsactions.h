// RealSocketsActions: Run > Open the class port… and Run > Connect sockets to real servers (nc
// -lk) — the dialog, the listener started and stopped, its failure said, its counts in the status
// strip and its notes in the status message.
#pragma once

#include "socketclientlistener.h"

#include <QObject>
#include <QString>

class QAction;
class QWidget;

namespace dsl::ui {

class ClassPortDialog;
class RunStatusStrip;
class SimulationController;

class RealSocketsActions : public QObject {
    Q_OBJECT
public:
    /// `window` parents the dialog; the last settings are kept in the settings when `useSettings`.
    RealSocketsActions(SocketClientListener *listener, SimulationController *controller, RunStatusStrip *status,
                       QWidget *window, bool useSettings);

    /// Checkable: checking opens the dialog (the port opens on its Open), unchecking closes the port.
    QAction *classPortAction() const { return m_classPort; }
    /// Checkable: the program's socket streams connect to real servers while checked.
    QAction *realServersAction() const { return m_realServers; }
    SocketClientListener *listener() const { return m_listener; }

    /// The dialog, opened (window-modal) with the last settings; nullptr when none is open.
    ClassPortDialog *openDialog();
    ClassPortDialog *dialog() const { return m_dialog; }
    /// Opens the class port (`dstreamlab --listen`, the dialog). On failure the action stays
    /// unchecked, the status strip says why and lastError() holds it.
    bool openClassPort(const ClassPortSettings &settings);
    void closeClassPort();
    void setRealServers(bool on);
    /// The settings the dialog starts from: the last used (settings file), else the listener's defaults.
    ClassPortSettings lastSettings() const;
    /// "Class port 127.0.0.1:9999 · 3 connected · 42 lines"; "nc localhost:9999: connected";
    /// empty while both are off.
    QString statusText() const;
    QString lastError() const { return m_lastError; }
    void retranslate();

private:
    void onClassPortTriggered(bool checked);
    void refresh();
    void remember(const ClassPortSettings &s) const;

    SocketClientListener *m_listener;
    SimulationController *m_controller;
    RunStatusStrip *m_status;
    QWidget *m_window;
    bool m_useSettings;
    QAction *m_classPort;
    QAction *m_realServers;
    ClassPortDialog *m_dialog = nullptr;
    QString m_lastError;
    QString m_lastErrorReason; ///< the listener's words, for the dialog
};

} // namespace dsl::ui
