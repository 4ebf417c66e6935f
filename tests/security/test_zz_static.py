import pytest
from django.test import Client
@pytest.mark.parametrize("p", ["/static/%2e%2e/settings.py", "/static/..%2fsettings.py", "/static/%2e%2e%2f%2e%2e%2fmanage.py", "/static/a/%2e%2e/%2e%2e/x", "/static/%00", "/static/%ff", "/static/" + "a"*5000, "/static/application.css"])
def test_s(db, p, settings):
    settings.DEBUG = True
    r = Client(raise_request_exception=False).get(p)
    print(p[:50], r.status_code)
    assert r.status_code < 500
