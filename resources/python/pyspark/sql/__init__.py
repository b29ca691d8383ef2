"""pyspark.sql: Spark SQL, DataFrames and Structured Streaming are not simulated: importing
it raises at the program's import line with DStream Lab's "does not simulate it yet" message
(an ImportError, so `try: import ... except ImportError` guards still work)."""


raise ImportError(
    "pyspark.sql is part of PySpark, but DStream Lab does not simulate it yet "
    "(it simulates Spark Streaming's DStream API: pyspark and pyspark.streaming).")
