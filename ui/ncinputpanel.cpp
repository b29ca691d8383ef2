// NcInputPanel: transcript built from the run's input log, receiver state and local echo.
#include "ncinputpanel.h"

#include "autotyperbar.h"
#include "ncinputedit.h"
#include "sessioncommands.h"
#include "sessiontypes.h"
#include "simulationcontroller.h"
#include "socketclientlistener.h"
#include "socketsourcemodel.h"
#include "theme.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>
#include <QSignalBlocker>
#include <QTextBlock>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace dsl::ui {

namespace {
constexpr std::size_t kShownLines = 400;
constexpr qint64 kRenderMs = 100;
}

NcInputPanel::NcInputPanel(SimulationController *controller, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_title(new QLabel(this)), m_status(new QLabel(this)),
      m_target(new QComboBox(this)), m_keys(new QCheckBox(this)), m_socketState(new QLabel(this)),
      m_transcript(new QPlainTextEdit(this)),
      m_prompt(new QLabel(this)), m_input(new NcInputEdit(this)),
      m_autoTyper(new AutoTyperBar(controller, this)), m_renderTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("ncPanel"));
    m_title->setObjectName(QStringLiteral("ncTitle"));
    setAttribute(Qt::WA_StyledBackground, true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto *header = m_header = new QHBoxLayout;
    header->setContentsMargins(8, 4, 8, 4);
    header->setSpacing(14); // the title never touches the connection state
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // never widens the column
    m_title->setMinimumWidth(0);
    m_title->setWordWrap(true); // a narrow column (presenter mode) wraps the title instead of cutting it
    header->addWidget(m_title, 1);
    m_target->setObjectName(QStringLiteral("ncTarget"));
    m_target->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_target->addItem(QString(), QString()); // the socket (its text: retranslateUi)
    m_target->setVisible(false);             // until the program reads Kafka
    m_keys->setObjectName(QStringLiteral("ncKafkaKeys"));
    m_keys->setVisible(false);
    header->addWidget(m_status);
    // The Kafka target and its key switch get a row of their own: beside the title they squeezed
    // it into a column a few letters wide (hidden, the row takes no height).
    auto *targetRow = new QHBoxLayout;
    targetRow->setContentsMargins(8, 0, 8, 0);
    targetRow->setSpacing(10);
    targetRow->addWidget(m_target);
    targetRow->addWidget(m_keys);
    targetRow->addStretch(1);
    connect(m_target, &QComboBox::currentIndexChanged, this, &NcInputPanel::onTargetChanged);
    connect(m_keys, &QCheckBox::toggled, this, [this] {
        m_rendered.clear();
        render();
    });
    layout->addLayout(header);
    layout->addLayout(targetRow);
    // The class port and the real servers (setSocketSources): where they stand, and who sends.
    m_socketState->setObjectName(QStringLiteral("ncSocketState"));
    m_socketState->setWordWrap(true);
    m_socketState->setContentsMargins(8, 0, 8, 2);
    m_socketState->setVisible(false);
    layout->addWidget(m_socketState);
    m_transcript->setReadOnly(true);
    m_transcript->setUndoRedoEnabled(false); // hours of lines would pile up in the undo stack
    m_transcript->setFocusPolicy(Qt::ClickFocus);
    m_transcript->setFrameShape(QFrame::NoFrame);
    m_transcript->setObjectName(QStringLiteral("ncTranscript"));
    m_sourceModel = new SocketSourceModel(this);
    m_sourceView = new QTableView(this);
    m_sourceView->setObjectName(QStringLiteral("ncSources"));
    m_sourceView->setModel(m_sourceModel);
    m_sourceView->verticalHeader()->hide();
    m_sourceView->horizontalHeader()->setSectionResizeMode(SocketSourceModel::SourceColumn, QHeaderView::Stretch);
    m_sourceView->horizontalHeader()->setSectionResizeMode(SocketSourceModel::LinesColumn, QHeaderView::ResizeToContents);
    m_sourceView->horizontalHeader()->setSectionResizeMode(SocketSourceModel::StateColumn, QHeaderView::ResizeToContents);
    m_sourceView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_sourceView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_sourceView->setShowGrid(false);
    m_sourceView->setFocusPolicy(Qt::NoFocus);
    m_sourceView->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_sourceView->setVisible(false); // until a source connects
    layout->addWidget(m_sourceView);
    layout->addWidget(m_transcript, 1);
    auto *promptRow = new QHBoxLayout;
    promptRow->setContentsMargins(6, 2, 6, 4);
    promptRow->setSpacing(4);
    promptRow->addWidget(m_prompt);
    promptRow->addWidget(m_input, 1);
    auto *promptFrame = new QWidget(this);
    promptFrame->setObjectName(QStringLiteral("ncPrompt"));
    promptFrame->setLayout(promptRow);
    layout->addWidget(promptFrame);
    layout->addWidget(m_autoTyper);
    m_input->setObjectName(QStringLiteral("ncInput"));
    setFocusProxy(m_input);

    connect(m_input, &NcInputEdit::lineEntered, this, &NcInputPanel::onLineEntered);
    // A line from outside (a student at the class port, a real server) for this panel's socket
    // shows as sent, with its source, until the receiver has it (a typed one: onLineEntered).
    connect(controller, &SimulationController::lineSent, this, [this](const QString &line, const QString &source, int port) {
        if (source.isEmpty() || !targetTopic().isEmpty()) return;
        if (port != 0 && port != (m_snapshot ? m_snapshot->listenPort : 9999)) return;
        addEcho(line, QStringLiteral("[%1] ").arg(SocketSourceModel::shortLabel(source.toStdString())));
        scheduleRender();
    });
    connect(controller, &SimulationController::snapshotChanged, this, &NcInputPanel::onSnapshot);
    connect(controller, &SimulationController::clockChanged, this, &NcInputPanel::scheduleRender);
    m_renderTimer->setSingleShot(true);
    connect(m_renderTimer, &QTimer::timeout, this, &NcInputPanel::render);
    connect(controller, &SimulationController::themeChanged, this, &NcInputPanel::applyTheme);
    applyTheme(controller->theme());
    retranslateUi();
    render();
}

