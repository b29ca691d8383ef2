// ClassPortDialog: address, port and limits of the class port; its failure shown in place.
#include "classportdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHostAddress>
#include <QLabel>
#include <QNetworkInterface>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace dsl::ui {

std::vector<ClassPortDialog::Address> ClassPortDialog::addressChoices(const std::vector<InterfaceAddress> &found)
{
    std::vector<Address> out{{QStringLiteral("127.0.0.1"), QString()}};
    std::vector<Address> v4, v6;
    bool anyV6 = false;
    for (const InterfaceAddress &f : found) {
        const QHostAddress ip(f.address);
        if (ip.isNull()) continue;
        if (ip.protocol() == QAbstractSocket::IPv6Protocol) {
            anyV6 = true;
            if (ip.isLoopback()) {
                if (std::find(out.begin(), out.end(), Address{QStringLiteral("::1"), QString()}) == out.end())
                    out.push_back({QStringLiteral("::1"), QString()});
                continue;
            }
            if (f.loopbackInterface || ip.toIPv4Address() != 0) continue; // a v4-mapped one is its v4 address
            // What a student can reach: global and unique-local (fc00::/7) addresses; a link-local
            // one only with its scope (fe80::1%eth0), which binding needs.
            const bool linkLocal = ip.isLinkLocal();
            if (linkLocal && ip.scopeId().isEmpty()) continue;
            if (!linkLocal && !ip.isGlobal() && !ip.isUniqueLocalUnicast()) continue;
            const Address a{ip.toString(), f.interface};
            if (std::find(v6.begin(), v6.end(), a) == v6.end()) v6.push_back(a);
        } else if (ip.protocol() == QAbstractSocket::IPv4Protocol) {
            if (ip.isLoopback() || f.loopbackInterface) continue;
            const Address a{ip.toString(), f.interface};
            if (std::find(v4.begin(), v4.end(), a) == v4.end()) v4.push_back(a);
        }
    }
    // Global and unique-local before link-local: what a student types most easily first.
    std::stable_partition(v6.begin(), v6.end(), [](const Address &a) { return !QHostAddress(a.address).isLinkLocal(); });
    out.insert(out.end(), v4.begin(), v4.end());
    out.insert(out.end(), v6.begin(), v6.end());
    out.push_back({QStringLiteral("0.0.0.0"), QString()});
    if (anyV6) out.push_back({QStringLiteral("::"), QString()});
    return out;
}

std::vector<ClassPortDialog::Address> ClassPortDialog::addressChoices()
{
    std::vector<InterfaceAddress> found;
    for (const QNetworkInterface &nic : QNetworkInterface::allInterfaces()) {
        const auto flags = nic.flags();
        if (!(flags & QNetworkInterface::IsUp) || !(flags & QNetworkInterface::IsRunning)) continue;
        const bool loopback = flags & QNetworkInterface::IsLoopBack;
        for (const QNetworkAddressEntry &e : nic.addressEntries())
            found.push_back({nic.humanReadableName(), e.ip().toString(), loopback});
    }
    return addressChoices(found);
}

QString ClassPortDialog::warningText()
{
    return tr("Anyone on this network can connect and type into the run; what they send is only data, never a command.");
}

