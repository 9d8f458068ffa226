"""The NumPy arrays of a run folder, loaded only when asked for: a read-only mapping from the path
of each .npy / .npz file relative to the folder, without its extension ("samples", "probe/reps",
"dataset"), to the array (an .npz: a dict of its arrays). Every array the binary writes is .npy /
.npz, so numpy.load reads it (docs/design.md 10.6).
Deliberately not: checkpoints (LibTorch files, `factorlab inspect` reads them) or any caching
beyond keeping what was loaded.
"""

from collections.abc import Mapping
from pathlib import Path

import numpy as np


class Arrays(Mapping):
    def __init__(self, folder):
        self._folder = Path(folder)
        self._files = {}
        for path in sorted(self._folder.rglob("*")):
            if path.suffix in (".npy", ".npz") and path.is_file() and ".tmp." not in path.name:
                self._files[path.relative_to(self._folder).with_suffix("").as_posix()] = path
        self._loaded = {}

    def __getitem__(self, key):
        if key not in self._files:
            raise KeyError(f"{key!r}: no {key}.npy or {key}.npz in {self._folder} (there are: {', '.join(self._files)})")
        if key not in self._loaded:
            path = self._files[key]
            try:
                if path.suffix == ".npz":
                    with np.load(path, allow_pickle=False) as z:
                        self._loaded[key] = {name: z[name] for name in z.files}
                else:
                    self._loaded[key] = np.load(path, allow_pickle=False)
            except (OSError, ValueError) as e:
                raise ValueError(f"{path}: not a readable NumPy file ({e})") from None
        return self._loaded[key]

    def __contains__(self, key):  # Mapping's default would load the array to find out
        return key in self._files

    def __iter__(self):
        return iter(self._files)

    def __len__(self):
        return len(self._files)

    def path(self, key):
        """The file behind key."""
        return self._files[key]

    def __repr__(self):
        return f"Arrays({self._folder}: {', '.join(self._files)})"
