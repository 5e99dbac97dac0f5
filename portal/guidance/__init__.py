"""The guidance portal: county booklets, chapters and articles as Wagtail pages.

Booklets are read on screen, printed, exported to PDF, searched and served as
JSON through Wagtail's API; editors copy a booklet forward to the next school
year in one action (see ``editions``).
"""
