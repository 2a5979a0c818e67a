#!/usr/bin/env python3
"""Writes the small .npy and .pickle fixtures that the synvae-data format tests read.

Run from this directory with Python 3 and NumPy (made with NumPy 2.4):
    python3 make_fixtures.py
The arrays are deterministic (arange-based) so the Java tests can check exact values.
Tests never run this script; the generated files are committed next to it.
"""
import pickle

import numpy as np

# The same kind of content as the MNIST reconstruction pickles: (images uint8 [N,H,W], labels uint8 [N]).
IMAGES = (np.arange(60) * 4).astype(np.uint8).reshape(5, 4, 3)
LABELS = np.array([0, 1, 2, 3, 9], dtype=np.uint8)

for protocol in (2, 3, 4, 5):
    with open(f"mini_p{protocol}.pkl", "wb") as f:
        pickle.dump((IMAGES, LABELS), f, protocol=protocol)

# One pickle with every supported value kind, for protocols 2 and 5.
MIXED = {
    "str": "héllo",
    b"bytes": b"\x00\x01\xff",
    "small": 7,
    "negative": -300,
    "int32": 2**31 - 1,
    "big": 2**70,
    "bigneg": -(2**64),
    "float": 0.25,
    "true": True,
    "false": False,
    "none": None,
    "list": [1, "two", 3.0],
    "tuple": (1, (2, 3)),
    "empty_tuple": (),
    "bytearray": bytearray(b"ab"),
    "f4": np.arange(6, dtype="<f4").reshape(2, 3) / 2,
    "i8": np.array([-1, 0, 2**40], dtype="<i8"),
    "f8_big_endian": np.arange(4, dtype=">f8"),
    "i2_big_endian": np.array([-2, 513], dtype=">i2"),
    "f2": np.array([0.5, -2.0, 65504.0], dtype="<f2"),
    "bool": np.array([True, False, True]),
    "empty": np.zeros((0, 3), dtype=np.float32),
    "zero_d": np.array(3.5, dtype=np.float64),
    "np_float32": np.float32(1.5),
    "np_int64": np.int64(-42),
    "np_uint8": np.uint8(200),
}
for protocol in (2, 5):
    with open(f"mixed_p{protocol}.pkl", "wb") as f:
        pickle.dump(MIXED, f, protocol=protocol)

# Arrays the reader must reject.
FORTRAN = np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3))
for protocol in (2, 5):
    with open(f"fortran_p{protocol}.pkl", "wb") as f:
        pickle.dump(FORTRAN, f, protocol=protocol)
with open("object_array_p4.pkl", "wb") as f:
    pickle.dump(np.array([1, "a"], dtype=object), f, protocol=4)
with open("complex_p4.pkl", "wb") as f:
    pickle.dump(np.array([1 + 2j], dtype=np.complex64), f, protocol=4)


class Evil:  # any class outside the allow list: it must never be instantiated
    def __reduce__(self):
        import os
        return (os.system, ("echo pwned",))


with open("evil_global.pkl", "wb") as f:
    pickle.dump([1, Evil()], f, protocol=2)

# .npy files, written by numpy itself.
np.save("labels_f8.npy", np.array([0, 1, 2, 3, 9], dtype=np.float64))
np.save("images_u1.npy", IMAGES)
np.save("vector_i8.npy", np.array([-5, 0, 5, 2**40, -(2**40)], dtype=np.int64))
np.save("matrix_f4.npy", np.arange(12, dtype=np.float32).reshape(3, 4) / 4)
np.save("big_endian_f4.npy", np.arange(6, dtype=">f4").reshape(2, 3))
np.save("big_endian_i4.npy", np.array([-1, 2, 70000], dtype=">i4"))
np.save("bool.npy", np.array([[True, False], [False, True]]))
np.save("int8.npy", np.array([-128, -1, 0, 127], dtype=np.int8))
np.save("int16.npy", np.array([-32768, 1, 32767], dtype=np.int16))
np.save("uint16.npy", np.array([0, 1, 65535], dtype=np.uint16))
np.save("int32.npy", np.array([-(2**31), 0, 2**31 - 1], dtype=np.int32))
np.save("float16.npy", np.array([0.5, -2.0, 65504.0, 6.1035156e-05], dtype=np.float16))
np.save("scalar_f8.npy", np.array(2.5))
np.save("empty_f4.npy", np.zeros((0, 3), dtype=np.float32))
np.save("fortran.npy", FORTRAN)
np.save("object.npy", np.array([1, "a"], dtype=object), allow_pickle=True)
np.save("complex.npy", np.array([1 + 2j], dtype=np.complex64))
np.save("unicode.npy", np.array(["abc"]))
np.save("uint32.npy", np.array([1, 2], dtype=np.uint32))
with open("v2_f4.npy", "wb") as f:
    np.lib.format.write_array(f, np.arange(6, dtype=np.float32).reshape(2, 3), version=(2, 0))
with open("v3_f4.npy", "wb") as f:
    np.lib.format.write_array(f, np.arange(6, dtype=np.float32).reshape(2, 3), version=(3, 0))
