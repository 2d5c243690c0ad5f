"""Times PyTorch CPU training steps of the reference models, as atsbench-benchmark does.

One model (or the distillation step) per process, so that the peak resident memory is its own.
Batch 128 of uniform random 3x32x32 images, 100 classes, SGD (lr 0.05, momentum 0.9,
weight decay 5e-4), cross-entropy; the median of the timed steps after warm-up.
Prints one JSON line with the same keys as atsbench-benchmark.

usage: pytorch_step.py --model VGG8|ResNet14|ResNet110|WRN28-1 [--teacher ResNet110]
                       [--steps 30] [--warmup 3] [--threads 2]
"""
import argparse
import json
import resource
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class BasicBlock(nn.Module):
    """CIFAR ResNet basic block with a 1x1 convolution + batch norm shortcut when the shape changes."""

    def __init__(self, in_channels, out_channels, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels)
        self.downsample = None
        if stride != 1 or in_channels != out_channels:
            self.downsample = nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride, bias=False),
                                            nn.BatchNorm2d(out_channels))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        shortcut = x if self.downsample is None else self.downsample(x)
        return F.relu(out + shortcut)


class ResNet(nn.Module):
    """CIFAR ResNet of depth 6n+2, stages of 16-32-64 channels."""

    def __init__(self, depth, classes):
        super().__init__()
        blocks = (depth - 2) // 6
        self.conv1 = nn.Conv2d(3, 16, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        layers, channels = [], 16
        for stage, width in enumerate([16, 32, 64]):
            for index in range(blocks):
                layers.append(BasicBlock(channels, width, 2 if stage > 0 and index == 0 else 1))
                channels = width
        self.layers = nn.Sequential(*layers)
        self.fc = nn.Linear(64, classes)

    def forward(self, x):
        out = self.layers(F.relu(self.bn1(self.conv1(x))))
        return self.fc(F.adaptive_avg_pool2d(out, 1).flatten(1))


class VGG8(nn.Module):
    """VGG8 with batch norm: blocks of 64, 128, 256, 512, 512 channels, max pools after the first three."""

    def __init__(self, classes):
        super().__init__()
        layers, channels = [], 3
        for block, width in enumerate([64, 128, 256, 512, 512]):
            layers += [nn.Conv2d(channels, width, 3, padding=1), nn.BatchNorm2d(width), nn.ReLU()]
            if block <= 2:
                layers.append(nn.MaxPool2d(2, 2))
            channels = width
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Linear(512, classes)

    def forward(self, x):
        return self.classifier(F.adaptive_avg_pool2d(self.features(x), 1).flatten(1))


class PreActivationBlock(nn.Module):
    """WRN pre-activation block; a 1x1 shortcut on the activated input when the channels change."""

    def __init__(self, in_channels, out_channels, stride):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(in_channels)
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, 1, 1, bias=False)
        self.shortcut = None
        if in_channels != out_channels:
            self.shortcut = nn.Conv2d(in_channels, out_channels, 1, stride, bias=False)

    def forward(self, x):
        activated = F.relu(self.bn1(x))
        out = self.conv2(F.relu(self.bn2(self.conv1(activated))))
        return out + (x if self.shortcut is None else self.shortcut(activated))


class WideResNet(nn.Module):
    """WRN-depth-k for CIFAR, depth 6n+4, stages of 16k-32k-64k channels."""

    def __init__(self, depth, widen, classes):
        super().__init__()
        blocks = (depth - 4) // 6
        self.conv1 = nn.Conv2d(3, 16, 3, 1, 1, bias=False)
        layers, channels = [], 16
        for stage, width in enumerate([16 * widen, 32 * widen, 64 * widen]):
            for index in range(blocks):
                layers.append(PreActivationBlock(channels, width, 2 if stage > 0 and index == 0 else 1))
                channels = width
        self.blocks = nn.Sequential(*layers)
        self.bn1 = nn.BatchNorm2d(channels)
        self.fc = nn.Linear(channels, classes)

    def forward(self, x):
        out = F.relu(self.bn1(self.blocks(self.conv1(x))))
        return self.fc(F.adaptive_avg_pool2d(out, 1).flatten(1))


def build(name, classes):
    if name == "VGG8":
        return VGG8(classes)
    if name.startswith("ResNet"):
        return ResNet(int(name[len("ResNet"):]), classes)
    if name.startswith("WRN"):
        depth, widen = name[len("WRN"):].split("-")
        return WideResNet(int(depth), int(widen), classes)
    raise SystemExit(f"unknown model {name!r}: expected VGG8, ResNetD or WRND-K")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="VGG8")
    parser.add_argument("--teacher", help="a teacher whose eval forward (no_grad) precedes every step")
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--classes", type=int, default=100)
    args = parser.parse_args()

    torch.manual_seed(0)
    torch.set_num_threads(args.threads)
    model = build(args.model, args.classes).train()
    teacher = build(args.teacher, args.classes).eval() if args.teacher else None
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4)
    images = torch.rand(args.batch, 3, 32, 32) * 2 - 1
    labels = torch.arange(args.batch) % args.classes

    seconds = []
    for step in range(args.warmup + args.steps):
        start = time.perf_counter()
        if teacher is not None:
            with torch.no_grad():
                teacher(images)
        optimizer.zero_grad()
        loss = F.cross_entropy(model(images), labels)
        loss.backward()
        optimizer.step()
        elapsed = time.perf_counter() - start
        if step >= args.warmup:
            seconds.append(elapsed)

    median = statistics.median_low(seconds)
    name = f"{args.teacher}->{args.model}" if teacher is not None else args.model
    print(json.dumps({
        "model": name, "batch": args.batch, "threads": args.threads, "steps": args.steps,
        "median_step_seconds": median, "images_per_second": args.batch / median,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "torch_version": torch.__version__,
    }, sort_keys=True))


if __name__ == "__main__":
    main()
