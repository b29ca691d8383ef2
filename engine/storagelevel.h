// Spark's StorageLevel: where and how a persisted RDD keeps its partitions.
#pragma once

#include <string>

namespace dsl {

/// Spark's StorageLevel (core/src/main/scala/org/apache/spark/storage/StorageLevel.scala).
struct StorageLevel {
    bool useDisk = false;
    bool useMemory = false;
    bool useOffHeap = false;
    bool deserialized = false;
    int replication = 1;

    bool isValid() const { return (useMemory || useDisk || useOffHeap) && replication > 0; }
    bool operator==(const StorageLevel &) const = default;
    /// Spark's StorageLevel.description, e.g. "Memory Deserialized 1x Replicated".
    std::string description() const
    {
        std::string r;
        if (useDisk) r += "Disk ";
        if (useMemory) r += useOffHeap ? "Offheap " : "Memory ";
        r += deserialized ? "Deserialized " : "Serialized ";
        r += std::to_string(replication) + "x Replicated";
        return r;
    }
    /// Spark's StorageLevel.toString: "StorageLevel(disk, memory, deserialized, 1 replicas)".
    std::string toString() const
    {
        std::string r = "StorageLevel(";
        auto add = [&r](bool on, const char *what) {
            if (!on) return;
            if (r.size() > 13) r += ", ";
            r += what;
        };
        add(useDisk, "disk");
        add(useMemory, "memory");
        add(useOffHeap, "offheap");
        add(deserialized, "deserialized");
        if (r.size() > 13) r += ", ";
        r += std::to_string(replication) + " replicas)";
        return r;
    }

    static StorageLevel NONE() { return {}; }
    static StorageLevel DISK_ONLY() { return {true, false, false, false, 1}; }
    static StorageLevel MEMORY_ONLY() { return {false, true, false, true, 1}; }
    static StorageLevel MEMORY_ONLY_2() { return {false, true, false, true, 2}; }
    static StorageLevel MEMORY_ONLY_SER() { return {false, true, false, false, 1}; }
    static StorageLevel MEMORY_AND_DISK() { return {true, true, false, true, 1}; }
    static StorageLevel MEMORY_AND_DISK_2() { return {true, true, false, true, 2}; }
    static StorageLevel MEMORY_AND_DISK_SER() { return {true, true, false, false, 1}; }
    static StorageLevel MEMORY_AND_DISK_SER_2() { return {true, true, false, false, 2}; }
};

} // namespace dsl
