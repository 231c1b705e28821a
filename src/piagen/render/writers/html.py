"""The HTML output: the form as one self-contained page (already rendered for every output)."""

from __future__ import annotations

from piagen.render.job import Finish, Job


def start(job: Job) -> Finish:
    content = job.html.encode("utf-8")
    return lambda: content
