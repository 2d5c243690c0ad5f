#!/usr/bin/env python3
"""Writes the small data fixtures of the data tests (Fixtures/Data and ImageIOTests/Fixtures).

Run from the repository root with Python 3 and numpy (made with Python 3.11.7, numpy 2.4.6):

    python3 Tests/TrainingCoreTests/Fixtures/Data/make_fixtures.py

Pickles are made by Python's own pickler. The distributed CIFAR files were written by
Python 2, which is not installed here. So `Python2StylePickler` writes byte strings and
text the way Python 2 wrote `str` (SHORT_BINSTRING/BINSTRING), and it names the module
`numpy.core.multiarray` as numpy 1.x did. Every other opcode comes from pickle itself.
Pixel values come from numpy's legacy RandomState, whose stream is fixed.
"""
import gzip
import io
import os
import pickle
import struct
import zlib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
IMAGEIO = os.path.join(HERE, "..", "..", "..", "ImageIOTests", "Fixtures")


class Python2StylePickler(pickle._Pickler):
    """Protocol 2 as Python 2 wrote it: bytes and ASCII text both become Python 2 `str`."""

    dispatch = pickle._Pickler.dispatch.copy()

    def save_py2_string(self, obj):
        raw = obj.encode("ascii") if isinstance(obj, str) else obj
        if len(raw) < 256:
            self.write(pickle.SHORT_BINSTRING + bytes([len(raw)]) + raw)
        else:
            self.write(pickle.BINSTRING + struct.pack("<i", len(raw)) + raw)
        self.memoize(obj)

    dispatch[bytes] = save_py2_string
    dispatch[str] = save_py2_string


def python2_pickle(obj):
    buffer = io.BytesIO()
    Python2StylePickler(buffer, protocol=2).dump(obj)
    return buffer.getvalue().replace(b"numpy._core.multiarray\n", b"numpy.core.multiarray\n")


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)


def images(random, count):
    return random.randint(0, 256, size=(count, 3072)).astype(np.uint8)


def make_cifar10(random):
    names = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
    python_dir = os.path.join(HERE, "cifar-10-batches-py")
    binary_dir = os.path.join(HERE, "cifar-10-batches-bin")
    batches = [("data_batch_%d" % index, 2) for index in range(1, 6)] + [("test_batch", 3)]
    for batch_name, count in batches:
        data = images(random, count)
        labels = [int(label) for label in random.randint(0, 10, size=count)]
        batch = {
            b"batch_label": ("fixture " + batch_name).encode(),
            b"labels": labels,
            b"data": data,
            b"filenames": [b"image_%d.png" % index for index in range(count)],
        }
        write(os.path.join(python_dir, batch_name), python2_pickle(batch))
        records = b"".join(bytes([label]) + row.tobytes() for label, row in zip(labels, data))
        write(os.path.join(binary_dir, batch_name + ".bin"), records)
    meta = {b"label_names": [name.encode() for name in names], b"num_cases_per_batch": 2, b"num_vis": 3072}
    write(os.path.join(python_dir, "batches.meta"), python2_pickle(meta))
    write(os.path.join(binary_dir, "batches.meta.txt"), ("\n".join(names) + "\n\n").encode())


