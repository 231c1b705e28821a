"""HTML rendering of a laid-out form: one Jinja2 environment, self-contained output (CSS inlined)."""

from __future__ import annotations

from functools import lru_cache

import jinja2
from markupsafe import Markup

from piagen import __version__, resources
from piagen.pages import Document


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The only Jinja2 environment: autoescaped, strict about undefined names."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resources.data_dir("templates"))),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def stylesheet() -> str:
    """The packaged stylesheet text."""
    env = environment()
    assert env.loader is not None
    return env.loader.get_source(env, "style.css")[0]


def render_html(doc: Document, *, created: str = "", figures: dict[str, str] | None = None) -> str:
    """The form as one self-contained HTML page; `created` (ISO date) comes from the model."""
    template = environment().get_template("form.html")
    return template.render(
        doc=doc,
        css=Markup(stylesheet()),
        created=created,
        figures=figures or {},
        version=__version__,
    )
