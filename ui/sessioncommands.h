// The session's command interface and settings as the views name them (moc-safe).
#pragma once

#include "app/session/autotyper.h"
#include "app/session/rundriver.h"
#include "snapshotfwd.h"

namespace dsl::ui {
using session::AutoTyper;
using session::AutoTyperSpec;
using session::RunDriver;
using session::RunOptions;
} // namespace dsl::ui
