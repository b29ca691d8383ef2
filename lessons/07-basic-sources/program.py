# A directory as the input source: textFileStream reads each file that appears in the directory
# after start(), once, in the batch after it appeared. The program drops the files itself the
# safe way: written under a hidden name (textFileStream skips names starting with ".") and then
# renamed into place in one step, so Spark never sees a half-written file.
import os

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

WATCHED = "incoming"


def drop(name, text):
    hidden = os.path.join(WATCHED, "." + name + ".tmp")
    with open(hidden, "w") as f:
        f.write(text)
    os.rename(hidden, os.path.join(WATCHED, name))


if __name__ == "__main__":
    os.makedirs(WATCHED, exist_ok=True)
    with open(os.path.join(WATCHED, "old.txt"), "w") as f:
        f.write("written before the start\n")

    sc = SparkContext("local[1]", appName="DirectorySource")  # no receiver: one core is enough
    ssc = StreamingContext(sc, 1)
    lines = ssc.textFileStream(WATCHED)
    lines.pprint()
    ssc.start()

    ssc.awaitTerminationOrTimeout(1.5)
    drop("words-1.txt", "hello spark\nhello streaming\n")
    ssc.awaitTerminationOrTimeout(1)
    drop("words-2.txt", "a file is read once\n")
    ssc.awaitTerminationOrTimeout(1)
    ssc.stop()
