#!/usr/bin/python3
"""PyTorch side of scripts/bench.sh: the same work as bench/TorchBinding.Bench and MnistCompare, timed the same way.

Run it with Debian's interpreter (python3-torch is installed for /usr/bin/python3 only):

    /usr/bin/python3 scripts/bench_reference.py train-step [--threads N] [--warmup 5] [--iterations 30] [--batch 128] [--seed 1]
    /usr/bin/python3 scripts/bench_reference.py tiny-op [--threads N] [--iterations 200000] [--batches 20]
    /usr/bin/python3 scripts/bench_reference.py epoch -a relu,selu,gelu [--threads N] [--data data/mnist] [--train-limit 10000]
                                                      [--epochs 1] [--seed 1] [--builtin]

epoch trains the tutorial CNN once per activation, in turn, as `MnistCompare compare` does (see its description
below). Prints a human-readable summary and machine-readable "RESULT key=value" lines.
"""

import argparse
import math
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


# ---- epoch: the comparison's own work -----------------------------------------------------------------------------
#
# What MnistCompare does for one activation x seed, written the way a PyTorch user would: the dataset resident in one
# float tensor scaled to [0,1], a fresh permutation from a seeded generator every epoch, batches gathered by index,
# Adam (lr 1e-3), log-softmax + NLL, gradient values clipped to 0.5, and after every epoch a validation pass over the
# test set in batches of 128 (as the app) under no_grad. ReLU, sigmoid, ELU and leaky ReLU are PyTorch's modules; GELU
# (tanh form) and SELU are the formulas, as MnistCompare composes them from tensor ops (--builtin: PyTorch's modules
# for those too). SELU brings LeCun-normal initialisation and alpha dropout.

SELU_LAMBDA = 1.0507009873554804934193349852946
SELU_ALPHA = 1.6732632423543772848170429916717
GELU_COEFFICIENT = math.sqrt(2.0 / math.pi)


class GeluTanh(nn.Module):
    def forward(self, x):
        return 0.5 * x * (1.0 + torch.tanh(GELU_COEFFICIENT * (x + 0.044715 * x * x * x)))


class Selu(nn.Module):
    # lambda * (max(0, x) + alpha * (e^min(0, x) - 1)): min(0, x) keeps the exponential finite.
    def forward(self, x):
        return SELU_LAMBDA * (torch.clamp(x, min=0.0) + SELU_ALPHA * (torch.exp(torch.clamp(x, max=0.0)) - 1.0))


def activation_module(name, builtin):
    base, _, parameter = name.partition(":")
    if base == "relu":
        return nn.ReLU()
    if base == "sigmoid":
        return nn.Sigmoid()
    if base == "elu":
        return nn.ELU(float(parameter or 1.0))
    if base == "leaky-relu":
        return nn.LeakyReLU(float(parameter or 0.01))
    if base == "selu":
        return nn.SELU() if builtin else Selu()
    if base == "gelu":
        return nn.GELU(approximate="tanh") if builtin else GeluTanh()
    raise SystemExit(f"bench_reference: activation {name!r} is not in the reference (relu, sigmoid, elu[:a], leaky-relu[:a], selu, gelu)")


def comparison_cnn(name, builtin):
    selu = name.partition(":")[0] == "selu"
    dropout = nn.AlphaDropout if selu else nn.Dropout
    model = nn.Sequential(
        nn.Conv2d(1, 32, 3),
        activation_module(name, builtin),
        nn.Conv2d(32, 64, 3),
        activation_module(name, builtin),
        nn.MaxPool2d(2),
        dropout(0.25),
        nn.Flatten(),
        nn.Linear(9216, 128),
        activation_module(name, builtin),
        dropout(0.5),
        nn.Linear(128, 10),
        nn.LogSoftmax(dim=1),
    )
    if selu:
        # LeCun-normal: N(0, 1/fan_in), zero biases.
        for layer in model:
            if isinstance(layer, (nn.Conv2d, nn.Linear)):
                fan_in = layer.weight[0].numel()
                nn.init.normal_(layer.weight, 0.0, 1.0 / math.sqrt(fan_in))
                nn.init.zeros_(layer.bias)
    return model


def read_idx(path):
    """An IDX file (raw, or .gz) as a uint8 tensor of the shape its header declares."""
    import gzip
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    if data[0] != 0 or data[1] != 0 or data[2] != 0x08:
        raise SystemExit(f"bench_reference: {path}: not an unsigned-byte IDX file")
    rank = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    offset = 4 + 4 * rank
    return torch.frombuffer(bytearray(data[offset:]), dtype=torch.uint8).reshape(shape)


def load_split(directory, images_name, labels_name, limit=None):
    def find(name):
        for candidate in (name, name + ".gz"):
            path = os.path.join(directory, candidate)
            if os.path.exists(path):
                return path
        raise SystemExit(f"bench_reference: {os.path.join(directory, name)} not found (run scripts/setup.sh)")
    images = read_idx(find(images_name))
    labels = read_idx(find(labels_name))
    if limit is not None:
        if limit > images.shape[0]:
            raise SystemExit(f"bench_reference: --train-limit {limit} is more than the {images.shape[0]} images")
        images, labels = images[:limit], labels[:limit]
    return images.unsqueeze(1).to(torch.float32).div_(255.0), labels.to(torch.int64)


