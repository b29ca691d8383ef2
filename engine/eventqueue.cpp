// The discrete-event queue of the simulation.
#include "eventqueue.h"

namespace dsl {

EventId EventQueue::push(SimTime time, EventPriority priority, std::string kind, std::function<void()> action)
{
    EventId id = m_nextSeq++;
    m_heap.push(Event{time, priority, id, std::move(kind), std::move(action)});
    return id;
}

void EventQueue::dropCancelled()
{
    while (!m_heap.empty() && !m_cancelled.empty()) {
        auto it = m_cancelled.find(m_heap.top().seq);
        if (it == m_cancelled.end())
            break;
        m_cancelled.erase(it);
        m_heap.pop();
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
    return m_heap.top().time;
}

Event EventQueue::pop()
{
    dropCancelled();
    // priority_queue::top() is const; the event is moved out through a const_cast, which is safe
    // because it is popped immediately after.
    Event e = std::move(const_cast<Event &>(m_heap.top()));
    m_heap.pop();
    return e;
}

void EventQueue::clear()
{
    m_heap = {};
    m_cancelled.clear();
}

} // namespace dsl
