# coprod: one replica of the bot. See docs/deploy.md.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
# The prompts folder is read from beside the code, so the app runs from /app (editable install).
COPY pyproject.toml README.md app.py ./
COPY bot ./bot
COPY adapters ./adapters
COPY runtime ./runtime
COPY prompts ./prompts
RUN pip install -e . \
    && useradd --create-home --uid 10001 coprod \
    && mkdir -p /app/data \
    && chown coprod:coprod /app/data

USER coprod
ENV HOST=0.0.0.0 \
    PORT=3978 \
    COPROD_DB=/app/data/coprod.json
EXPOSE 3978
VOLUME ["/app/data"]
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:3978/healthz', timeout=3)"]
CMD ["python", "app.py"]
