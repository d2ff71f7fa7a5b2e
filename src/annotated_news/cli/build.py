"""Build the versioned release folder: parquet per config, dataset card, Croissant, checksums."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from ._progress import StagedProgress
from ._table import render_table

EXIT_BUILT, EXIT_REFUSED, EXIT_COULD_NOT_RUN = 0, 1, 2


def add_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", nargs="?", help="corpus folder (default: the corpus shipped with the package)"
    )
    parser.add_argument(
        "--out", default="dist", help="folder to write the release folder into (default: ./dist)"
    )
    parser.add_argument(
        "--changelog",
        help="CHANGELOG.md with a '### Dataset <version>' section (default: beside the corpus)",
    )
    parser.add_argument(
        "--previous",
        help="release folder to compare with for the version bump (default: the latest earlier "
        "release in --out)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def run(arguments: argparse.Namespace) -> int:
    # Imported here: `datasets` and `pyarrow` take a while to import; other commands need neither.
    from ..release.build import BuildError, build
    from ..validation import CorpusNotFound

    started = time.perf_counter()
    existing = {path.name for path in Path(arguments.out).glob("annotated-news-*")}
    try:
        release = build(arguments.path, arguments.out, changelog=arguments.changelog,
                        previous=arguments.previous, accept_identical=True,
                        progress=StagedProgress(quiet=arguments.quiet))
    except BuildError as error:
        print(f"annotated-news build: {error}")
        return EXIT_REFUSED
    except (CorpusNotFound, OSError) as error:
        print(f"annotated-news build: could not run: {error}")
        return EXIT_COULD_NOT_RUN
    files = sorted(path for path in release.rglob("*") if path.is_file())
    rows = [[path.relative_to(release).as_posix(), path.stat().st_size] for path in files]
    print(render_table(["file", "bytes"], rows))
    done = "already built, byte-identical to this build:" if release.name in existing else "built"
    print(
        f"\n{done} {release} ({len(files)} files, {sum(size for _, size in rows)} bytes) "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return EXIT_BUILT
