#!/usr/bin/python3
"""PyTorch peer of `lethe bench train`: the same architectures, batch size, optimizer, thread count
and data files, printing the same JSON fields, so the two can be run side by side.

Run with Debian's python3-torch and Debian's OpenBLAS (see bench/README.md):
    python3 bench/pytorch_train.py --model lenet --threads 1
"""
import argparse
import gzip
import io
import json
import os
import struct
import tarfile
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "sample-data")


def read_idx(path):
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    magic = struct.unpack(">I", raw[:4])[0]
    rank = magic & 0xFF
    dims = struct.unpack(">" + "I" * rank, raw[4:4 + 4 * rank])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def load_mnist():
    d = os.path.join(SAMPLE, "mnist")
    x = read_idx(os.path.join(d, "train-images-idx3-ubyte.gz"))[:, None, :, :]
    y = read_idx(os.path.join(d, "train-labels-idx1-ubyte.gz"))
    return x, y


def load_cifar():
    path = os.path.join(SAMPLE, "cifar10", "cifar-10-binary-subset.tar.gz")
    xs, ys = [], []
    with tarfile.open(path, "r:gz") as tar:
        for member in sorted(tar.getmembers(), key=lambda m: m.name):
            if "data_batch" in member.name:
                rec = np.frombuffer(tar.extractfile(member).read(), dtype=np.uint8).reshape(-1, 3073)
                ys.append(rec[:, 0])
                xs.append(rec[:, 1:].reshape(-1, 3, 32, 32))
    return np.concatenate(xs), np.concatenate(ys)


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 300)
        self.fc2 = nn.Linear(300, 10)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x.flatten(1))))


class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 20, 5)
        self.c2 = nn.Conv2d(20, 50, 5)
        self.fc1 = nn.Linear(50 * 4 * 4, 500)
        self.fc2 = nn.Linear(500, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.c1(x)), 2)
        x = F.max_pool2d(F.relu(self.c2(x)), 2)
        return self.fc2(F.relu(self.fc1(x.flatten(1))))


class CifarCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(3, 32, 3, padding=1)
        self.c2 = nn.Conv2d(32, 32, 3)
        self.c3 = nn.Conv2d(32, 64, 3, padding=1)
        self.c4 = nn.Conv2d(64, 64, 3)
        self.fc1 = nn.Linear(64 * 6 * 6, 512)
        self.fc2 = nn.Linear(512, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.c2(F.relu(self.c1(x)))), 2)
        x = F.max_pool2d(F.relu(self.c4(F.relu(self.c3(x)))), 2)
        return self.fc2(F.relu(self.fc1(x.flatten(1))))


MODELS = {"mlp": (Mlp, load_mnist), "lenet": (LeNet, load_mnist), "cifar-cnn": (CifarCnn, load_cifar)}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", choices=sorted(MODELS), default="lenet")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--warmup", type=int, default=20, help="batches before timing")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--samples", type=int, default=0, help="train on the first N samples only (0: all)")
    args = p.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    build, load = MODELS[args.model]
    x, y = load()
    if args.samples:
        x, y = x[:args.samples], y[:args.samples]
    x = torch.from_numpy(np.array(x, copy=True))
    y = torch.from_numpy(y.astype(np.int64))
    model = build()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    n = x.shape[0]
    g = torch.Generator().manual_seed(args.seed)

    def step(idx):
        xb = x[idx].float().div_(255.0)
        loss = F.cross_entropy(model(xb), y[idx])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        return loss

    perm = torch.randperm(n, generator=g)
    for b in range(args.warmup):
        step(perm[b * args.batch_size:(b + 1) * args.batch_size])

    perm = torch.randperm(n, generator=g)
    loss_sum = 0.0
    start = time.perf_counter()
    cpu_start = time.process_time()
    for b in range(0, n, args.batch_size):
        idx = perm[b:b + args.batch_size]
        loss_sum += float(step(idx)) * len(idx)
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    print(json.dumps({
        "engine": "pytorch",
        "model": args.model,
        "backend": "torch " + torch.__version__ + (" mkldnn" if torch.backends.mkldnn.is_available() else ""),
        "threads": args.threads,
        "batchSize": args.batch_size,
        "samples": n,
        "seconds": round(seconds, 3),
        "samplesPerSecond": round(n / seconds, 1),
        "cpuSeconds": round(cpu_seconds, 3),
        "cpuSamplesPerSecond": round(n / cpu_seconds, 1),
        "meanLoss": round(loss_sum / n, 4),
    }))


if __name__ == "__main__":
    main()
