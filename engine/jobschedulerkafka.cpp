// JobScheduler's Kafka receivers (KafkaInputDStream, PySpark's KafkaUtils.createStream): the
// receiver's consumer connects to its group, hands the messages appended by each block interval
// to the BlockGenerator as (key, value) pairs, and commits on the receiver's schedule.
#include "jobscheduler.h"
#include "jobschedulerreceiver.h"

#include "kafkadstream.h"
#include "simulation.h"
#include "streamingcontext.h"

#include <algorithm>

namespace dsl {

void JobScheduler::connectKafkaReceiver(Receiver &r)
{
    // KafkaReceiver.onStart: ZooKeeper and the brokers are the simulation's, always reachable.
    Simulation &sim = m_ssc.simulation();
    ReceiverInfo &inf = m_receiverInfos[r.infoIndex];
    inf.lastError.clear();
    r.consumer->connect();
    r.connected = true;
    r.connectTime = sim.now();
    const std::int64_t bi = r.blockInterval.ms();
    scheduleBlockTimer(r, SimTime((sim.now().ms() / bi + 1) * bi));
    // ZookeeperConsumerConnector schedules autoCommit every auto.commit.interval.ms from now.
    if (r.consumer->autoCommits()) scheduleAutoCommit(r, sim.now() + r.consumer->autoCommitInterval());
}

std::map<kafka::TopicPartition, std::int64_t> JobScheduler::kafkaConsumerPositions(int streamId) const
{
    for (const auto &r : m_receivers)
        if (r->consumer && r->stream->id() == streamId) return r->consumer->positions();
    return {};
}

void JobScheduler::scheduleAutoCommit(Receiver &r, SimTime t)
{
    r.commitEvent = m_ssc.simulation().schedule(t, EventPriority::BlockInterval, "kafka-autocommit", [this, &r, t] {
        if (r.stopped) return;
        // What its stream iterators have handed to store() by now: the consumed offsets.
        pullInput(r, t);
        r.consumer->commitPositions();
        scheduleAutoCommit(r, t + r.consumer->autoCommitInterval());
    });
}

void JobScheduler::pullKafka(Receiver &r, SimTime upTo)
{
    // MessageHandler.run: store((key, message)) for each message, throttled by the receiver's
    // RateLimiter as any receiver's records are.
    ReceiverInfo &info = m_receiverInfos[r.infoIndex];
    const bool limited = r.rateLimiter.isLimited();
    bool behind = false; // the rate limit left messages appended by upTo for later
    for (const KafkaConsumer::Pending &p : r.consumer->pending(upTo)) {
        const std::int64_t arrivalUs = std::max(p.message.time, r.connectTime).ms() * 1000;
        if (limited) {
            const std::int64_t acceptUs = std::max(arrivalUs, r.nextFreeUs);
            if (acceptUs > upTo.ms() * 1000) {
                behind = true;
                break;
            }
            r.nextFreeUs = acceptUs + 1'000'000 / r.rateLimiter.currentLimit();
        }
        r.buffer.push_back(Value::tuple({p.message.key ? Value::bytes(*p.message.key) : Value(),
                                         Value::bytes(p.message.value)}));
        r.consumer->consumed(p.tp, p.message.offset);
        ++info.recordsReceived;
    }
    // Caught up: every input record of upTo or before is as far as this receiver goes (what
    // StreamingContext::isDrained asks of every receiver).
    if (!behind) {
        const InputLog &log = m_ssc.simulation().inputLog();
        std::size_t n = log.size();
        while (n > log.firstIndex() && log[n - 1].time > upTo) --n;
        info.inputLogAccepted = std::max(info.inputLogAccepted, n);
    }
}

} // namespace dsl
