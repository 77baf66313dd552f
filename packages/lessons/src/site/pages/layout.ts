import type { Edition } from '../edition';
import { PLOTLY_BUNDLE_FILE } from '../../plotly-bundle';
import { escapeHtml } from '../html';

/** What every page's sidebar lists. */
export interface NavLesson {
  lesson: string;
  title: string;
  page: string;
}

/** A page of the site; every page sits at the site's root, so its links are relative to the root. */
export interface PageShell {
  title: string;
  /** Set only on pages served from unknown paths (404.html): an absolute `<base href>`. */
  base?: string;
  edition: Edition;
  lessons: NavLesson[];
  /** This page's file (`index.html` or a lesson's page), highlighted in the sidebar. */
  current?: string;
  main: string;
  toc?: string;
  plotly: boolean;
  description?: string;
}

// Runs before first paint so a dark-theme reader never sees a white flash.
const THEME_BOOT = `(function(){try{var t=localStorage.getItem('attnlab-theme');if(t!=='light'&&t!=='dark')t=matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light';document.documentElement.setAttribute('data-theme',t);}catch(e){}})();`;

function sidebar(shell: PageShell): string {
  const items = shell.lessons
    .map((l) => {
      const current = l.page === shell.current ? ' aria-current="page"' : '';
      return `<li><a href="${l.page}"${current}><span class="nav-number">${escapeHtml(l.lesson)}</span><span class="nav-title">${escapeHtml(l.title)}</span></a></li>`;
    })
    .join('\n');
  const home = shell.current === 'index.html' ? ' aria-current="page"' : '';
  return `<nav class="sidebar" id="sidebar" aria-label="Lessons">
<a class="sidebar-home" href="index.html"${home}>Course overview</a>
<p class="sidebar-heading">Lessons</p>
<ol class="nav-lessons">
${items}
</ol>
</nav>`;
}

/** The HTML document around a page's content: top bar with search and theme toggle, sidebar, optional TOC. */
export function page(shell: PageShell): string {
  const edition = shell.edition === 'instructor' ? 'Instructor edition' : 'Student edition';
  const scripts = ['assets/vendor/minisearch.js', 'assets/search-index.js', ...(shell.plotly ? [`assets/vendor/${PLOTLY_BUNDLE_FILE}`] : []), 'assets/site.js'];
  return `<!doctype html>
<html lang="en" data-theme="light">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(shell.title)}</title>
${shell.description ? `<meta name="description" content="${escapeHtml(shell.description)}">\n` : ''}${shell.base ? `<base href="${escapeHtml(shell.base)}">\n` : ''}<script>${THEME_BOOT}</script>
<link rel="icon" href="assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="assets/katex/katex.min.css">
<link rel="stylesheet" href="assets/site.css">
</head>
<body${shell.toc ? '' : ' class="no-toc"'}>
<a class="skip-link" href="#content">Skip to content</a>
<header class="topbar">
<button type="button" class="nav-toggle" aria-controls="sidebar" aria-expanded="false" aria-label="Show lessons">☰</button>
<a class="brand" href="index.html"><span class="brand-mark" aria-hidden="true">◆</span> attnlab</a>
<span class="edition edition-${shell.edition}">${edition}</span>
<div class="search" role="search">
<input type="search" id="search-input" placeholder="Search lessons…  /" aria-label="Search lessons" autocomplete="off" aria-controls="search-results">
<div id="search-results" class="search-results" hidden></div>
</div>
<button type="button" id="theme-toggle" class="theme-toggle" aria-label="Dark theme" aria-pressed="false" title="Dark theme"><span class="icon-dark" aria-hidden="true">☾</span><span class="icon-light" aria-hidden="true">☀</span></button>
</header>
<div class="layout">
${sidebar(shell)}
<main id="content" tabindex="-1">
${shell.main}
</main>
${shell.toc ? `<aside class="toc" aria-label="On this page">\n${shell.toc}\n</aside>` : ''}
</div>
<footer class="footer"><p>attnlab · a course on attention mechanisms in TypeScript · built with markdown-it, KaTeX and Plotly</p></footer>
${scripts.map((s) => `<script src="${s}"></script>`).join('\n')}
</body>
</html>
`;
}
