# Deep recursion ends in RecursionError at the program's line, never in a crash of the app.
# Python's own calls keep their frames on the heap; recursion through a built-in function
# (sorted with a key) uses the C stack, so sys.setrecursionlimit is capped at what the
# program thread's stack holds (10000), with a line on stderr (docs/hostile-programs.md).
import sys


def depth(n):
    return depth(n + 1)


try:
    depth(0)
except RecursionError as e:
    print("plain recursion:", e)

sys.setrecursionlimit(1000000)
print("limit now", sys.getrecursionlimit())


def through_sorted(n):
    return sorted([n], key=lambda x: through_sorted(x + 1))


through_sorted(0)
