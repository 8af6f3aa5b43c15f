#!/usr/bin/python3
"""Runs `lethe bench train` and bench/pytorch_train.py alternately and prints a Markdown table of
median throughputs and their ratio (DL4J / PyTorch).

    python3 bench/compare_train.py --models lenet mlp cifar-cnn --threads 1 2 --repeats 3 \
        --openblas /opt/openblas/usr/lib/x86_64-linux-gnu/openblas-pthread
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd, env):
    out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout
    return json.loads(out[out.index("{"):])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--models", nargs="+", default=["lenet", "mlp", "cifar-cnn"])
    p.add_argument("--threads", nargs="+", type=int, default=[1, 2])
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--openblas", default="", help="folder with Debian's OpenBLAS for the PyTorch runs")
    p.add_argument("--jar", default=os.path.join(ROOT, "target", "lethe.jar"))
    args = p.parse_args()

    rows = []
    for model in args.models:
        for threads in args.threads:
            dl4j, torch = [], []
            for r in range(args.repeats):
                env = dict(os.environ, OMP_NUM_THREADS=str(threads))
                j = run(["java", "-jar", args.jar, "bench", "train", "--model", model, "--threads", str(threads),
                         "--json"], env)
                tenv = dict(env)
                if args.openblas:
                    tenv["LD_LIBRARY_PATH"] = args.openblas
                t = run(["/usr/bin/python3", os.path.join(ROOT, "bench", "pytorch_train.py"), "--model", model,
                         "--threads", str(threads)], tenv)
                dl4j.append(j["samplesPerSecond"])
                torch.append(t["samplesPerSecond"])
                print(f"{model} t{threads} run {r + 1}: dl4j {j['samplesPerSecond']:.0f}/s, "
                      f"pytorch {t['samplesPerSecond']:.0f}/s", file=sys.stderr, flush=True)
            md, mt = statistics.median(dl4j), statistics.median(torch)
            rows.append((model, threads, md, mt, md / mt, j["backend"], dl4j, torch))

    print("| model | threads | DL4J samples/s (median) | PyTorch samples/s (median) | ratio | runs DL4J | runs PyTorch |")
    print("|---|---|---|---|---|---|---|")
    for model, threads, md, mt, ratio, backend, dl4j, torch in rows:
        print(f"| {model} | {threads} | {md:,.0f} | {mt:,.0f} | **{ratio:.2f}x** | "
              f"{', '.join(f'{v:,.0f}' for v in dl4j)} | {', '.join(f'{v:,.0f}' for v in torch)} |")


if __name__ == "__main__":
    main()
