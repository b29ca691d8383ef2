// What the lesson tests share: one headless runner per process (CPython initializes once) and the
// shipped lessons, loaded once.
#pragma once

#ifndef Q_MOC_RUN
#include "app/lesson/lessonlibrary.h"
#include "app/lesson/lessonrun.h"
#endif

#include <QString>

#include <map>

namespace dsl::lesson::testing {

inline HeadlessLessonRunner &runner()
{
    static HeadlessLessonRunner r;
    return r;
}

/// Lesson `number` of lessons/ (fails the whole test binary if it does not load).
inline const Lesson &shippedLesson(int number)
{
    static std::map<int, Lesson> cache;
    auto it = cache.find(number);
    if (it == cache.end()) {
        LessonLibrary lib;
        lib.loadFolder(QStringLiteral(DSTREAMLAB_SOURCE_DIR "/lessons"));
        const Lesson *l = lib.find(QString::number(number));
        if (!l) qFatal("lesson %d does not load", number);
        it = cache.emplace(number, *l).first;
    }
    return it->second;
}

} // namespace dsl::lesson::testing
