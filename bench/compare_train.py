#!/usr/bin/python3
"""Runs `lethe bench train` and bench/pytorch_train.py alternately and prints a Markdown table of
median throughputs and their ratio (DL4J / PyTorch).

    python3 bench/compare_train.py --models lenet mlp cifar-cnn --threads 1 2 --repeats 3 \
        --openblas /opt/openblas/usr/lib/x86_64-linux-gnu/openblas-pthread

With --cpu (one thread only) the DL4J side runs bench/TrainCpu.java instead of `lethe bench train`,
both sides also report the process CPU time of the timed epoch, and the table gets a second ratio
from samples per CPU-second: on a shared, overloaded machine the wall-clock ratio is noise, the CPU
ratio much less so. --samples N trains on the first N samples only.
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
    p.add_argument("--cpu", action="store_true", help="also compare samples per CPU-second (1 thread)")
    p.add_argument("--samples", type=int, default=0, help="first N training samples only (with --cpu)")
    args = p.parse_args()
    if args.cpu:
        return compare_cpu(args)

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


def compare_cpu(args):
    rows = []
    for model in args.models:
        dl4j, torch = [], []
        for r in range(args.repeats):
            env = dict(os.environ, OMP_NUM_THREADS="1")
            cmd = ["java", "-Xmx1g", "-Dorg.bytedeco.javacpp.maxBytes=900M",
                   "-Dorg.bytedeco.javacpp.maxPhysicalBytes=1400M", "-cp", args.jar,
                   os.path.join(ROOT, "bench", "TrainCpu.java"), model]
            if args.samples:
                cmd.append(str(args.samples))
            j = run(cmd, env)
            tenv = dict(env)
            if args.openblas:
                tenv["LD_LIBRARY_PATH"] = args.openblas
            tcmd = ["/usr/bin/python3", os.path.join(ROOT, "bench", "pytorch_train.py"), "--model", model,
                    "--threads", "1"]
            if args.samples:
                tcmd += ["--samples", str(args.samples)]
            t = run(tcmd, tenv)
            dl4j.append(j)
            torch.append(t)
            print(f"{model} run {r + 1}: dl4j {j['samplesPerSecond']:.0f}/s wall, {j['cpuSamplesPerSecond']:.0f}/s cpu; "
                  f"pytorch {t['samplesPerSecond']:.0f}/s wall, {t['cpuSamplesPerSecond']:.0f}/s cpu",
                  file=sys.stderr, flush=True)
        rows.append((model, dl4j, torch))

    print("| model | DL4J samples/CPU-s (median) | PyTorch samples/CPU-s (median) | CPU ratio | "
          "DL4J samples/s wall | PyTorch samples/s wall | wall ratio |")
    print("|---|---|---|---|---|---|---|")
    for model, dl4j, torch in rows:
        dc = statistics.median(j["cpuSamplesPerSecond"] for j in dl4j)
        tc = statistics.median(t["cpuSamplesPerSecond"] for t in torch)
        dw = statistics.median(j["samplesPerSecond"] for j in dl4j)
        tw = statistics.median(t["samplesPerSecond"] for t in torch)
        print(f"| {model} | {dc:,.0f} | {tc:,.0f} | **{dc / tc:.2f}x** | {dw:,.0f} | {tw:,.0f} | {dw / tw:.2f}x |")


if __name__ == "__main__":
    main()
