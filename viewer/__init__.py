"""Archive Viewer: an offline reader for archives of historical documents."""

__version__ = "0.1.0"
