"""ИОП: a jurisdiction plugin for the education plan portal."""

#: The plugin's registry code, its URL namespace and the owner of its records.
CODE = "rs-pravilnik"
