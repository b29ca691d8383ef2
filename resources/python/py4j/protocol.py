"""Py4JJavaError as PySpark programs see it when the (simulated) JVM raises."""


class Py4JError(Exception):
    """Base of py4j errors."""


class Py4JJavaError(Py4JError):
    """An exception raised by the simulated JVM side of Spark.

    ``str(e)`` reads like py4j's: "An error occurred while calling o12.awaitTermination.\\n:
    org.apache.spark.SparkException: ...". ``java_class`` and ``java_message`` hold the
    Java exception's class name and message.
    """

    def __init__(self, msg, java_class="", java_message=""):
        super().__init__(msg)
        self.errmsg = msg
        self.java_class = java_class
        self.java_message = java_message

    def __str__(self):
        return "%s: %s: %s" % (self.errmsg, self.java_class, self.java_message)
