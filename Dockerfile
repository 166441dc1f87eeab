# newsbot worker. Long-running:   docker run -v newsbot-state:/app/state -e SLACK_BOT_TOKEN=... newsbot
#                 One cycle (cron): docker run --rm -v newsbot-state:/app/state -e SLACK_BOT_TOKEN=... newsbot run --once
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    NEWSBOT_CONFIG=/app/newsbot.yaml

WORKDIR /app

# Pinned dependencies first, so a code or watchlist edit does not reinstall them.
COPY requirements.lock ./
RUN pip install --no-cache-dir --requirement requirements.lock
COPY pyproject.toml README.md ./
COPY bot/ bot/
RUN pip install --no-cache-dir --no-deps . \
    && useradd --system --uid 10001 --no-create-home --home-dir /app newsbot \
    && mkdir -p /app/state \
    && chown newsbot /app/state

COPY newsbot.yaml ./
COPY watchlists/ watchlists/

USER 10001
# SQLite database and the heartbeat live here; mount a volume to keep them.
VOLUME ["/app/state"]

# Healthy only while the worker completes cycles: it touches state/heartbeat
# after every poll and delivery; three missed poll periods mean it is stuck.
HEALTHCHECK --interval=60s --timeout=10s --start-period=120s --retries=3 \
    CMD ["newsbot", "health"]

ENTRYPOINT ["newsbot"]
CMD ["run"]
