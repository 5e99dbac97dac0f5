"""Account URLs under /accounts/.

The two-factor views keep django-two-factor-auth's namespace ("two_factor")
so its templates and redirects work unchanged; our own views live in the
"accounts" namespace.
"""

from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy
from two_factor.views import ProfileView, SetupCompleteView

from . import factors, password, views

two_factor_patterns = (
    [
        path("login/", views.LoginView.as_view(), name="login"),
        # Second factors are added, replaced or renewed only with a fresh code
        # (or, for a first one, right after the password): plugins/accounts/factors.py.
        path("two_factor/setup/", factors.GuardedSetupView.as_view(), name="setup"),
        path("two_factor/qrcode/", factors.GuardedQRView.as_view(), name="qr"),
        path("two_factor/setup/complete/", SetupCompleteView.as_view(), name="setup_complete"),
        path(
            "two_factor/backup/tokens/",
            factors.GuardedBackupTokensView.as_view(),
            name="backup_tokens",
        ),
        path("two_factor/", ProfileView.as_view(), name="profile"),
        path("two_factor/disable/", factors.KeepOneFactorView.as_view(), name="disable"),
    ],
    "two_factor",
)

account_patterns = (
    [
        path("verify/", views.verify, name="verify"),
        path("logout/", views.sign_out, name="logout"),
        # Needs a verified, fresh second factor: plugins/accounts/password.py.
        path(
            "password_change/",
            password.PasswordChangeView.as_view(),
            name="password_change",
        ),
        path(
            "password_change/done/",
            password.PasswordChangeDoneView.as_view(),
            name="password_change_done",
        ),
        path(
            "password_reset/",
            views.ThrottledPasswordResetView.as_view(
                success_url=reverse_lazy("accounts:password_reset_done"),
                email_template_name="registration/password_reset_email.txt",
            ),
            name="password_reset",
        ),
        path(
            "password_reset/done/",
            auth_views.PasswordResetDoneView.as_view(),
            name="password_reset_done",
        ),
        path(
            "reset/<uidb64>/<token>/",
            auth_views.PasswordResetConfirmView.as_view(
                success_url=reverse_lazy("accounts:password_reset_complete")
            ),
            name="password_reset_confirm",
        ),
        path(
            "reset/done/",
            auth_views.PasswordResetCompleteView.as_view(),
            name="password_reset_complete",
        ),
    ],
    "accounts",
)

urlpatterns = [
    path("", include(two_factor_patterns)),
    path("", include(account_patterns)),
]
