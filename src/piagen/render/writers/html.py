"""The HTML output: the form as one self-contained page whose 項目一覧 links to its sections."""

from __future__ import annotations

from piagen.render import html
from piagen.render.job import Finish, Job


def start(job: Job) -> Finish:
    created = job.stamp.date().isoformat()
    page = html.render_html(job.doc, created=created, figures=dict(job.options.figures), links=True)
    content = page.encode("utf-8")
    return lambda: content
