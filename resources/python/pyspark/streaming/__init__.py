"""pyspark.streaming: StreamingContext and DStream on DStream Lab's simulated Spark."""

from pyspark.streaming.context import StreamingContext
from pyspark.streaming.dstream import DStream
from pyspark.streaming.state import StateSpec

__all__ = ["StreamingContext", "DStream", "StateSpec"]
