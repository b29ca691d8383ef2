// The discrete-event queue: a total order over (time, priority, sequence number).
#pragma once

#include "simtime.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace dsl {

/// Priorities of events that fall on the same millisecond (lower runs first). The order encodes
/// Spark's intervals: a record arriving exactly at a block or batch boundary belongs to the block
/// and batch ending there ((t - interval, t]); blocks are cut before the batch that allocates them.
enum class EventPriority : int {
    Control = 0,        ///< start/stop requests from the host
    ReceiverStart = 10, ///< receivers launched on their cores
    BlockInterval = 20, ///< BlockGenerator cuts and pushes a block
    BatchTimer = 30,    ///< JobGenerator: allocate blocks, generate jobs, submit the JobSet
    TaskEnd = 40,       ///< a task finishes and frees its core
    JobStart = 50,      ///< the job executor picks up the next job
    Housekeeping = 60,  ///< clearMetadata, checkpoints
};

using EventId = std::uint64_t;

/// One scheduled action. `kind` and `detail` feed the trace and the fingerprint.
struct Event {
    SimTime time;
    EventPriority priority = EventPriority::Control;
    EventId seq = 0;
    std::string kind;
    std::function<void()> action;
    bool cancelled = false; ///< set by EventQueue::cancel; the event is skipped when it surfaces
};

/// Min-queue of events ordered by (time, priority, seq); seq makes the order total and FIFO
/// among equal (time, priority). Cancelled events are marked and skipped lazily; cancelling an
/// event that already ran (or was already cancelled) is a no-op, so nothing accumulates.
class EventQueue {
public:
    EventId push(SimTime time, EventPriority priority, std::string kind, std::function<void()> action);
    /// Linear in the number of queued events, which stays small (timers, running tasks).
    void cancel(EventId id);
    bool empty();
    /// Time of the next live event; only valid when !empty().
    SimTime nextTime();
    Event pop();
    std::size_t size() const { return m_heap.size() - m_cancelled; }
    void clear();

private:
    void dropCancelled();
    struct Later {
        bool operator()(const Event &a, const Event &b) const {
            if (a.time != b.time) return a.time > b.time;
            if (a.priority != b.priority) return a.priority > b.priority;
            return a.seq > b.seq;
        }
    };
    std::vector<Event> m_heap; ///< a binary heap under Later (std::push_heap / std::pop_heap)
    std::size_t m_cancelled = 0; ///< cancelled events still in m_heap
    EventId m_nextSeq = 1;
};

} // namespace dsl
