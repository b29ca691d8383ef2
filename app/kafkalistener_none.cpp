// KafkaListener without librdkafka: --kafka-listen says how to get it; nothing else changes.
#include "kafkalistener.h"

namespace dsl::app {

KafkaListener::~KafkaListener() = default;

bool KafkaListener::start(int, const std::map<std::string, int> &, std::string &error, std::size_t)
{
    error = "this dstreamlab was built without librdkafka (Debian: apt-get install librdkafka-dev, then build again)";
    return false;
}

void KafkaListener::stop() {}
std::vector<ReceivedKafkaMessage> KafkaListener::take() { return {}; }
std::vector<std::string> KafkaListener::takeNotes() { return {}; }
void KafkaListener::note(std::string) {}

} // namespace dsl::app
