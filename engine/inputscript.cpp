// Input script parsing for `dstreamlab run --input`, and writing records in the same format.
#include "inputscript.h"

#include "sparkconf.h"

#include "inputlog.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string_view>
#include <utility>

namespace dsl {

namespace {
constexpr std::string_view kFile = "@file ";
constexpr std::string_view kLine = "@line ";
constexpr std::string_view kKafka = "@kafka ";
constexpr std::string_view kSource = "@source ";
constexpr std::string_view kServer = "@server ";

constexpr std::pair<ServerEvent, std::string_view> kServerEvents[] = {
    {ServerEvent::Connecting, "connecting"}, {ServerEvent::Connected, "connected"}, {ServerEvent::Refused, "refused"},
    {ServerEvent::Closed, "closed"},         {ServerEvent::Reset, "reset"},
};

/// A socket line's text that a reader would take for a directive.
bool looksLikeDirective(std::string_view text)
{
    for (const std::string_view d : {kFile, kLine, kKafka, kSource, kServer})
        if (text.starts_with(d)) return true;
    return false;
}

/// Calls f(lineNumber, line) for each line (without its newline and a trailing '\r').
template <typename F>
bool forEachLine(std::string_view content, F &&f)
{
    std::size_t pos = 0, number = 0;
    while (pos < content.size()) {
        std::size_t nl = content.find('\n', pos);
        if (nl == std::string_view::npos) nl = content.size();
        std::string_view line = content.substr(pos, nl - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!f(++number, line)) return false;
        pos = nl + 1;
    }
    return true;
}

std::string lineNo(std::size_t i) { return "line " + std::to_string(i) + ": "; }

/// Undoes escape(); false (and `bad` set to the offending sequence) on an unknown escape.
bool unescape(std::string_view s, std::string &out, std::string &bad)
{
    out.reserve(out.size() + s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\') {
            out += s[i];
            continue;
        }
        const bool atEnd = i + 1 >= s.size();
        const char c = atEnd ? '\0' : s[++i];
        switch (c) {
        case '\\': out += '\\'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'n': out += '\n'; break;
        default: bad = atEnd ? std::string("\\") : std::string("\\") + c; return false;
        }
    }
    return true;
}

void escape(std::string &out, std::string_view s)
{
    for (const char c : s) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        case '\n': out += "\\n"; break;
        default: out += c;
        }
    }
}

void appendTime(std::string &out, Duration offset)
{
    const std::int64_t ms = std::max<std::int64_t>(0, offset.ms());
    char num[32];
    std::snprintf(num, sizeof num, "%lld.%03lld\t", static_cast<long long>(ms / 1000), static_cast<long long>(ms % 1000));
    out += num;
}

/// Past this the milliseconds would not fit the run's clock (llround's result is then
/// unspecified: a record before the run's start).
constexpr double kMaxSeconds = 1e9;

/// A script line's SECONDS: a finite number from 0 to kMaxSeconds (about 31 years).
bool parseOffset(std::string_view text, double &secs)
{
    const std::string num(text);
    std::size_t used = 0;
    try {
        secs = std::stod(num, &used);
    } catch (...) {
        used = 0;
    }
    return !num.empty() && used == num.size() && std::isfinite(secs) && secs >= 0 && secs <= kMaxSeconds;
}

/// The file record being read: its header's line and the content lines still to come.
struct OpenFile {
    std::size_t headerLine = 0;
    std::size_t announced = 0, remaining = 0;
    ScriptLine record;
};

/// "N PATH" after "@file ": the record with its path and count, or an error.
bool fileHeader(std::size_t i, std::string_view rest, Duration offset, OpenFile &f, std::string &error)
{
    const auto space = rest.find(' ');
    const std::string_view n = rest.substr(0, space);
    const bool digits = !n.empty() && n.size() <= 9 && std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || space == std::string_view::npos) {
        error = lineNo(i) + "expected '@file N PATH' (N content lines follow), got '@file " + std::string(rest) + "'";
        return false;
    }
    std::string bad;
    f = OpenFile{i, std::stoul(std::string(n)), std::stoul(std::string(n)), ScriptLine{offset, {}, {}}};
    if (!unescape(rest.substr(space + 1), f.record.path, bad)) {
        error = lineNo(i) + "bad escape '" + bad + "' in the file's path (use \\\\, \\t, \\r or \\n)";
        return false;
    }
    if (f.record.path.empty()) {
        error = lineNo(i) + "'@file " + std::string(rest) + "' names no file";
        return false;
    }
    return true;
}
} // namespace

