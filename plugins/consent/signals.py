"""Signals of the consent service.

``consent_decided`` is sent once per decision a family member makes (sign,
refuse, withdraw), inside the same database transaction as the receipt, after
the request's status has changed. Receivers get::

    sender            ConsentRequest (the model class)
    consent_request   the request, with its new ``status``
    receipt           the ConsentReceipt just written (signer, decision, language, ...)
    decision          "signed", "refused" or "withdrawn"

A plugin that lets a decision move its own records (start a plan when the last
consent is signed, stop it on a refusal) connects here instead of watching the
consent service's tables. A receiver that raises undoes the decision with it;
catch what should not.
"""

from django.dispatch import Signal

consent_decided = Signal()
