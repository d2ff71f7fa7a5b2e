"""Versions mean something: diffs between releases, the smallest bump they allow, and publishing
that never moves a released version."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import datasets
import pytest
from conftest import CORPUS_DIR, REPO_ROOT

from annotated_news.cli import main
from annotated_news.release.build import build
from annotated_news.release.diff import diff_releases
from annotated_news.release.errors import BumpTooSmall
from annotated_news.release.publish import PublishError, plan, publish_git, publish_hub

VERSION = json.loads((CORPUS_DIR / "dataset.json").read_text(encoding="utf-8"))["version"]
UNREFERENCED_QUOTE = ("002_dd35f43835a1c905.json", "dd35f43835a1c905-q3")


def corpus_copy(root: Path, version: str) -> Path:
    """A copy of the corpus at `version`, with a CHANGELOG entry for it beside it."""
    corpus = root / "corpus"
    shutil.copytree(CORPUS_DIR, corpus)
    info = json.loads((corpus / "dataset.json").read_text(encoding="utf-8"))
    info["version"] = version
    (corpus / "dataset.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
    changelog = (REPO_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    (root / "CHANGELOG.md").write_text(
        changelog + f"\n### Dataset {version}\n- A test release.\n", encoding="utf-8"
    )
    return corpus


def edit_annotation(corpus: Path, file_name: str, edit) -> None:
    path = corpus / "articles" / file_name
    document = json.loads(path.read_text(encoding="utf-8"))
    edit(document)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")


def remove_quote(corpus: Path) -> None:
    file_name, quote_id = UNREFERENCED_QUOTE
    edit_annotation(
        corpus, file_name, lambda d: d.update(quotes=[q for q in d["quotes"] if q["id"] != quote_id])
    )


def add_entity(corpus: Path) -> None:
    path = corpus / "entities.json"
    registry = json.loads(path.read_text(encoding="utf-8"))
    registry["entities"].append(
        {"id": "zz-test-entity", "type": "organization", "name": "Test", "description": "A test."}
    )
    path.write_text(json.dumps(registry, indent=2), encoding="utf-8")


def correct_a_note(corpus: Path) -> None:
    def edit(document):
        document["claims"][0]["note"] = "A corrected note."

    edit_annotation(corpus, UNREFERENCED_QUOTE[0], edit)


@pytest.fixture(scope="module")
def first_release(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    return build(CORPUS_DIR, dist)


def next_release(first_release: Path, tmp_path: Path, version: str, change) -> Path:
    """Build `version` of a changed corpus into a dist folder that holds the first release."""
    dist = tmp_path / "dist"
    shutil.copytree(first_release, dist / first_release.name)
    corpus = corpus_copy(tmp_path, version)
    change(corpus)
    return build(corpus, dist)


@pytest.mark.parametrize(
    ("change", "too_small", "enough", "required"),
    [
        (remove_quote, "1.1.0", "2.0.0", "major"),
        (add_entity, "1.0.1", "1.1.0", "minor"),
        (correct_a_note, "1.0.0", "1.0.1", "patch"),
    ],
)
def test_a_release_needs_the_bump_its_changes_need(first_release, tmp_path, change, too_small, enough, required):
    if too_small != VERSION:
        with pytest.raises(BumpTooSmall, match=f"need a {required} bump: at least {enough}"):
            next_release(first_release, tmp_path / "small", too_small, change)
        assert not (tmp_path / "small" / "dist" / f"annotated-news-{too_small}").exists()
        assert [p.name for p in (tmp_path / "small" / "dist").iterdir()] == [first_release.name]
    release = next_release(first_release, tmp_path / "ok", enough, change)
    assert diff_releases(first_release, release).required == required


def test_removed_quote_with_a_patch_bump_is_refused_with_a_clear_message(first_release, tmp_path, capsys):
    dist = tmp_path / "dist"
    shutil.copytree(first_release, dist / first_release.name)
    corpus = corpus_copy(tmp_path, "1.0.1")
    remove_quote(corpus)
    assert main(["build", str(corpus), "--out", str(dist)]) == 1
    out = capsys.readouterr().out
    assert "version 1.0.1 is a patch bump from 1.0.0, but the changes need a major bump: at least 2.0.0" in out
    assert f"quotes: 1 removed ({UNREFERENCED_QUOTE[1]}) -> major" in out
    assert "Traceback" not in out


def test_versions_only_go_up(first_release, tmp_path):
    dist = tmp_path / "dist"
    shutil.copytree(first_release, dist / "annotated-news-3.0.0")
    corpus = corpus_copy(tmp_path, "2.0.0")
    with pytest.raises(Exception, match="later than 2.0.0"):
        build(corpus, dist)


def test_diff_command_reports_changes_per_table_and_the_smallest_bump(first_release, tmp_path, capsys):
    def change(corpus):
        remove_quote(corpus)
        add_entity(corpus)

    release = next_release(first_release, tmp_path, "2.0.0", change)
    assert main(["diff", str(first_release), str(release), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    tables = {table["config"]: table for table in report["tables"]}
    assert tables["quotes"]["removed"] == [UNREFERENCED_QUOTE[1]]
    assert tables["entities"]["added"] == ["zz-test-entity"]
    assert tables["documents"]["changed"] == [UNREFERENCED_QUOTE[1].split("-")[0]]
    assert tables["claims"] == {**tables["claims"], "added": [], "removed": [], "changed": []}
    assert report["required_bump"] == "major"
    assert main(["diff", str(first_release), str(release)]) == 0
    assert "smallest bump allowed: major (1.0.0 -> 2.0.0 or later)" in capsys.readouterr().out


def test_identical_releases_need_no_bump(first_release, tmp_path):
    again = build(CORPUS_DIR, tmp_path)
    assert diff_releases(first_release, again).required == "none"


# --- publishing ----------------------------------------------------------------------------------


def git(*arguments, cwd=None) -> str:
    return subprocess.run(["git", *arguments], cwd=cwd, check=True, capture_output=True, text=True).stdout


def test_publish_to_a_git_remote_then_load_dataset_from_a_clone_at_the_tag(first_release, tmp_path):
    remote = tmp_path / "dataset-repo.git"
    git("init", "--quiet", "--bare", str(remote))
    published = publish_git(first_release, str(remote))
    assert published.tag == f"v{VERSION}"
    assert f"refs/tags/v{VERSION}" in git("ls-remote", "--tags", str(remote)).split()

    clone = tmp_path / "clone"
    git("clone", "--quiet", "--branch", f"v{VERSION}", str(remote), str(clone))
    files = sorted(str(p.relative_to(clone)) for p in clone.rglob("*") if p.is_file() and ".git" not in p.parts)
    assert files == list(published.files)
    for config in ("quotes", "documents"):
        cloned = datasets.load_dataset(str(clone), config, split="train")
        original = datasets.load_dataset(str(first_release), config, split="train")
        assert cloned.to_list() == original.to_list()
        assert cloned.features == original.features


def test_publishing_never_moves_a_tag(first_release, tmp_path, capsys):
    remote = tmp_path / "dataset-repo.git"
    git("init", "--quiet", "--bare", str(remote))
    publish_git(first_release, str(remote))
    tagged = git("ls-remote", "--tags", str(remote))
    with pytest.raises(PublishError, match=f"tag v{VERSION} already exists"):
        publish_git(first_release, str(remote))
    assert main(["publish", str(first_release), "--git", str(remote)]) == 1
    assert "already exists" in capsys.readouterr().out
    assert git("ls-remote", "--tags", str(remote)) == tagged


def test_a_second_version_is_a_new_commit_and_tag_on_the_same_branch(first_release, tmp_path):
    remote = tmp_path / "dataset-repo.git"
    git("init", "--quiet", "--bare", str(remote))
    publish_git(first_release, str(remote))
    second = next_release(first_release, tmp_path / "next", "1.1.0", add_entity)
    publish_git(second, str(remote))
    log = git("log", "--format=%s", "main", cwd=remote).splitlines()
    assert log == ["Release annotated-news 1.1.0", f"Release annotated-news {VERSION}"]
    assert sorted(git("tag", cwd=remote).split()) == [f"v{VERSION}", "v1.1.0"]


def test_hub_dry_run_lists_exactly_the_release_files(first_release):
    release = publish_hub(first_release, "example-org/annotated-news", dry_run=True)
    on_disk = sorted(str(p.relative_to(first_release)) for p in first_release.rglob("*") if p.is_file())
    assert list(release.files) == on_disk
    assert release.tag == f"v{VERSION}" and release.commit_message.endswith(VERSION)


def test_hub_publish_offline_fails_cleanly_and_never_shows_the_token(first_release, tmp_path):
    token = "hf_" + "x" * 34
    environment = {**os.environ, "HF_TOKEN": token, "HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "annotated_news", "publish", str(first_release), "--hub", "example-org/annotated-news"],
        capture_output=True, text=True, env=environment, check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "the Hub refused or could not be reached" in output
    assert token not in output and "Traceback" not in output
    assert not any(token in p.read_text(errors="ignore") for p in tmp_path.rglob("*") if p.is_file())


def test_plan_refuses_a_folder_that_is_not_a_release(tmp_path):
    with pytest.raises(PublishError, match="not a release folder"):
        plan(tmp_path)
