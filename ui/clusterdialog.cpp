// ClusterDialog: the master's spin boxes and the run's executors with their fault buttons.
#include "clusterdialog.h"

#include "clusterexecutormodel.h"
#include "rowfaultactions.h"
#include "sessiontypes.h"
#include "simulationcontroller.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace dsl::ui {

namespace {
QSpinBox *spinBox(const char *name, int min, int max, int value, int step = 1)
{
    auto *s = new QSpinBox;
    s->setObjectName(QString::fromLatin1(name));
    s->setRange(min, max);
    s->setSingleStep(step);
    s->setValue(value);
    return s;
}
} // namespace

ClusterDialog::ClusterDialog(SimulationController *controller, QWidget *parent)
    : QDialog(parent), m_controller(controller), m_model(new ClusterExecutorModel(this))
{
    setObjectName(QStringLiteral("clusterDialog"));
    auto *layout = new QVBoxLayout(this);
    m_intro = new QLabel;
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);

    m_local = new QRadioButton;
    m_local->setObjectName(QStringLiteral("localMode"));
    m_cluster = new QRadioButton;
    m_cluster->setObjectName(QStringLiteral("clusterMode"));
    m_cores = spinBox("localCores", 1, kMaxCores, 2);
    m_executors = spinBox("clusterExecutors", 1, kMaxExecutors, 2);
    m_coresPerExecutor = spinBox("clusterCores", 1, kMaxCores, 2);
    m_memory = spinBox("clusterMemory", kMinMemoryMb, kMaxMemoryMb, 1024, 256);
    m_memory->setSuffix(QStringLiteral(" MB"));
    m_coresLabel = new QLabel;
    m_executorsLabel = new QLabel;
    m_perExecutorLabel = new QLabel;
    m_memoryLabel = new QLabel;
    auto *grid = new QGridLayout;
    grid->addWidget(m_local, 0, 0, 1, 4);
    grid->addWidget(m_coresLabel, 1, 1);
    grid->addWidget(m_cores, 1, 2);
    grid->addWidget(m_cluster, 2, 0, 1, 4);
    grid->addWidget(m_executorsLabel, 3, 1);
    grid->addWidget(m_executors, 3, 2);
    grid->addWidget(m_perExecutorLabel, 4, 1);
    grid->addWidget(m_coresPerExecutor, 4, 2);
    grid->addWidget(m_memoryLabel, 5, 1);
    grid->addWidget(m_memory, 5, 2);
    grid->setColumnMinimumWidth(0, 16);
    grid->setColumnStretch(3, 1);
    layout->addLayout(grid);

    auto *masterRow = new QHBoxLayout;
    m_masterLabel = new QLabel;
    m_master = new QLabel;
    m_master->setObjectName(QStringLiteral("masterText"));
    m_master->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont mono = m_master->font();
    mono.setFamily(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    mono.setBold(true);
    m_master->setFont(mono);
    m_apply = new QPushButton;
    m_apply->setObjectName(QStringLiteral("applyMaster"));
    masterRow->addWidget(m_masterLabel);
    masterRow->addWidget(m_master, 1);
    masterRow->addWidget(m_apply);
    layout->addLayout(masterRow);
    m_runNote = new QLabel;
    m_runNote->setWordWrap(true);
    layout->addWidget(m_runNote);

    m_executorsTitle = new QLabel;
    QFont bold = m_executorsTitle->font();
    bold.setBold(true);
    m_executorsTitle->setFont(bold);
    layout->addSpacing(8);
    layout->addWidget(m_executorsTitle);
    m_note = new QLabel;
    m_note->setObjectName(QStringLiteral("executorsNote"));
    m_note->setWordWrap(true);
    layout->addWidget(m_note);
    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("executorTable"));
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    // Every column as wide as its words and buttons; the state takes what is left.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ClusterExecutorModel::State, QHeaderView::Stretch);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(m_table, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    m_close = buttons->button(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    for (QSpinBox *s : {m_cores, m_executors, m_coresPerExecutor, m_memory})
        connect(s, &QSpinBox::valueChanged, this, &ClusterDialog::updateMaster);
    for (QRadioButton *b : {m_local, m_cluster}) connect(b, &QRadioButton::toggled, this, &ClusterDialog::updateMaster);
    connect(m_apply, &QPushButton::clicked, this, [this] { emit masterChosen(masterText()); });
    // Rows come and go with executors (a reset drops the table's index widgets): buttons again.
    connect(m_model, &QAbstractItemModel::modelReset, this, &ClusterDialog::updateButtons);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ClusterDialog::updateButtons);
    connect(controller, &SimulationController::snapshotChanged, this, &ClusterDialog::onSnapshot);

    m_local->setChecked(true);
    const RunSnapshotPtr &s = controller->snapshot();
    QString master = controller->driver()->options().master;
    if (master.isEmpty() && s) master = QString::fromStdString(s->master);
    setMaster(master);
    retranslate();
    onSnapshot(s);
    const QFontMetrics fm(font());
    resize(fm.horizontalAdvance(QLatin1Char('m')) * 64, fm.height() * 34);
}

