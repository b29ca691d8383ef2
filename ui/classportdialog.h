// ClassPortDialog: Run > Open the class port… — where students' `nc HOST PORT` reaches this
// dashboard: the address (only this computer, or one of its networks, with a plain warning),
// the port, and the limits a port facing a room needs (docs/realtime-sockets.md).
#pragma once

#include "socketclientlistener.h"

#include <QDialog>

#include <functional>
#include <vector>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace dsl::ui {

class ClassPortDialog : public QDialog {
    Q_OBJECT
public:
    /// One choice of address.
    struct Address {
        /// What the port is bound to: "127.0.0.1", "192.168.1.20", "0.0.0.0", "::1",
        /// "2001:db8::20", "fe80::1%eth0" (a link-local one with its scope), "::".
        QString address;
        QString interface; ///< a LAN address: its interface ("eth0"); else empty
        bool loopback() const { return isLoopback(address); }
        bool any() const { return isAny(address); }
        bool ipv6() const { return address.contains(QLatin1Char(':')); }
        /// As the list shows it: an IPv6 address in brackets ("[2001:db8::20]"), as in a URL.
        QString shown() const { return ipv6() ? QLatin1Char('[') + address + QLatin1Char(']') : address; }
        bool operator==(const Address &) const = default;
    };
    static bool isLoopback(const QString &address)
    {
        return address.startsWith(QLatin1String("127.")) || address == QLatin1String("::1");
    }
    static bool isAny(const QString &address) { return address == QLatin1String("0.0.0.0") || address == QLatin1String("::"); }
    /// 127.0.0.1 first (only this computer) and ::1 when this machine has IPv6 loopback; then
    /// every IPv4 address of this machine's running network interfaces that is not loopback, then
    /// their global and unique-local IPv6 addresses and the link-local ones that carry their scope
    /// (QNetworkInterface); then 0.0.0.0 (every IPv4 network) and, with IPv6, :: (every network,
    /// IPv4 too).
    static std::vector<Address> addressChoices();
    /// The same from a list of (interface, address, loopback interface) entries, for tests.
    struct InterfaceAddress {
        QString interface;
        QString address; ///< as QHostAddress::toString gives it ("fe80::1%eth0")
        bool loopbackInterface = false;
    };
    static std::vector<Address> addressChoices(const std::vector<InterfaceAddress> &found);

    /// `initial`: the settings shown (the listener's defaults, or the last ones used); its
    /// address is chosen when it is still one of the machine's, else 127.0.0.1. `programPort`:
    /// the nc panel's port, where the lines go.
    ClassPortDialog(const ClassPortSettings &initial, int programPort, QWidget *parent = nullptr);

    ClassPortSettings settings() const;
    void setSettings(const ClassPortSettings &s);

    /// What Open does: opens the port with the settings; false with the reason, which the
    /// dialog shows while it stays open. Without one, Open only accepts.
    using Opener = std::function<bool(const ClassPortSettings &, QString *error)>;
    void setOpener(Opener opener) { m_opener = std::move(opener); }
    void accept() override;

    /// "Anyone on this network can connect and type into the run; ..." (shown for every address
    /// but 127.0.0.1).
    static QString warningText();
    QComboBox *addressBox() const { return m_address; }
    QSpinBox *portBox() const { return m_port; }
    QLabel *warningLabel() const { return m_warning; }
    QLabel *errorLabel() const { return m_error; }
    /// "Students type: nc 192.168.1.20 9999" for the address and port chosen.
    QString connectHint() const;

protected:
    void showEvent(QShowEvent *event) override;

private:
    void update();
    void fit();

    int m_programPort;
    QComboBox *m_address;
    QSpinBox *m_port;
    QLabel *m_warning;
    QLabel *m_hint;
    QSpinBox *m_connections, *m_lineBytes, *m_idle;
    QDoubleSpinBox *m_rate;
    QLabel *m_error;
    Opener m_opener;
};

} // namespace dsl::ui
