# RDD.saveAsNewAPIHadoopDataset exists in PySpark; DStream Lab names it and why it is unsupported.
from pyspark import SparkContext

sc = SparkContext("local[2]", "HadoopDataset")
pairs = sc.parallelize([("a", 1)])
pairs.saveAsNewAPIHadoopDataset({"mapreduce.output.fileoutputformat.outputdir": "/tmp/out"})
