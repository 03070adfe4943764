"""Services: workers, caches, settings and paths (QtCore and QtGui at most)."""