bool parseInputScript(std::string_view content, std::vector<ScriptLine> &out, std::string &error)
{
    // Two passes over the text (no copy of its lines): is it timed, then the lines.
    bool anyTab = false, allTab = true;
    std::size_t count = 0;
    forEachLine(content, [&](std::size_t, std::string_view l) {
        const bool tab = l.find('\t') != std::string_view::npos;
        anyTab = anyTab || tab;
        allTab = allTab && (tab || l.empty());
        ++count;
        return true;
    });
    out.reserve(out.size() + count);
    if (!anyTab) {
        return forEachLine(content, [&](std::size_t i, std::string_view l) {
            out.push_back(ScriptLine{Duration(static_cast<std::int64_t>(i) * 100), std::string(l), {}});
            return true;
        });
    }
    std::optional<OpenFile> file;
    const auto closeFile = [&] {
        out.push_back(std::move(file->record));
        file.reset();
    };
    const bool ok = forEachLine(content, [&](std::size_t i, std::string_view l) {
        if (file) { // a content line: a tab, then the escaped text
            if (l.empty() || l.front() != '\t') {
                error = lineNo(i) + "the file record of line " + std::to_string(file->headerLine) + " announces " +
                        std::to_string(file->announced) + " content lines, each a tab and the text; got '" +
                        std::string(l) + "'";
                return false;
            }
            std::string bad;
            if (file->remaining < file->announced) file->record.text += '\n';
            if (!unescape(l.substr(1), file->record.text, bad)) {
                error = lineNo(i) + "bad escape '" + bad + "' in the file's content (use \\\\, \\t, \\r or \\n)";
                return false;
            }
            if (--file->remaining == 0) closeFile();
            return true;
        }
        if (l.empty()) return true;
        const auto tab = l.find('\t');
        if (tab == std::string_view::npos) {
            error = lineNo(i) + "expected SECONDS<TAB>TEXT (other lines of the file have a time and a tab), got '" +
                    std::string(l) + "'";
            return false;
        }
        const std::string num(l.substr(0, tab));
        double secs = 0;
        if (!parseOffset(num, secs)) {
            error = lineNo(i) + "'" + num + "' is not a number of seconds (>= 0)";
            return false;
        }
        const Duration offset(static_cast<std::int64_t>(std::llround(secs * 1000.0)));
        const std::string_view text = l.substr(tab + 1);
        if (text.starts_with(kKafka)) {
            ScriptLine m{offset, {}, {}};
            std::string_view rest = text.substr(kKafka.size());
            const auto t1 = rest.find('\t');
            m.topic = std::string(rest.substr(0, t1));
            const std::string why = kafkaTopicError(m.topic);
            if (t1 == std::string_view::npos || !why.empty()) {
                error = lineNo(i) + "expected '@kafka TOPIC<TAB>VALUE' or '@kafka TOPIC<TAB>KEY<TAB>VALUE'" +
                        (why.empty() ? std::string() : " (" + why + ")") + ", got '" + std::string(text) + "'";
                return false;
            }
            rest = rest.substr(t1 + 1);
            std::string_view value = rest;
            std::string bad;
            if (const auto t2 = rest.find('\t'); t2 != std::string_view::npos) {
                m.key.emplace();
                if (!unescape(rest.substr(0, t2), *m.key, bad)) {
                    error = lineNo(i) + "bad escape '" + bad + "' in the message's key (use \\\\, \\t, \\r or \\n)";
                    return false;
                }
                value = rest.substr(t2 + 1);
            }
            if (!unescape(value, m.text, bad)) {
                error = lineNo(i) + "bad escape '" + bad + "' in the message's value (use \\\\, \\t, \\r or \\n)";
                return false;
            }
            out.push_back(std::move(m));
            return true;
        }
        if (text.starts_with(kSource)) {
            const std::string_view rest = text.substr(kSource.size());
            const auto t1 = rest.find('\t');
            ScriptLine m{offset, {}, {}};
            std::string bad;
            if (t1 == std::string_view::npos || t1 == 0) {
                error = lineNo(i) + "expected '@source NAME<TAB>TEXT', got '" + std::string(text) + "'";
                return false;
            }
            if (!unescape(rest.substr(0, t1), m.source, bad)) {
                error = lineNo(i) + "bad escape '" + bad + "' in the source's name (use \\\\, \\t, \\r or \\n)";
                return false;
            }
            m.text = std::string(rest.substr(t1 + 1));
            out.push_back(std::move(m));
            return true;
        }
        if (text.starts_with(kServer)) {
            const std::string_view rest = text.substr(kServer.size());
            const auto t1 = rest.find('\t');
            const std::string_view state = rest.substr(0, t1);
            ScriptLine m{offset, {}, {}};
            for (const auto &[e, name] : kServerEvents)
                if (state == name) m.server = e;
            const bool reason = t1 != std::string_view::npos;
            if (!m.server || reason != (m.server == ServerEvent::Reset)) {
                error = lineNo(i) + "expected '@server STATE' with STATE connecting, connected, refused or closed, or "
                                    "'@server reset<TAB>REASON', got '" + std::string(text) + "'";
                return false;
            }
            std::string bad;
            if (reason && !unescape(rest.substr(t1 + 1), m.text, bad)) {
                error = lineNo(i) + "bad escape '" + bad + "' in the reason (use \\\\, \\t, \\r or \\n)";
                return false;
            }
            out.push_back(std::move(m));
            return true;
        }
        if (text.starts_with(kFile)) {
            file.emplace();
            if (!fileHeader(i, text.substr(kFile.size()), offset, *file, error)) return false;
            if (file->remaining == 0) closeFile();
            return true;
        }
        out.push_back(ScriptLine{offset, std::string(text.starts_with(kLine) ? text.substr(kLine.size()) : text), {}});
        return true;
    });
    if (ok && file) {
        error = lineNo(file->headerLine) + "the file record for '" + file->record.path + "' announces " +
                std::to_string(file->announced) + " content lines, but the script ends after " +
                std::to_string(file->announced - file->remaining) + " (truncated?)";
        return false;
    }
    return ok;
}

