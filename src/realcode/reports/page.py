"""The HTML shell every report page shares: one stylesheet, no external resources."""

from __future__ import annotations

import html

STYLE = """
:root { --muted: #6b7280; --line: #d9dde3; --ok: #157347; --bad: #b42318; --head: #f3f5f8; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 1180px;
       padding: 0 1.2em; color: #1f2328; }
h1 { font-size: 1.6em; margin-bottom: .2em; } h2 { margin-top: 1.8em; border-bottom: 1px solid var(--line); }
h3 { margin: 1.4em 0 .4em; } a { color: #0b57d0; text-decoration: none; } a:hover { text-decoration: underline; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: .4em 0; font-size: 13.5px; }
th, td { border: 1px solid var(--line); padding: 4px 9px; text-align: right; vertical-align: top; }
th:first-child, td:first-child { text-align: left; }
thead th { background: var(--head); position: sticky; top: 0; }
tr.group th { background: #e8eefc; text-align: left; }
th.span { text-align: center; border-bottom: 2px solid #b8c0cc; }
table.text td, table.text th { text-align: left; }
td:first-child { white-space: nowrap; }
table.text td:first-child { white-space: normal; }
.ci { color: var(--muted); font-size: 11.5px; white-space: nowrap; }
.caption { color: var(--muted); font-size: 13px; margin-top: .2em; }
.exports { margin-left: .6em; font-size: 12px; }
.warning { background: #fff4e5; border-left: 4px solid #f59e0b; padding: .4em .8em; margin: .4em 0; }
.muted { color: var(--muted); }
.badge { display: inline-block; padding: 0 .5em; border-radius: 9px; font-size: 12px; color: white; }
.badge.ok { background: var(--ok); } .badge.bad { background: var(--bad); } .badge.na { background: #9aa0a6; }
figure { display: inline-block; margin: 1em 1.2em 1em 0; vertical-align: top; }
figcaption { color: var(--muted); font-size: 13px; text-align: center; }
img { max-width: 100%; border: 1px solid #eee; }
table.code { border: none; font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; width: 100%; }
table.code td { border: none; padding: 0 8px; text-align: left; white-space: pre; }
table.code td.ln { color: var(--muted); text-align: right; user-select: none; width: 3em; }
table.code tr.flagged td { background: #fdecea; }
.mark { color: var(--bad); font-family: system-ui, sans-serif; font-size: 11.5px; margin-left: 2em; }
pre { background: #f6f8fa; padding: .6em .8em; overflow-x: auto; font-size: 12.5px; white-space: pre-wrap; }
td.detail { text-align: left; max-width: 640px; white-space: pre-wrap; font-size: 12.5px; }
ul.findings li { margin-bottom: .5em; } ol.trace { color: var(--muted); font-size: 13px; }
.facts { color: #374151; } .round { border-top: 2px solid var(--line); margin-top: 1.5em; }
.msg { margin: .4em 0; } .msg .role { font-size: 12px; color: var(--muted); text-transform: uppercase; }
.msg.user pre { background: #eef4ff; } .msg.assistant pre { background: #f2f8f2; }
pre.feedback { background: #fff8e6; } pre.sent { background: #eef4ff; }
nav.toc { font-size: 14px; } nav.toc a { margin-right: 1em; }
dl.prov { display: grid; grid-template-columns: max-content 1fr; gap: .1em 1em; }
"""
# Lets a test (and a reader's console) see that every plot decoded: <body data-images-ok="N">.
IMAGE_CHECK = """
window.addEventListener("load", function () {
  var ok = Array.prototype.filter.call(document.images, function (i) { return i.complete && i.naturalWidth > 0; });
  document.body.setAttribute("data-images-ok", String(ok.length));
});
"""


def page(title: str, body: str) -> str:
    """A complete HTML document; pages carry their own relative links."""
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<style>{STYLE}</style><script>{IMAGE_CHECK}</script></head>"
            f'<body data-images-ok="0">{body}</body></html>')
