// BatchSelection: the one shared batch cursor every view follows (docs/conventions.md §14).
#pragma once

#include <QObject>

#include <optional>

namespace dsl::ui {

/// The selected batch (by batch time, ms) and optionally one DStream's RDD box of it. With
/// no batch selected, views follow the latest completed batch.
class BatchSelection : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    std::optional<qint64> batchTime() const { return m_batch; }
    /// The selected DStream (its RDD box), or -1.
    int streamId() const { return m_stream; }
    bool isFollowingLatest() const { return !m_batch; }

public slots:
    void selectBatch(qint64 batchTimeMs);
    void selectBox(qint64 batchTimeMs, int streamId);
    /// Back to following the latest batch (keeps the selected DStream).
    void followLatest();

signals:
    void changed();

private:
    std::optional<qint64> m_batch;
    int m_stream = -1;
};

} // namespace dsl::ui
