# What spark-submit's --conf, --name, --master and --py-files reach: SparkConf() loads the
# submitted properties, the program's own set() wins, and --py-files are importable.
import sys

from pyspark import SparkConf, SparkContext

import helper

conf = SparkConf().set("spark.lab.mine", "program")
sc = SparkContext(conf=conf)
print("master", sc.master)
print("appName", sc.appName)
for key in ("spark.lab.mine", "spark.lab.other", "spark.executor.memory", "foo"):
    print(key, sc.getConf().get(key))
print("without defaults", SparkConf(loadDefaults=False).getAll())
print(helper.shout("args"), sys.argv[1:])
sc.stop()