bool NcInputPanel::titleShown() const
{
    return !m_title->isHidden();
}

QString NcInputPanel::placeholder() const
{
    return m_input->placeholderText();
}

void NcInputPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitTexts();
    fitSourceList();
}

void NcInputPanel::fitTexts()
{
    // The title wraps in a narrow column; past two lines the header would squeeze the
    // transcript and clip it, so it goes (the dock's title already says "nc -lk 9999").
    const int room = width() - 16 - m_status->sizeHint().width() - 14; // header margins and spacing
    const QFontMetrics tm(m_title->font());
    const bool titleFits = room > 0 && m_title->heightForWidth(room) <= 2 * tm.lineSpacing() + 2;
    m_title->setHidden(!titleFits);
    // A placeholder wider than the one-line input wraps and shows its first line cut.
    const QString full = tr("type a line, Enter sends it");
    const QFontMetrics im(m_input->font());
    const int inputRoom = m_input->viewport()->width() - 2 * int(m_input->document()->documentMargin()) - 2;
    const QString text = im.horizontalAdvance(full) <= inputRoom || inputRoom <= 0 ? full : tr("type a line");
    if (m_input->placeholderText() != text) m_input->setPlaceholderText(text);
}

QString NcInputPanel::targetTopic() const
{
    return m_target->currentData().toString();
}

bool NcInputPanel::setTargetTopic(const QString &topic)
{
    const int at = m_target->findData(topic);
    if (at < 0) return false;
    m_target->setCurrentIndex(at);
    return true;
}

