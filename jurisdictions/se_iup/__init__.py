"""IUP: a jurisdiction plugin for the education plan portal."""
