#!/usr/bin/python3
"""Runs one benchmark command and measures it from outside, the same way for every side of scripts/bench.sh.

    scripts/bench_measure.py OUTPUT -- COMMAND [ARG...]

The command's stdout and stderr go to OUTPUT; then these lines are appended to it:

    RESULT exit_code=N
    RESULT wall_s=S           from start to exit, startup and data loading included
    RESULT peak_rss_kb=K      the largest peak resident set of any one process of the command (the command itself or
                              one of its workers): the kernel's own high-water mark, reported when they exit
    RESULT tree_peak_rss_kb=K the largest sum of the resident sets of the command and all its descendants, sampled
                              every 0.2 s: what concurrent worker processes hold together
    RESULT cpu_s=S            user + system CPU time of the command and the descendants it waited for

Exits with the command's exit code.
"""

import os
import subprocess
import sys
import time

INTERVAL_S = 0.2


def children(pid):
    """The direct children of pid (Linux keeps one list per thread)."""
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                found.extend(int(c) for c in f.read().split())
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return found


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


def tree_rss_kb(root):
    total = 0
    pending = [root]
    while pending:
        pid = pending.pop()
        total += rss_kb(pid)
        pending.extend(children(pid))
    return total


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.exit(__doc__)
    output, command = sys.argv[1], sys.argv[3:]
    with open(output, "w") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        tree_peak = 0
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid == process.pid:
                break
            tree_peak = max(tree_peak, tree_rss_kb(process.pid))
            time.sleep(INTERVAL_S)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.flush()
        # ru_maxrss of a waited-for child covers it and the descendants it waited for: the largest of them.
        print(f"RESULT exit_code={process.returncode}", file=out)
        print(f"RESULT wall_s={wall:.6f}", file=out)
        print(f"RESULT peak_rss_kb={usage.ru_maxrss}", file=out)
        print(f"RESULT tree_peak_rss_kb={max(tree_peak, usage.ru_maxrss)}", file=out)
        print(f"RESULT cpu_s={usage.ru_utime + usage.ru_stime:.6f}", file=out)
    sys.exit(process.returncode)


if __name__ == "__main__":
    main()
