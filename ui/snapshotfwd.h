// The session's snapshot values as the views name them (moc-safe: forward declarations only).
#pragma once

#include "app/session/snapshotfwd.h"

namespace dsl::ui {
using session::BatchSnapshot;
using session::DatabaseSnapshot;
using session::DatabaseSnapshotPtr;
using session::DbRow;
using session::DbTableSnapshot;
using session::KafkaPartitionSnapshot;
using session::RddBoxSnapshot;
using session::RunSnapshot;
using session::RunSnapshotPtr;
using session::StreamSnapshot;
} // namespace dsl::ui
