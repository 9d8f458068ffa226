"""tests/python/test_reader.py — python/factorlab without LibTorch: a dataset folder written by
`factorlab data` (the python_fixture_data fixture), given training metrics here and drawn by the real
`factorlab report --format png,pdf,svg`, read back with load_run: config, flattened metrics (with and
without pandas), arrays on demand, the figures' tidy CSVs against the metrics they were drawn from;
a study folder laid out as study_runner writes it (docs/experiments.md) read with load_study; and the
errors a wrong folder or a broken file give.
Run by ctest (tests/python/CMakeLists.txt) with FACTORLAB_EXE, FACTORLAB_DATA_DIR, FACTORLAB_WORK set.
"""

import json
import math
import os
import shutil
import subprocess
import sys
import unittest
from pathlib import Path
from unittest import mock

import numpy as np

import factorlab

EXE = os.environ["FACTORLAB_EXE"]
DATA = Path(os.environ["FACTORLAB_DATA_DIR"])
WORK = Path(os.environ["FACTORLAB_WORK"]) / "reader"

STEPS = [5, 10, 15, 20]
LOSSES = [0.5, 0.25, 0.125, 0.0625]
JOINT = {10: 0.25, 20: 0.75}  # eval.all.joint_accuracy at the steps with an evaluation


def metrics_rows():
    rows = []
    for step, loss in zip(STEPS, LOSSES):
        row = {"step": step, "loss": loss, "loss_by_t_quartile": [loss, loss / 2, loss / 4, loss / 8]}
        if step in JOINT:
            row["eval"] = {"all": {"count": 64, "joint_accuracy": JOINT[step], "x_accuracy": 1.0}}
        rows.append(row)
    return rows


def setUpModule():
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    run = WORK / "run"
    shutil.copytree(DATA, run)
    with open(run / "metrics.jsonl", "w") as f:
        for row in metrics_rows():
            f.write(json.dumps(row) + "\n")
    r = subprocess.run([EXE, "report", str(run), "--format", "png,pdf,svg"], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"factorlab report failed ({r.returncode}): {r.stderr}")


def run_dir():
    return WORK / "run"


class LoadRun(unittest.TestCase):
    def setUp(self):
        self.r = factorlab.load_run(run_dir())

    def test_config_is_the_resolved_config_the_binary_wrote(self):
        self.assertEqual(self.r.config["data"]["N"], 8)
        self.assertEqual(self.r.config["run"]["name"], "default")
        self.assertEqual(self.r.name, "default")
        self.assertIn("train", self.r.config)  # every section explicit in config.toml

    def test_metrics_are_a_dataframe_with_dotted_eval_columns(self):
        m = self.r.metrics
        self.assertEqual(type(m).__name__, "DataFrame")
        self.assertEqual(list(m["step"]), STEPS)
        self.assertEqual(list(m["loss"]), LOSSES)
        self.assertEqual(list(m["loss_by_t_quartile.3"]), [x / 8 for x in LOSSES])
        joint = m["eval.all.joint_accuracy"]
        for step, value in zip(m["step"], joint):
            if step in JOINT:
                self.assertEqual(value, JOINT[step])
            else:
                self.assertTrue(math.isnan(value))  # no evaluation at that step

    def test_without_pandas_tables_are_lists_of_dicts(self):
        with mock.patch.dict(sys.modules, {"pandas": None}):  # `import pandas` raises ImportError
            run = factorlab.load_run(run_dir())
            self.assertIsInstance(run.metrics, list)
            self.assertEqual([r["step"] for r in run.metrics], STEPS)
            self.assertEqual(run.metrics[1]["eval.all.joint_accuracy"], JOINT[10])
            self.assertNotIn("eval.all.joint_accuracy", run.metrics[0])
            rows = run.figure("loss")
            self.assertIsInstance(rows, list)
            self.assertEqual([r["y"] for r in rows], LOSSES)

    def test_json_files_present_are_dicts_and_absent_ones_none(self):
        self.assertEqual(self.r.data["N"], 8)
        self.assertIsNone(self.r.eval)
        self.assertIsNone(self.r.results)
        self.assertIsNone(self.r.analysis)

    def test_arrays_are_loaded_on_demand(self):
        arrays = self.r.arrays
        self.assertIn("dataset", arrays)
        self.assertEqual(arrays._loaded, {})  # listing the files loads nothing
        d = arrays["dataset"]
        self.assertEqual(d["images"].shape, (self.r.data["train"], 8, 8))
        self.assertEqual(d["labels"].shape, (self.r.data["train"], 2))
        self.assertTrue(np.isfinite(d["images"]).all())
        self.assertIs(arrays["dataset"], d)  # loaded once
        with self.assertRaises(KeyError):
            arrays["samples"]

    def test_tidy_figure_csvs_hold_the_points_the_report_drew(self):
        loss = self.r.figure("loss")
        self.assertEqual(list(loss.columns), ["figure", "series", "x", "y", "err", "value"])
        self.assertEqual(set(loss["figure"]), {"loss"})
        self.assertEqual(list(loss["x"]), STEPS)
        self.assertEqual(list(loss["y"]), LOSSES)
        acc = self.r.figure("accuracy_training")
        self.assertEqual(set(acc["series"]), {"all"})
        self.assertEqual(dict(zip(acc["x"], acc["y"])), JOINT)

    @unittest.skipUnless(shutil.which("gnuplot"), "gnuplot is not installed (the figures' data are still written)")
    def test_report_drew_png_pdf_and_svg(self):
        figures = run_dir() / "figures"
        for name in ("loss", "accuracy_training"):
            self.assertEqual((figures / f"{name}.png").read_bytes()[:8], b"\x89PNG\r\n\x1a\n")
            self.assertEqual((figures / f"{name}.pdf").read_bytes()[:5], b"%PDF-")
            self.assertIn(b"<svg", (figures / f"{name}.svg").read_bytes()[:200])

    def test_wrong_folders_and_broken_files_are_one_line_errors(self):
        with self.assertRaisesRegex(FileNotFoundError, "is not a folder"):
            factorlab.load_run(WORK / "nosuch")
        empty = WORK / "empty"
        empty.mkdir(exist_ok=True)
        with self.assertRaisesRegex(FileNotFoundError, "no config.toml"):
            factorlab.load_run(empty)
        with self.assertRaisesRegex(FileNotFoundError, "no study.json"):
            factorlab.load_study(run_dir())
        broken = WORK / "broken"
        shutil.rmtree(broken, ignore_errors=True)
        shutil.copytree(run_dir(), broken)
        with open(broken / "metrics.jsonl", "a") as f:
            f.write('{"step": 25, "loss": \n')
        with self.assertRaisesRegex(ValueError, r"metrics.jsonl:5: not valid JSON"):
            factorlab.load_run(broken)
        (broken / "metrics.jsonl").unlink()
        (broken / "eval.json").write_text("{")
        with self.assertRaisesRegex(ValueError, r"eval.json: not valid JSON"):
            factorlab.load_run(broken)