void NcInputPanel::updateTargets()
{
    // The topics of the program's direct Kafka streams, in name order; the socket first.
    QStringList topics;
    if (m_snapshot)
        for (const auto &st : m_snapshot->streams)
            for (const auto &t : st.kafkaTopics)
                if (!topics.contains(QString::fromStdString(t))) topics << QString::fromStdString(t);
    topics.sort();
    QStringList had;
    for (int i = 1; i < m_target->count(); ++i) had << m_target->itemData(i).toString();
    if (topics != had) {
        const QString chosen = targetTopic();
        QSignalBlocker block(m_target);
        while (m_target->count() > 1) m_target->removeItem(1);
        for (const QString &t : topics) m_target->addItem(tr("Kafka topic %1").arg(t), t);
        const int at = m_target->findData(chosen);
        m_target->setCurrentIndex(at < 0 ? 0 : at);
        if (at < 0 && !chosen.isEmpty()) onTargetChanged(); // its program is gone: back to the socket
    }
    m_target->setVisible(!topics.isEmpty());
}

int NcInputPanel::partitionsOf(const QString &topic) const
{
    if (topic.isEmpty()) return 1;
    if (m_snapshot) {
        const std::string t = topic.toStdString();
        int n = 0;
        for (auto it = m_snapshot->batches.rbegin(); it != m_snapshot->batches.rend() && n == 0; ++it)
            if (it->second && it->second->kafka)
                for (const auto &p : *it->second->kafka)
                    if (p.topic == t) n = std::max(n, p.partition + 1);
        if (n > 0) return n;
    }
    const auto options = m_controller->driver()->options().kafkaPartitions;
    const auto it = options.find(topic);
    return it != options.end() && it->second > 0 ? it->second : 1;
}

void NcInputPanel::updateAutoTyperTarget()
{
    const QString topic = targetTopic();
    m_autoTyper->setTarget(topic, partitionsOf(topic));
}

void NcInputPanel::onTargetChanged()
{
    updateAutoTyperTarget();
    m_keys->setVisible(!targetTopic().isEmpty());
    m_kafkaError.clear();
    clearEcho(); // echoes belong to the target they were sent to
    retranslateUi();     // the title, and the status (onSnapshot)
}

void NcInputPanel::retranslateUi()
{
    m_target->setItemText(0, tr("socket :%1").arg(m_snapshot ? m_snapshot->listenPort : 9999));
    m_target->setToolTip(tr("Where typed lines go: the socket receiver, or a Kafka topic the program reads"));
    m_keys->setText(tr("key:value"));
    m_keys->setToolTip(tr("Split each line at its first ':' into the message's key and value (kafka-console-producer's "
                          "parse.key=true, key.separator=:)"));
    const QString topic = targetTopic();
    m_title->setText(topic.isEmpty() ? tr("Lines typed here go to the socket receiver")
                                     : tr("Lines typed here are produced to Kafka topic %1").arg(topic));
    fitTexts();
    m_input->setToolTip(tr("Enter sends the line · ↑/↓ history · pasted text sends one record per line"));
    m_prompt->setText(QStringLiteral("›"));
    if (m_dropButton) {
        m_dropButton->setText(tr("Drop a file…"));
        m_dropButton->setToolTip(tr("textFileStream reads files, not lines: drop one into its directory"));
    }
    m_sourceModel->retranslate();
    refreshSources();
    m_rendered.clear();
    onSnapshot(m_snapshot);
}

void NcInputPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void NcInputPanel::applyTheme(const Theme &t)
{
    const QString bg = t.terminalBackground.name(), fg = t.terminalText.name(), prompt = t.terminalPrompt.name();
    setStyleSheet(QStringLiteral("#ncPanel { background: %1; }"
                                 "#ncPanel QLabel, #ncPanel QCheckBox { color: %2; background: transparent; }"
                                 "#ncTranscript, #ncInput { background: %1; color: %2; border: none;"
                                 " selection-background-color: #335; }"
                                 "#ncPrompt { background: %1; border-top: 1px solid #333; }"
                                 "#autoTyperBar { background: %1; border-top: 1px solid #333; }"
                                 "#ncDropFile { color: %2; border: 1px solid #555; border-radius: 3px; padding: 1px 6px; }"
                                 "#ncSources { background: %1; color: %2; border: none; border-top: 1px solid #333;"
                                 " border-bottom: 1px solid #333; alternate-background-color: %1; }"
                                 "#ncSources QHeaderView::section { background: %1; color: #9CA3AF; border: none;"
                                 " padding: 0 4px; }")
                      .arg(bg, fg));
    m_sourceView->setFont(t.font(0.9));
    m_sourceView->horizontalHeader()->setFont(t.font(0.85));
    m_sourceView->verticalHeader()->setMinimumSectionSize(0);
    m_sourceView->verticalHeader()->setDefaultSectionSize(QFontMetrics(t.font(0.9)).height() + 4);
    fitSourceList();
    m_socketState->setFont(t.font(0.9));
    m_transcript->setFont(t.monoFont(1.05));
    m_input->setFont(t.monoFont(1.15));
    m_prompt->setFont(t.monoFont(1.15));
    m_prompt->setStyleSheet(QStringLiteral("color: %1; font-weight: bold;").arg(prompt));
    m_title->setFont(t.font(0.95, true));
    m_status->setFont(t.font(0.9));
    m_autoTyper->setFont(t.font(0.9));
    m_input->updateGeometry();
    m_rendered.clear();
    render();
    fitTexts();
}

void NcInputPanel::onLineEntered(const QString &line)
{
    const QString topic = targetTopic();
    std::optional<QString> key;
    QString value = line;
    if (!topic.isEmpty() && m_keys->isChecked()) {
        // kafka-console-producer's LineMessageReader refuses a line without the separator.
        const qsizetype sep = line.indexOf(QLatin1Char(':'));
        if (sep < 0) {
            m_kafkaError = tr("No key separator found on line: '%1' (not sent)").arg(line);
            m_rendered.clear();
            render();
            return;
        }
        key = line.left(sep);
        value = line.mid(sep + 1);
    }
    m_kafkaError.clear();
    addEcho(line, QString());
    if (topic.isEmpty()) m_controller->sendLine(line);
    else m_controller->execute(command::ProduceKafka{topic, key, value});
    render();
}

void NcInputPanel::addEcho(const QString &text, const QString &prefix)
{
    if (m_localEcho.isEmpty() && m_echoHidden == 0) m_echoBase = m_snapshot && m_snapshot->input ? m_snapshot->input->size : 0;
    m_localEcho.append(text);
    m_echoPrefix.append(prefix);
    // A room typing into a paused run: the newest few hundred show, the rest are counted.
    while (m_localEcho.size() > qsizetype(kShownLines)) {
        m_localEcho.removeFirst();
        m_echoPrefix.removeFirst();
        ++m_echoHidden;
    }
}

void NcInputPanel::clearEcho()
{
    m_localEcho.clear();
    m_echoPrefix.clear();
    m_echoHidden = 0;
}

void NcInputPanel::setSocketSources(SocketClientListener *listener)
{
    if (m_sockets) disconnect(m_sockets, nullptr, this, nullptr);
    m_sockets = listener;
    if (listener) connect(listener, &SocketClientListener::changed, this, &NcInputPanel::refreshSources);
    refreshSources();
}

QString NcInputPanel::socketStateText() const
{
    if (!m_sockets) return QString();
    QStringList parts;
    const std::vector<SocketSource> sources = m_sockets->sources();
    if (m_sockets->isClassPortOpen()) {
        int open = 0;
        for (const SocketSource &s : sources)
            if (s.kind == SocketSource::Kind::Student && s.state == SocketSource::State::Connected) ++open;
        parts << tr("⇄ class port %1 · %2 connected").arg(m_sockets->classPortWhere()).arg(open);
    }
    if (m_sockets->realServers()) {
        QStringList servers;
        for (const SocketSource &s : sources)
            if (s.kind == SocketSource::Kind::Server)
                servers << tr("⇄ nc %1: %2").arg(s.peer, SocketSourceModel::stateText(s));
        parts << (servers.isEmpty() ? tr("⇄ real servers: when the program's socketTextStream starts") : servers.join(QStringLiteral(" · ")));
    }
    return parts.join(QStringLiteral(" · "));
}