MasterSpec ClusterDialog::spec() const
{
    MasterSpec m;
    m.mode = m_cluster->isChecked() ? MasterSpec::Mode::LocalCluster : MasterSpec::Mode::Local;
    m.cores = m_cores->value();
    m.executors = m_executors->value();
    m.coresPerExecutor = m_coresPerExecutor->value();
    m.memoryMb = m_memory->value();
    return m;
}

void ClusterDialog::setMaster(const QString &master)
{
    const auto m = MasterSpec::parse(master);
    if (!m) {
        updateMaster();
        return;
    }
    // Values beyond the boxes' limits show clamped (the spin boxes do that).
    (m->mode == MasterSpec::Mode::Local ? m_local : m_cluster)->setChecked(true);
    if (m->mode == MasterSpec::Mode::Local) {
        m_cores->setValue(m->cores);
    } else {
        m_executors->setValue(m->executors);
        m_coresPerExecutor->setValue(m->coresPerExecutor);
        m_memory->setValue(m->memoryMb);
    }
    updateMaster();
}

QString ClusterDialog::masterText() const
{
    return spec().toString();
}

void ClusterDialog::updateMaster()
{
    const bool cluster = m_cluster->isChecked();
    m_cores->setEnabled(!cluster);
    m_coresLabel->setEnabled(!cluster);
    for (QWidget *w : std::initializer_list<QWidget *>{m_executors, m_coresPerExecutor, m_memory, m_executorsLabel,
                                                       m_perExecutorLabel, m_memoryLabel})
        w->setEnabled(cluster);
    m_master->setText(QStringLiteral("--master ") + masterText());
    const MasterSpec m = spec();
    m_runNote->setText(m.mode == MasterSpec::Mode::Local
                           ? tr("One executor inside the driver: each receiver holds one of its cores, the tasks share the "
                                "rest (local[1] with a receiver never processes). It cannot be killed.")
                           : tr("%1 × %2 = %3 cores, %4 MB per executor. A killed executor's tasks run again on the others, "
                                "and the Worker starts a new executor after 3 s.")
                                 .arg(m.executors)
                                 .arg(m.coresPerExecutor)
                                 .arg(m.totalCores())
                                 .arg(m.memoryMb));
}

void ClusterDialog::onSnapshot(const RunSnapshotPtr &s)
{
    m_model->setSnapshot(s && s->phase != RunPhase::NotStarted ? s.get() : nullptr);
    const QString why = RowFaultActions::unavailable(s.get());
    if (!s || s->phase == RunPhase::NotStarted) m_note->setText(tr("No run yet: its executors show here once it starts."));
    else if (!why.isEmpty()) m_note->setText(why);
    else if (s->executors.size() == 1 && s->executors.front() == "driver")
        m_note->setText(tr("Local mode: the one executor runs inside the driver. It can be slowed down, not killed."));
    else m_note->setText(tr("Kill an executor: its running tasks run again elsewhere and a new one replaces it. "
                            "Slow one down: its tasks take %1 times as long (a straggler).").arg(RowFaultActions::kSlowFactor));
    updateButtons();
}

