"""The deployment files hang together: compose, nginx and the Dockerfile (Docker is not run)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def compose() -> dict:
    return yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text())


def test_compose_runs_postgresql_and_two_healthy_replicas_behind_a_balancer() -> None:
    services = compose()["services"]
    assert set(services) == {"db", "bot", "lb"}
    bot = services["bot"]
    assert bot["deploy"]["replicas"] == 2
    assert bot["environment"]["COPROD_DB"].startswith("postgresql://coprod:")
    assert "@db:5432/coprod" in bot["environment"]["COPROD_DB"]
    assert bot["environment"]["HOST"] == "0.0.0.0"
    assert bot["depends_on"]["db"]["condition"] == "service_healthy"
    assert "/healthz" in " ".join(bot["healthcheck"]["test"])
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    assert services["lb"]["depends_on"]["bot"]["condition"] == "service_healthy"
    assert "/healthz" in " ".join(services["lb"]["healthcheck"]["test"])
    mount = services["lb"]["volumes"][0].split(":")[0]
    assert (ROOT / "deploy" / mount).resolve() == ROOT / "deploy" / "nginx.conf"
    assert (ROOT / "deploy" / bot["build"]["context"] / bot["build"]["dockerfile"]).is_file()


def test_nginx_sends_traffic_to_the_bot_service_port() -> None:
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    port = compose()["services"]["bot"]["environment"]["PORT"]
    assert re.search(rf"server bot:{port}\b", conf)
    assert "proxy_pass http://coprod;" in conf
    assert "non_idempotent" not in conf  # a POST is never resent to a second replica


def test_dockerfile_runs_the_app_as_a_non_root_user() -> None:
    text = (ROOT / "Dockerfile").read_text()
    assert text.splitlines()[1] == "FROM python:3.11-slim"
    user = re.findall(r"^USER (\S+)$", text, re.M)
    assert user and user[-1] not in ("root", "0")
    assert 'CMD ["python", "app.py"]' in text
    assert "/healthz" in text
    for source in re.findall(r"^COPY (.+) \S+$", text, re.M):
        for name in source.split():
            assert (ROOT / name).exists(), f"Dockerfile copies missing {name}"
