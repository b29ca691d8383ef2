// AutoTyper: sample sentences and a seeded, counter-based Zipf generator (random access by line).
#include "autotyper.h"

#include "engine/rng.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace dsl::session {

namespace {
// Our own sentences about the course; words separated by single spaces so split(" ") works.
constexpr std::array kEnglish = {
    "spark streaming cuts the stream into batches",
    "every batch becomes one rdd",
    "the receiver stores lines in blocks",
    "each block is one partition of the batch rdd",
    "hello spark hello streaming",
    "words are counted per batch",
    "a window spans several batches",
    "the driver schedules one job per output operation",
    "state carries counts from batch to batch",
    "a slow batch delays the next one",
};
constexpr std::array kChinese = {
    "你好 世界 你好",
    "流 计算 很 有趣",
    "每个 批次 是 一个 数据集",
    "我们 今天 学习 流 处理",
    "接收器 把 数据 放进 块",
    "老师 和 学生 一起 数 单词",
    "你好 spark 你好 流",
    "窗口 包含 几个 批次",
    "状态 从 一个 批次 传到 下一个",
    "数据 一行 一行 地 到达",
};

std::uint64_t mix(std::uint64_t seed, std::uint64_t k)
{
    std::uint64_t z = seed * 0x9e3779b97f4a7c15ULL + k + 0x632be59bd9b4e019ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/// Cumulative 1/r weights of the Zipf vocabulary, normalized to 1.
const std::vector<double> &zipfCdf()
{
    static const std::vector<double> cdf = [] {
        std::vector<double> c(AutoTyper::kZipfVocabulary);
        double sum = 0;
        for (int r = 1; r <= AutoTyper::kZipfVocabulary; ++r) c[r - 1] = (sum += 1.0 / r);
        for (double &x : c) x /= sum;
        return c;
    }();
    return cdf;
}
} // namespace

std::int64_t AutoTyper::arrivalOffsetMs(const AutoTyperSpec &spec, std::uint64_t k)
{
    const double rate = std::clamp(spec.totalRate(), AutoTyperSpec::kMinRate, AutoTyperSpec::kMaxRate);
    // Integer arithmetic where the rate allows it (1000 * k / rate exactly), so times never drift.
    const auto scaled = static_cast<std::uint64_t>(std::llround(rate * 1000.0)); // lines per 1000 s
    // In 128 bits: k * 10^6 passes 2^64 after about 285 years of lines at the top rate.
    __extension__ typedef unsigned __int128 U128;
    return static_cast<std::int64_t>((static_cast<U128>(k) * 1'000'000u) / scaled);
}

std::optional<std::string> AutoTyper::key(const AutoTyperSpec &spec, std::uint64_t k)
{
    if (!spec.isKafka() || !spec.keyed) return std::nullopt;
    return "user-" + std::to_string(k % AutoTyperSpec::kKeys);
}

std::size_t AutoTyper::sampleSize(AutoTyperSpec::Sample sample)
{
    switch (sample) {
    case AutoTyperSpec::Sample::English: return kEnglish.size();
    case AutoTyperSpec::Sample::Chinese: return kChinese.size();
    case AutoTyperSpec::Sample::Zipf: return 0;
    }
    return 0;
}

std::string AutoTyper::zipfWord(int rank)
{
    return "w" + std::to_string(rank);
}

std::string AutoTyper::line(const AutoTyperSpec &spec, std::uint64_t k)
{
    Rng rng(mix(spec.seed, k));
    switch (spec.sample) {
    case AutoTyperSpec::Sample::English: return kEnglish[rng.below(kEnglish.size())];
    case AutoTyperSpec::Sample::Chinese: return kChinese[rng.below(kChinese.size())];
    case AutoTyperSpec::Sample::Zipf: break;
    }
    const auto &cdf = zipfCdf();
    const int words = 3 + static_cast<int>(rng.below(6));
    std::string out;
    for (int w = 0; w < words; ++w) {
        const double u = rng.uniform();
        const int rank = static_cast<int>(std::lower_bound(cdf.begin(), cdf.end(), u) - cdf.begin()) + 1;
        if (w) out += ' ';
        out += zipfWord(std::min(rank, kZipfVocabulary));
    }
    return out;
}

} // namespace dsl::session
