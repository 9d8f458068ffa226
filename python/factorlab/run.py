"""load_run(dir): one run folder (`factorlab run`, `train`, ...; docs/experiments.md) as a Python
object. What it holds, each None when the folder has no such file:

    config    config.toml, the resolved config (tomllib)
    metrics   metrics.jsonl, one row per logged step; nested keys flattened with dots
              ("eval.all.joint_accuracy", "loss_by_t_quartile.0"; tables.py)
    eval      eval.json              analysis  analysis/analysis.json
    results   results.json (the headline numbers, the keys of a study's results table)
    train     train.json             data      data.json
    stages    stages.json (the stage ledger)   probe  probe/probe.json
    arrays    every .npy / .npz of the folder, loaded when first used (arrays.py)

and table(name) / figure(name) for its CSV files ("track", "analysis/pca") and the figures'
tidy tables (figures/<name>.tidy.csv, `factorlab report`).
Deliberately not: writing anything, or recomputing a number the binary wrote.
"""

import json
import tomllib
from pathlib import Path

from . import tables
from .arrays import Arrays

# The run folder's JSON files (docs/experiments.md), by the attribute that holds them.
JSON_FILES = {
    "eval": "eval.json",
    "analysis": "analysis/analysis.json",
    "results": "results.json",
    "train": "train.json",
    "data": "data.json",
    "stages": "stages.json",
    "probe": "probe/probe.json",
}


def read_json(path):
    """A JSON file, or None when it is not there; a broken file is a ValueError naming it."""
    path = Path(path)
    if not path.is_file():
        return None
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except ValueError as e:
        raise ValueError(f"{path}: not valid JSON ({e})") from None


def read_jsonl(path):
    """The rows of a JSON-lines file, flattened; a broken line is a ValueError naming file and line."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rows.append(tables.flatten(json.loads(line)))
            except ValueError as e:
                raise ValueError(f"{path}:{number}: not valid JSON ({e})") from None
    return rows


class Run:
    def __init__(self, folder):
        self.dir = Path(folder)
        if not self.dir.is_dir():
            raise FileNotFoundError(f"'{folder}' is not a folder")
        config_path = self.dir / "config.toml"
        if not config_path.is_file():
            hint = " (a study folder: use load_study)" if (self.dir / "study.json").is_file() else ""
            raise FileNotFoundError(f"'{folder}' is not a run folder: no config.toml{hint}")
        try:
            with open(config_path, "rb") as f:
                self.config = tomllib.load(f)
        except tomllib.TOMLDecodeError as e:
            raise ValueError(f"{config_path}: not valid TOML ({e})") from None
        self.name = self.config.get("run", {}).get("name", self.dir.name)
        metrics = self.dir / "metrics.jsonl"
        self.metrics = tables.table(read_jsonl(metrics)) if metrics.is_file() else None
        for attribute, file in JSON_FILES.items():
            setattr(self, attribute, read_json(self.dir / file))
        self.arrays = Arrays(self.dir)

    def table(self, name):
        """<dir>/<name>.csv as a table ("track", "analysis/pca", "analysis/map/map")."""
        path = self.dir / f"{name}.csv"
        if not path.is_file():
            raise FileNotFoundError(f"{path} does not exist")
        return tables.read_csv(path)

    def figure(self, name):
        """The points of figure <name> (figures/<name>.tidy.csv): figure, series, x, y, err, value."""
        return self.table(f"figures/{name}.tidy")

    def __repr__(self):
        present = [a for a in ("metrics", *JSON_FILES) if getattr(self, a) is not None]
        return f"Run({str(self.dir)!r}, name={self.name!r}, has {', '.join(present)}; {len(self.arrays)} arrays)"


def load_run(folder):
    """The run folder `folder` (see the module's documentation)."""
    return Run(folder)
