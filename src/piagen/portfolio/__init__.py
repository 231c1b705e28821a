"""`piagen build` and `piagen revise`: a whole municipality's 評価書 at once — build, publication
page, deadline calendar, cross-document checks and bulk revisions."""

from piagen.portfolio.build import Finished, Started, build, eta
from piagen.portfolio.build import weight as build_weight
from piagen.portfolio.calendar import events, ics
from piagen.portfolio.crosscheck import REGISTRY
from piagen.portfolio.crosscheck import run as cross_check
from piagen.portfolio.folder import Entry, Project, load, model_files, read_project
from piagen.portfolio.index import render_index
from piagen.portfolio.report import json_report, progress_line, table
from piagen.portfolio.summary import Row, row

__all__ = [
    "REGISTRY",
    "Entry",
    "Finished",
    "Project",
    "Row",
    "Started",
    "build",
    "build_weight",
    "cross_check",
    "eta",
    "events",
    "ics",
    "json_report",
    "load",
    "model_files",
    "progress_line",
    "read_project",
    "render_index",
    "row",
    "table",
]