bool parseKafkaScript(std::string_view content, std::vector<KafkaScriptLine> &out, std::string &error)
{
    return forEachLine(content, [&](std::size_t i, std::string_view l) {
        if (l.empty()) return true;
        const auto tab = l.find('\t');
        double secs = 0;
        if (tab == std::string_view::npos || !parseOffset(l.substr(0, tab), secs)) {
            error = lineNo(i) + "expected SECONDS<TAB>VALUE or SECONDS<TAB>KEY<TAB>VALUE (SECONDS >= 0), got '" +
                    std::string(l) + "'";
            return false;
        }
        KafkaScriptLine m{Duration(static_cast<std::int64_t>(std::llround(secs * 1000.0))), std::nullopt, {}};
        std::string_view rest = l.substr(tab + 1), value = rest;
        std::string bad;
        if (const auto tab2 = rest.find('\t'); tab2 != std::string_view::npos) {
            m.key.emplace();
            if (!unescape(rest.substr(0, tab2), *m.key, bad)) {
                error = lineNo(i) + "bad escape '" + bad + "' in the key (use \\\\, \\t, \\r or \\n)";
                return false;
            }
            value = rest.substr(tab2 + 1);
        }
        if (!unescape(value, m.value, bad)) {
            error = lineNo(i) + "bad escape '" + bad + "' in the value (use \\\\, \\t, \\r or \\n)";
            return false;
        }
        out.push_back(std::move(m));
        return true;
    });
}

void appendKafkaScriptLine(std::string &out, Duration offset, const std::optional<std::string> &key,
                           std::string_view value)
{
    appendTime(out, offset);
    if (key) {
        escape(out, *key);
        out += '\t';
    }
    escape(out, value);
    out += '\n';
}

void appendScriptLine(std::string &out, Duration offset, std::string_view text, std::string_view source)
{
    appendTime(out, offset);
    if (!source.empty()) {
        out += kSource;
        escape(out, source);
        out += '\t';
    } else if (looksLikeDirective(text)) {
        out += kLine;
    }
    out += text;
    out += '\n';
}

const char *serverEventName(ServerEvent e)
{
    for (const auto &[event, name] : kServerEvents)
        if (event == e) return name.data();
    return "?";
}

