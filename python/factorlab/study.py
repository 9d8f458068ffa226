"""load_study(dir): a study folder (`factorlab run STUDY`, `--seeds k`, `factorlab sweep`;
docs/experiments.md) as a Python object:

    study     study.json: name, kind, seeds and every member (name, dir, labels, overrides, group)
    runs      one row per finished member and seed: run, group (the member without its seed),
              label.<k> (the member's labels, seed among them), then the keys of the member's
              results.json. Built as `factorlab sweep --collect` builds results.json, from the
              members' own folders, so a sharded study reads before it is collected.
    missing   the members without results.json (not finished, or in another shard's machine)
    summary   results_summary.json (per-group means and intervals), or None
    percolation  percolation/percolation.csv as a table, or None

and run(name) for a member's Run.
Deliberately not: the study's claims or intervals (the report computes them; docs/report.md).
"""

from pathlib import Path

from . import tables
from .run import load_run, read_json


class Study:
    def __init__(self, folder):
        self.dir = Path(folder)
        path = self.dir / "study.json"
        if not path.is_file():
            raise FileNotFoundError(f"'{folder}' is not a study folder: no study.json")
        self.study = read_json(path)
        members = self.study.get("runs") if isinstance(self.study, dict) else None
        if not isinstance(members, list):
            raise ValueError(f"{path}: no \"runs\" array")
        self.name = self.study.get("name", self.dir.name)
        self.kind = self.study.get("kind")
        self.seeds = self.study.get("seeds", 1)
        self._dirs = {m["name"]: self.dir / m.get("dir", "runs/" + m["name"]) for m in members}
        rows, labels, keys, self.missing = [], [], set(), []
        for m in members:
            results = read_json(self._dirs[m["name"]] / "results.json")
            if results is None:
                self.missing.append(m["name"])
                continue
            row = {"run": m["name"], "group": m.get("group", m["name"])}
            for k, v in m.get("labels", {}).items():
                row["label." + k] = v
                if "label." + k not in labels:
                    labels.append("label." + k)
            row.update(results)
            keys.update(results)
            rows.append(row)
        self.runs = tables.table(rows, ["run", "group", *labels, *sorted(keys)])
        self.summary = read_json(self.dir / "results_summary.json")
        percolation = self.dir / "percolation" / "percolation.csv"
        self.percolation = tables.read_csv(percolation) if percolation.is_file() else None

    @property
    def members(self):
        """Every member's name, in the study's order."""
        return list(self._dirs)

    def run(self, name):
        """The run folder of member `name`."""
        if name not in self._dirs:
            raise KeyError(f"{name!r} is not a member of {self.dir} (members: {', '.join(self._dirs)})")
        return load_run(self._dirs[name])

    def __repr__(self):
        return (f"Study({str(self.dir)!r}, kind={self.kind!r}, {len(self._dirs)} members, "
                f"{len(self.missing)} without results)")


def load_study(folder):
    """The study folder `folder` (see the module's documentation)."""
    return Study(folder)
