// The session's commands, their interface and settings as the views name them (moc-safe).
#pragma once

#include "app/session/autotyper.h"
#include "app/session/rundriver.h"
#include "snapshotfwd.h"

namespace dsl::ui {
using session::AutoTyper;
using session::AutoTyperSpec;
using session::RunDriver;
using session::RunOptions;
using session::SessionCommand;
namespace command = session::command;
} // namespace dsl::ui
