#!/usr/bin/python3
"""PyTorch side of scripts/bench.sh: the work of `MnistCompare compare`, timed the same way.

Run it with Debian's interpreter (python3-torch, PyTorch 1.13, is installed for /usr/bin/python3 only; it is older
than the libtorch 2.10 TorchSharp brings, and the only PyTorch our machines can install):

    /usr/bin/python3 scripts/bench_reference.py epoch -a relu,selu,gelu [--threads N] [--data data/mnist] [--train-limit 10000]
                                                      [--epochs 1] [--seed 1] [--builtin] [--autocast]

epoch trains the tutorial CNN once per activation, in turn, as `MnistCompare compare` does (see its description
below); --autocast runs the forward passes under torch.autocast("cpu", dtype=torch.bfloat16), PyTorch's mixed
precision, against which `compare --precision bf16` is measured. Prints a human-readable summary and
machine-readable "RESULT key=value" lines.
"""

import argparse
import math
import os
import resource
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

def result(key, value):
    if isinstance(value, float):
        value = f"{value:.6f}".rstrip("0").rstrip(".")
    print(f"RESULT {key}={value}")


# ---- epoch: the comparison's own work -----------------------------------------------------------------------------
#
# What MnistCompare does for one activation x seed, written the way a PyTorch user would: the dataset resident in one
# float tensor scaled to [0,1], a fresh permutation from a seeded generator every epoch, batches gathered by index,
# Adam (lr 1e-3), log-softmax + NLL, gradient values clipped to 0.5, and after every epoch a validation pass over the
# test set in batches of 128 (as the app) under no_grad. The logits go to float32 before log-softmax, which under
# --autocast keeps the loss in float32 as the app's bf16 does (a no-op in float32). ReLU, sigmoid, ELU and leaky ReLU are PyTorch's modules; GELU
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


class Float32LogSoftmax(nn.Module):
    def forward(self, x):
        return F.log_softmax(x.float(), dim=1)


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
        Float32LogSoftmax(),
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


def precision_context(autocast):
    """PyTorch's mixed precision on the CPU when asked for, else nothing."""
    import contextlib
    return torch.autocast("cpu", dtype=torch.bfloat16) if autocast else contextlib.nullcontext()


def train_epoch(model, optimizer, parameters, images, labels, generator, batch, autocast):
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
        with precision_context(autocast):
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


def evaluate(model, images, labels, batch, autocast):
    model.eval()
    loss_sum = 0.0
    correct = 0
    with torch.no_grad(), precision_context(autocast):
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
    result("version", torch.__version__)
    result("precision", "bf16-autocast" if args.autocast else "fp32")
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
            train_loss, train_acc, diverged = train_epoch(model, optimizer, parameters, train_x, train_y, generator, args.batch, args.autocast)
            t1 = clock()
            val_loss, val_acc = (float("nan"), float("nan")) if diverged else evaluate(model, test_x, test_y, args.eval_batch, args.autocast)
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
    whole = modes.add_parser("epoch", help="train the comparison's CNN for whole epochs, once per activation")
    whole.add_argument("--threads", type=positive, default=os.cpu_count())
    whole.add_argument("-a", "--activations", default="relu")
    whole.add_argument("--data", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "mnist"))
    whole.add_argument("--train-limit", type=positive, default=None)
    whole.add_argument("--epochs", type=positive, default=1)
    whole.add_argument("--seed", type=non_negative, default=1)
    whole.add_argument("--batch", type=positive, default=128)
    # The app validates in batches of its training batch size (src/MnistCompare/Training/RunSettings.cs): same work.
    whole.add_argument("--eval-batch", type=positive, default=128)
    whole.add_argument("--builtin", action="store_true", help="PyTorch's own GELU (tanh) and SELU modules instead of the formulas")
    whole.add_argument("--autocast", action="store_true", help='forward passes under torch.autocast("cpu", dtype=torch.bfloat16)')
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    if torch.get_num_threads() != args.threads:
        sys.exit(f"bench_reference: torch.set_num_threads({args.threads}) was not honoured "
                 f"(get_num_threads() = {torch.get_num_threads()})")
    epoch(args)


if __name__ == "__main__":
    main()
