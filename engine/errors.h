// Spark's exception kinds as C++ exceptions, carrying Spark's class name and exact message.
#pragma once

#include <exception>
#include <memory>
#include <string>
#include <utility>

namespace dsl {

/// An error as the JVM would raise it: `className` is the Java class (e.g.
/// "java.lang.IllegalStateException"), `message` Spark's exact text. what() = "class: message",
/// or the class alone without a message (Throwable.toString).
class SparkError : public std::exception {
public:
    SparkError(std::string className, std::string message)
        : m_class(std::move(className)), m_message(std::move(message)),
          m_what(m_message.empty() ? m_class : m_class + ": " + m_message) {}
    const char *what() const noexcept override { return m_what.c_str(); }
    const std::string &className() const { return m_class; }
    const std::string &message() const { return m_message; }
    /// The simple class name ("IllegalStateException").
    std::string simpleName() const {
        auto dot = m_class.rfind('.');
        return dot == std::string::npos ? m_class : m_class.substr(dot + 1);
    }

private:
    std::string m_class, m_message, m_what;
};

struct IllegalStateException : SparkError {
    explicit IllegalStateException(std::string m) : SparkError("java.lang.IllegalStateException", std::move(m)) {}
};
struct IllegalArgumentException : SparkError {
    explicit IllegalArgumentException(std::string m) : SparkError("java.lang.IllegalArgumentException", std::move(m)) {}

protected:
    IllegalArgumentException(std::string className, std::string m) : SparkError(std::move(className), std::move(m)) {}
};
/// java.lang.NumberFormatException (a subclass of IllegalArgumentException, as in Java).
struct NumberFormatException : IllegalArgumentException {
    explicit NumberFormatException(std::string m)
        : IllegalArgumentException("java.lang.NumberFormatException", std::move(m)) {}
};
struct UnsupportedOperationException : SparkError {
    explicit UnsupportedOperationException(std::string m) : SparkError("java.lang.UnsupportedOperationException", std::move(m)) {}
};
struct NotSerializableException : SparkError {
    explicit NotSerializableException(std::string m) : SparkError("java.io.NotSerializableException", std::move(m)) {}
};
struct SparkException : SparkError {
    explicit SparkException(std::string m) : SparkError("org.apache.spark.SparkException", std::move(m)) {}
};
/// Plain java.lang.Exception (e.g. WindowedDStream's validation in Spark).
struct JavaException : SparkError {
    explicit JavaException(std::string m) : SparkError("java.lang.Exception", std::move(m)) {}
};

/// Scala's require(): IllegalArgumentException("requirement failed: " + message).
inline void require(bool condition, const std::string &message) {
    if (!condition)
        throw IllegalArgumentException("requirement failed: " + message);
}

/// An error raised by user code inside a task or an output function (a Python exception, or a
/// C++ exception from a native function). `payload` lets the Python bridge keep the original
/// exception object so it can re-raise it with its traceback.
class UserCodeError : public SparkError {
public:
    UserCodeError(std::string className, std::string message, std::string traceback = {},
                  std::shared_ptr<void> payload = {})
        : SparkError(std::move(className), std::move(message)), m_traceback(std::move(traceback)),
          m_payload(std::move(payload)) {}
    /// Full traceback text as the user's runtime prints it (may be empty for native code).
    const std::string &traceback() const { return m_traceback; }
    const std::shared_ptr<void> &payload() const { return m_payload; }

private:
    std::string m_traceback;
    std::shared_ptr<void> m_payload;
};

} // namespace dsl
