"""Rows of a run or study as a table: a pandas DataFrame when pandas is installed, else the list of
dicts itself. Nested JSON objects (a metrics row's "eval": {"all": {"joint_accuracy": ...}}) are
flattened to dotted column names ("eval.all.joint_accuracy"), the spelling results.json and the
--set overrides already use; lists of numbers become one column per element ("loss_by_t_quartile.0").
Deliberately not: type conversion beyond what json and csv give, or any pandas-only feature.
"""

import csv
import importlib


def flatten(obj, prefix=""):
    """A JSON object as one level of dotted keys; lists (of numbers) by index."""
    out = {}
    items = obj.items() if isinstance(obj, dict) else enumerate(obj)
    for key, value in items:
        name = f"{prefix}{key}"
        if isinstance(value, (dict, list)):
            out.update(flatten(value, name + "."))
        else:
            out[name] = value
    return out


def pandas_or_none():
    """The pandas module, or None when it is not installed (imported only when a table is made)."""
    try:
        return importlib.import_module("pandas")
    except ImportError:
        return None


def table(rows, columns=None):
    """rows (a list of dicts) as a DataFrame (missing cells NaN) when pandas is there, else rows."""
    pd = pandas_or_none()
    if pd is None:
        return rows
    if columns is None:  # first appearance order, so run / label columns come first
        columns = list(dict.fromkeys(k for row in rows for k in row))
    return pd.DataFrame.from_records(rows, columns=columns)


def _cell(text):
    """A CSV cell as a number when it is one ("inf" included), else the text; "" stays ""."""
    if text == "":
        return text
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


def read_csv(path):
    """A CSV file the binary wrote (header line, RFC 4180 quoting) as rows with numbers parsed."""
    pd = pandas_or_none()
    if pd is not None:
        return pd.read_csv(path)
    with open(path, newline="", encoding="utf-8") as f:
        return [{k: _cell(v) for k, v in row.items()} for row in csv.DictReader(f)]
