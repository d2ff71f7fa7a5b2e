"""Package and schema versions. The dataset version lives in `corpus/dataset.json`."""

__version__ = "0.1.0"

# Semver of the annotation schema (the models in `models.py`), independent of the package version.
SCHEMA_VERSION = "1.0.0"
