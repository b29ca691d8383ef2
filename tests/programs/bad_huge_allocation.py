# One huge allocation on the driver: 10**10 list slots are 80 GB, more than the memory limit
# (--memory-limit 4096, see .args) leaves. DStream Lab refuses the request before any memory is
# touched, so Python raises MemoryError at the program's line, and a line after the traceback
# says what was refused (docs/hostile-programs.md).
print("allocating")
slots = [0] * 10**10
print("never printed", len(slots))
