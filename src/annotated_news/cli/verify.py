"""Load a built release back: check its checksums and read every config with `datasets.load_dataset`."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from ._table import render_table


def add_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("release", help="the release folder, dist/annotated-news-<version>")


def run(arguments: argparse.Namespace) -> int:
    release = Path(arguments.release)
    if not (release / "checksums.json").is_file():
        print(f"annotated-news verify: {release} is not a release folder (no checksums.json)")
        return 2
    # A local folder needs nothing from the Hub; make sure nothing is asked of it.
    os.environ["HF_HUB_OFFLINE"] = os.environ["HF_DATASETS_OFFLINE"] = "1"
    import datasets

    from ..release.checksums import verify
    from ..release.features import CONFIGS, FEATURES

    problems = verify(release)
    for problem in problems:
        print(f"checksum: {problem}")
    rows = []
    datasets.disable_progress_bars()
    with tempfile.TemporaryDirectory(prefix="annotated-news-verify-") as cache:
        for config in CONFIGS:
            loaded = datasets.load_dataset(str(release), config, split="train", cache_dir=cache)
            same_features = loaded.features == FEATURES[config]
            if not same_features:
                problems.append(f"{config}: features differ from the declared ones")
            rows.append([config, loaded.num_rows, len(loaded.column_names), "yes" if same_features else "NO"])
    print(render_table(["config", "rows", "columns", "declared features"], rows))
    status = "ok" if not problems else f"{len(problems)} problem(s)"
    print(f"\n{release}: checksums {'ok' if not problems else 'FAILED'}; every config loads with "
          f"datasets.load_dataset; {status}")
    return 0 if not problems else 1
