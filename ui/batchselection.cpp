// BatchSelection: batch and box cursor shared by all views.
#include "batchselection.h"

namespace dsl::ui {

void BatchSelection::selectBatch(qint64 batchTimeMs)
{
    if (m_batch == batchTimeMs) return;
    m_batch = batchTimeMs;
    emit changed();
}

void BatchSelection::selectBox(qint64 batchTimeMs, int streamId)
{
    if (m_batch == batchTimeMs && m_stream == streamId) return;
    m_batch = batchTimeMs;
    m_stream = streamId;
    emit changed();
}

void BatchSelection::followLatest()
{
    if (!m_batch) return;
    m_batch.reset(); // the selected DStream stays: its box in the latest batch is shown
    emit changed();
}

} // namespace dsl::ui
