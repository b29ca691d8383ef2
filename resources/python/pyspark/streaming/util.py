"""Helpers of pyspark/streaming/util.py."""

from datetime import datetime


def rddToFileName(prefix, suffix, timestamp):
    """
    Return string prefix-time(.suffix)

    >>> rddToFileName("spark", None, 12345678910)
    'spark-12345678910'
    >>> rddToFileName("spark", "tmp", 12345678910)
    'spark-12345678910.tmp'
    """
    if isinstance(timestamp, datetime):
        seconds = (timestamp - datetime(1970, 1, 1)).total_seconds()
        timestamp = int(seconds * 1000) + timestamp.microsecond // 1000
    if suffix is None:
        return prefix + "-" + str(timestamp)
    else:
        return prefix + "-" + str(timestamp) + "." + suffix


def batch_time(ms):
    """The batch time handed to user functions: datetime.fromtimestamp(ms / 1000.0) (local)."""
    return datetime.fromtimestamp(ms / 1000.0)
