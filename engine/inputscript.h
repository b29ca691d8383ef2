// Input scripts for headless runs: "SECONDS<TAB>TEXT" lines, or plain lines 0.1 s apart, and
// files dropped into a watched directory ("SECONDS<TAB>@file N PATH" and N content lines).
#pragma once

#include "engine/inputlog.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dsl {

/// One parsed record of an input script: offset from the run's start, and the text.
struct ScriptLine {
    Duration offset;
    std::string text;  ///< a socket line, a File record's content, or a Kafka message's value
    std::string path;  ///< non-empty: a File record, the file's path (directory and name)
    std::string topic; ///< non-empty: a Kafka message produced to this topic
    std::optional<std::string> key = std::nullopt; ///< a Kafka message's key (nullopt: a null key)
    std::string source; ///< a socket line's sender ("@source NAME"; InputRecord::source), empty: none
    std::optional<ServerEvent> server = std::nullopt; ///< set: a Server record ("@server STATE"), `text` its reason
    bool isFile() const { return !path.empty(); }
    bool isKafka() const { return !topic.empty(); }
    bool isServer() const { return server.has_value(); }
};

/// Parses an input script. With a tab on every line, "SECONDS<TAB>TEXT" gives each line its
/// time (seconds may have decimals; empty lines are skipped); a file without tabs sends line i
/// at i * 0.1 s (i from 1), every line as it is.
///
/// Timed scripts may also drop files (InputRecord::Kind::File), for textFileStream:
///
///     2.5<TAB>@file 3 /tmp/logs/in-1.txt
///     <TAB>first line of the file
///     <TAB>second\tline, with a tab
///     <TAB>
///
/// "@file N PATH" says that the next N lines, each a tab and then the text, are the file's
/// content: those lines joined by newlines (so a file ending in a newline ends with an empty
/// content line, a lone tab, as above; N = 0 is an empty file). In PATH and the content lines
/// a backslash escapes: \\ backslash, \t tab, \r carriage return, \n newline (PATH only needs
/// it); any other byte, UTF-8 or not, stands for itself. A socket line whose text starts with
/// "@file " or "@line " is written "@line TEXT" (TEXT as is, no escapes); other texts,
/// "@user hi" included, are written as they are.
///
/// And produce Kafka messages (InputRecord::Kind::KafkaMessage), as the nc panel does when its
/// target is a topic:
///
///     3.0<TAB>@kafka test<TAB>a value
///     3.5<TAB>@kafka test<TAB>user-1<TAB>a keyed value
///
/// "@kafka TOPIC", a tab, then VALUE (a null key) or KEY, a tab and VALUE, both escaped as file
/// content is. TOPIC must be a name Kafka accepts (kafkaTopicError). A socket line starting with
/// "@kafka " is written "@line ..." too.
///
/// A socket line may name who sent it (InputRecord::source: a class port's student, a real
/// server), and a recording of a real server says what the server did (InputRecord::Kind::Server):
///
///     1.250<TAB>@source student 3 (192.168.1.20:50432)<TAB>to be or not
///     0.000<TAB>@server connecting
///     0.412<TAB>@server connected
///     3.100<TAB>@server closed
///     5.120<TAB>@server refused
///     7.200<TAB>@server reset<TAB>Connection reset by peer
///
/// "@source NAME", a tab, then the line's TEXT as is (no escapes, as a plain line's); NAME is
/// escaped as a file's path and is not empty. "@server STATE" with STATE one of connecting,
/// connected, refused, closed, reset (then a tab and the reason, escaped). A socket line starting
/// with "@source ", "@server " (or "@file ", "@kafka ", "@line ") without one is written "@line ...".
///
/// Records keep the script's order at equal times. Returns false and sets `error` ("line 3:
/// 'abc' is not a number of seconds"; a truncated file record names its header's line) on bad
/// input.
bool parseInputScript(std::string_view content, std::vector<ScriptLine> &out, std::string &error);
/// parseInputScript's error with the file named as a compiler names a place: "line 3: why" for
/// FILE becomes "FILE:3: why".
std::string scriptErrorAt(std::string_view file, std::string_view error);

/// Appends a socket line as a script line ("SECONDS<TAB>TEXT\n", seconds with millisecond
/// precision; a negative offset is written as 0), "@line "-escaped when needed; with a
/// non-empty `source`, "SECONDS<TAB>@source NAME<TAB>TEXT".
void appendScriptLine(std::string &out, Duration offset, std::string_view text, std::string_view source = {});
/// Appends a Server record ("@server STATE", and the reason for reset) that parseInputScript reads back.
void appendScriptServer(std::string &out, Duration offset, ServerEvent event, std::string_view why = {});
/// "connected", ... as "@server STATE" writes them.
const char *serverEventName(ServerEvent e);
/// Appends a file record (header and content lines) that parseInputScript reads back exactly.
void appendScriptFile(std::string &out, Duration offset, std::string_view path, std::string_view content);
/// Puts a script's record into `log` at start + its offset: a socket line for `port` (0: every
/// socket source) with its source (shared with the log's previous record when it has the same),
/// a Server record for `port`, a dropped file, or a Kafka message, as `run --input` and the
/// lesson runner do. (Whoever adds a script with Server records calls log.followServer(port).)
void addScriptLine(InputLog &log, SimTime start, ScriptLine line, int port = 0);

/// Appends a Kafka message ("@kafka TOPIC<TAB>[KEY<TAB>]VALUE") that parseInputScript reads back.
void appendScriptKafka(std::string &out, Duration offset, std::string_view topic, const std::optional<std::string> &key,
                       std::string_view value);

/// `--kafka-partitions TOPIC=N` (dstreamlab run and the dashboard): false unless TOPIC is not
/// empty and N is a whole number >= 1.
bool parseTopicPartitions(std::string_view value, std::string &topic, int &partitions);
/// `--kafka-retention TOPIC=DURATION` (retention.ms; "5s", "500ms", or plain milliseconds, as
/// Spark's time strings): false unless TOPIC is not empty and the duration is positive.
bool parseTopicRetention(std::string_view value, std::string &topic, Duration &retention);

/// Why Kafka refuses `topic` as a name (Topic.validate in Kafka's clients/src/main/java/org/apache/
/// kafka/common/internals/Topic.java: not empty, not "." or "..", at most 249 characters of
/// [a-zA-Z0-9._-]), in Kafka's words; empty when it is a legal name.
std::string kafkaTopicError(std::string_view topic);

/// One message of a `--kafka TOPIC=FILE` script: offset from the run's start, key, value.
struct KafkaScriptLine {
    Duration offset;
    std::optional<std::string> key; ///< nullopt: a null key (the line has one tab)
    std::string value;
};

/// Parses a Kafka script: "SECONDS<TAB>VALUE" (a null key) or "SECONDS<TAB>KEY<TAB>VALUE" per
/// line; empty lines are skipped. In KEY and VALUE a backslash escapes as in a file record's
/// content (\\, \t, \r, \n), so that any message, tabs and newlines included, fits on one
/// line; a raw tab after the key is part of the value. Returns false and sets `error`
/// ("line 3: ...") on bad input.
bool parseKafkaScript(std::string_view content, std::vector<KafkaScriptLine> &out, std::string &error);

/// Appends a message as a Kafka script line that parseKafkaScript reads back exactly (seconds
/// with millisecond precision, a negative offset written as 0; key and value escaped).
void appendKafkaScriptLine(std::string &out, Duration offset, const std::optional<std::string> &key,
                           std::string_view value);

} // namespace dsl
