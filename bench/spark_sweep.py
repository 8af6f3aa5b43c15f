#!/usr/bin/env python3
"""Times `lethe run` on one scenario in-process and on Spark local[N], alternating, and prints medians.

Usage (after `mvn -Pspark -DskipTests package`):
    python3 bench/spark_sweep.py --scenario bench/sweep16.json --masters 'local[1]' 'local[2]' --repeats 3
"""
import argparse
import csv
import json
import os
import statistics
import subprocess
import tempfile
import time


def one_run(jar, scenario, master, threads):
    out = tempfile.mkdtemp(prefix="lethe-sweep-")
    cmd = ["java", "-jar", jar, "run", scenario, "--out", out, "--threads", str(threads), "--json"]
    if master:
        cmd += ["--spark", master]
    start = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, OMP_NUM_THREADS=str(threads)))
    wall = time.monotonic() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr[-3000:]}")
    report = json.loads(proc.stdout)
    stages = {}
    for line in proc.stderr.splitlines():
        if line.startswith("stage ") and " done in " in line:
            name = line.split()[1]
            stages[name] = float(line.split(" done in ")[1].split()[0])
    task_seconds = None
    tasks_csv = os.path.join(out, "sweep", "tasks.csv")
    if os.path.exists(tasks_csv):
        with open(tasks_csv) as f:
            task_seconds = sum(float(r["wallSeconds"]) for r in csv.DictReader(f))
    gap = report["methods"][0]["avgGap"]["mean"]
    return {"wall": wall, "stages": stages, "taskSeconds": task_seconds, "gap": gap}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--jar", default="target/lethe.jar")
    p.add_argument("--scenario", default="bench/sweep16.json")
    p.add_argument("--masters", nargs="+", default=["local[1]", "local[2]"])
    p.add_argument("--in-process", action="store_true", help="also time the in-process run")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--repeats", type=int, default=3)
    a = p.parse_args()
    configs = ([""] if a.in_process else []) + a.masters
    runs = {c: [] for c in configs}
    for r in range(a.repeats):
        for c in configs:
            res = one_run(a.jar, a.scenario, c, a.threads)
            runs[c].append(res)
            print(f"run {r + 1} {c or 'in-process'}: {res['wall']:.1f} s wall, stages {res['stages']}, "
                  f"task seconds {res['taskSeconds']}, FT gap {res['gap']:.4f}", flush=True)
    print()
    print("| backend | wall s (median) | runs | stage seconds (median: original / retrain / unlearn) | task seconds summed (median) |")
    print("|---|---|---|---|---|")
    for c in configs:
        walls = [x["wall"] for x in runs[c]]
        st = ""
        if runs[c][0]["stages"]:
            st = " / ".join(f"{statistics.median(x['stages'][k] for x in runs[c]):.1f}"
                            for k in ("train_original", "retrain", "unlearn"))
        ts = "" if runs[c][0]["taskSeconds"] is None else f"{statistics.median(x['taskSeconds'] for x in runs[c]):.1f}"
        print(f"| {c or 'in-process'} | {statistics.median(walls):.1f} | {', '.join(f'{w:.1f}' for w in walls)} | {st} | {ts} |")


if __name__ == "__main__":
    main()
