"""factorlab's run and study folders, read from Python (README, "From a run to a plot").

    import factorlab
    run = factorlab.load_run("runs/default")      # config, metrics, eval, analysis, results, arrays
    study = factorlab.load_study("runs/comp3")    # one row per member and seed, label.<k> columns

Standard library and numpy; pandas is optional: with it, tables are pandas DataFrames, without it
lists of dicts. This package only reads what the factorlab binary wrote (docs/experiments.md lists the
files); it never writes into a run folder and never re-derives a number the binary computed.
"""

from .run import Run, load_run
from .study import Study, load_study

__all__ = ["Run", "Study", "load_run", "load_study"]