void NcInputPanel::fitSourceList()
{
    // A few rows at most, and never more than a quarter of the panel: the transcript keeps the
    // room (the list scrolls).
    const int n = m_sourceModel->rowCount();
    if (n > 0) {
        const int row = m_sourceView->verticalHeader()->defaultSectionSize();
        const int header = m_sourceView->horizontalHeader()->sizeHint().height();
        const int fit = std::max(1, (height() / 4 - header) / std::max(1, row));
        const int rows = std::min({n, 4, fit});
        const int h = header + rows * row + 2 * m_sourceView->frameWidth() + 2;
        if (m_sourceView->height() != h) m_sourceView->setFixedHeight(h);
    }
    m_sourceView->setVisible(n > 0);
}

void NcInputPanel::refreshSources()
{
    const std::vector<SocketSource> sources = m_sockets ? m_sockets->sources() : std::vector<SocketSource>{};
    m_sourceModel->setSources(sources);
    fitSourceList();
    const QString state = socketStateText();
    m_socketState->setText(state);
    m_socketState->setVisible(!state.isEmpty());
    // Green while every source is connected; amber while a server is away.
    bool waiting = false;
    for (const SocketSource &s : sources)
        waiting = waiting || s.state == SocketSource::State::Retrying || s.state == SocketSource::State::NotAllowed ||
                  s.state == SocketSource::State::Connecting;
    const QString css = QStringLiteral("color: %1;").arg(waiting ? QStringLiteral("#F59E0B") : QStringLiteral("#34D399"));
    if (m_socketState->styleSheet() != css) m_socketState->setStyleSheet(css);
}

void NcInputPanel::setDropFileAction(QAction *action)
{
    if (!m_dropButton) {
        m_dropButton = new QToolButton(this);
        m_dropButton->setObjectName(QStringLiteral("ncDropFile"));
        m_dropButton->setAutoRaise(true);
        m_dropButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
        m_header->insertWidget(1, m_dropButton);
    }
    m_dropButton->disconnect();
    connect(m_dropButton, &QToolButton::clicked, action, &QAction::trigger);
    retranslateUi();
}

void NcInputPanel::onSnapshot(const RunSnapshotPtr &s)
{
    m_snapshot = s;
    updateTargets();
    updateAutoTyperTarget(); // the topic's partitions become known with its first batch
    if (m_dropButton) {
        bool watches = false; // a textFileStream (its files come from the drop dialog, not from nc)
        if (s)
            for (const auto &st : s->streams) watches = watches || st.className == "FileInputDStream";
        m_dropButton->setVisible(watches);
    }
    // Echoes the input log now holds are no longer local.
    const std::size_t size = s && s->input ? s->input->size : 0;
    while ((m_echoHidden > 0 || !m_localEcho.isEmpty()) && size > m_echoBase) {
        if (m_echoHidden > 0) {
            --m_echoHidden;
        } else {
            m_localEcho.removeFirst();
            m_echoPrefix.removeFirst();
        }
        ++m_echoBase;
    }
    if (!s) {
        m_status->setText(QString());
    } else {
        QString status;
        QString color = QStringLiteral("#9CA3AF");
        bool connected = false;
        QString error;
        for (const auto &r : s->receivers) {
            if (r.active && r.lastError.empty() && r.startTime) connected = true;
            if (!r.lastError.empty()) error = QString::fromStdString(r.lastError);
        }
        if (!targetTopic().isEmpty()) {
            // Producing to the simulated broker needs no receiver (the direct stream has none).
            status = tr("● broker localhost:9092");
            color = QStringLiteral("#34D399");
        } else if (connected) {
            status = tr("● receiver connected");
            color = QStringLiteral("#34D399");
        } else if (!error.isEmpty()) {
            status = tr("● %1").arg(error);
            color = QStringLiteral("#F59E0B");
        } else {
            status = tr("○ waiting for a connection");
        }
        m_status->setText(status);
        if (color != m_statusColor) { // a style sheet change re-polishes the widget
            m_statusColor = color;
            m_status->setStyleSheet(QStringLiteral("color: %1;").arg(color));
        }
    }
    scheduleRender();
}

