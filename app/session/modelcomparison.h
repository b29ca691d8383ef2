// The micro-batch vs record-at-a-time comparison for the views: they hold its values
// (engine/modelcomparison.h) and run it through here, never the engine's models themselves.
#pragma once

#include "engine/modelcomparison.h"

#include <functional>
#include <string>

namespace dsl::session {

/// engine/recordmodel.h's validate(): what is wrong with the settings (empty: fine).
std::string validateModelComparison(const models::ModelComparisonSettings &s);
/// engine/recordmodel.h's compareModels(): deterministic, a second or so of CPU; `progress` gets
/// (steps done, total steps). Throws std::invalid_argument for settings validate refuses.
models::ModelComparison compareModels(const models::ModelComparisonSettings &s,
                                      const std::function<void(int, int)> &progress = {});

} // namespace dsl::session
