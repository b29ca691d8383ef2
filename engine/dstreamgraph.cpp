// DStreamGraph: start, validation, job generation and cleanup over the output streams.
#include "dstreamgraph.h"

#include "errors.h"
#include "inputdstreams.h"

#include <algorithm>

namespace dsl {

void DStreamGraph::addOutputStream(std::shared_ptr<ForEachDStream> s)
{
    s->setOutputOpId(static_cast<int>(m_outputs.size()));
    m_outputs.push_back(std::move(s));
}

std::vector<DStreamPtr> DStreamGraph::allStreams() const
{
    std::vector<DStreamPtr> out;
    std::function<void(const DStreamPtr &)> visit = [&](const DStreamPtr &s) {
        if (std::find(out.begin(), out.end(), s) != out.end()) return;
        for (const auto &p : s->dependencies()) visit(p);
        out.push_back(s);
    };
    for (const auto &i : m_inputs) visit(i);
    for (const auto &o : m_outputs) visit(o);
    return out;
}

void DStreamGraph::setRememberDuration(Duration d)
{
    // DStreamGraph.remember
    if (m_remember)
        throw IllegalArgumentException("requirement failed: Remember duration already set as " + m_remember->toString() +
                                       ". Cannot set it again.");
    m_remember = d;
}

void DStreamGraph::validate()
{
    // DStreamGraph.validate
    require(m_batchDuration.ms() > 0, "Batch duration has not been set");
    require(!m_outputs.empty(), "No output operations registered, so nothing to execute");
}

void DStreamGraph::start(SimTime zeroTime)
{
    // DStreamGraph.start: zeroTime = startTime = first batch time - batch duration
    require(!m_zeroTime, "DStream graph computation already started");
    m_zeroTime = zeroTime;
    m_startTime = zeroTime;
    for (const auto &o : m_outputs) o->initialize(zeroTime);
    for (const auto &o : m_outputs) o->remember(m_remember.value_or(Duration(0)));
    for (const auto &o : m_outputs) o->validateAtStart();
}

std::vector<StreamingJob> DStreamGraph::generateJobs(SimTime time)
{
    std::vector<StreamingJob> jobs;
    for (const auto &o : m_outputs)
        if (auto j = o->generateJob(time)) jobs.push_back(std::move(*j));
    return jobs;
}

void DStreamGraph::clearMetadata(SimTime time)
{
    for (const auto &o : m_outputs) o->clearMetadata(time);
}

} // namespace dsl
