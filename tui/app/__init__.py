"""The Textual layer of vendor-review: screens compose widgets, the app calls tui.core.

Kept empty so that importing a submodule loads only what it needs.
"""
