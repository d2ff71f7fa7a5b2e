"""Semver with the TFDS rules: which bump a change needs and which versions make it."""

from __future__ import annotations

import pytest

from annotated_news.release.versions import at_least, bump_between, parse, release_folders, smallest_version


@pytest.mark.parametrize(
    ("old", "new", "bump"),
    [
        ("1.0.0", "1.0.1", "patch"),
        ("1.0.9", "1.1.0", "minor"),
        ("1.4.2", "2.0.0", "major"),
        ("1.0.0", "1.0.0", None),
        ("1.2.0", "1.1.9", None),
        ("1.9.0", "1.10.0", "minor"),
    ],
)
def test_bump_between(old, new, bump):
    assert bump_between(old, new) == bump


@pytest.mark.parametrize("text", ["1.0", "v1.0.0", "01.0.0", "1.0.0-rc1", ""])
def test_parse_rejects_what_is_not_semver(text):
    with pytest.raises(ValueError, match="not a semver"):
        parse(text)


def test_smallest_version_for_each_bump():
    assert [smallest_version("1.2.3", bump) for bump in ("patch", "minor", "major")] == ["1.2.4", "1.3.0", "2.0.0"]


def test_a_bigger_bump_satisfies_a_smaller_requirement_but_not_the_reverse():
    assert at_least("major", "minor") and at_least("minor", "minor")
    assert not at_least("patch", "minor") and not at_least(None, "none")


def test_release_folders_are_found_in_version_order(tmp_path):
    for name in ["annotated-news-1.10.0", "annotated-news-1.9.0", "annotated-news-2.0.0", ".annotated-news-3.0.0.tmp", "other"]:
        (tmp_path / name).mkdir()
    assert list(release_folders(tmp_path)) == ["1.9.0", "1.10.0", "2.0.0"]
