"""Times whole-process runs of a command when hyperfine is not installed.

cold.py RUNS OUT.json -- CMD ARG...  (stdout to /dev/null; one untimed
warm-up run first, as hyperfine --warmup 1). Writes hyperfine's export shape:
{"results":[{"command","median","mean","min","max","times"}]} in seconds.
"""

import json
import statistics
import subprocess
import sys
import time


def main():
    runs, out = int(sys.argv[1]), sys.argv[2]
    cmd = sys.argv[sys.argv.index("--") + 1 :]
    times = []
    for i in range(runs + 1):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
        if i > 0:
            times.append(time.perf_counter() - t)
    result = {
        "command": " ".join(cmd),
        "median": statistics.median(times),
        "mean": statistics.mean(times),
        "min": min(times),
        "max": max(times),
        "times": times,
    }
    with open(out, "w") as f:
        json.dump({"results": [result]}, f)


if __name__ == "__main__":
    main()
