"""HTML rendering of a laid-out form: one Jinja2 environment, self-contained output (CSS inlined)."""

from __future__ import annotations

from functools import lru_cache

import jinja2
from markupsafe import Markup

from piagen import __version__, resources
from piagen.document.pages import Document


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The only Jinja2 environment: autoescaped, strict about undefined names."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resources.data_dir("templates"))),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["css_string"] = css_string
    return env


def css_string(text: str) -> Markup:
    """`text` as a quoted CSS string that is safe inside <style> (no quote, backslash, < or > left)."""
    escaped = "".join(c if c.isalnum() or c in " 　・（）［］[]：" else f"\\{ord(c):x} " for c in str(text))
    return Markup(f'"{escaped}"')


def stylesheet() -> str:
    """The packaged stylesheet text."""
    env = environment()
    assert env.loader is not None
    return env.loader.get_source(env, "style.css")[0]


def running_title(doc: Document) -> str:
    """The title printed at the top of every page and in the PDF metadata (with the 提出版's mark)."""
    title = doc.title or doc.heading
    return f"{title}　{doc.edition_mark}" if doc.edition_mark else title


def render_html(
    doc: Document,
    *,
    created: str = "",
    figures: dict[str, str] | None = None,
    margins: bool = True,
    links: bool = False,
) -> str:
    """The form as one self-contained HTML page; `created` (ISO date) comes from the model.
    Without `margins`, pages carry no running header or page number (a part of a larger PDF).
    With `links` (the HTML deliverable), the 項目一覧 links to its sections."""
    template = environment().get_template("form.html")
    return template.render(
        doc=doc,
        running_title=running_title(doc),
        css=Markup(stylesheet()),
        created=created,
        figures=figures or {},
        version=__version__,
        margins=margins,
        links=links,
    )


def render_overlay(doc: Document, pages: int, first: int = 1, last: int | None = None) -> str:
    """Pages `first`…`last` (of `pages`) holding only the running header (none on the cover) and
    「n / N」, drawn over the merged parts."""
    numbers = range(first, (pages if last is None else last) + 1)
    return (
        environment()
        .get_template("overlay.html")
        .render(title=running_title(doc), pages=pages, numbers=numbers)
    )
