"""Why a release cannot be built."""


class BuildError(Exception):
    """The release cannot be built; the message says why."""


class ReleaseExists(BuildError):
    """The version folder already exists: a release is never overwritten."""


class BumpTooSmall(BuildError):
    """The version bump is smaller than the changes since the previous release need (TFDS rules)."""
