"""Small HTTP helpers for the web admin port tests (stdlib only, 127.0.0.1 only, bounded waits)."""

import base64
import json
import os
import shutil
import socket
import subprocess
import urllib.error
import urllib.request


def request(port, path, method="GET", body=None, auth=None, content_type="application/json",
            timeout=5.0):
    """(status, headers, body bytes) of one request to 127.0.0.1:port."""
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    req = urllib.request.Request("http://127.0.0.1:%d%s" % (port, path), data=data, method=method)
    if data is not None and content_type:
        req.add_header("Content-Type", content_type)
    if auth:
        req.add_header("Authorization", "Basic " + base64.b64encode(auth.encode()).decode())
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def have_prometheus_parser():
    """Debian's python3-prometheus-client, also when python3 is not Debian's own (pyenv)."""
    try:
        import prometheus_client.parser  # noqa: F401
        return True
    except ImportError:
        pass
    import sys
    if os.path.isdir("/usr/lib/python3/dist-packages") and "/usr/lib/python3/dist-packages" not in sys.path:
        sys.path.append("/usr/lib/python3/dist-packages")
    try:
        import prometheus_client.parser  # noqa: F401, F811
        return True
    except ImportError:
        return False


def metrics(port, auth=None):
    """The /metrics families parsed by prometheus_client's text parser, by name."""
    from prometheus_client.parser import text_string_to_metric_families
    status, headers, body = request(port, "/metrics", auth=auth)
    assert status == 200, (status, body)
    assert headers.get("Content-Type", "").startswith("text/plain; version=0.0.4"), headers
    return {f.name: f for f in text_string_to_metric_families(body.decode("utf-8"))}


def sample(families, family, sample_name=None, **labels):
    for s in families[family].samples:
        if s.name == (sample_name or family) and all(s.labels.get(k) == v for k, v in labels.items()):
            return s.value
    raise KeyError((family, sample_name, labels))


def try_metrics(port):
    try:
        return request(port, "/metrics", timeout=1.0)[0] == 200
    except OSError:
        return False


def raw_connection(port, payload=b""):
    s = socket.create_connection(("127.0.0.1", port), timeout=5.0)
    if payload:
        s.sendall(payload)
    return s


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def dump_dom(browser, url, workdir, budget_ms=4000, timeout=60.0):
    """The page's DOM after its scripts ran for budget_ms of virtual time (headless Chromium)."""
    profile = os.path.join(workdir, "chromium-profile")
    argv = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--user-data-dir=" + profile, "--virtual-time-budget=%d" % budget_ms,
            "--dump-dom", url]
    done = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    return done.stdout.decode("utf-8", "replace")
