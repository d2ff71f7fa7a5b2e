"""Build a release folder, `<out>/annotated-news-<version>/`: what a Hugging Face dataset repo
holds.

The folder is written under a temporary name beside the target and renamed when complete, so it
either exists whole or not at all; an existing version is never overwritten.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

from .. import _paths
from .._io import _current_umask, dumps_json, write_atomic
from ..models import DatasetInfo
from ..validation import validate
from .card import WrittenConfig, card
from .changelog import release_notes
from .checksums import checksums, sha256, write_checksums
from .croissant import croissant
from .diff import diff_releases
from .errors import BuildError, BumpTooSmall, ReleaseExists
from .features import CONFIGS
from .licenses import license_text, text_rights
from .metadata import KEYWORDS, TITLE, bibtex
from .parquet import Spilled, write_parquet
from .source import read_info
from .stream import stream
from .summary import Summary
from .versions import at_least, bump_between, parse, release_folders, smallest_version

DATA_DIR = "data"
SCHEMA_DIR = "schema"
GUIDELINES_FILE = "GUIDELINES.md"
MAX_ERRORS_SHOWN = 20
SPILL_DIR = ".spill"
"""Inside the temporary release folder: the configs' rows in arrow, until written as parquet."""


def release_name(info: DatasetInfo) -> str:
    return f"{info.name}-{info.version}"


def build(
    corpus_dir: str | Path | None = None,
    out_dir: str | Path = "dist",
    *,
    changelog: str | Path | None = None,
    previous: str | Path | None = None,
    accept_identical: bool = False,
    workers: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> Path:
    """Validate a corpus (default: the shipped one) and write its release under `out_dir`.

    `changelog` defaults to the CHANGELOG.md beside the corpus folder; its `### Dataset <version>`
    section becomes the release notes. The new release is compared with `previous` (default: the
    latest earlier release under `out_dir`) and refused when its version bump is smaller than the
    changes need. An existing version folder is never overwritten; with `accept_identical`, one
    byte-identical to this build counts as built. `workers`: threads that read the articles
    (default: up to 2; the output does not depend on it). `progress(stage, done, total)` hears
    the articles validated, then built. Returns the release folder. Raises
    `BuildError` (`ReleaseExists`, `BumpTooSmall`) when the release cannot be built.
    """
    corpus_dir = Path(corpus_dir) if corpus_dir is not None else _paths.default_corpus_dir()
    changelog = Path(changelog) if changelog is not None else corpus_dir.parent / "CHANGELOG.md"
    _require_valid(corpus_dir, partial(progress, "validating articles") if progress else None)
    info = read_info(corpus_dir)
    notes = release_notes(changelog, info.version)
    out_dir = Path(out_dir)
    target = out_dir / release_name(info)
    if not accept_identical:
        _refuse_existing(target)
    out_dir.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=out_dir))
    try:
        os.chmod(temporary, 0o777 & ~_current_umask())
        write_release(corpus_dir, temporary, notes, workers=workers,
                      progress=partial(progress, "building release") if progress else None)
        if accept_identical and target.is_dir() and checksums(target) == checksums(temporary):
            shutil.rmtree(temporary)
            return target
        _refuse_existing(target)
        _require_allowed_bump(info.version, temporary, _previous_release(out_dir, info.version, previous))
        os.rename(temporary, target)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return target


def _previous_release(out_dir: Path, version: str, previous: str | Path | None) -> Path | None:
    """The release to compare with: the given one, or the latest earlier one under `out_dir`."""
    if previous is not None:
        return Path(previous)
    releases = release_folders(out_dir)
    later = [other for other in releases if parse(other) > parse(version)]
    if later:
        raise BuildError(
            f"{out_dir} already holds release {later[-1]}, later than {version}: versions only go "
            "up; set a higher version in dataset.json"
        )
    earlier = [other for other in releases if parse(other) < parse(version)]
    return releases[earlier[-1]] if earlier else None


def _require_allowed_bump(version: str, new_release: Path, previous: Path | None) -> None:
    """Refuse a version bump smaller than the changes since `previous` need (TFDS rules)."""
    if previous is None:
        return
    old_version = previous.name.rsplit("-", 1)[-1]
    bump = bump_between(old_version, version)
    difference = diff_releases(previous, new_release)
    required = difference.required
    if bump is None or not at_least(bump, required):
        needed = smallest_version(old_version, required if required != "none" else "patch")
        raise BumpTooSmall(
            f"version {version} is a {bump or 'no'} bump from {old_version}, but the changes need "
            f"a {required} bump: at least {needed}.\n"
            + "\n".join(f"  {reason}" for reason in difference.reasons())
            + f"\nSet version {needed} in dataset.json, with its '### Dataset {needed}' CHANGELOG entry."
        )


