"""The PyTorch side of Sweeps.Interop.Tests: a ResNet written here with torchvision's module names
(conv1, bn1, layer1..layer4, fc; blocks with conv1/bn1/..., downsample.0/1), so that a state_dict
with torchvision's keys loads into it with strict=True. Nothing is imported from torchvision except
in the 'torchvision' command, which checks the real torchvision.models.resnetNN.

Images and logits travel as raw little-endian float32 files: images N x 3 x 64 x 64 in [0, 1],
logits N x classes.

Commands:
  logits STATE_DICT ARCH NOTE IMAGES N LOGITS_OUT
      loads STATE_DICT into our ResNet, normalises IMAGES with the note's mean and std, writes logits.
  random ARCH CLASSES SEED STATE_DICT_OUT IMAGES N LOGITS_OUT
      a ResNet with random weights and random BatchNorm statistics: saves its state_dict with
      torch.save, and its logits for IMAGES normalised with ImageNet's mean and std.
  legacy STATE_DICT_OUT
      a tiny state_dict saved in torch.save's legacy (non-zip) format.
  wrapped STATE_DICT_OUT
      a tiny state_dict inside a training checkpoint's dictionary ({'state_dict': ..., 'epoch': 3}).
  torchvision ARCH CLASSES STATE_DICT
      loads STATE_DICT into torchvision.models.ARCH(num_classes=CLASSES) with strict=True.
"""
import json
import sys

import numpy as np
import torch
from torch import nn

IMAGENET_MEAN = [0.485, 0.456, 0.406]
IMAGENET_STD = [0.229, 0.224, 0.225]
LAYOUTS = {
    "resnet18": ("basic", [2, 2, 2, 2]),
    "resnet34": ("basic", [3, 4, 6, 3]),
    "resnet50": ("bottleneck", [3, 4, 6, 3]),
    "resnet101": ("bottleneck", [3, 4, 23, 3]),
    "resnet152": ("bottleneck", [3, 8, 36, 3]),
}


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, inplanes, planes, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU()
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = None
        if stride != 1 or inplanes != planes:
            self.downsample = nn.Sequential(nn.Conv2d(inplanes, planes, 1, stride, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        out = self.bn2(self.conv2(self.relu(self.bn1(self.conv1(x)))))
        shortcut = x if self.downsample is None else self.downsample(x)
        return self.relu(out + shortcut)


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, inplanes, planes, stride):
        super().__init__()
        out_planes = planes * self.expansion
        self.conv1 = nn.Conv2d(inplanes, planes, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, out_planes, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(out_planes)
        self.relu = nn.ReLU()
        self.downsample = None
        if stride != 1 or inplanes != out_planes:
            self.downsample = nn.Sequential(nn.Conv2d(inplanes, out_planes, 1, stride, bias=False), nn.BatchNorm2d(out_planes))

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        shortcut = x if self.downsample is None else self.downsample(x)
        return self.relu(out + shortcut)


class ResNet(nn.Module):
    def __init__(self, arch, num_classes):
        super().__init__()
        kind, blocks = LAYOUTS[arch]
        block = BasicBlock if kind == "basic" else Bottleneck
        self.conv1 = nn.Conv2d(3, 64, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU()
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        inplanes = 64
        for index, (planes, count) in enumerate(zip([64, 128, 256, 512], blocks)):
            stride = 1 if index == 0 else 2
            stage = []
            for position in range(count):
                stage.append(block(inplanes, planes, stride if position == 0 else 1))
                inplanes = planes * block.expansion
            setattr(self, f"layer{index + 1}", nn.Sequential(*stage))
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(inplanes, num_classes)

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return self.fc(torch.flatten(self.avgpool(x), 1))


def read_images(path, count):
    return torch.from_numpy(np.fromfile(path, dtype="<f4").reshape(count, 3, 64, 64).copy())


def normalised(images, mean, std):
    return (images - torch.tensor(mean).view(1, 3, 1, 1)) / torch.tensor(std).view(1, 3, 1, 1)


def write_logits(model, images, path):
    model.eval()
    with torch.no_grad():
        model(images).numpy().astype("<f4").tofile(path)


def logits(state_dict_path, arch, note_path, images_path, count, out_path):
    note = json.load(open(note_path))
    state_dict = torch.load(state_dict_path)
    model = ResNet(arch, note["classes"]["count"])
    model.load_state_dict(state_dict, strict=True)
    images = normalised(read_images(images_path, count), note["input"]["mean"], note["input"]["std"])
    write_logits(model, images, out_path)


def random_model(arch, classes, seed, state_dict_path, images_path, count, out_path):
    torch.manual_seed(seed)
    model = ResNet(arch, classes)
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, nn.BatchNorm2d):
                module.weight.uniform_(0.5, 1.5)
                module.bias.uniform_(-0.2, 0.2)
                module.running_mean.uniform_(-0.2, 0.2)
                module.running_var.uniform_(0.5, 2.0)
                module.num_batches_tracked.fill_(7)
    torch.save(model.state_dict(), state_dict_path)
    write_logits(model, normalised(read_images(images_path, count), IMAGENET_MEAN, IMAGENET_STD), out_path)


def legacy(state_dict_path):
    torch.save(nn.Linear(2, 3).state_dict(), state_dict_path, _use_new_zipfile_serialization=False)


def wrapped(state_dict_path):
    torch.save({"state_dict": nn.Linear(2, 3).state_dict(), "epoch": 3}, state_dict_path)


def torchvision_load(arch, classes, state_dict_path):
    import torchvision

    model = getattr(torchvision.models, arch)(num_classes=classes)
    model.load_state_dict(torch.load(state_dict_path), strict=True)
    print(f"{arch}: {len(model.state_dict())} keys loaded with strict=True")


if __name__ == "__main__":
    torch.set_num_threads(1)
    command, args = sys.argv[1], sys.argv[2:]
    if command == "logits":
        logits(args[0], args[1], args[2], args[3], int(args[4]), args[5])
    elif command == "random":
        random_model(args[0], int(args[1]), int(args[2]), args[3], args[4], int(args[5]), args[6])
    elif command == "legacy":
        legacy(args[0])
    elif command == "wrapped":
        wrapped(args[0])
    elif command == "torchvision":
        torchvision_load(args[0], int(args[1]), args[2])
    else:
        sys.exit(f"unknown command {command}")