QString ClusterDialog::executorsNote() const
{
    return m_note->text();
}

QPushButton *ClusterDialog::killButton(int row) const
{
    QWidget *w = m_table->indexWidget(m_model->index(row, ClusterExecutorModel::Actions));
    return w ? w->findChild<QPushButton *>(QStringLiteral("kill")) : nullptr;
}

QPushButton *ClusterDialog::slowButton(int row) const
{
    QWidget *w = m_table->indexWidget(m_model->index(row, ClusterExecutorModel::Actions));
    return w ? w->findChild<QPushButton *>(QStringLiteral("slow")) : nullptr;
}

void ClusterDialog::updateButtons()
{
    const RunSnapshot *s = m_controller->snapshot().get();
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const ClusterExecutorModel::Row &r = m_model->rows()[static_cast<std::size_t>(row)];
        const QModelIndex cell = m_model->index(row, ClusterExecutorModel::Actions);
        if (!r.alive) {
            m_table->setIndexWidget(cell, nullptr);
            continue;
        }
        QWidget *w = m_table->indexWidget(cell);
        if (!w) {
            w = new QWidget;
            auto *h = new QHBoxLayout(w);
            h->setContentsMargins(2, 0, 2, 0);
            for (const char *name : {"kill", "slow"}) {
                auto *b = new QPushButton;
                b->setObjectName(QString::fromLatin1(name));
                b->setAutoDefault(false);
                h->addWidget(b);
                // The row's current actions, looked up when clicked (the row may be another
                // executor by then).
                connect(b, &QPushButton::clicked, this, [this, row, kill = qstrcmp(name, "kill") == 0] {
                    if (row >= m_model->rowCount()) return;
                    const auto actions = RowFaultActions::forExecutor(m_controller->snapshot().get(),
                                                                      m_model->rows()[static_cast<std::size_t>(row)].id);
                    const RowFaultAction &a = actions[kill ? 0 : 1];
                    if (a.enabled) emit faultRequested(a.action, a.what);
                });
            }
            h->addStretch(1);
            m_table->setIndexWidget(cell, w);
        }
        const auto actions = RowFaultActions::forExecutor(s, r.id);
        for (std::size_t i = 0; i < 2; ++i) {
            auto *b = w->findChild<QPushButton *>(QString::fromLatin1(i == 0 ? "kill" : "slow"));
            b->setText(i == 0 ? tr("Kill") : tr("Slow ×%1").arg(RowFaultActions::kSlowFactor));
            b->setEnabled(actions[i].enabled);
            b->setToolTip(actions[i].enabled ? actions[i].text : actions[i].whyNot);
            b->setAccessibleName(actions[i].text);
        }
    }
}

void ClusterDialog::retranslate()
{
    setWindowTitle(tr("Cluster"));
    m_intro->setText(tr("The simulated Spark the run gets, as spark-submit's --master. Applying it restarts the run "
                        "from its input log."));
    m_local->setText(tr("local[N]: one executor inside the driver"));
    m_cluster->setText(tr("local-cluster[E,C,M]: executors a standalone Worker launches (they can be killed)"));
    m_coresLabel->setText(tr("Cores:"));
    m_executorsLabel->setText(tr("Executors:"));
    m_perExecutorLabel->setText(tr("Cores per executor:"));
    m_memoryLabel->setText(tr("Memory per executor:"));
    m_masterLabel->setText(tr("Master:"));
    m_apply->setText(tr("Apply: restart the run"));
    m_executorsTitle->setText(tr("Executors of the run"));
    m_model->retranslate();
    updateMaster();
    onSnapshot(m_controller->snapshot());
}

void ClusterDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) retranslate();
    QDialog::changeEvent(event);
}

} // namespace dsl::ui
