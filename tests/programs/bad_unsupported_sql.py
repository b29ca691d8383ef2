# pyspark.sql (DataFrames, Structured Streaming) is not simulated: the import fails at the
# program's line with DStream Lab's message, as an ImportError, exit status 1.
from pyspark import SparkContext

print("before the import")
from pyspark.sql import SparkSession  # noqa: E402
