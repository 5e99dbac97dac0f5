"""Receivers that keep the second-factor state of a session current."""

from django.dispatch import receiver
from two_factor.signals import user_verified

from . import mark_second_factor_verified


@receiver(user_verified)
def second_factor_passed_at_sign_in(sender, request, user, device, **kwargs):
    mark_second_factor_verified(request)
