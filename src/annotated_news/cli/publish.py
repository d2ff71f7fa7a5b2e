"""Publish a built release to a git remote or the Hugging Face Hub, tagged v<version>."""

from __future__ import annotations

import argparse

from ..release.publish import PublishError, publish_git, publish_hub


def add_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("release", help="the release folder, dist/annotated-news-<version>")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--git", metavar="REMOTE", help="a git remote (URL or path) of the dataset repo")
    target.add_argument("--hub", metavar="REPO_ID", help="a Hugging Face dataset repo, e.g. org/annotated-news")
    parser.add_argument("--branch", default="main", help="branch to publish on (git; default main)")
    parser.add_argument("--dry-run", action="store_true", help="say what would be uploaded, upload nothing")


def run(arguments: argparse.Namespace) -> int:
    try:
        if arguments.git:
            if arguments.dry_run:
                raise PublishError("--dry-run is for --hub; for git, publish to a local bare repo first")
            release = publish_git(arguments.release, arguments.git, arguments.branch)
            print(f"published {release.tag} to {arguments.git} ({len(release.files)} files, branch {arguments.branch})")
        else:
            release = publish_hub(arguments.release, arguments.hub, dry_run=arguments.dry_run)
            verb = "would upload" if arguments.dry_run else "uploaded"
            print(f"{verb} {len(release.files)} files to datasets/{arguments.hub} and tag {release.tag}:")
            for file in release.files:
                print(f"  {file}")
    except PublishError as error:
        print(f"annotated-news publish: {error}")
        return 1
    return 0
