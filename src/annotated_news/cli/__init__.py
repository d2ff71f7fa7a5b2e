"""The `annotated-news` command: one module per subcommand, each with `add_parser` and `run`."""

from __future__ import annotations

import argparse
import sys

from .._version import __version__
from . import build, diff, publish, summary, validate, verify

COMMANDS = {
    "validate": validate,
    "build": build,
    "verify": verify,
    "diff": diff,
    "publish": publish,
    "summary": summary,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="annotated-news",
        description="Validate, summarise and release the annotated-news corpus.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module in COMMANDS.items():
        module.add_parser(subparsers.add_parser(name, help=module.__doc__.splitlines()[0]))
    arguments = parser.parse_args(argv)
    return COMMANDS[arguments.command].run(arguments)


if __name__ == "__main__":
    sys.exit(main())
