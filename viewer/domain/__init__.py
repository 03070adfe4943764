"""The domain layer: pure Python, never imports Qt."""
