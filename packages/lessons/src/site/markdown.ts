import MarkdownIt from 'markdown-it';
import anchor from 'markdown-it-anchor';
import container from 'markdown-it-container';
import mathPlugin, { type MarkdownKatexOptions } from '@vscode/markdown-it-katex';
import katex from 'katex';
import { codeBlock } from './highlight';

type Md = MarkdownIt.MarkdownIt;
type Token = MarkdownIt.Token;

/** A heading found while rendering a page; `html` is its rendered inline content (math included). */
export interface Heading {
  level: number;
  id: string;
  text: string;
  html: string;
}

/** The text under one heading (level 1–3), for the search index; `id` '' is the text before any heading. */
export interface Section {
  id: string;
  title: string;
  /** The heading rendered (math included), for showing it in search results. */
  html: string;
  text: string;
}

/**
 * State shared by all markdown cells of one page: heading slugs stay unique across cells,
 * headings are collected for the table of contents, and links to notebooks become links to pages.
 */
export interface PageEnv extends MarkdownIt.Env {
  headings: Heading[];
  sections: Section[];
  /** Maps a link target such as `02-additive.ipynb#masks` to its site URL, or undefined to keep it. */
  rewriteLink?: (href: string) => string | undefined;
  /** The current cell's attachments (`![x](attachment:x.png)`), keyed by name then MIME type. */
  attachments?: Record<string, Record<string, string>>;
}

const ADMONITIONS = ['note', 'tip', 'important', 'warning', 'caution'] as const;

function slugify(s: string): string {
  const slug = s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'section';
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `::: tip Optional title` … `:::` blocks, rendered as styled call-outs. */
function admonitions(md: Md): void {
  for (const kind of ADMONITIONS) {
    // @types/markdown-it-container describes markdown-it 13's tokens; the plugin itself works with 15.
    md.use(container as unknown as (md: Md, name: string, opts: object) => void, kind, {
      render(tokens: Token[], idx: number): string {
        const token = tokens[idx];
        if (token.nesting !== 1) return '</div>\n';
        const label = token.info.trim().slice(kind.length).trim() || capitalize(kind);
        return `<div class="admonition ${kind}"><p class="admonition-title">${md.renderInline(label)}</p>\n`;
      },
    });
  }
}

/**
 * GitHub's alert syntax (`> [!NOTE]` as the first line of a quote) rendered like the `:::` call-outs,
 * so notebooks written for GitHub's renderer look the same here.
 */
function githubAlerts(md: Md): void {
  md.core.ruler.after('inline', 'github_alerts', (state) => {
    const tokens = state.tokens;
    for (let i = 0; i + 2 < tokens.length; i++) {
      if (tokens[i].type !== 'blockquote_open' || tokens[i + 1].type !== 'paragraph_open') continue;
      const inline = tokens[i + 2];
      const match = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*(\n|$)/i.exec(inline.content);
      if (!match || !inline.children) continue;
      const kind = match[1].toLowerCase();
      const first = inline.children[0];
      if (first?.type !== 'text' || !/^\[!\w+\]/.test(first.content)) continue;
      first.content = first.content.replace(/^\[!\w+\][ \t]*/, '');
      while (inline.children.length && inline.children[0].type === 'text' && inline.children[0].content === '') inline.children.shift();
      if (inline.children[0]?.type === 'softbreak') inline.children.shift();
      const open = tokens[i];
      open.tag = 'div';
      open.attrSet('class', `admonition ${kind}`);
      const close = tokens.slice(i).find((t) => t.type === 'blockquote_close' && t.level === open.level);
      if (close) close.tag = 'div';
      const label = new state.Token('html_block', '', 0);
      label.content = `<p class="admonition-title">${capitalize(kind)}</p>\n`;
      tokens.splice(i + 1, 0, label);
    }
  });
}

/** Links to lesson notebooks point at their pages; `attachment:` images become data URIs. */
function siteLinks(md: Md): void {
  const defaultLink = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const href = tokens[idx].attrGet('href');
    const target = href === null ? undefined : (env as PageEnv | undefined)?.rewriteLink?.(String(href));
    if (target) tokens[idx].attrSet('href', target);
    return defaultLink(tokens, idx, options, env, self);
  };
  const defaultImage = md.renderer.rules.image!;
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const src = String(tokens[idx].attrGet('src') ?? '');
    if (src.startsWith('attachment:')) {
      const bundle = (env as PageEnv | undefined)?.attachments?.[decodeURIComponent(src.slice('attachment:'.length))];
      const mime = bundle && Object.keys(bundle)[0];
      if (bundle && mime) tokens[idx].attrSet('src', `data:${mime};base64,${bundle[mime].replace(/\s/g, '')}`);
    }
    return defaultImage(tokens, idx, options, env, self);
  };
}

/**
 * A display formula cut at its top-level `\quad` and `\qquad`, the spacing that separates its parts
 * (`S = QK^T, \qquad S_ij = …`), with the widest separator. Top level means outside braces,
 * `\left … \right` and environments, so each part is a formula of its own.
 */
