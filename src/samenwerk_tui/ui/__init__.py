"""The Textual interface: screens, widgets and their styles."""
