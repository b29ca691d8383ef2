// ProgramThread (programthread.h): pthread_create with a stack size.
#include "programthread.h"

#include <cstdlib>
#include <stdexcept>
#include <utility>

namespace dsl::python {

namespace {
void *runBody(void *arg)
{
    std::unique_ptr<std::function<void()>> body(static_cast<std::function<void()> *>(arg));
    (*body)();
    return nullptr;
}
} // namespace

ProgramThread::ProgramThread(std::size_t stackBytes, std::function<void()> body)
{
    auto *arg = new std::function<void()>(std::move(body));
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    // A size the system refuses (below PTHREAD_STACK_MIN, over a limit) falls back to the default.
    if (pthread_attr_setstacksize(&attr, stackBytes) != 0) pthread_attr_setstacksize(&attr, 8 << 20);
    int rc = pthread_create(&m_thread, &attr, runBody, arg);
    if (rc != 0) {
        pthread_attr_destroy(&attr);
        pthread_attr_init(&attr);
        rc = pthread_create(&m_thread, &attr, runBody, arg);
    }
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        delete arg;
        throw std::runtime_error("could not start the program's thread");
    }
    m_started = true;
}

ProgramThread::~ProgramThread()
{
    if (m_started) std::terminate(); // as std::thread: join() or detach() first
}

ProgramThread::ProgramThread(ProgramThread &&other) noexcept : m_thread(other.m_thread), m_started(other.m_started)
{
    other.m_started = false;
}

ProgramThread &ProgramThread::operator=(ProgramThread &&other) noexcept
{
    if (this != &other) {
        if (m_started) std::terminate();
        m_thread = other.m_thread;
        m_started = std::exchange(other.m_started, false);
    }
    return *this;
}

void ProgramThread::join()
{
    if (!m_started) throw std::logic_error("ProgramThread::join: not joinable");
    pthread_join(m_thread, nullptr);
    m_started = false;
}

void ProgramThread::detach()
{
    if (!m_started) throw std::logic_error("ProgramThread::detach: not joinable");
    pthread_detach(m_thread);
    m_started = false;
}

} // namespace dsl::python
