"""Fields for the headless API (``/api/v2/pages/``)."""

from rest_framework import serializers
from wagtail.rich_text import expand_db_html


class RichTextHTMLField(serializers.Field):
    """Rich text as the HTML a reader sees: internal links resolved to URLs."""

    def to_representation(self, value):
        return expand_db_html(value or "")
