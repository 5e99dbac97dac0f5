"""Tables that only ever grow: the audit trail, consent receipts.

Rows are inserted and never changed or deleted through the application:
instance ``save`` of an existing row, ``delete``, and the queryset's bulk
``update``/``delete`` all raise :class:`AppendOnlyError`.
"""

from django.db import models


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an append-only row."""


def _refuse(model, verb: str):
    raise AppendOnlyError(f"{model._meta.verbose_name_plural} cannot be {verb}.".capitalize())


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        _refuse(self.model, "changed")

    def delete(self):
        _refuse(self.model, "deleted")

    def bulk_update(self, objs, fields, batch_size=None):
        _refuse(self.model, "changed")

    def update_or_create(self, defaults=None, create_defaults=None, **kwargs):
        _refuse(self.model, "changed")

    # Django's own delete machinery (cascades) calls this on querysets.
    def _raw_delete(self, using):
        _refuse(self.model, "deleted")

    _raw_delete.queryset_only = True


class AppendOnlyManager(models.Manager.from_queryset(AppendOnlyQuerySet)):
    pass


class AppendOnlyModel(models.Model):
    objects = AppendOnlyManager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding or kwargs.get("force_update") or kwargs.get("update_fields"):
            _refuse(type(self), "changed")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _refuse(type(self), "deleted")
