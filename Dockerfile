# The event bot in one image: `python -m bot` as a non-root user, the knowledge base and the
# database in volumes, a HEALTHCHECK on the bot's heartbeat. See docs/deploy.md.
#   docker build -t event-bot .
#   docker run -d --env-file .env -v event-knowledge:/knowledge -v event-data:/data event-bot

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
RUN python -m venv /opt/venv && /opt/venv/bin/pip install .

FROM python:3.11-slim
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    KNOWLEDGE_DIR=/knowledge \
    DATABASE_PATH=/data/questions.sqlite3 \
    MPLCONFIGDIR=/home/bot/.cache/matplotlib
RUN useradd --create-home --uid 10001 --user-group bot \
    && mkdir -p /knowledge /data \
    && chown bot:bot /knowledge /data
COPY --from=build /opt/venv /opt/venv
# The shipped event: a new named volume on /knowledge starts with it; replace it with yours
# (or set SCHEDULE_URL).
COPY --chown=bot:bot knowledge/ /knowledge/
USER bot
WORKDIR /home/bot
# matplotlib's font cache, built once here rather than at the first /questions stats chart
RUN python -c "import matplotlib.font_manager"
VOLUME ["/knowledge", "/data"]
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["python", "-m", "bot", "health"]
ENTRYPOINT ["python", "-m", "bot"]
CMD ["run"]