def make_cifar100(random):
    """Re-saved by Python 3 at protocol 5 (arrays as _frombuffer), keys kept as bytes."""
    fine_names = ["fine%02d" % index for index in range(100)]
    coarse_names = ["coarse%02d" % index for index in range(20)]
    python_dir = os.path.join(HERE, "cifar-100-python")
    binary_dir = os.path.join(HERE, "cifar-100-binary")
    for split, count in [("train", 4), ("test", 2)]:
        data = images(random, count)
        fine = [int(label) for label in random.randint(0, 100, size=count)]
        coarse = [label // 5 for label in fine]
        batch = {b"filenames": [b"f.png"] * count, b"batch_label": split.encode(),
                 b"fine_labels": fine, b"coarse_labels": coarse, b"data": data}
        write(os.path.join(python_dir, split), pickle.dumps(batch, protocol=5))
        records = b"".join(bytes([c, f]) + row.tobytes() for c, f, row in zip(coarse, fine, data))
        write(os.path.join(binary_dir, split + ".bin"), records)
    meta = {b"fine_label_names": [n.encode() for n in fine_names],
            b"coarse_label_names": [n.encode() for n in coarse_names]}
    write(os.path.join(python_dir, "meta"), pickle.dumps(meta, protocol=5))
    write(os.path.join(binary_dir, "fine_label_names.txt"), "\n".join(fine_names).encode())
    write(os.path.join(binary_dir, "coarse_label_names.txt"), "\n".join(coarse_names).encode())


class Shell:
    """Pickles as a call of os.system; the reader must reject it without calling anything."""

    def __reduce__(self):
        return (os.system, ("echo should never run",))


def make_pickles():
    sample = {
        "data": np.arange(6, dtype=np.uint8).reshape(2, 3),
        "wide": np.array([1, -2, 2**40], dtype="<i8"),
        "labels": [0, 1, 300, -5, 2**40, -(2**40)],
        "name": "cifar",
        b"raw": b"\x00\xff",
        "empty": b"",
        "pi": 3.5,
        "flags": (True, False, None),
        "nested": [[1], {"a": 2}],
        "label64": np.int64(7),
    }
    for protocol in (2, 3, 4, 5):
        write(os.path.join(HERE, "pickle", "protocol%d.pkl" % protocol), pickle.dumps(sample, protocol=protocol))
    write(os.path.join(HERE, "pickle", "python2-style.pkl"), python2_pickle(sample))
    write(os.path.join(HERE, "pickle", "os-system.pkl"), pickle.dumps(Shell(), protocol=2))
    write(os.path.join(HERE, "pickle", "protocol0.pkl"), pickle.dumps([1, 2], protocol=0))
    write(os.path.join(HERE, "pickle", "set.pkl"), pickle.dumps({"s": {1, 2}}, protocol=4))


def make_idx(random):
    count, side = 6, 4
    pixels = random.randint(0, 256, size=(count, side, side)).astype(np.uint8)
    labels = np.array([0, 1, 2, 0, 1, 2], dtype=np.uint8)
    image_file = struct.pack(">IIII", 0x803, count, side, side) + pixels.tobytes()
    label_file = struct.pack(">II", 0x801, count) + labels.tobytes()
    write(os.path.join(HERE, "idx", "images-idx3-ubyte"), image_file)
    write(os.path.join(HERE, "idx", "labels-idx1-ubyte"), label_file)
    write(os.path.join(HERE, "idx", "images-idx3-ubyte.gz"), gzip.compress(image_file, mtime=0))
    write(os.path.join(HERE, "idx", "labels-idx1-ubyte.gz"), gzip.compress(label_file, mtime=0))


def png(width, height, color_type, bit_depth, rows):
    """A minimal PNG: IHDR, one IDAT with filter type 0 on every row, IEND."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0)
    scanlines = b"".join(b"\x00" + row for row in rows)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(scanlines))
            + chunk(b"IEND", b""))


def make_pngs():
    # 3 x 2 RGB: red, green, blue / white, black, grey.
    rgb_rows = [bytes([255, 0, 0, 0, 255, 0, 0, 0, 255]), bytes([255, 255, 255, 0, 0, 0, 128, 128, 128])]
    write(os.path.join(IMAGEIO, "rgb-3x2.png"), png(3, 2, 2, 8, rgb_rows))
    write(os.path.join(IMAGEIO, "gray-2x2.png"), png(2, 2, 0, 8, [bytes([0, 64]), bytes([128, 255])]))
    # One opaque white pixel and one fully transparent white pixel.
    write(os.path.join(IMAGEIO, "rgba-2x1.png"), png(2, 1, 6, 8, [bytes([255, 255, 255, 255, 255, 255, 255, 0])]))
    write(os.path.join(IMAGEIO, "gray16-1x1.png"), png(1, 1, 0, 16, [bytes([0x12, 0x34])]))

    folder = os.path.join(HERE, "folder")
    for split, per_class in [("train", 2), ("test", 1)]:
        for label, name in enumerate(["cat", "dog"]):
            for index in range(per_class):
                value = 40 * label + 10 * index
                rows = [bytes([value, value + 1, value + 2] * 3) for _ in range(2)]
                write(os.path.join(folder, split, name, "%d.png" % index), png(3, 2, 2, 8, rows))

    # Two images of different sizes in one class: loading must fail on the second.
    mismatch = os.path.join(HERE, "folder-mismatch", "cat")
    write(os.path.join(mismatch, "a.png"), png(3, 2, 2, 8, [bytes(9)] * 2))
    write(os.path.join(mismatch, "b.png"), png(4, 4, 2, 8, [bytes(12)] * 4))


if __name__ == "__main__":
    random = np.random.RandomState(20240601)
    make_cifar10(random)
    make_cifar100(random)
    make_pickles()
    make_idx(random)
    make_pngs()
