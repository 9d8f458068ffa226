"""tests/python/test_reader_e2e.py — python/factorlab on the folders the real binary writes with
LibTorch: a tiny `factorlab run default` with tracking (python_fixture_run, the configuration of
tests/e2e/test_cli_experiments.cpp) and a `--seeds 2` study of it (python_fixture_study). Every
number the reader gives is compared with the file it came from, read here independently, so a
change of the writer's layout fails this test.
Run by ctest (tests/python/CMakeLists.txt) with FACTORLAB_RUN_DIR and FACTORLAB_STUDY_DIR set.
"""

import json
import math
import os
import tomllib
import unittest
from pathlib import Path

import numpy as np

import factorlab

RUN = Path(os.environ["FACTORLAB_RUN_DIR"])
STUDY = Path(os.environ["FACTORLAB_STUDY_DIR"])


def read_json(path):
    with open(path) as f:
        return json.load(f)


class TinyRun(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.r = factorlab.load_run(RUN)

    def test_config(self):
        with open(RUN / "config.toml", "rb") as f:
            self.assertEqual(self.r.config, tomllib.load(f))
        self.assertEqual(self.r.config["train"]["steps"], 30)
        self.assertEqual(self.r.config["data"]["N"], 8)

    def test_metrics_rows_and_flattened_eval_columns(self):
        lines = [json.loads(l) for l in open(RUN / "metrics.jsonl") if l.strip()]
        m = self.r.metrics
        self.assertEqual(len(m), len(lines))
        self.assertEqual(list(m["step"]), [l["step"] for l in lines])
        evals = [l for l in lines if "eval" in l]
        self.assertEqual([l["step"] for l in evals], [15, 30])  # train.eval_every = 15
        with_eval = m[m["eval.all.joint_accuracy"].notna()]
        self.assertEqual(list(with_eval["step"]), [15, 30])
        self.assertEqual(list(with_eval["eval.all.joint_accuracy"]), [l["eval"]["all"]["joint_accuracy"] for l in evals])

    def test_json_files(self):
        self.assertEqual(self.r.results, read_json(RUN / "results.json"))
        self.assertEqual(self.r.results["train.steps"], 30)
        self.assertEqual(self.r.eval, read_json(RUN / "eval.json"))
        self.assertEqual(len(self.r.analysis["persistence"]["betti"]), 3)
        self.assertEqual(self.r.train["steps"], 30)
        self.assertLessEqual({"data", "train", "sample", "eval", "probe"}, {s["stage"] for s in self.r.stages})

    def test_arrays(self):
        a = self.r.arrays
        self.assertEqual(a["samples"].shape, (9, 8, 8))
        self.assertEqual(a["eval_samples"].shape, (64, 8, 8))
        self.assertEqual(a["probe/reps"].shape[0], 64)
        self.assertEqual(a["probe/labels"].shape, (64, 2))
        self.assertTrue(np.array_equal(a["probe/reps"], np.load(RUN / "probe" / "reps.npy")))
        self.assertEqual(a["dataset"]["images"].shape[1:], (8, 8))

    def test_tables_and_tidy_figures(self):
        self.assertEqual(len(self.r.table("track")), 2)  # checkpoints at steps 15 and 30
        loss = self.r.figure("loss")
        logged = self.r.metrics[self.r.metrics["loss"] > 0]
        self.assertEqual(list(loss["x"]), list(logged["step"]))
        np.testing.assert_allclose(loss["y"], logged["loss"], rtol=1e-9)


class SeedStudy(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.study = factorlab.load_study(STUDY)

    def test_one_row_per_seed_equal_to_the_collected_results(self):
        rows = self.study.runs
        self.assertEqual(list(rows["run"]), ["default_seed0", "default_seed1"])
        self.assertEqual(list(rows["group"]), ["default", "default"])
        self.assertEqual(list(rows["label.seed"]), [0, 1])
        self.assertEqual(self.study.missing, [])
        collected = read_json(STUDY / "results.json")  # written by the binary's collect_study
        self.assertEqual(len(collected), 2)
        for row, expected in zip(rows.to_dict("records"), collected):
            for key, value in expected.items():
                if value is None:  # a number that was not finite (JSON null): NaN or None in the frame
                    self.assertTrue(row[key] is None or math.isnan(row[key]), key)
                else:
                    self.assertEqual(row[key], value, key)

    def test_summary_and_members(self):
        self.assertEqual(self.study.kind, "factorization")
        self.assertEqual(self.study.seeds, 2)
        self.assertEqual(self.study.summary[0]["group"], "default")
        self.assertEqual(self.study.summary[0]["seeds"], 2)
        member = self.study.run("default_seed1")
        self.assertEqual(member.config["train"]["seed"], self.study.run("default_seed0").config["train"]["seed"] + 1)


if __name__ == "__main__":
    unittest.main()
