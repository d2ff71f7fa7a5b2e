"""Write the generated docs: docs/validation-codes.md from the validation catalog."""

from __future__ import annotations

import sys
from pathlib import Path

from annotated_news._io import write_atomic
from annotated_news.validation.docs import render_codes_page

DOCS_DIR = Path(__file__).resolve().parent.parent / "docs"


def main() -> int:
    write_atomic(DOCS_DIR / "validation-codes.md", render_codes_page())
    print(f"wrote {DOCS_DIR / 'validation-codes.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
