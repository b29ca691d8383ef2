# Memory that grows without end on the driver: the watchdog samples the app's resident size
# every 50 ms and, past --memory-limit (1024 MB, see .args), raises MemoryLimitExceeded in the
# program at the line it is running, long before the operating system would end the app.
print("growing")
kept = []
while True: kept.append("x" * 10**6 + str(len(kept)))  # noqa: E701
# (One line: the exception lands at the loop's jump or in its body, depending on the build.)
