// The comparison of engine/recordmodel.h, for the views (modelcomparison.h).
#include "modelcomparison.h"

#include "engine/recordmodel.h"

namespace dsl::session {

std::string validateModelComparison(const models::ModelComparisonSettings &s)
{
    return models::validate(s);
}

models::ModelComparison compareModels(const models::ModelComparisonSettings &s,
                                      const std::function<void(int, int)> &progress)
{
    return models::compareModels(s, progress);
}

} // namespace dsl::session
