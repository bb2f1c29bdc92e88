"""The page's CSS and fonts (system fonts with CJK coverage first: nothing is fetched from a font CDN)."""

from __future__ import annotations

CJK_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei",
             "ui-sans-serif", "system-ui", "sans-serif")
MONO_FONTS = ("Noto Sans Mono CJK SC", "DejaVu Sans Mono", "ui-monospace", "Consolas", "monospace")

CSS = """
.cite-list { margin-top: .7em; padding-top: .4em; border-top: 1px solid var(--border-color-primary); }
.cite-head { font-weight: 600; font-size: .9em; color: var(--body-text-color-subdued); margin-bottom: .2em; }
.cite-list.related .cite-head { color: #b45309; }
details.cite { margin: .2em 0; }
details.cite > summary { cursor: pointer; }
.cite-text { margin: .3em 0 .5em; padding: .4em .7em; border-left: 3px solid var(--color-accent);
             background: var(--background-fill-secondary); font-size: .92em; line-height: 1.6; }
.cite-text mark { background: #fde68a; color: inherit; padding: 0 .1em; }
.section-path { color: var(--body-text-color-subdued); font-size: .9em; margin-bottom: .5em; }
.section-body p { margin: 0 0 .6em; line-height: 1.75; }
#outline-tree { max-height: 640px; overflow-y: auto; }
#outline-tree .wrap { flex-direction: column; align-items: stretch; gap: 2px; }
#outline-tree label { width: 100%; padding: 4px 10px; }
"""