def train_epoch(model, optimizer, parameters, images, labels, generator, batch):
    model.train()
    count = images.shape[0]
    order = torch.randperm(count, generator=generator)
    loss_sum = 0.0
    correct = 0
    for start in range(0, count, batch):
        indices = order[start:start + batch]
        x = images.index_select(0, indices)
        y = labels.index_select(0, indices)
        optimizer.zero_grad()
        output = model(x)
        loss = F.nll_loss(output, y)
        value = loss.item()  # read every batch, as MnistCompare does to stop at the first non-finite loss
        if not math.isfinite(value):
            return float("nan"), float("nan"), True
        loss.backward()
        nn.utils.clip_grad_value_(parameters, 0.5)
        optimizer.step()
        loss_sum += value * x.shape[0]
        with torch.no_grad():
            correct += output.argmax(1).eq(y).sum().item()
    return loss_sum / count, correct / count, False


def evaluate(model, images, labels, batch):
    model.eval()
    loss_sum = 0.0
    correct = 0
    with torch.no_grad():
        for start in range(0, images.shape[0], batch):
            output = model(images[start:start + batch])
            y = labels[start:start + batch]
            loss_sum += F.nll_loss(output, y, reduction="sum").item()
            correct += output.argmax(1).eq(y).sum().item()
    model.train()
    return loss_sum / images.shape[0], correct / images.shape[0]


def result_key(name):
    """An activation name as a RESULT key: leaky-relu:0.2 -> leaky_relu_0_2."""
    return "".join(c if c.isalnum() else "_" for c in name)


def epoch(args):
    load_start = time.perf_counter()
    train_x, train_y = load_split(args.data, "train-images-idx3-ubyte", "train-labels-idx1-ubyte", args.train_limit)
    test_x, test_y = load_split(args.data, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")
    load_seconds = time.perf_counter() - load_start
    result("side", "PyTorch")
    result("threads", torch.get_num_threads())
    result("train_images", train_x.shape[0])
    result("validation_images", test_x.shape[0])
    result("load_s", load_seconds)
    clock = time.perf_counter
    for name in args.activations.split(","):
        torch.manual_seed(args.seed)
        generator = torch.Generator().manual_seed(args.seed)
        model = comparison_cnn(name, args.builtin)
        parameters = list(model.parameters())
        optimizer = torch.optim.Adam(parameters, lr=1e-3)
        train_seconds = val_seconds = 0.0
        for e in range(1, args.epochs + 1):
            t0 = clock()
            train_loss, train_acc, diverged = train_epoch(model, optimizer, parameters, train_x, train_y, generator, args.batch)
            t1 = clock()
            val_loss, val_acc = (float("nan"), float("nan")) if diverged else evaluate(model, test_x, test_y, args.eval_batch)
            t2 = clock()
            train_seconds += t1 - t0
            val_seconds += t2 - t1
            print(f"PyTorch {name} seed {args.seed} epoch {e}/{args.epochs}: train loss {train_loss:.4f} acc {train_acc * 100:.2f}% | "
                  f"val loss {val_loss:.4f} acc {val_acc * 100:.2f}% | {t2 - t0:.1f} s (validation {t2 - t1:.2f} s)", flush=True)
            if diverged:
                break
        key = result_key(name)
        result(f"train_s_{key}", train_seconds)
        result(f"val_s_{key}", val_seconds)
        result(f"val_acc_{key}", val_acc)
    result("max_rss_kb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


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
    whole = modes.add_parser("epoch", help="train the comparison's CNN for whole epochs, once per activation")
    for mode in (train, tiny, whole):
        mode.add_argument("--threads", type=positive, default=os.cpu_count())
    train.add_argument("--warmup", type=non_negative, default=5)
    train.add_argument("--iterations", type=positive, default=30)
    train.add_argument("--batch", type=positive, default=128)
    train.add_argument("--seed", type=non_negative, default=1)
    tiny.add_argument("--iterations", type=positive, default=200_000)
    tiny.add_argument("--batches", type=positive, default=20)
    whole.add_argument("-a", "--activations", default="relu")
    whole.add_argument("--data", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "mnist"))
    whole.add_argument("--train-limit", type=positive, default=None)
    whole.add_argument("--epochs", type=positive, default=1)
    whole.add_argument("--seed", type=non_negative, default=1)
    whole.add_argument("--batch", type=positive, default=128)
    # The app validates in batches of its training batch size (src/MnistCompare/Training/RunSettings.cs): same work.
    whole.add_argument("--eval-batch", type=positive, default=128)
    whole.add_argument("--builtin", action="store_true", help="PyTorch's own GELU (tanh) and SELU modules instead of the formulas")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    if torch.get_num_threads() != args.threads:
        sys.exit(f"bench_reference: torch.set_num_threads({args.threads}) was not honoured "
                 f"(get_num_threads() = {torch.get_num_threads()})")
    if args.mode == "train-step":
        train_step(args)
    elif args.mode == "epoch":
        epoch(args)
    else:
        tiny_op(args)


if __name__ == "__main__":
    main()
