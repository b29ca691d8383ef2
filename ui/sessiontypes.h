// Every value type of the session that the views read, named in the ui namespace. Views read
// these values only; they never see the engine's live objects or the session's internals.
#pragma once

#include "app/session/runsnapshot.h"
#include "app/session/wordcountstreams.h"
#include "sessioncommands.h"

namespace dsl::ui {
using session::CountStreams;
using session::DbRowWriter;
using session::InputLineSnapshot;
using session::InputLogSnapshot;
using session::KeyCount;
using session::lineOfSite;
using session::pickCountStreams;
using session::RunPhase;
using session::sumByKey;
using session::WindowSpanSnapshot;
} // namespace dsl::ui