export function displayMathParts(latex: string): { parts: string[]; separator: 'quad' | 'qquad' | null } {
  const parts: string[] = [];
  let separator: 'quad' | 'qquad' | null = null;
  let depth = 0;
  let start = 0;
  for (let i = 0; i < latex.length; i++) {
    const ch = latex[i];
    if (ch === '{') depth++;
    else if (ch === '}') depth = Math.max(0, depth - 1);
    if (ch !== '\\') continue;
    const command = /^\\(?:[a-zA-Z]+|[\s\S])?/.exec(latex.slice(i))![0];
    if (command === '\\left' || command === '\\begin') depth++;
    else if (command === '\\right' || command === '\\end') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (command === '\\quad' || command === '\\qquad')) {
      parts.push(latex.slice(start, i));
      start = i + command.length;
      separator = command === '\\qquad' || separator === 'qquad' ? 'qquad' : 'quad';
    }
    i += command.length - 1;
  }
  parts.push(latex.slice(start));
  const kept = parts.filter((p) => p.trim());
  return kept.length > 1 ? { parts: kept, separator } : { parts: [latex], separator: null };
}

type RenderToString = typeof katex.renderToString;

/**
 * KaTeX for display math that fits its column: each part of a formula (see displayMathParts) is drawn on
 * its own, side by side where they fit and on the next line where they do not, and a part still wider
 * than the column wraps after a top-level relation or operator (the stylesheet lets display math wrap).
 */
function fittingDisplayMath(render: RenderToString): RenderToString {
  return (latex, options) => {
    if (!options?.displayMode) return render(latex, options);
    const { parts, separator } = displayMathParts(latex);
    if (!separator) return render(latex, options);
    return `<span class="math-parts math-parts-${separator}">${parts.map((part) => render(part, options)).join('')}</span>`;
  };
}

/** The markdown renderer for notebook cells: CommonMark + tables, KaTeX math, heading anchors, call-outs. */
export function createMarkdown(): Md {
  const md = new MarkdownIt({
    // Jupyter renders HTML in markdown cells, so lesson authors may use it too.
    html: true,
    linkify: false,
    typographer: true,
    highlight: (code, lang) => codeBlock(code, lang),
  });
  // The plugin bundles its own KaTeX, possibly another version than the one whose CSS and fonts the site
  // ships (assets.ts); class names change between versions (0.16's .inner is 0.19's .katex-inner), so
  // render with the shipped one. Only the version differs between the two types, hence the cast.
  const fittingKatex = { ...katex, renderToString: fittingDisplayMath(katex.renderToString.bind(katex)) };
  md.use(mathPlugin, {
    katex: fittingKatex as unknown as MarkdownKatexOptions['katex'],
    throwOnError: false,
    enableBareBlocks: true,
    enableMathBlockInHtml: true,
    enableMathInlineInHtml: true,
  });
  md.use(anchor, {
    level: [1, 2, 3, 4],
    slugify,
    // Named for screen readers rather than aria-hidden: a hidden element must not take keyboard focus.
    permalink: anchor.permalink.linkInsideHeader({
      symbol: '<span aria-hidden="true">#</span>',
      placement: 'after',
      class: 'header-anchor',
      renderAttrs: () => ({ 'aria-label': 'Link to this section' }),
    }),
  });
  admonitions(md);
  githubAlerts(md);
  siteLinks(md);
  return md;
}

function inlineText(tokens: Token[]): string {
  return tokens.map((c) => (c.type === 'text' || c.type === 'code_inline' || c.type === 'math_inline' ? c.content : c.type === 'softbreak' ? ' ' : '')).join('');
}

/** Records headings (for the table of contents) and the text under each (for search). */
function collect(md: Md, tokens: Token[], env: PageEnv): void {
  if (env.sections.length === 0) env.sections.push({ id: '', title: '', html: '', text: '' });
  const addText = (t: string): void => {
    const section = env.sections[env.sections.length - 1];
    section.text += (section.text ? ' ' : '') + t.trim();
  };
  tokens.forEach((token, i) => {
    if (token.type === 'inline' && tokens[i - 1]?.type !== 'heading_open') addText(inlineText(token.children ?? []));
    else if (token.type === 'math_block' || token.type === 'fence' || token.type === 'code_block') addText(token.content);
    const id = token.type === 'heading_open' ? token.attrGet('id') : null;
    if (id === null) return;
    const inline = tokens[i + 1];
    // Drop the permalink's own <a>…</a> so the table of contents shows just the heading.
    const children: Token[] = [];
    let inAnchor = false;
    for (const child of inline.children ?? []) {
      if (child.type === 'link_open' && String(child.attrGet('class') ?? '').includes('header-anchor')) inAnchor = true;
      else if (inAnchor && child.type === 'link_close') inAnchor = false;
      else if (!inAnchor) children.push(child);
    }
    const html = md.renderer.renderInline(children, md.options, env).trim();
    const text = inlineText(children).trim();
    const level = Number(token.tag.slice(1));
    env.headings.push({ level, id: String(id), text, html });
    if (level <= 3) env.sections.push({ id: String(id), title: text, html, text: '' });
  });
}

/** Renders one markdown cell into `env`'s page, recording its headings and text. */
export function renderMarkdown(md: Md, source: string, env: PageEnv): string {
  const tokens = md.parse(source, env);
  collect(md, tokens, env);
  return md.renderer.render(tokens, md.options, env);
}
