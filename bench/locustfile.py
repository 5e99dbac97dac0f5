"""Load scenario for the portal, on loopback only (``make load``).

Three kinds of visitors, weighted like a school day:
- anonymous readers of the guidance pages and search;
- guardians signed in with password and second factor, reading their child's
  page, plans and the access log;
- coordinators listing students (paged) and requesting a school-application bundle.

Accounts come from ``load_demo`` and ``no_iskole_bulk_data`` (password and TOTP
secret as in the README). Run it with ``make load`` (fixed time and users).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import os
import re
import struct
import time

from locust import HttpUser, between, task

SECRET = base64.b32decode("JBSWY3DPEHPK3PXP")
PASSWORD = "demo-pass-2026"  # noqa: S105  # nosec B105 - the published demo password
GUARDIANS = itertools.count()
COORDINATORS = itertools.count()
SEARCH_WORDS = ["frist", "søknad", "vedtak", "IOP", "plan", "overgang"]


def totp(at: float | None = None) -> str:
    counter = int((at or time.time()) // 30)
    digest = hmac.new(SECRET, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


class SignedIn(HttpUser):
    abstract = True
    username = ""

    def csrf(self, path):
        response = self.client.get(path, name=path.split("?")[0] if "login" in path else None)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)
        return match.group(1) if match else ""

    def sign_in(self):
        token = self.csrf("/accounts/login/")
        self.client.post(
            "/accounts/login/",
            {
                "csrfmiddlewaretoken": token,
                "login_view-current_step": "auth",
                "auth-username": self.username,
                "auth-password": PASSWORD,
            },
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="/accounts/login/ (password)",
        )
        token = self.client.cookies.get("csrftoken", token)
        response = self.client.post(
            "/accounts/login/",
            {
                "csrfmiddlewaretoken": token,
                "login_view-current_step": "token",
                "token-otp_token": totp(),
            },
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="/accounts/login/ (code)",
        )
        if "token-otp_token" in response.text:
            raise RuntimeError(f"{self.username} could not sign in with a code")


class Reader(HttpUser):
    weight = int(os.environ.get("LOAD_READERS", 6))
    wait_time = between(0.5, 2)

    @task(4)
    def guidance(self):
        self.client.get("/nordvik/guidance/", name="/nordvik/guidance/")

    @task(2)
    def home(self):
        self.client.get("/", name="/")

    @task(2)
    def search(self):
        word = SEARCH_WORDS[int(time.time()) % len(SEARCH_WORDS)]
        self.client.get(f"/search/?q={word}", name="/search/?q=")


class Guardian(SignedIn):
    weight = int(os.environ.get("LOAD_GUARDIANS", 3))
    wait_time = between(1, 3)

    def on_start(self):
        self.username = f"load-guardian-{next(GUARDIANS) % 200}"
        self.sign_in()
        page = self.client.get("/family/", name="/family/")
        self.children = re.findall(r"/family/children/(\d+)/\"", page.text) or re.findall(
            r"/family/children/(\d+)/", page.text
        )
        self.plans = re.findall(r'href="(/j/[^"]+/(?:iop|applications)/\d+/)"', page.text)

    @task(3)
    def start_page(self):
        self.client.get("/family/", name="/family/")

    @task(2)
    def plan(self):
        if self.plans:
            self.client.get(self.plans[0], name="/j/no-iskole/iop/[id]/")

    @task(1)
    def access_log(self):
        if self.children:
            self.client.get(
                f"/family/children/{self.children[0]}/access-log/",
                name="/family/children/[id]/access-log/",
            )


class Coordinator(SignedIn):
    weight = int(os.environ.get("LOAD_COORDINATORS", 1))
    wait_time = between(1, 4)

    def on_start(self):
        self.username = f"load-coordinator-{next(COORDINATORS) % 20}"
        self.sign_in()

    @task(4)
    def student_list(self):
        page = 1 + int(time.time()) % 10
        self.client.get(f"/j/no-iskole/?page={page}", name="/j/no-iskole/?page=")

    @task(1)
    def bundle(self):
        listing = self.client.get(
            "/j/no-iskole/school-applications/", name="/j/no-iskole/school-applications/"
        )
        found = re.search(r'href="/j/no-iskole/school-applications/(\d+)/"', listing.text)
        if found:
            detail = f"/j/no-iskole/school-applications/{found.group(1)}/"
            page = self.client.get(detail, name="/j/no-iskole/school-applications/[id]/")
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
            self.client.post(
                f"{detail}pdf/",
                {"csrfmiddlewaretoken": token.group(1) if token else ""},
                headers={"Referer": f"{self.host}{detail}"},
                name="/j/no-iskole/school-applications/[id]/pdf/ (bundle)",
            )

    @task(1)
    def filtered_list(self):
        self.client.get("/j/no-iskole/?stage=published_to_family&q=a", name="/j/no-iskole/?filter")
