#!/usr/bin/python3
"""PyTorch side of scripts/bench.sh: the same work as bench/TorchBinding.Bench, timed the same way.

Run it with Debian's interpreter (python3-torch is installed for /usr/bin/python3 only):

    /usr/bin/python3 scripts/bench_reference.py train-step [--threads N] [--warmup 5] [--iterations 30] [--batch 128] [--seed 1]
    /usr/bin/python3 scripts/bench_reference.py tiny-op [--threads N] [--iterations 200000] [--batches 20]

Prints a human-readable summary and machine-readable "RESULT key=value" lines.
"""

import argparse
import os
import resource
import statistics
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

# Step phases, timed separately for diagnosis; "release" drops the step's last references (the binding's
# dispose scope does the same there).
PHASES = ("data", "zero_grad", "forward", "loss", "backward", "clip", "step", "release")


def result(key, value):
    if isinstance(value, float):
        value = f"{value:.6f}".rstrip("0").rstrip(".")
    print(f"RESULT {key}={value}")


def minor_page_faults():
    """Minor page faults of this process so far: memory the kernel had to map afresh."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def tutorial_cnn():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3),
        nn.ReLU(),
        nn.Conv2d(32, 64, 3),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Dropout(0.25),
        nn.Flatten(),
        nn.Linear(9216, 128),
        nn.ReLU(),
        nn.Dropout(0.5),
        nn.Linear(128, 10),
        nn.LogSoftmax(dim=1),
    )


def train_step(args):
    torch.manual_seed(args.seed)
    model = tutorial_cnn()
    model.train()
    parameters = list(model.parameters())
    optimizer = torch.optim.Adam(parameters, lr=1e-3)
    clock = time.perf_counter

    totals = []
    phases = {name: [] for name in PHASES}
    warmup_loss = float("nan")
    faults_before = 0
    for i in range(args.warmup + args.iterations):
        if i == args.warmup:
            faults_before = minor_page_faults()
        t0 = clock()
        images = torch.randn(args.batch, 1, 28, 28)
        labels = torch.randint(10, (args.batch,))
        t1 = clock()
        optimizer.zero_grad()
        t2 = clock()
        output = model(images)
        t3 = clock()
        loss = F.nll_loss(output, labels)
        t4 = clock()
        loss.backward()
        t5 = clock()
        nn.utils.clip_grad_value_(parameters, 0.5)
        t6 = clock()
        optimizer.step()
        t7 = clock()
        if i < args.warmup:  # untimed steps only
            warmup_loss = loss.item()
        del images, labels, output, loss
        t8 = clock()
        if i < args.warmup:
            continue
        marks = (t0, t1, t2, t3, t4, t5, t6, t7, t8)
        totals.append((t8 - t0) * 1e3)
        for p, name in enumerate(PHASES):
            phases[name].append((marks[p + 1] - marks[p]) * 1e3)

    faults_per_step = (minor_page_faults() - faults_before) / args.iterations
    median = statistics.median(totals)
    mean = statistics.fmean(totals)
    print(f"PyTorch {torch.__version__} train step: batch {args.batch}, {torch.get_num_threads()} threads, "
          f"{args.warmup} warm-up + {args.iterations} timed steps: median {median:.3f} ms, mean {mean:.3f} ms, "
          f"min {min(totals):.3f} ms, max {max(totals):.3f} ms (last warm-up loss {warmup_loss:.4f})")
    print("  phase medians (ms): " + ", ".join(f"{n} {statistics.median(phases[n]):.3f}" for n in PHASES))
    print(f"  minor page faults per step: {faults_per_step:.0f}")
    result("side", "PyTorch")
    result("threads", torch.get_num_threads())
    result("batch", args.batch)
    result("page_faults_per_step", faults_per_step)
    result("train_step_ms_median", median)
    result("train_step_ms_mean", mean)
    for name in PHASES:
        result(f"phase_{name}_ms", statistics.median(phases[name]))


def tiny_op(args):
    per_batch = max(1, args.iterations // args.batches)
    t = torch.ones(1)
    b = torch.zeros(1)
    result("side", "PyTorch")
    result("threads", torch.get_num_threads())
    # The result of t.neg() is freed as soon as the call returns (its reference count drops to zero).
    for name, op in (("neg", lambda: t.neg()), ("add_", lambda: t.add_(b))):
        for _ in range(per_batch):  # warm-up: one batch
            op()
        ns_per_op = []
        for _ in range(args.batches):
            start = time.perf_counter_ns()
            for _ in range(per_batch):
                op()
            ns_per_op.append((time.perf_counter_ns() - start) / per_batch)
        median = statistics.median(ns_per_op)
        print(f"PyTorch tiny op {name}: median {median:.1f} ns/op over {args.batches} batches of {per_batch} "
              f"(min {min(ns_per_op):.1f}, max {max(ns_per_op):.1f})")
        result(f"tiny_{name}_ns", median)


def positive(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, got {value}")
    return value


def non_negative(text):
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, got {value}")
    return value


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    modes = parser.add_subparsers(dest="mode", required=True)
    train = modes.add_parser("train-step", help="one training step of the tutorial CNN")
    tiny = modes.add_parser("tiny-op", help="round trip of a one-element op")
    for mode in (train, tiny):
        mode.add_argument("--threads", type=positive, default=os.cpu_count())
    train.add_argument("--warmup", type=non_negative, default=5)
    train.add_argument("--iterations", type=positive, default=30)
    train.add_argument("--batch", type=positive, default=128)
    train.add_argument("--seed", type=non_negative, default=1)
    tiny.add_argument("--iterations", type=positive, default=200_000)
    tiny.add_argument("--batches", type=positive, default=20)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    if torch.get_num_threads() != args.threads:
        sys.exit(f"bench_reference: torch.set_num_threads({args.threads}) was not honoured "
                 f"(get_num_threads() = {torch.get_num_threads()})")
    if args.mode == "train-step":
        train_step(args)
    else:
        tiny_op(args)


if __name__ == "__main__":
    main()