def write_release(
    corpus_dir: Path,
    release_dir: Path,
    notes: str,
    *,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Write every file of the release into an existing, empty folder, streaming the corpus."""
    spill_dir = release_dir / SPILL_DIR
    summary, spilled = stream(corpus_dir, spill_dir, workers=workers, progress=progress)
    written = write_parquet_files(spilled, release_dir)
    shutil.rmtree(spill_dir, ignore_errors=True)
    write_croissant(summary, release_dir, {config: info.path for config, info in written.items()})
    write_atomic(
        release_dir / "README.md",
        card(summary, written, release_notes=notes, guidelines=GUIDELINES_FILE),
    )
    _copy(corpus_dir / GUIDELINES_FILE, release_dir / GUIDELINES_FILE)
    for schema in _schema_files(summary.info):
        _copy(schema, release_dir / SCHEMA_DIR / schema.name)
    write_atomic(release_dir / "LICENSE", license_text(summary))
    write_atomic(release_dir / "TEXT_RIGHTS.md", text_rights(summary))
    write_checksums(release_dir)


def write_parquet_files(spilled: dict[str, Spilled], release_dir: Path) -> dict[str, WrittenConfig]:
    """Write each config's parquet file from its spill, one at a time, each hashed (for Croissant
    and the checksums) while the next is written. A row group takes up to 100 MB of memory
    (`datasets` sizes it so), twice that while it is made: writing two configs at once saves a
    third of the time but adds what one takes to the build's peak memory."""
    relative = {config: f"{DATA_DIR}/{config}.parquet" for config in CONFIGS}
    with ThreadPoolExecutor(1) as hasher:
        hashed = []
        for config in CONFIGS:
            path = release_dir / relative[config]
            write_parquet(config, spilled[config], path)
            hashed.append(hasher.submit(sha256, path))
        for future in hashed:
            future.result()
    return {
        config: WrittenConfig(
            path=relative[config],
            num_examples=spilled[config].num_rows,
            num_bytes=spilled[config].nbytes,
            file_size=(release_dir / relative[config]).stat().st_size,
        )
        for config in CONFIGS
    }


def write_croissant(summary: Summary, release_dir: Path, parquet_files: dict[str, str]) -> None:
    document = croissant(
        summary,
        release_dir,
        parquet_files,
        title=TITLE,
        citation=bibtex(summary.version),
        keywords=KEYWORDS,
    )
    write_atomic(release_dir / "croissant.json", dumps_json(document, sort_keys=True))


def _require_valid(corpus_dir: Path, progress: Callable[[int, int], None] | None) -> None:
    """Refuse to release a corpus the validator finds errors in. Warnings (review findings such as
    an unannotated quotation mark) do not block: they ask for a look, not a fix."""
    report = validate(corpus_dir, progress=progress)
    if not report.valid:
        shown = report.errors[:MAX_ERRORS_SHOWN]
        lines = [f"  {issue.location}: {issue.code} {issue.message}" for issue in shown]
        if len(report.errors) > len(shown):
            lines.append(f"  … and {len(report.errors) - len(shown)} more")
        raise BuildError(
            f"{corpus_dir} is not valid ({report.summary()}); run `annotated-news validate` "
            "for the full report:\n" + "\n".join(lines)
        )


def _refuse_existing(target: Path) -> None:
    if target.exists() or target.is_symlink():
        raise ReleaseExists(
            f"{target} already exists: a released version is never overwritten. Bump the dataset "
            "version in dataset.json (with its CHANGELOG entry), or remove the folder if it was "
            "never published."
        )


def _schema_files(info: DatasetInfo) -> list[Path]:
    """The JSON Schema files of the corpus's schema version, as shipped with this package."""
    files = sorted(_paths.default_schema_dir().glob("*.schema.json"))
    if not files:
        raise BuildError(f"no schema files in {_paths.default_schema_dir()}")
    marker = f":{info.schema_version}:"
    for path in files:
        schema_id = json.loads(path.read_text(encoding="utf-8")).get("$id", "")
        if marker not in schema_id:
            raise BuildError(
                f"{path.name} is schema {schema_id!r}, but the corpus declares schema version "
                f"{info.schema_version}: build with the package of that schema version"
            )
    return files


def _copy(source: Path, target: Path) -> None:
    try:
        data = source.read_bytes()
    except OSError as error:
        raise BuildError(f"{source}: cannot read: {error.strerror}") from error
    write_atomic(target, data)
