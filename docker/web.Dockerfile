# The web tier and the CPU workers: no torch, no vLLM.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY scorecheck ./scorecheck
COPY leaderboard ./leaderboard
COPY claims ./claims
COPY evaluator ./evaluator
RUN pip install --no-cache-dir ".[s3]"
COPY . .
RUN DJANGO_SETTINGS_MODULE=scorecheck.settings.base python manage.py collectstatic --noinput -v 0
# The media volume starts as this folder: owned by the user that writes samples archives.
RUN useradd --create-home scorecheck && mkdir -p /data/media && chown scorecheck /data/media
USER scorecheck
EXPOSE 8000
CMD ["gunicorn", "scorecheck.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
