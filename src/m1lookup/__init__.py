"""m1lookup: how rare is this BMW 1M's colour? Every figure with its source."""


def version() -> str:
    """The installed version, as declared once, in pyproject.toml.

    importlib.metadata costs milliseconds to import, so only ``--version`` (and code that asks for
    ``m1lookup.__version__``) pays for it, never a command's start-up.
    """
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed_version

    try:
        return installed_version("m1lookup")
    except PackageNotFoundError:  # imported from a source tree that was never installed
        return "unknown"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
