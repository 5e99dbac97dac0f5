from __future__ import annotations

from django import forms


class EmailChoicesForm(forms.Form):
    """One box per kind of notice: tick to get e-mail about it."""

    def __init__(self, *args, kinds: dict[str, str], current: dict[str, bool], **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in kinds.items():
            self.fields[self.field_name(code)] = forms.BooleanField(
                label=label, required=False, initial=current.get(code, True)
            )
        self.kinds = kinds

    @staticmethod
    def field_name(code: str) -> str:
        return f"kind_{code}"

    def choices(self) -> dict[str, bool]:
        return {code: self.cleaned_data[self.field_name(code)] for code in self.kinds}
