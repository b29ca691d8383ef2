# os._exit() would end DStream Lab itself, not just the program: the program runs inside the
# app's process. It raises NotAllowedInDStreamLab at the program's line instead (spark-submit
# would exit with status 3 here); os.abort() likewise (docs/hostile-programs.md).
import os

print("before os._exit")
try:
    os.abort()
except RuntimeError as e:
    print("os.abort refused:", type(e).__name__)
os._exit(3)
print("never printed")