std::vector<NcInputPanel::Entry> NcInputPanel::entriesFor(const RunSnapshot *s) const
{
    const QString topic = targetTopic();
    if (!topic.isEmpty()) return kafkaEntriesFor(s, topic);
    const int port = s ? s->listenPort : 9999;
    std::vector<Entry> out;
    out.push_back({QStringLiteral("$ nc -lk %1 -v").arg(port), Entry::Command});
    out.push_back({QStringLiteral("Listening on 0.0.0.0 %1").arg(port), Entry::Info});
    if (!s || !s->input) {
        for (qsizetype i = 0; i < m_localEcho.size(); ++i)
            out.push_back({m_localEcho[i] + tr("   ⟵ not received yet"), Entry::Pending, m_echoPrefix[i]});
        return out;
    }
    std::optional<qint64> connectAt;
    int connectionStream = 0;
    for (const auto &r : s->receivers)
        if (r.active && r.lastError.empty() && r.startTime) {
            connectAt = r.startTime->ms();
            connectionStream = r.streamId;
        }
    const std::size_t accepted = s->acceptedLines();
    const qint64 clock = std::max<qint64>(s->clock.ms(), m_controller->clockMs());
    std::size_t first = std::max(s->input->first(), s->input->size > kShownLines ? s->input->size - kShownLines : 0);
    bool connectionShown = false;
    auto connection = [&] {
        // `nc -v` reports the client's address; a receiver's local port is arbitrary.
        out.push_back({QStringLiteral("Connection received on localhost %1").arg(50000 + connectionStream * 7 + 1234),
                       Entry::Info});
        connectionShown = true;
    };
    for (std::size_t i = first; i < s->input->size; ++i) {
        const InputLineSnapshot &l = s->input->at(i);
        if ((l.port != 0 && l.port != port) || l.isServer()) continue; // a real server's event is no line
        if (l.time.ms() > clock + 1) break; // script lines still to come
        if (connectAt && !connectionShown && l.time.ms() >= *connectAt) connection();
        const bool ok = i < accepted;
        QString text = QString::fromStdString(l.text);
        if (!ok) text += tr("   ⟵ not received yet");
        // Who sent it, when not this panel's keyboard: a student at the class port, a real server.
        const QString prefix = l.source ? QStringLiteral("[%1] ").arg(SocketSourceModel::shortLabel(*l.source)) : QString();
        out.push_back({text, ok ? Entry::Line : Entry::Pending, prefix});
    }
    if (connectAt && !connectionShown && clock >= *connectAt) connection();
    for (qsizetype i = 0; i < m_localEcho.size(); ++i)
        out.push_back({m_localEcho[i] + tr("   ⟵ not received yet"), Entry::Pending, m_echoPrefix[i]});
    return out;
}

std::vector<NcInputPanel::Entry> NcInputPanel::kafkaEntriesFor(const RunSnapshot *s, const QString &topic) const
{
    // What kafka-console-producer shows: its command, then a '>' prompt per message sent.
    std::vector<Entry> out;
    QString command = QStringLiteral("$ kafka-console-producer.sh --bootstrap-server localhost:9092 --topic %1").arg(topic);
    if (m_keys->isChecked()) command += QStringLiteral(" --property parse.key=true --property key.separator=:");
    out.push_back({command, Entry::Command});
    const std::string want = topic.toStdString();
    if (s && s->input) {
        const qint64 clock = std::max<qint64>(s->clock.ms(), m_controller->clockMs());
        const std::size_t first = std::max(s->input->first(), s->input->size > kShownLines * 4 ? s->input->size - kShownLines * 4 : 0);
        for (std::size_t i = first; i < s->input->size; ++i) {
            const InputLineSnapshot &l = s->input->at(i);
            if (!l.isKafka() || l.kafka->topic != want) continue;
            if (l.time.ms() > clock + 1) break; // script messages still to come
            const QString value = QString::fromStdString(l.text);
            const auto &key = l.kafka->key;
            out.push_back({QStringLiteral(">") + (key ? QString::fromStdString(*key) + QLatin1Char(':') + value : value),
                           Entry::Line});
        }
    }
    for (const QString &e : m_localEcho) out.push_back({QStringLiteral(">") + e + tr("   ⟵ not produced yet"), Entry::Pending});
    if (!m_kafkaError.isEmpty()) out.push_back({m_kafkaError, Entry::Pending});
    return out;
}

