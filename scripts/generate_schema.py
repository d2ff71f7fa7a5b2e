"""Write schema/*.schema.json from the pydantic models. Run after changing `models.py`."""

from __future__ import annotations

import sys
from pathlib import Path

from annotated_news._io import dumps_json, write_atomic
from annotated_news.schema import generate_schemas

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"


def main() -> int:
    schemas = generate_schemas()
    for file_name, schema in schemas.items():
        write_atomic(SCHEMA_DIR / file_name, dumps_json(schema))
    stale = sorted(path.name for path in SCHEMA_DIR.glob("*.schema.json") if path.name not in schemas)
    for name in stale:
        (SCHEMA_DIR / name).unlink()
    print(f"wrote {len(schemas)} schema files to {SCHEMA_DIR}" + (f", removed {stale}" if stale else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