ClassPortDialog::ClassPortDialog(const ClassPortSettings &initial, int programPort, QWidget *parent)
    : QDialog(parent), m_programPort(programPort), m_address(new QComboBox), m_port(new QSpinBox),
      m_warning(new QLabel), m_hint(new QLabel), m_connections(new QSpinBox), m_lineBytes(new QSpinBox),
      m_idle(new QSpinBox), m_rate(new QDoubleSpinBox), m_error(new QLabel)
{
    setObjectName(QStringLiteral("classPortDialog"));
    setWindowTitle(tr("Open the class port"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Students connect to this computer with nc or telnet and type. Each line they send "
                                "goes to the program's socket on port %1, as if typed into the nc panel, and the "
                                "panel shows who sent it.")
                                 .arg(programPort));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_address->setObjectName(QStringLiteral("classPortAddress"));
    for (const Address &a : addressChoices()) {
        QString text;
        if (a.loopback()) text = tr("%1 — only this computer").arg(a.shown());
        else if (a.address == QLatin1String("0.0.0.0")) text = tr("%1 — every network of this computer").arg(a.address);
        else if (a.any()) text = tr("%1 — every network of this computer, IPv6 and IPv4").arg(a.shown());
        else text = tr("%1 — this network (%2)").arg(a.shown(), a.interface);
        m_address->addItem(text, a.address);
    }
    m_port->setObjectName(QStringLiteral("classPortPort"));
    m_port->setRange(1, 65535);
    auto *form = new QFormLayout;
    form->addRow(tr("Address:"), m_address);
    form->addRow(tr("Port:"), m_port);
    layout->addLayout(form);
    m_warning->setObjectName(QStringLiteral("classPortWarning"));
    m_warning->setWordWrap(true);
    m_warning->setText(warningText());
    m_warning->setStyleSheet(QStringLiteral("color: #b45309; font-weight: bold;"));
    layout->addWidget(m_warning);
    m_hint->setObjectName(QStringLiteral("classPortHint"));
    m_hint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_hint->setWordWrap(true);
    layout->addWidget(m_hint);

    auto *limits = new QGroupBox(tr("Limits"));
    auto *limitsForm = new QFormLayout(limits);
    m_connections->setObjectName(QStringLiteral("classPortConnections"));
    m_connections->setRange(1, 100000);
    m_connections->setToolTip(tr("One more connection is told the port is full and closed"));
    m_lineBytes->setObjectName(QStringLiteral("classPortLineBytes"));
    m_lineBytes->setRange(16, 64 * 1024 * 1024);
    m_lineBytes->setSuffix(tr(" bytes"));
    m_lineBytes->setToolTip(tr("The rest of a longer line is dropped; the line is kept and flagged"));
    m_rate->setObjectName(QStringLiteral("classPortRate"));
    m_rate->setRange(0, 1e6);
    m_rate->setDecimals(1);
    m_rate->setSpecialValueText(tr("no limit"));
    m_rate->setToolTip(tr("A faster sender is read more slowly: its lines wait in TCP's buffers, none is dropped"));
    m_idle->setObjectName(QStringLiteral("classPortIdle"));
    m_idle->setRange(0, 10'000'000);
    m_idle->setSuffix(tr(" s"));
    m_idle->setSpecialValueText(tr("never"));
    m_idle->setToolTip(tr("A connection that sends nothing for this long is told so and closed"));
    limitsForm->addRow(tr("Connections at once:"), m_connections);
    limitsForm->addRow(tr("Longest line:"), m_lineBytes);
    limitsForm->addRow(tr("Lines per second per connection:"), m_rate);
    limitsForm->addRow(tr("Close a silent connection after:"), m_idle);
    layout->addWidget(limits);

    m_error->setObjectName(QStringLiteral("classPortError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Open"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ClassPortDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ClassPortDialog::reject);
    layout->addWidget(buttons);
    // Grows with its texts (a longer hint, an error), never clips its fields.
    layout->setSizeConstraint(QLayout::SetMinimumSize);
    setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('x')) * 60);

    connect(m_address, &QComboBox::currentIndexChanged, this, &ClassPortDialog::update);
    connect(m_port, &QSpinBox::valueChanged, this, &ClassPortDialog::update);
    setSettings(initial);
}

void ClassPortDialog::setSettings(const ClassPortSettings &s)
{
    const int at = m_address->findData(s.address);
    m_address->setCurrentIndex(at < 0 ? 0 : at);
    m_port->setValue(s.port);
    m_connections->setValue(s.maxConnections);
    m_lineBytes->setValue(s.maxLineBytes);
    m_rate->setValue(s.linesPerSecond);
    m_idle->setValue(s.idleSeconds);
    update();
}

ClassPortSettings ClassPortDialog::settings() const
{
    ClassPortSettings s;
    s.address = m_address->currentData().toString();
    s.port = m_port->value();
    s.maxConnections = m_connections->value();
    s.maxLineBytes = m_lineBytes->value();
    s.linesPerSecond = m_rate->value();
    s.idleSeconds = m_idle->value();
    return s;
}

QString ClassPortDialog::connectHint() const
{
    const QString address = m_address->currentData().toString();
    const QString port = QString::number(m_port->value());
    // nc and telnet take an IPv6 address as it is, without brackets.
    if (isLoopback(address)) return tr("From this computer: nc %1 %2").arg(address, port);
    QString host = address;
    if (isAny(address)) {
        // Any of the machine's addresses reaches it: name the first (an IPv4 one for 0.0.0.0).
        host = tr("THIS-COMPUTER");
        for (const Address &a : addressChoices())
            if (!a.loopback() && !a.any() && (!a.ipv6() || address == QLatin1String("::")) &&
                !QHostAddress(a.address).isLinkLocal()) {
                host = a.address;
                break;
            }
    }
    // A link-local address needs the scope of the student's own interface, not this one's.
    if (const QHostAddress ip(host); ip.protocol() == QAbstractSocket::IPv6Protocol && ip.isLinkLocal()) {
        QHostAddress bare = ip;
        bare.setScopeId(QString());
        host = bare.toString() + QLatin1Char('%') + tr("THEIR-INTERFACE");
    }
    return tr("Students type: nc %1 %2 (or telnet %1 %2)").arg(host, port);
}

void ClassPortDialog::update()
{
    const QString address = m_address->currentData().toString();
    m_warning->setVisible(!isLoopback(address));
    m_hint->setText(connectHint());
    m_error->hide();
    fit();
}

void ClassPortDialog::fit()
{
    // A text that grew (the hint, the warning, an error) never squeezes the fields.
    if (!isVisible()) return;
    layout()->activate();
    resize(size().expandedTo(sizeHint()));
}

void ClassPortDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    fit();
}

void ClassPortDialog::accept()
{
    if (m_opener) {
        QString error;
        if (!m_opener(settings(), &error)) {
            m_error->setText(tr("Cannot open the class port: %1").arg(error));
            m_error->show();
            fit();
            return;
        }
    }
    QDialog::accept();
}

} // namespace dsl::ui