class LoadStudy(unittest.TestCase):
    """A study folder as study_runner writes it: study.json, runs/<name>/ with results.json."""

    @classmethod
    def setUpClass(cls):
        cls.dir = WORK / "study"
        shutil.rmtree(cls.dir, ignore_errors=True)
        members = []
        for s in (0, 1):
            members.append({"name": f"bumps_sigma1.0_seed{s}", "dir": f"runs/bumps_sigma1.0_seed{s}",
                            "group": "bumps_sigma1.0", "labels": {"sigma": 1.0, "seed": s}})
        members.append({"name": "bumps_sigma2.0_seed0", "dir": "runs/bumps_sigma2.0_seed0",
                        "group": "bumps_sigma2.0", "labels": {"sigma": 2.0, "seed": 0}})
        cls.dir.mkdir(parents=True)
        (cls.dir / "study.json").write_text(json.dumps({"name": "p", "kind": "percolation", "seeds": 2, "runs": members}))
        for s, joint in ((0, 0.5), (1, 0.75)):  # the sigma 2 member has not finished
            d = cls.dir / "runs" / f"bumps_sigma1.0_seed{s}"
            shutil.copytree(run_dir(), d)
            (d / "results.json").write_text(json.dumps({"eval.all.joint": joint, "train.steps": 4}))

    def test_one_row_per_finished_member_and_seed_with_label_columns(self):
        study = factorlab.load_study(self.dir)
        rows = study.runs
        self.assertEqual(list(rows.columns[:5]), ["run", "group", "label.sigma", "label.seed", "eval.all.joint"])
        self.assertEqual(list(rows["run"]), ["bumps_sigma1.0_seed0", "bumps_sigma1.0_seed1"])
        self.assertEqual(set(rows["group"]), {"bumps_sigma1.0"})
        self.assertEqual(list(rows["label.seed"]), [0, 1])
        self.assertEqual(list(rows["eval.all.joint"]), [0.5, 0.75])
        self.assertEqual(study.missing, ["bumps_sigma2.0_seed0"])
        self.assertEqual((study.kind, study.seeds), ("percolation", 2))
        self.assertIsNone(study.summary)
        self.assertIsNone(study.percolation)
        self.assertEqual(study.members[-1], "bumps_sigma2.0_seed0")

    def test_a_member_opens_as_a_run(self):
        study = factorlab.load_study(self.dir)
        self.assertEqual(study.run("bumps_sigma1.0_seed1").results["eval.all.joint"], 0.75)
        with self.assertRaisesRegex(KeyError, "not a member"):
            study.run("nosuch")

    def test_without_pandas_rows_are_dicts(self):
        with mock.patch.dict(sys.modules, {"pandas": None}):
            rows = factorlab.load_study(self.dir).runs
        self.assertEqual(rows[1], {"run": "bumps_sigma1.0_seed1", "group": "bumps_sigma1.0", "label.sigma": 1.0,
                                   "label.seed": 1, "eval.all.joint": 0.75, "train.steps": 4})


if __name__ == "__main__":
    unittest.main()
