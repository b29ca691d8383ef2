"""pyspark.errors (PySpark 3.4+): exceptions that carry an error class and its parameters.

Only what the simulated PySpark raises is here. The message is built as PySpark's
``PySparkException.__str__`` prints it: ``[ERROR_CLASS] message`` with the message's
``<name>`` placeholders filled from ``message_parameters`` (the texts of
python/pyspark/errors/error_classes.py)."""

_MESSAGES = {
    "VALUE_NOT_ACCESSIBLE": "Value `<value>` cannot be accessed inside tasks.",
}


class PySparkException(Exception):
    """Base of PySpark's own exceptions."""

    def __init__(self, message=None, error_class=None, message_parameters=None):
        self.error_class = error_class
        self.message_parameters = message_parameters or {}
        if message is None:
            message = _MESSAGES.get(error_class, "")
            for name, value in self.message_parameters.items():
                message = message.replace("<%s>" % name, str(value))
            message = "[%s] %s" % (error_class, message)
        self.message = message
        super().__init__(message)

    def getErrorClass(self):
        return self.error_class

    def getMessageParameters(self):
        return self.message_parameters

    def __str__(self):
        return self.message


class PySparkRuntimeError(PySparkException, RuntimeError):
    """A runtime error raised by PySpark itself."""


__all__ = ["PySparkException", "PySparkRuntimeError"]