void appendScriptServer(std::string &out, Duration offset, ServerEvent event, std::string_view why)
{
    appendTime(out, offset);
    out += kServer;
    out += serverEventName(event);
    if (event == ServerEvent::Reset) {
        out += '\t';
        escape(out, why);
    }
    out += '\n';
}

std::string scriptErrorAt(std::string_view file, std::string_view error)
{
    // "line 3: why" -> "FILE:3: why", as compilers name a place.
    if (error.starts_with("line ")) {
        const auto colon = error.find(": ");
        const std::string_view n = error.substr(5, colon == std::string_view::npos ? 0 : colon - 5);
        if (!n.empty() && std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return std::string(file) + ":" + std::string(n) + ": " + std::string(error.substr(colon + 2));
    }
    return std::string(file) + ": " + std::string(error);
}

void appendScriptFile(std::string &out, Duration offset, std::string_view path, std::string_view content)
{
    appendTime(out, offset);
    std::size_t lines = content.empty() ? 0 : 1 + static_cast<std::size_t>(std::count(content.begin(), content.end(), '\n'));
    out += kFile;
    out += std::to_string(lines);
    out += ' ';
    escape(out, path);
    out += '\n';
    if (lines == 0) return;
    std::size_t pos = 0;
    while (true) {
        const std::size_t nl = content.find('\n', pos);
        out += '\t';
        escape(out, content.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
        out += '\n';
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
    }
}

void appendScriptKafka(std::string &out, Duration offset, std::string_view topic, const std::optional<std::string> &key,
                       std::string_view value)
{
    appendTime(out, offset);
    out += kKafka;
    out += topic;
    out += '\t';
    if (key) {
        escape(out, *key);
        out += '\t';
    }
    escape(out, value);
    out += '\n';
}

std::string kafkaTopicError(std::string_view topic)
{
    // Topic.validate (clients/src/main/java/org/apache/kafka/common/internals/Topic.java).
    if (topic.empty()) return "Topic name is illegal, it can't be empty";
    if (topic == "." || topic == "..") return "Topic name cannot be \".\" or \"..\"";
    if (topic.size() > 249)
        return "Topic name is illegal, it can't be longer than 249 characters, Topic name: " + std::string(topic);
    for (const char c : topic)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
            return "Topic name \"" + std::string(topic) + "\" is illegal, it contains a character other than ASCII "
                   "alphanumerics, '.', '_' and '-'";
    return {};
}

void addScriptLine(InputLog &log, SimTime start, ScriptLine line, int port)
{
    const SimTime t = start + line.offset;
    if (line.isFile()) {
        log.addFile(t, std::move(line.path), std::move(line.text));
    } else if (line.isKafka()) {
        log.addKafkaMessage(t, std::move(line.topic), std::move(line.key), std::move(line.text));
    } else if (line.isServer()) {
        log.addServerEvent(t, port, *line.server, std::move(line.text));
    } else {
        InputRecord r{InputRecord::Kind::SocketLine, t, port, {}, std::move(line.text)};
        if (!line.source.empty()) {
            // One shared name for a run of lines from the same sender (a script's usual shape).
            const auto &recs = log.records();
            if (!recs.empty() && recs.back().source && *recs.back().source == line.source) r.source = recs.back().source;
            else r.source = std::make_shared<const std::string>(std::move(line.source));
        }
        log.append(std::move(r));
    }
}

bool parseTopicRetention(std::string_view value, std::string &topic, Duration &retention)
{
    const auto eq = value.find('=');
    if (eq == std::string_view::npos || eq == 0) return false;
    try {
        retention = SparkConf::parseTimeAsMs(std::string(value.substr(eq + 1)), "retention.ms");
    } catch (...) {
        return false;
    }
    if (retention.ms() <= 0) return false;
    topic = std::string(value.substr(0, eq));
    return true;
}

bool parseTopicPartitions(std::string_view value, std::string &topic, int &partitions)
{
    const auto eq = value.find('=');
    if (eq == std::string_view::npos || eq == 0) return false;
    const std::string n(value.substr(eq + 1));
    try {
        std::size_t used = 0;
        partitions = std::stoi(n, &used);
        if (used != n.size() || partitions < 1) return false;
    } catch (...) {
        return false;
    }
    topic = std::string(value.substr(0, eq));
    return true;
}

} // namespace dsl
