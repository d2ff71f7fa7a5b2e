"""Publish a built release: to a git remote (a dataset repo is a git repo) or to the Hugging Face Hub.

Both refuse to move an existing tag: a released version never changes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .versions import RELEASE_PREFIX, parse


class PublishError(Exception):
    """Publishing was refused or failed; the message says why and what to do."""


@dataclass(frozen=True)
class ReleasePlan:
    """What publishing a release folder would do."""

    version: str
    tag: str
    commit_message: str
    files: tuple[str, ...]


def plan(release_dir: Path) -> ReleasePlan:
    release_dir = Path(release_dir)
    if not release_dir.is_dir() or not release_dir.name.startswith(RELEASE_PREFIX):
        raise PublishError(f"{release_dir} is not a release folder (dist/{RELEASE_PREFIX}<version>/)")
    version = release_dir.name.removeprefix(RELEASE_PREFIX)
    try:
        parse(version)
    except ValueError as error:
        raise PublishError(str(error)) from None
    files = tuple(sorted(str(path.relative_to(release_dir)) for path in release_dir.rglob("*") if path.is_file()))
    return ReleasePlan(version, f"v{version}", f"Release annotated-news {version}", files)


def publish_git(release_dir: Path, remote: str, branch: str = "main") -> ReleasePlan:
    """Commit the release as the new state of `branch` on `remote` and tag it `v<version>`."""
    release = plan(release_dir)
    if _git("ls-remote", "--tags", remote, f"refs/tags/{release.tag}").strip():
        raise PublishError(f"tag {release.tag} already exists on {remote}; a released version is never "
                           "moved: bump the dataset version and build again")
    workdir = Path(tempfile.mkdtemp(prefix="annotated-news-publish-"))
    try:
        _git("clone", "--quiet", remote, str(workdir))
        has_branch = bool(_git("ls-remote", "--heads", remote, f"refs/heads/{branch}").strip())
        _git("checkout", "--quiet", *( [branch] if has_branch else ["--orphan", branch]), cwd=workdir)
        for path in workdir.iterdir():
            if path.name != ".git":
                shutil.rmtree(path) if path.is_dir() else path.unlink()
        shutil.copytree(release_dir, workdir, dirs_exist_ok=True)
        _git("add", "--all", cwd=workdir)
        _git("commit", "--quiet", "--allow-empty", "-m", release.commit_message, cwd=workdir)
        _git("tag", "-a", release.tag, "-m", release.commit_message, cwd=workdir)
        _git("push", "--quiet", "--atomic", "origin", f"HEAD:refs/heads/{branch}",
             f"refs/tags/{release.tag}", cwd=workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return release


def publish_hub(release_dir: Path, repo_id: str, *, dry_run: bool = False) -> ReleasePlan:
    """Upload the release folder to a Hub dataset repo, then tag it. The token comes from the usual
    Hugging Face places (HF_TOKEN, the login cache) and is never printed or written."""
    release = plan(release_dir)
    if dry_run:
        return release
    from huggingface_hub import HfApi

    api = HfApi()
    try:
        tags = {ref.name for ref in api.list_repo_refs(repo_id, repo_type="dataset").tags}
        if release.tag in tags:
            raise PublishError(f"tag {release.tag} already exists on {repo_id}; a released version is "
                               "never moved: bump the dataset version and build again")
        api.upload_folder(repo_id=repo_id, folder_path=str(release_dir), repo_type="dataset",
                          commit_message=release.commit_message)
        api.create_tag(repo_id, tag=release.tag, tag_message=release.commit_message, repo_type="dataset")
    except PublishError:
        raise
    except Exception as error:  # the Hub client's errors: network, auth, offline mode
        raise PublishError(f"the Hub refused or could not be reached: {_scrub(f'{type(error).__name__}: {error}')}") from None
    return release


def _scrub(message: str) -> str:
    token = os.environ.get("HF_TOKEN") or os.environ.get("HUGGING_FACE_HUB_TOKEN")
    return message.replace(token, "***") if token else message


def _git(*arguments: str, cwd: Path | None = None) -> str:
    environment = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
    environment.setdefault("GIT_AUTHOR_NAME", "annotated-news release")
    environment.setdefault("GIT_AUTHOR_EMAIL", "release@annotated-news.invalid")
    environment.setdefault("GIT_COMMITTER_NAME", environment["GIT_AUTHOR_NAME"])
    environment.setdefault("GIT_COMMITTER_EMAIL", environment["GIT_AUTHOR_EMAIL"])
    result = subprocess.run(["git", *arguments], cwd=cwd, capture_output=True, text=True, env=environment)
    if result.returncode != 0:
        raise PublishError(f"git {arguments[0]} failed: {result.stderr.strip() or result.stdout.strip()}")
    return result.stdout
