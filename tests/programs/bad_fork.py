# os.fork() would copy the whole app (its threads, its window) into a second process: DStream
# Lab refuses it at the program's line. Starting another program is the user's right, as in
# any script they run: subprocess.run works (docs/hostile-programs.md).
import os
import subprocess

print(subprocess.run(["echo", "subprocess ok"], capture_output=True, text=True).stdout.strip())
pid = os.fork()
print("never printed", pid)
