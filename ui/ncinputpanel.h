// NcInputPanel: the built-in `nc -lk 9999` terminal students type into.
#pragma once

#include "snapshotfwd.h"

#include <QElapsedTimer>
#include <QStringList>
#include <QWidget>

class QAction;
class QCheckBox;
class QComboBox;
class QHBoxLayout;
class QLabel;
class QPlainTextEdit;
class QTableView;
class QTimer;
class QToolButton;

namespace dsl::ui {

class AutoTyperBar;
class NcInputEdit;
class SimulationController;
class SocketClientListener;
class SocketSourceModel;
struct Theme;

/// Looks and behaves like a terminal running `nc -lkv 9999`: a transcript with the listening
/// and connection messages nc -v prints, the lines sent so far, each marked until the
/// receiver has accepted it, and a prompt line (Enter sends, Up/Down history, paste sends
/// one record per line). Lines go to the controller, which puts them into the run's input
/// log at the current simulated time.
///
/// Lines from outside (the class port's students, a real `nc -lk` server) show with their source
/// ("[student 3] to be or not"), from the input log, so replays and step back show them too; with
/// a SocketClientListener set, a small list under the header names each source with its line
/// count and state, and a line over it says where the class port and the real servers stand.
///
/// When the program reads Kafka (KafkaUtils.createDirectStream), a target box in the header
/// switches the prompt from the socket to one of its topics: each line is then a message
/// produced to that topic, as `kafka-console-producer --topic T` sends it (with "key:value",
/// ticked, as its `parse.key=true key.separator=:` properties split it).
class NcInputPanel : public QWidget {
    Q_OBJECT
public:
    explicit NcInputPanel(SimulationController *controller, QWidget *parent = nullptr);
    NcInputEdit *input() const { return m_input; }
    AutoTyperBar *autoTyper() const { return m_autoTyper; }
    /// The transcript as plain text (tests, screenshots).
    QString transcript() const;
    /// A button in the header for `action` (dropping a file for textFileStream), shown while
    /// the run has a textFileStream.
    void setDropFileAction(QAction *action);
    QToolButton *dropFileButton() const { return m_dropButton; }
    /// The target box (socket or a topic) and the key:value box; the topic typed lines go to,
    /// empty for the socket; choosing a target by topic name (false: not one of the program's).
    QComboBox *targetBox() const { return m_target; }
    QCheckBox *keysBox() const { return m_keys; }
    QString targetTopic() const;
    bool setTargetTopic(const QString &topic);
    /// The class port and real servers (not owned): their sources listed, their state shown.
    void setSocketSources(SocketClientListener *listener);
    SocketSourceModel *sourceModel() const { return m_sourceModel; }
    QTableView *sourceView() const { return m_sourceView; }
    /// "Class port 127.0.0.1:9999 open · 3 students" / "nc localhost:9999: retrying every 2 s";
    /// empty while neither is on.
    QString socketStateText() const;

    /// Whether the title over the transcript is shown (hidden where it would take more than
    /// two lines) and the placeholder the input shows (a shorter one where the long one would
    /// wrap): a narrow presenter column keeps every text whole.
    bool titleShown() const;
    QString placeholder() const;

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitTexts();
    struct Entry {
        QString text;
        enum Kind { Command, Info, Line, Pending } kind;
        QString prefix = {}; ///< a line's source ("[student 3] "), drawn muted before it
        bool operator==(const Entry &o) const { return text == o.text && kind == o.kind && prefix == o.prefix; }
    };
    void refreshSources();
    void fitSourceList();
    void retranslateUi();
    void applyTheme(const Theme &t);
    void onSnapshot(const RunSnapshotPtr &s);
    void onLineEntered(const QString &line);
    void updateTargets();
    void onTargetChanged();
    /// A topic's partition count as the run knows it: the newest batch that read it, else the
    /// run's settings (--kafka-partitions), else Kafka's default of one.
    int partitionsOf(const QString &topic) const;
    void updateAutoTyperTarget();
    void render();
    std::vector<Entry> kafkaEntriesFor(const RunSnapshot *s, const QString &topic) const;
    void scheduleRender();
    std::vector<Entry> entriesFor(const RunSnapshot *s) const;

    SimulationController *m_controller;
    QLabel *m_title;
    QLabel *m_status;
    QHBoxLayout *m_header;
    QToolButton *m_dropButton = nullptr;
    QComboBox *m_target;                ///< the socket, or a topic of the program's Kafka streams
    QCheckBox *m_keys;                  ///< Kafka: "key:value" lines
    QLabel *m_socketState;              ///< the class port's and the real servers' state
    SocketClientListener *m_sockets = nullptr;
    SocketSourceModel *m_sourceModel = nullptr;
    QTableView *m_sourceView = nullptr;
    QString m_kafkaError;               ///< the last line refused (no key separator), shown once
    QPlainTextEdit *m_transcript;
    QLabel *m_prompt;
    NcInputEdit *m_input;
    AutoTyperBar *m_autoTyper;
    QTimer *m_renderTimer;
    QElapsedTimer m_sinceRender;
    QString m_statusColor;
    RunSnapshotPtr m_snapshot;
    QStringList m_localEcho;            ///< sent, not yet in a snapshot's input log
    QStringList m_echoPrefix;           ///< each echo's source ("[student 3] "), or empty
    std::size_t m_echoHidden = 0;       ///< echoes before m_localEcho's first, not shown (a flood)
    std::size_t m_echoBase = 0;         ///< input log size when the echoes were sent
    void addEcho(const QString &text, const QString &prefix);
    void clearEcho();
    std::vector<Entry> m_rendered;
};

} // namespace dsl::ui
