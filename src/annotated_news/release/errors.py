"""Why a release cannot be built."""


class BuildError(Exception):
    """The release cannot be built; the message says why."""


class ReleaseExists(BuildError):
    """The version folder already exists: a release is never overwritten."""
