import argparse
import importlib

PLUGINS = {"csv": "exporters.csv_export", "json": "exporters.json_export"}

ap = argparse.ArgumentParser()
ap.add_argument("--format", required=True)
opts = ap.parse_args()

module = __import__(opts.format)
module.export()
