// Grading: reveal() computes a question's answer from the run; grade() compares a student's answer with it.
#include "lessongrade.h"

#include <cmath>

namespace dsl::lesson {

// A using-declaration: dsl::operator""_s (seconds, engine/simtime.h) would hide a using-directive's.
using Qt::StringLiterals::operator""_s;

namespace {

bool sameNumber(double a, double b)
{
    return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::max(std::fabs(a), std::fabs(b)));
}

} // namespace

Reveal reveal(const LessonQuestion &question, const LessonRun &run)
{
    Reveal r;
    auto failWith = [&](const QueryResult &q) {
        r.error = q.error;
        r.errorField = q.errorField;
        return r;
    };
    if (question.answer) {
        const QueryResult q = evaluate(*question.answer, run);
        if (!q.ok()) return failWith(q);
        r.value = q.value;
        r.valueText = q.shown;
    }
    if (question.kind != LessonQuestion::Kind::Choice) return r;
    for (int i = 0; i < question.options.size(); ++i) {
        const LessonQuestion::Option &o = question.options[i];
        bool holds = false;
        if (o.value) {
            holds = r.value && sameNumber(*o.value, *r.value);
        } else if (o.holds) {
            const QueryResult lhs = evaluate(o.holds->query, run);
            if (!lhs.ok()) return failWith(lhs);
            double rhs = 0;
            if (const auto *d = std::get_if<double>(&o.holds->operand)) {
                rhs = *d;
            } else {
                const QueryResult other = evaluate(std::get<LessonQuery>(o.holds->operand), run);
                if (!other.ok()) return failWith(other);
                rhs = *other.value;
            }
            switch (o.holds->op) {
            case LessonPredicate::Op::Equals: holds = sameNumber(*lhs.value, rhs); break;
            case LessonPredicate::Op::GreaterThan: holds = *lhs.value > rhs && !sameNumber(*lhs.value, rhs); break;
            case LessonPredicate::Op::LessThan: holds = *lhs.value < rhs && !sameNumber(*lhs.value, rhs); break;
            }
        }
        if (holds) r.correctOptions.append(i);
    }
    return r;
}

Grade grade(const LessonQuestion &question, const LessonAnswer &answer, const LessonRun &run)
{
    Grade g;
    g.reveal = reveal(question, run);
    if (!g.reveal.ok()) return g;
    if (const int *option = std::get_if<int>(&answer)) {
        g.correct = question.kind == LessonQuestion::Kind::Choice && g.reveal.correctOptions.contains(*option);
        return g;
    }
    const QString typed = std::get<QString>(answer).trimmed();
    bool ok = false;
    const double v = typed.toDouble(&ok);
    g.understood = ok && std::isfinite(v);
    g.correct = g.understood && g.reveal.value && sameNumber(v, *g.reveal.value);
    return g;
}

} // namespace dsl::lesson
