// DatabaseView: the tables of the batch shown, from its DatabaseSnapshot; the activity strip.
#include "databaseview.h"

#include "batchselection.h"
#include "databaseactivitystrip.h"
#include "databasetablemodel.h"
#include "sessiontypes.h"
#include "simulationcontroller.h"
#include "sortedgrid.h"
#include "timetext.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace dsl::ui {

DatabaseView::DatabaseView(SimulationController *controller, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_path(new QLabel), m_note(new QLabel), m_tables(new QComboBox),
      m_summary(new QLabel), m_grid(new QTableView), m_model(new DatabaseTableModel(this)),
      m_sorted(new QSortFilterProxyModel(this)), m_activity(new DatabaseActivityStrip)
{
    setObjectName(QStringLiteral("databaseView"));
    m_path->setObjectName(QStringLiteral("databasePath"));
    m_path->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // One line each, whatever the width (presenter mode at 1080 px leaves the tab little room):
    // what does not fit is cut, and the tooltip holds the whole text.
    for (QLabel *l : {m_path, m_note, m_summary}) l->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_tables->setObjectName(QStringLiteral("databaseTables"));
    m_tables->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    // Rowid order until a header is clicked.
    setUpSortedGrid(m_grid, m_sorted, m_model, DatabaseTableModel::SortRole, QStringLiteral("databaseGrid"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    auto *where = new QHBoxLayout;
    where->addWidget(m_path, 3);
    where->addWidget(m_note, 4);
    layout->addLayout(where);
    auto *row = new QHBoxLayout;
    row->addWidget(m_tables);
    row->addWidget(m_summary, 1);
    layout->addLayout(row);
    layout->addWidget(m_grid, 1);
    layout->addWidget(m_activity);

    connect(controller, &SimulationController::snapshotChanged, this, &DatabaseView::refresh);
    connect(controller->selection(), &BatchSelection::changed, this, &DatabaseView::refresh);
    connect(controller, &SimulationController::themeChanged, this, &DatabaseView::applyTheme);
    connect(m_tables, &QComboBox::activated, this, &DatabaseView::refresh);
    connect(m_grid, &QTableView::activated, this, [this](const QModelIndex &i) {
        if (i.isValid()) emit rowTraceRequested(m_model->tableName(), i.data(DatabaseTableModel::RowIdRole).toLongLong());
    });
    applyTheme();
    retranslateUi();
}

void DatabaseView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void DatabaseView::applyTheme()
{
    const Theme &t = m_controller->theme();
    m_activity->setTheme(t);
    m_path->setFont(t.monoFont(0.9));
    m_note->setFont(t.font(0.9));
    m_summary->setFont(t.font(0.95));
    m_tables->setFont(t.font(1.0));
    m_grid->setFont(t.font(1.0));
    m_grid->horizontalHeader()->setFont(t.font(0.95, true));
    m_grid->verticalHeader()->setDefaultSectionSize(static_cast<int>(t.px(24)));
    QPalette muted = m_note->palette();
    muted.setColor(QPalette::WindowText, t.mutedText);
    m_note->setPalette(muted);
}

void DatabaseView::retranslateUi()
{
    m_grid->setToolTip(tr("Double-click a row to trace it back to the lines typed."));
    refresh();
}

QString DatabaseView::noteText() const
{
    if (m_unknownDatabase) return tr("The program's own pymysql.connect(...) arguments are used, as on a cluster.");
    if (m_onServer)
        return tr("The host, user and password in pymysql.connect(...) are not used: every connection reaches this "
                  "server.");
    return tr("The host, user and password in pymysql.connect(...) are not used: every connection reaches this "
              "SQLite file.");
}

void DatabaseView::refresh()
{
    const RunSnapshotPtr &s = m_controller->snapshot();
    m_batch.reset();
    DatabaseSnapshotPtr db, previous;
    std::vector<DatabaseActivityStrip::Point> points;
    if (s) {
        const std::optional<qint64> want = m_controller->selection()->batchTime();
        const BatchSnapshot *b = want ? s->batch(SimTime(*want)) : s->latestCompletedBatch();
        if (b && !b->info.isCompleted()) b = s->latestCompletedBatch(); // a batch under way: none yet
        if (b) {
            m_batch = b->info.batchTime.ms();
            db = b->database;
            for (auto it = s->batches.find(b->info.batchTime); it != s->batches.begin();) {
                --it;
                if (it->second->database) {
                    previous = it->second->database;
                    break;
                }
            }
        }
        const double seconds = std::max<double>(1, static_cast<double>(s->batchInterval.ms())) / 1000.0;
        for (const auto &[t, batch] : s->batches)
            if (batch->database)
                points.push_back({t.ms(), batch->database->statements / seconds, batch->database->connectionsOpened});
    }
    m_db = db;
    m_unknownDatabase = s && !s->databaseRead && !s->databasePath.empty();
    m_onServer = s && s->databaseOnServer;
    m_note->setText(noteText());
    m_note->setToolTip(m_note->text());
    m_activity->setPoints(std::move(points), m_batch);
    const QString path = s && !s->databasePath.empty() ? QString::fromStdString(s->databasePath) : QString();
    m_path->setText(path.isEmpty() ? tr("Database: none yet (the program has not started)")
                                   : tr("Database: %1").arg(path));
    m_path->setToolTip(m_path->text());

    // The table list: keep the table chosen while the batch has it.
    const QString chosen = m_tables->currentData().toString();
    QStringList names;
    if (db)
        for (const auto &t : db->tables) names << QString::fromStdString(t->name);
    QStringList had;
    for (int i = 0; i < m_tables->count(); ++i) had << m_tables->itemData(i).toString();
    if (names != had) {
        m_tables->clear();
        for (const QString &n : names) m_tables->addItem(n, n);
    }
    for (int i = 0; i < m_tables->count(); ++i) {
        const DbTableSnapshot *t = db->table(names[i].toStdString());
        m_tables->setItemText(i, tr("%1 (rows: %2)").arg(names[i]).arg(t->totalRows));
    }
    int at = m_tables->findData(chosen);
    if (at < 0 && m_tables->count() > 0) at = 0;
    m_tables->setCurrentIndex(at);
    m_tables->setVisible(m_tables->count() > 0);
    const QString name = at >= 0 ? m_tables->itemData(at).toString() : QString();
    m_model->setTable(db, previous, name, m_batch);
    m_summary->setText(summaryText());
    m_summary->setToolTip(m_summary->text());
}

QString DatabaseView::summaryText() const
{
    if (m_unknownDatabase)
        return tr("The program's connections go where its own pymysql.connect(...) says, a place this tab does not know, "
                  "so it shows no rows. Run > Database... chooses a SQLite file or a server to watch.");
    if (!m_batch) return tr("No batch has completed yet.");
    const QString when = clockText(*m_batch);
    if (!m_db) return tr("Batch %1: no database read (the program has not connected to it).").arg(when);
    if (!m_db->error.empty()) return tr("Batch %1: the database could not be read: %2").arg(when, QString::fromStdString(m_db->error));
    if (!m_db->exists) return tr("Batch %1: the program has not written to its database yet.").arg(when);
    if (m_db->tables.empty()) return tr("Batch %1: the database has no table.").arg(when);
    QString text = tr("After batch %1: %2 new rows (green), %3 changed (amber). Its tasks sent %4 statements and opened %5 "
                      "connections.")
                       .arg(when)
                       .arg(m_model->newRows())
                       .arg(m_model->changedRows())
                       .arg(m_db->statements)
                       .arg(m_db->connectionsOpened);
    if (m_db->statements > 0 || m_db->connectionsOpened > 0)
        text += QLatin1Char(' ') + tr("Database time: %1 ms simulated, %2 ms real.")
                                       .arg(QString::number(static_cast<double>(m_db->simulatedNs) / 1e6, 'f', 1),
                                            QString::number(static_cast<double>(m_db->wallNs) / 1e6, 'f', 1));
    if (m_onServer)
        text += QLatin1Char(' ') + tr("On a server the batch that wrote a row is known, its partition and task are not.");
    const DbTableSnapshot *t = m_db->table(m_model->tableName().toStdString());
    if (t && t->totalRows > static_cast<std::int64_t>(t->rows.size()))
        text += QLatin1Char(' ') + tr("The first %1 rows of %2 are shown.").arg(t->rows.size()).arg(t->totalRows);
    return text;
}

} // namespace dsl::ui
