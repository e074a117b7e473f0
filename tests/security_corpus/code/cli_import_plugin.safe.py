import argparse
import importlib

PLUGINS = {"csv": "exporters.csv_export", "json": "exporters.json_export"}

ap = argparse.ArgumentParser()
ap.add_argument("--format", required=True)
opts = ap.parse_args()

module = importlib.import_module(PLUGINS[opts.format]) if opts.format in PLUGINS else None
if module is None:
    raise SystemExit("unknown format")
module.export()
