"""Times single-threaded OpenBLAS sgemm on the convolution shapes of the CIFAR ResNets.

For each stage (16, 32 and 64 channels at the chunk widths Conv2d uses) it compares:
- the weight gradient as dy x columns^T ([O, K]) against columns x dy^T ([K, O]);
- the forward product of one chunk of images against one product per image.
Then it checks, for CIFAR and Fashion-MNIST image sizes, whether an image's own product has
the same bits as its columns of the chunk's product.
It loads the system's OpenBLAS with ctypes, so it needs only Python 3 and NumPy, and it
prints microseconds per call (best of 5 rounds). The results are in benchmarks/RESULTS.md.

Usage: python3 benchmarks/sgemm_orientations.py
"""
import ctypes
import time

import numpy as np

LIBRARY = ctypes.CDLL("libopenblas.so.0")
LIBRARY.openblas_set_num_threads(1)
LIBRARY.openblas_get_corename.restype = ctypes.c_char_p
FLOAT_POINTER = ctypes.POINTER(ctypes.c_float)
ROW_MAJOR, NO_TRANSPOSE, TRANSPOSE = 101, 111, 112


def pointer(array, offset=0):
    return ctypes.cast(array.ctypes.data + 4 * offset, FLOAT_POINTER)


def sgemm(transpose_a, transpose_b, m, n, k, a, lda, b, ldb, beta, c, ldc):
    LIBRARY.cblas_sgemm(ROW_MAJOR, TRANSPOSE if transpose_a else NO_TRANSPOSE,
                        TRANSPOSE if transpose_b else NO_TRANSPOSE, m, n, k, ctypes.c_float(1),
                        a, lda, b, ldb, ctypes.c_float(beta), c, ldc)


def microseconds(call, repetitions=30):
    for _ in range(3):
        call()
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(repetitions):
            call()
        best = min(best, (time.perf_counter() - start) / repetitions)
    return best * 1e6


def main():
    generator = np.random.default_rng(0)
    print(f"OpenBLAS core {LIBRARY.openblas_get_corename().decode()}, one thread")
    print("O, K, image columns, images: weight gradient [O,K] / [K,O]; forward chunk / per image (us)")
    for channels, image_columns, images in [(16, 1024, 2), (32, 256, 8), (64, 64, 16)]:
        rows, width = 9 * channels, image_columns * images
        columns = generator.random(rows * width, dtype=np.float32)
        gradient = generator.random(channels * width, dtype=np.float32)
        weight = generator.random(channels * rows, dtype=np.float32)
        partial = np.zeros(rows * channels, dtype=np.float32)
        output = np.zeros(channels * width, dtype=np.float32)

        def gradient_o_k():
            sgemm(False, True, channels, rows, width, pointer(gradient), width, pointer(columns), width,
                  0, pointer(partial), rows)

        def gradient_k_o():
            sgemm(False, True, rows, channels, width, pointer(columns), width, pointer(gradient), width,
                  0, pointer(partial), channels)

        def forward_chunk():
            sgemm(False, False, channels, width, rows, pointer(weight), rows, pointer(columns), width,
                  0, pointer(output), width)

        def forward_per_image():
            # As Conv2d does it: each image's own dense [K, Ho * Wo] matrix, rows
            # image_columns floats apart.
            for image in range(images):
                sgemm(False, False, channels, image_columns, rows, pointer(weight), rows,
                      pointer(columns, image * rows * image_columns), image_columns, 0,
                      pointer(output, image * channels * image_columns), image_columns)

        print(f"{channels}, {rows}, {image_columns}, {images}: "
              f"{microseconds(gradient_o_k):.0f} / {microseconds(gradient_k_o):.0f}; "
              f"{microseconds(forward_chunk):.0f} / {microseconds(forward_per_image):.0f}")


def same_bits_per_image_and_in_chunk(channels, image_columns, images, generator):
    rows, width = 9 * channels, image_columns * images
    weight = generator.standard_normal(channels * rows, dtype=np.float32)
    columns = generator.standard_normal(rows * width, dtype=np.float32)
    chunk = np.zeros(channels * width, dtype=np.float32)
    sgemm(False, False, channels, width, rows, pointer(weight), rows, pointer(columns), width,
          0, pointer(chunk), width)
    for image in range(images):
        dense = np.ascontiguousarray(columns.reshape(rows, width)[:, image * image_columns:(image + 1) * image_columns])
        alone = np.zeros(channels * image_columns, dtype=np.float32)
        sgemm(False, False, channels, image_columns, rows, pointer(weight), rows, pointer(dense), image_columns,
              0, pointer(alone), image_columns)
        in_chunk = chunk.reshape(channels, width)[:, image * image_columns:(image + 1) * image_columns]
        if not np.array_equal(alone.view(np.uint32), np.ascontiguousarray(in_chunk).ravel().view(np.uint32)):
            return False
    return True


def check_bits():
    generator = np.random.default_rng(1)
    print("O, K, image columns, images: per-image product has the chunk's bits")
    for channels, image_columns, images in [(16, 1024, 2), (32, 256, 8), (64, 64, 16), (16, 784, 2),
                                            (16, 196, 8), (32, 49, 16)]:
        same = same_bits_per_image_and_in_chunk(channels, image_columns, images, generator)
        print(f"{channels}, {9 * channels}, {image_columns}, {images}: {same}")


if __name__ == "__main__":
    main()
    check_bits()
