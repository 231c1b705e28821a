"""The Excel output: the form as the official workbook, with the hidden column that maps cells back
to the model (xlsx/write.py)."""

from __future__ import annotations

from piagen.render.job import Finish, Job


def start(job: Job) -> Finish:
    from piagen.xlsx import write  # openpyxl costs ~0.15 s to import: only Excel output pays it

    content = write.render_xlsx(job.doc, date=job.stamp, keys=write.hidden_keys(job.data))
    return lambda: content
