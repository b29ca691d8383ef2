# Under spark-submit the master and app name come from the command line when the program
# sets none (SparkSubmit.scala: --master, default local[*]; the app name defaults to the
# program's file name) and SparkConf() loads them (loadDefaults=True). This row runs with
# --master local[3] (default_master.args); SparkConf(loadDefaults=False) has neither.
from pyspark import SparkConf, SparkContext
from pyspark.streaming import StreamingContext

print("defaults:", SparkConf().get("spark.master"), SparkConf().get("spark.app.name"))
print("without defaults:", SparkConf(loadDefaults=False).getAll())
sc = SparkContext(appName="x")
print("master:", sc.master, "appName:", sc.appName, "defaultParallelism:", sc.defaultParallelism)
sc.stop()
sc = SparkContext()
print("no arguments:", sc.master, sc.appName)
sc.stop()
try:
    SparkContext(conf=SparkConf(loadDefaults=False).setAppName("y"))
except Exception as e:
    print("%s: %s" % (type(e).__name__, e))
sc = SparkContext(appName="counts")
ssc = StreamingContext(sc, 1)
ssc.queueStream([[1, 2, 3]]).count().pprint()
ssc.start()
ssc.awaitTerminationOrTimeout(1.5)
ssc.stop()
