"""DStream Lab's stand-in for py4j: only the error type PySpark programs catch."""
