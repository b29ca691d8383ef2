// The discrete-event queue of the simulation.
#include "eventqueue.h"

#include <algorithm>

namespace dsl {

EventId EventQueue::push(SimTime time, EventPriority priority, std::string kind, std::function<void()> action)
{
    EventId id = m_nextSeq++;
    m_heap.push_back(Event{time, priority, id, std::move(kind), std::move(action)});
    std::push_heap(m_heap.begin(), m_heap.end(), Later{});
    return id;
}

void EventQueue::cancel(EventId id)
{
    for (Event &e : m_heap)
        if (e.seq == id) {
            if (!e.cancelled) {
                e.cancelled = true;
                ++m_cancelled;
            }
            return;
        }
}

void EventQueue::dropCancelled()
{
    while (m_cancelled > 0 && !m_heap.empty() && m_heap.front().cancelled) {
        std::pop_heap(m_heap.begin(), m_heap.end(), Later{});
        m_heap.pop_back();
        --m_cancelled;
    }
}

bool EventQueue::empty()
{
    dropCancelled();
    return m_heap.empty();
}

SimTime EventQueue::nextTime()
{
    dropCancelled();
    return m_heap.front().time;
}

Event EventQueue::pop()
{
    dropCancelled();
    std::pop_heap(m_heap.begin(), m_heap.end(), Later{});
    Event e = std::move(m_heap.back());
    m_heap.pop_back();
    return e;
}

void EventQueue::clear()
{
    m_heap.clear();
    m_cancelled = 0;
}

} // namespace dsl
