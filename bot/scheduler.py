"""The daemon: APScheduler 3.x jobs that poll due feeds and deliver pending alerts.

Jobs never overlap (max_instances=1) and missed runs coalesce, so a slow
cycle delays the next one instead of piling up. SIGTERM and SIGINT stop the
scheduler after the running job finishes: a cycle is never cut mid-record.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable
from datetime import UTC, datetime
from types import FrameType

from apscheduler.schedulers.blocking import BlockingScheduler

from bot.worker import Worker

log = logging.getLogger("newsbot.scheduler")


def _safely(name: str, job: Callable[[], object]) -> Callable[[], None]:
    def run() -> None:
        try:
            job()
        except Exception:
            # A job that raises is logged and tried again at its next run;
            # the store being unreachable for a minute must not end the daemon.
            log.exception("%s failed; will try again at the next run", name)

    return run


def run_forever(worker: Worker) -> None:
    settings = worker.settings
    scheduler = BlockingScheduler(timezone=UTC, job_defaults={"coalesce": True, "max_instances": 1})
    now = datetime.now(UTC)
    jobs = (
        ("poll", worker.poll, settings.poll_every_s),
        ("deliver", worker.deliver, settings.deliver_every_s),
    )
    for name, job, every in jobs:
        scheduler.add_job(
            _safely(name, job),
            "interval",
            seconds=every,
            id=name,
            next_run_time=now,
            misfire_grace_time=every,
        )

    def stop(signum: int, _frame: FrameType | None) -> None:
        log.info("received %s; stopping after the running job", signal.Signals(signum).name)
        # wait=True: the main thread only waits on the scheduler here, so blocking
        # it until running jobs end keeps the store and HTTP client open for them.
        scheduler.shutdown(wait=True)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    log.info(
        "worker started: polling due feeds every %ds, delivering every %ds",
        settings.poll_every_s,
        settings.deliver_every_s,
    )
    scheduler.start()
    log.info("worker stopped")
