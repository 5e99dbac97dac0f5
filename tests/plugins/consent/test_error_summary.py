"""Signing without ticking the box: the page says "Error:" and the summary links to the box."""

import re

from plugins import consent

from .conftest import TEXT
from .test_views import SPEC, answer_url


def test_signing_without_the_box_links_to_the_box(family, verified_client):
    req = consent.request_consent(family.case, SPEC, content=TEXT)
    client = verified_client(family.g1)
    response = client.post(answer_url(req), {"decision": "sign"})
    html = response.content.decode()
    assert response.status_code == 400
    assert re.search(r"<title>\s*Error: ", html)
    assert 'href="#id_read"' in html.split('class="error-summary"')[1].split("</div>")[0]
