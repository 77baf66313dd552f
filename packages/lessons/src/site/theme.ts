// The site's stylesheet (written to assets/site.css): light and dark themes share one layout and switch
// through custom properties on <html data-theme>.
export const SITE_CSS = String.raw`
:root {
  --bg: #ffffff; --bg-soft: #f6f8fa; --bg-raised: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0;
  --accent: #0b63c5; --accent-soft: #e3eefb; --accent-fg: #ffffff;
  --code-bg: #f6f8fa; --code-fg: #1f2328; --output-bg: #ffffff;
  --error-bg: #fff1f0; --error-border: #e5534b; --error-fg: #a40e26;
  --note: #0969da; --tip: #1a7f37; --important: #8250df; --warning: #9a6700; --caution: #cf222e;
  --hl-keyword: #cf222e; --hl-string: #0a3069; --hl-number: #0550ae; --hl-comment: #6e7781; --hl-title: #8250df;
  --hl-type: #953800; --hl-built: #0550ae; --hl-attr: #116329;
  --shadow: 0 1px 2px rgba(31,35,40,.06), 0 3px 12px rgba(31,35,40,.06);
  --topbar-h: 56px; --radius: 8px;
  --font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --mono: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
  color-scheme: light;
}
html[data-theme="dark"] {
  --bg: #0f1216; --bg-soft: #161b22; --bg-raised: #1b2129; --fg: #e6edf3; --muted: #9aa6b2; --border: #30363d;
  --accent: #58a6ff; --accent-soft: #132a45; --accent-fg: #0d1117;
  --code-bg: #161b22; --code-fg: #e6edf3; --output-bg: #0f1216;
  --error-bg: #2d1417; --error-border: #f85149; --error-fg: #ffa198;
  --note: #4493f8; --tip: #3fb950; --important: #ab7df8; --warning: #d29922; --caution: #f85149;
  --hl-keyword: #ff7b72; --hl-string: #a5d6ff; --hl-number: #79c0ff; --hl-comment: #8b949e; --hl-title: #d2a8ff;
  --hl-type: #ffa657; --hl-built: #79c0ff; --hl-attr: #7ee787;
  --shadow: 0 1px 2px rgba(0,0,0,.4), 0 3px 12px rgba(0,0,0,.3);
  color-scheme: dark;
}
*, *::before, *::after { box-sizing: border-box; }
html { scroll-padding-top: calc(var(--topbar-h) + 16px); }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.65 var(--font); -webkit-font-smoothing: antialiased; }
a { color: var(--accent); text-decoration-thickness: 1px; text-underline-offset: 2px; }
a:hover { text-decoration-thickness: 2px; }
code, kbd, pre { font-family: var(--mono); font-size: .9em; }
:not(pre) > code { background: var(--bg-soft); border: 1px solid var(--border); border-radius: 4px; padding: .05em .35em; }
kbd { border: 1px solid var(--border); border-bottom-width: 2px; border-radius: 4px; padding: 0 .35em; background: var(--bg-soft); }
.skip-link { position: absolute; left: -999px; top: 8px; z-index: 100; background: var(--accent); color: var(--accent-fg); padding: 8px 12px; border-radius: var(--radius); }
.skip-link:focus { left: 8px; }

/* top bar */
.topbar { position: sticky; top: 0; z-index: 50; height: var(--topbar-h); display: flex; align-items: center; gap: 14px; padding: 0 20px;
  background: color-mix(in srgb, var(--bg) 88%, transparent); backdrop-filter: blur(8px); border-bottom: 1px solid var(--border); }
.brand { font-weight: 700; font-size: 1.1rem; color: var(--fg); text-decoration: none; letter-spacing: -.01em; white-space: nowrap; }
.brand-mark { color: var(--accent); }
.edition { font-size: .75rem; padding: 2px 8px; border-radius: 999px; border: 1px solid var(--border); color: var(--muted); white-space: nowrap; }
.edition-instructor { border-color: var(--warning); color: var(--warning); }
.search { position: relative; margin-left: auto; width: min(420px, 45vw); }
#search-input { width: 100%; height: 36px; padding: 0 12px; border-radius: var(--radius); border: 1px solid var(--border); background: var(--bg-soft); color: var(--fg); font: inherit; font-size: .9rem; }
#search-input:focus { outline: 2px solid var(--accent); outline-offset: -1px; background: var(--bg); }
.search-results { position: absolute; top: 44px; right: 0; width: min(520px, 92vw); max-height: 70vh; overflow: auto; background: var(--bg-raised);
  border: 1px solid var(--border); border-radius: var(--radius); box-shadow: var(--shadow); padding: 8px; }
.search-groups, .search-sections { list-style: none; margin: 0; padding: 0; }
.search-group + .search-group { border-top: 1px solid var(--border); margin-top: 6px; padding-top: 6px; }
.search-lesson { margin: 4px 8px; font-size: .8rem; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.search-hit { display: block; padding: 6px 10px; border-radius: 6px; color: var(--fg); text-decoration: none; }
.search-hit:hover, .search-hit:focus { background: var(--accent-soft); outline: none; }
.search-empty { margin: 8px; color: var(--muted); }
.theme-toggle, .nav-toggle { flex: none; width: 36px; height: 36px; border-radius: var(--radius); border: 1px solid var(--border); background: var(--bg-soft); color: var(--fg); cursor: pointer; font-size: 1.05rem; line-height: 1; }
.theme-toggle:hover, .nav-toggle:hover { border-color: var(--accent); }
html[data-theme="dark"] .icon-dark, html[data-theme="light"] .icon-light { display: none; }
.nav-toggle { display: none; }

/* three-column layout */
.layout { display: grid; grid-template-columns: 260px minmax(0, 1fr) 230px; max-width: 1440px; margin: 0 auto; }
.no-toc .layout { grid-template-columns: 260px minmax(0, 1fr); }
.sidebar, .toc { position: sticky; top: var(--topbar-h); align-self: start; max-height: calc(100vh - var(--topbar-h)); overflow-y: auto; padding: 24px 16px; }
.sidebar { border-right: 1px solid var(--border); min-height: calc(100vh - var(--topbar-h)); }
.sidebar-home { display: block; padding: 6px 10px; border-radius: 6px; color: var(--fg); text-decoration: none; font-weight: 600; }
.sidebar-heading, .toc-heading { margin: 18px 10px 6px; font-size: .75rem; font-weight: 700; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
.toc-heading { margin-top: 0; }
.nav-lessons, .toc-list { list-style: none; margin: 0; padding: 0; }
.nav-lessons a { display: flex; gap: 10px; padding: 7px 10px; border-radius: 6px; color: var(--fg); text-decoration: none; font-size: .93rem; line-height: 1.35; }
.nav-number { flex: none; font-family: var(--mono); font-size: .8rem; color: var(--muted); padding-top: 2px; }
.nav-lessons a:hover, .sidebar-home:hover { background: var(--bg-soft); }
.nav-lessons a[aria-current="page"], .sidebar-home[aria-current="page"] { background: var(--accent-soft); color: var(--accent); font-weight: 600; }
.toc-list a { display: block; padding: 4px 10px; border-left: 2px solid var(--border); color: var(--muted); text-decoration: none; font-size: .85rem; line-height: 1.4; }
.toc-list .toc-level-3 a { padding-left: 22px; }
.toc-list code { font-size: .8em; background: none; border: 0; padding: 0; overflow-wrap: anywhere; }
.toc-list a:hover { color: var(--fg); }
.toc-list a.active { color: var(--accent); border-left-color: var(--accent); }
main { min-width: 0; padding: 32px 48px 64px; outline: none; }
.footer { border-top: 1px solid var(--border); color: var(--muted); font-size: .85rem; text-align: center; padding: 20px; }

/* landing */
.hero { max-width: 820px; padding: 16px 0 8px; }
.hero h1 { font-size: clamp(1.9rem, 3.5vw, 2.7rem); line-height: 1.15; letter-spacing: -.02em; margin: .2em 0 .4em; }
.lead { font-size: 1.15rem; color: var(--muted); }
.eyebrow { margin: 0; font-size: .8rem; font-weight: 700; text-transform: uppercase; letter-spacing: .07em; color: var(--accent); }
.hero-meta { display: flex; flex-wrap: wrap; align-items: center; gap: 12px; color: var(--muted); }
.button { display: inline-block; padding: 7px 14px; border-radius: var(--radius); background: var(--accent); color: var(--accent-fg); text-decoration: none; font-weight: 600; font-size: .92rem; }
.button:hover { filter: brightness(1.08); }
.notice { border: 1px solid var(--warning); border-radius: var(--radius); padding: 10px 14px; }
.howto { max-width: 820px; }
.howto h2 { font-size: 1.2rem; }
.cards { list-style: none; padding: 0; margin: 28px 0 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(290px, 1fr)); gap: 18px; }
.card { position: relative; display: flex; flex-direction: column; padding: 20px 22px; border: 1px solid var(--border); border-radius: 12px; background: var(--bg-raised); box-shadow: var(--shadow); transition: border-color .15s, transform .15s; }
.card:hover { border-color: var(--accent); transform: translateY(-2px); }
.card:focus-within { border-color: var(--accent); }
.card-number { margin: 0; font-family: var(--mono); font-size: .8rem; color: var(--accent); }
.card-title { margin: .25em 0 .5em; font-size: 1.2rem; line-height: 1.3; }
.card-title a { color: var(--fg); text-decoration: none; }
.card-title a::after { content: ""; position: absolute; inset: 0; border-radius: 12px; }
.card-objectives { margin: 0 0 12px; padding-left: 1.1em; color: var(--muted); font-size: .92rem; }
.card-objectives li + li { margin-top: 4px; }
.card-time { margin: auto 0 0; font-size: .85rem; color: var(--muted); }

/* lesson */
.lesson { max-width: 880px; }
.lesson h1 { font-size: 2.2rem; line-height: 1.2; letter-spacing: -.02em; margin: .3em 0 .3em; }
.lesson h2 { font-size: 1.55rem; margin: 1.8em 0 .5em; padding-bottom: .25em; border-bottom: 1px solid var(--border); letter-spacing: -.01em; }
.lesson h3 { font-size: 1.2rem; margin: 1.5em 0 .4em; }
/* Out of the flow, at the end of the heading's last line: the "#" that appears on hover never wraps onto a
   line of its own, which would leave a blank line under a long heading. The heading keeps room for it on
   the right, so a full last line does not push it past the page's edge. */
.header-anchor { position: absolute; margin-left: .3em; color: var(--border); text-decoration: none; opacity: 0; transition: opacity .1s; }
.markdown-cell :is(h1, h2, h3, h4):has(> .header-anchor) { padding-right: 1.2em; }
h1:hover .header-anchor, h2:hover .header-anchor, h3:hover .header-anchor, h4:hover .header-anchor, .header-anchor:focus { opacity: 1; color: var(--muted); }
.lesson-actions { display: flex; flex-wrap: wrap; align-items: center; gap: 14px; margin: 0 0 1.4em; }
.lesson .eyebrow + h1 { margin-top: .15em; }
.cell { margin: 14px 0; }
.markdown-cell > :first-child { margin-top: 0; }
.markdown-cell table { border-collapse: collapse; margin: 1em 0; display: block; overflow-x: auto; }
.markdown-cell th, .markdown-cell td { border: 1px solid var(--border); padding: 6px 12px; }
.markdown-cell th { background: var(--bg-soft); }
.markdown-cell img { max-width: 100%; }
.markdown-cell blockquote { margin: 1em 0; padding: 0 1em; color: var(--muted); border-left: 3px solid var(--border); }
/* Display math fits its column: the parts of a formula (see markdown.ts) go on separate lines when they
   do not fit side by side, and a part wider than the column wraps after a top-level relation or operator.
   Scrolling sideways is left for a single unbreakable piece wider than the column. */
.katex-display { overflow-x: auto; overflow-y: hidden; padding: 4px 0; }
.katex-display > .katex { white-space: normal; }
.math-parts { display: flex; flex-wrap: wrap; justify-content: center; align-items: baseline; column-gap: 2em; margin: 1em 0; }
.math-parts-quad { column-gap: 1em; }
/* A part is as wide as its formula; KaTeX's subscripts reach 2px past their box (.vlist-s), hence the padding. */
.math-parts > .katex-display { margin: .25em 0; min-width: 0; padding: 4px 3px; }
.input { position: relative; }
.prompt { position: absolute; right: calc(100% + 8px); top: 10px; font-family: var(--mono); font-size: .75rem; color: var(--muted); white-space: nowrap; }
pre.code { margin: 0; padding: 14px 16px; overflow-x: auto; background: var(--code-bg); color: var(--code-fg); border: 1px solid var(--border); border-radius: var(--radius); line-height: 1.5; }
.markdown-cell pre.code { margin: 1em 0; }
.exercise { border-left: 3px solid var(--important); padding-left: 12px; }
/* The exercise bar (3px) and its padding (12px) move the input right; keep the prompt in line with the others. */
.exercise .prompt { right: calc(100% + 23px); }
.exercise-label { margin: 0 0 6px; font-size: .8rem; font-weight: 700; text-transform: uppercase; letter-spacing: .05em; color: var(--important); }
.hidden-input summary { cursor: pointer; color: var(--muted); font-size: .9rem; }
.outputs { margin-top: 6px; padding-left: 14px; border-left: 2px solid var(--border); }
.output { margin: 6px 0; max-width: 100%; overflow-x: auto; }
pre.output { padding: 8px 12px; background: var(--output-bg); white-space: pre-wrap; word-break: break-word; font-size: .85rem; line-height: 1.45; }
pre.output.stderr { background: var(--error-bg); }
.output.image img { max-width: 100%; height: auto; background: #fff; }
.output.plotly { overflow: visible; }
/* The figure's title, and the row Plotly's mode bar is moved into (it would otherwise float over the
   top of the plot): the title leaves room on the right for the bar's four buttons. */
.figure-head { min-height: 30px; padding-right: 130px; }
.figure-title { margin: 0; padding-top: 4px; font-weight: 600; font-size: .95rem; line-height: 1.35; }
.plotly-figure .modebar-container { top: -30px !important; }
.plotly-figure { width: 100%; min-height: 360px; }
/* What the page says about a cell's outputs (which backend made them, that a solution made them), or in place of a check's result. */
.cell-note { margin: 6px 0; padding: 6px 12px; border-left: 3px solid var(--note); border-radius: 4px; background: color-mix(in srgb, var(--note) 7%, transparent); font-size: .9rem; line-height: 1.5; }
.check-note { border-left-color: var(--important); background: color-mix(in srgb, var(--important) 7%, transparent); }
.output.error { border: 1px solid var(--error-border); border-left-width: 4px; border-radius: 6px; background: var(--error-bg); color: var(--error-fg); padding: 8px 12px; }
.output.error pre { margin: 6px 0 0; white-space: pre-wrap; font-size: .82rem; color: var(--fg); }
.error-name { margin: 0; }
.admonition { margin: 1.2em 0; padding: 10px 16px; border-left: 4px solid var(--note); border-radius: 6px; background: color-mix(in srgb, var(--note) 8%, transparent); color: var(--fg); }
.admonition > :last-child { margin-bottom: 0; }
.admonition-title { margin: 0 0 4px; font-weight: 700; color: var(--note); }
.admonition.tip { border-color: var(--tip); background: color-mix(in srgb, var(--tip) 8%, transparent); } .admonition.tip .admonition-title { color: var(--tip); }
.admonition.important { border-color: var(--important); background: color-mix(in srgb, var(--important) 8%, transparent); } .admonition.important .admonition-title { color: var(--important); }
.admonition.warning { border-color: var(--warning); background: color-mix(in srgb, var(--warning) 10%, transparent); } .admonition.warning .admonition-title { color: var(--warning); }
.admonition.caution { border-color: var(--caution); background: color-mix(in srgb, var(--caution) 8%, transparent); } .admonition.caution .admonition-title { color: var(--caution); }
.alert { margin: 1em 0; padding: 10px 16px; border-radius: 6px; border-left: 4px solid var(--note); background: color-mix(in srgb, var(--note) 8%, transparent); }
.alert-success { border-color: var(--tip); } .alert-warning { border-color: var(--warning); } .alert-danger { border-color: var(--caution); }
.open-notebook { margin-top: 48px; padding: 4px 22px 12px; border: 1px solid var(--border); border-radius: 12px; background: var(--bg-soft); }
.open-notebook h2 { border: 0; margin-top: .8em; }
.pager { max-width: 880px; display: grid; grid-template-columns: 1fr 1fr; gap: 16px; margin-top: 32px; }
.pager a { display: flex; flex-direction: column; padding: 12px 16px; border: 1px solid var(--border); border-radius: var(--radius); text-decoration: none; color: var(--fg); }
.pager a:hover { border-color: var(--accent); }
.pager-next { text-align: right; grid-column: 2; }
.pager-label { font-size: .8rem; color: var(--muted); }
.pager-title { font-weight: 600; color: var(--accent); }

/* highlight.js tokens */
.hljs-keyword, .hljs-selector-tag, .hljs-meta .hljs-keyword { color: var(--hl-keyword); }
.hljs-string, .hljs-regexp, .hljs-template-string { color: var(--hl-string); }
.hljs-number, .hljs-literal { color: var(--hl-number); }
.hljs-comment, .hljs-quote { color: var(--hl-comment); font-style: italic; }
.hljs-title, .hljs-title.function_, .hljs-section { color: var(--hl-title); }
.hljs-type, .hljs-title.class_, .hljs-params { color: var(--hl-type); }
.hljs-built_in, .hljs-variable.language_ { color: var(--hl-built); }
.hljs-attr, .hljs-attribute, .hljs-property { color: var(--hl-attr); }

@media (max-width: 1180px) {
  .layout, .no-toc .layout { grid-template-columns: 240px minmax(0, 1fr); }
  .toc { display: none; }
}
@media (max-width: 820px) {
  .layout, .no-toc .layout { grid-template-columns: minmax(0, 1fr); }
  .nav-toggle { display: block; }
  .sidebar { display: none; position: fixed; z-index: 40; top: var(--topbar-h); left: 0; bottom: 0; width: 280px; max-height: none; background: var(--bg); box-shadow: var(--shadow); }
  .nav-open .sidebar { display: block; }
  .nav-open::after { content: ""; position: fixed; inset: var(--topbar-h) 0 0 0; z-index: 30; background: rgba(0,0,0,.4); }
  .edition { display: none; }
  main { padding: 20px 18px 48px; }
  .lesson h1, .hero h1 { font-size: 1.75rem; }
  .prompt { display: none; }
}
@media print {
  .topbar, .sidebar, .toc, .pager, .footer { display: none; }
  .layout { display: block; }
}
`;

/** A small diamond mark, so browsers find an icon instead of requesting a missing /favicon.ico. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0b63c5"/><path d="M16 6l10 10-10 10L6 16z" fill="#fff"/></svg>\n`;