void NcInputPanel::scheduleRender()
{
    // Snapshots and clock ticks come up to 30 times a second; a terminal redrawn 10 times a
    // second reads the same and leaves the frame to the timeline.
    if (m_renderTimer->isActive()) return;
    const qint64 since = m_sinceRender.isValid() ? m_sinceRender.elapsed() : kRenderMs;
    if (since >= kRenderMs) render();
    else m_renderTimer->start(static_cast<int>(kRenderMs - since));
}

void NcInputPanel::render()
{
    m_renderTimer->stop();
    m_sinceRender.start();
    const std::vector<Entry> want = entriesFor(m_snapshot.get());
    std::size_t same = 0;
    while (same < want.size() && same < m_rendered.size() && want[same] == m_rendered[same]) ++same;
    if (same == want.size() && same == m_rendered.size()) return;
    const Theme &t = m_controller->theme();
    QScrollBar *bar = m_transcript->verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum() - 2;
    QTextDocument *doc = m_transcript->document();
    QTextCursor c(doc);
    c.beginEditBlock(); // one layout pass for all the changes
    // Lines that scrolled off the top of the shown window (fast input): drop their blocks
    // rather than redraw everything after them. A wrong guess (repeated lines) only redraws more.
    if (same > 0 && same < want.size() && same < m_rendered.size()) {
        std::size_t drop = 0;
        for (std::size_t k = 1; same + k < m_rendered.size() && k <= kShownLines; ++k)
            if (m_rendered[same + k] == want[same]) {
                drop = k;
                break;
            }
        const QTextBlock from = doc->findBlockByNumber(static_cast<int>(same)),
                         to = doc->findBlockByNumber(static_cast<int>(same + drop));
        if (drop && from.isValid() && to.isValid()) {
            c.setPosition(from.position());
            c.setPosition(to.position(), QTextCursor::KeepAnchor);
            c.removeSelectedText();
            m_rendered.erase(m_rendered.begin() + static_cast<std::ptrdiff_t>(same),
                             m_rendered.begin() + static_cast<std::ptrdiff_t>(same + drop));
            while (same < want.size() && same < m_rendered.size() && want[same] == m_rendered[same]) ++same;
        }
    }
    if (same == 0) {
        c.select(QTextCursor::Document);
        c.removeSelectedText();
        c.setCharFormat(QTextCharFormat());
    } else if (same < m_rendered.size()) {
        // Delete from the first differing block to the end.
        QTextBlock b = doc->findBlockByNumber(static_cast<int>(same));
        if (b.isValid()) {
            c.setPosition(b.position() - 1);
            c.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
            c.removeSelectedText();
        }
    }
    c.movePosition(QTextCursor::End);
    for (std::size_t i = same; i < want.size(); ++i) {
        QTextCharFormat f;
        switch (want[i].kind) {
        case Entry::Command: f.setForeground(t.terminalPrompt); break;
        case Entry::Info: f.setForeground(QColor(0x9C, 0xA3, 0xAF)); break;
        case Entry::Line: f.setForeground(t.terminalText); break;
        case Entry::Pending:
            f.setForeground(QColor(0xF5, 0x9E, 0x0B));
            f.setFontItalic(true);
            break;
        }
        if (i > 0) c.insertBlock();
        if (!want[i].prefix.isEmpty()) {
            QTextCharFormat p;
            p.setForeground(QColor(0x9C, 0xA3, 0xAF));
            c.insertText(want[i].prefix, p);
        }
        c.insertText(want[i].text, f);
    }
    c.endEditBlock();
    m_rendered = want;
    if (atEnd || same == 0) bar->setValue(bar->maximum());
}

QString NcInputPanel::transcript() const
{
    return m_transcript->toPlainText();
}

} // namespace dsl::ui
