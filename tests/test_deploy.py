"""The sample reverse-proxy configuration adds what Streamlit cannot (README, "Déploiement")."""
import re

from tests.conftest import ROOT

NGINX = (ROOT / "deploy" / "nginx.conf.example").read_text(encoding="utf-8")


def test_the_sample_proxy_sets_every_security_header_on_every_response():
    headers = dict(re.findall(r'add_header\s+([\w-]+)\s+"([^"]+)"\s+always;', NGINX))
    assert headers["Cache-Control"] == "no-store"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "SAMEORIGIN"  # the cookie component is a same-origin frame
    assert "frame-ancestors 'self'" in headers["Content-Security-Policy"]
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["Strict-Transport-Security"].startswith("max-age=")


def test_the_sample_proxy_closes_metrics_and_names_the_client():
    assert re.search(r"location = /_stcore/metrics \{\s*return 404;", NGINX)
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in NGINX  # replaced, not appended to
    assert "ROCSMO_TRUSTED_PROXY_HEADER=X-Forwarded-For" in NGINX
    assert "proxy_set_header Upgrade $http_upgrade;" in NGINX
