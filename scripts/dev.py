"""Set up the development environment if needed, then run the main job or the tests.

    python3 scripts/dev.py main    # validate, build the release, load it back, print a summary
    python3 scripts/dev.py test    # run the test suite (extra arguments go to pytest)

Needs only python3 (>= 3.10): creates `.venv/` and installs the project with its test extra the first
time, and again whenever pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
PYTHON = VENV / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
STAMP = VENV / ".installed-pyproject-sha256"

DATASET_VERSION = json.loads((ROOT / "corpus" / "dataset.json").read_text(encoding="utf-8"))["version"]

# Each job is a list of steps; a failing step stops the job. Extra arguments go to the last step.
JOBS = {
    "main": [
        ["-m", "annotated_news", "validate", "corpus"],
        ["-m", "annotated_news", "build", "corpus", "--out", "dist"],
        ["-m", "annotated_news", "verify", f"dist/annotated-news-{DATASET_VERSION}"],
        ["-m", "annotated_news", "summary", "corpus"],
    ],
    "test": [["-m", "pytest"]],
}


def ensure_environment() -> None:
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not PYTHON.exists():
        print(f"creating {VENV}", flush=True)
        venv.create(VENV, with_pip=True)
    print("installing annotated-news with its test dependencies", flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "--editable", f"{ROOT}[test]"], check=True)
    STAMP.write_text(wanted)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in JOBS:
        print(__doc__.strip())
        return 2
    ensure_environment()
    steps = JOBS[argv[0]]
    for number, step in enumerate(steps, 1):
        arguments = [*step, *argv[1:]] if number == len(steps) else step
        status = subprocess.run([str(PYTHON), *arguments], cwd=ROOT).returncode
        if status != 0:
            return status
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
