// The course site's browser script: theme toggle, Plotly figures, search, sidebar and TOC highlighting.
// Compiled by tsc as a plain script (no imports or exports) and copied to assets/site.js.
(function () {
  interface PlotlyApi {
    newPlot(el: HTMLElement, data: unknown[], layout: Record<string, unknown>, config: Record<string, unknown>): Promise<unknown>;
    relayout(el: HTMLElement, update: Record<string, unknown>): Promise<unknown>;
  }
  interface SearchHit {
    id: string;
    score: number;
    lesson: string;
    lessonTitle: string;
    title: string;
    titleHtml: string;
    url: string;
  }
  interface SearchEngine {
    search(query: string, options: Record<string, unknown>): SearchHit[];
  }
  interface SiteGlobals {
    Plotly?: PlotlyApi;
    MiniSearch?: { loadJS(index: unknown, options: unknown): SearchEngine };
    ATTNLAB_SEARCH?: { options: unknown; index: unknown };
  }
  const g = window as unknown as SiteGlobals;
  const html = document.documentElement;

  // ---- theme --------------------------------------------------------------------------------------
  function theme(): 'light' | 'dark' {
    return html.getAttribute('data-theme') === 'dark' ? 'dark' : 'light';
  }

  /** Plotly attribute updates (relayout form) that match a figure's colours to the page theme. */
  function figureTheme(layout: Record<string, unknown>): Record<string, unknown> {
    const css = getComputedStyle(document.body);
    const color = (name: string): string => css.getPropertyValue(name).trim();
    const update: Record<string, unknown> = {
      paper_bgcolor: 'rgba(0,0,0,0)',
      plot_bgcolor: 'rgba(0,0,0,0)',
      'font.color': color('--fg'),
    };
    const axes = new Set(['xaxis', 'yaxis', ...Object.keys(layout).filter((k) => /^[xy]axis\d*$/.test(k))]);
    for (const axis of axes) {
      update[`${axis}.gridcolor`] = color('--border');
      update[`${axis}.zerolinecolor`] = color('--muted');
    }
    return update;
  }

  /** Applies relayout-style "a.b" keys to a plain layout object before the first draw. */
  function applyUpdate(layout: Record<string, unknown>, update: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(update)) {
      const parts = key.split('.');
      let target = layout;
      for (const part of parts.slice(0, -1)) {
        const next = target[part];
        target = (target[part] = typeof next === 'object' && next !== null ? { ...(next as Record<string, unknown>) } : {}) as Record<string, unknown>;
      }
      target[parts[parts.length - 1]] = value;
    }
  }

  const figures: { el: HTMLElement; layout: Record<string, unknown>; narrow: boolean }[] = [];

  const toggle = document.getElementById('theme-toggle');
  toggle?.setAttribute('aria-pressed', String(theme() === 'dark'));
  toggle?.addEventListener('click', () => {
    const next = theme() === 'dark' ? 'light' : 'dark';
    html.setAttribute('data-theme', next);
    toggle.setAttribute('aria-pressed', String(next === 'dark'));
    try {
      localStorage.setItem('attnlab-theme', next);
    } catch {
      // Storage can be disabled (private windows); the toggle still works for this page.
    }
    for (const f of figures) void g.Plotly?.relayout(f.el, figureTheme(f.layout));
  });

  // ---- Plotly figures -----------------------------------------------------------------------------
  // Below this width a legend beside the plot would leave the plot a sliver: it goes above the plot.
  const NARROW_FIGURE = 560;

  function isNarrow(el: HTMLElement): boolean {
    return el.clientWidth < NARROW_FIGURE;
  }

  /** Where the legend goes (relayout form): the figure's own legend, or a horizontal row above a narrow plot. */
  function legendPlacement(layout: Record<string, unknown>, narrow: boolean): Record<string, unknown> {
    return { legend: narrow ? { ...(layout.legend as object), orientation: 'h', x: 0, xanchor: 'left', y: 1.02, yanchor: 'bottom' } : (layout.legend ?? {}) };
  }

  function drawFigures(): void {
    const nodes = document.querySelectorAll<HTMLElement>('.plotly-figure');
    if (!nodes.length) return;
    const plotly = g.Plotly;
    if (!plotly) {
      for (const el of Array.from(nodes)) el.textContent = 'This figure needs assets/vendor/plotly-cartesian.min.js, which did not load.';
      return;
    }
    for (const el of Array.from(nodes)) {
      const data = document.getElementById(el.getAttribute('data-figure') ?? '');
      if (!data) continue;
      const fig = JSON.parse(data.textContent ?? '{}') as { data?: unknown[]; layout?: Record<string, unknown>; config?: Record<string, unknown> };
      const layout: Record<string, unknown> = { ...(fig.layout ?? {}), autosize: true };
      // The page decides the width (figures reflow with the column, up to the width the figure asked for);
      // the figure keeps its height.
      if (typeof layout.width === 'number') el.style.maxWidth = `${layout.width}px`;
      delete layout.width;
      const narrow = isNarrow(el);
      const drawn = { ...layout };
      applyUpdate(drawn, figureTheme(layout));
      applyUpdate(drawn, legendPlacement(layout, narrow));
      // A short mode bar (download, zoom, pan, reset) fits beside the figure's title (see .figure-head);
      // nothing on a course page uploads its data to Plotly's cloud.
      const modeBarButtonsToRemove = ['sendChartToCloud', 'zoomIn2d', 'zoomOut2d', 'autoScale2d', 'select2d', 'lasso2d'];
      const config = { ...(fig.config ?? {}), responsive: true, displaylogo: false, modeBarButtonsToRemove };
      void plotly.newPlot(el, fig.data ?? [], drawn, config);
      figures.push({ el, layout, narrow });
    }
    window.addEventListener('resize', () => {
      for (const f of figures) {
        const narrow = isNarrow(f.el);
        if (narrow === f.narrow) continue;
        f.narrow = narrow;
        void plotly.relayout(f.el, legendPlacement(f.layout, narrow));
      }
    });
  }

  // ---- search -------------------------------------------------------------------------------------
  const input = document.getElementById('search-input') as HTMLInputElement | null;
  const results = document.getElementById('search-results');
  let engine: SearchEngine | null = null;

  function searchEngine(): SearchEngine | null {
    if (!engine && g.MiniSearch && g.ATTNLAB_SEARCH) engine = g.MiniSearch.loadJS(g.ATTNLAB_SEARCH.index, g.ATTNLAB_SEARCH.options);
    return engine;
  }

  function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function showResults(query: string): void {
    if (!results) return;
    results.replaceChildren();
    const q = query.trim();
    if (!q) {
      results.hidden = true;
      return;
    }
    const search = searchEngine();
    const hits = search ? search.search(q, { prefix: true, fuzzy: 0.15, combineWith: 'AND', boost: { title: 2, lessonTitle: 1.5 } }) : [];
    // One group per lesson, best lesson first, with its best few sections.
    const groups = new Map<string, SearchHit[]>();
    for (const hit of hits) {
      const list = groups.get(hit.lesson) ?? [];
      list.push(hit);
      groups.set(hit.lesson, list);
    }
    results.hidden = false;
    if (!groups.size) {
      results.append(el('p', 'search-empty', `No lesson mentions “${q}”.`));
      return;
    }
    const list = el('ol', 'search-groups');
    for (const [lesson, lessonHits] of groups) {
      const group = el('li', 'search-group');
      group.setAttribute('data-lesson', lesson);
      group.append(el('p', 'search-lesson', `Lesson ${lesson} · ${lessonHits[0].lessonTitle}`));
      const sections = el('ul', 'search-sections');
      for (const hit of lessonHits.slice(0, 4)) {
        const item = el('li', '');
        const link = el('a', 'search-hit');
        // Headings are rendered at build time by the site itself (KaTeX math included).
        link.innerHTML = hit.titleHtml;
        link.href = hit.url;
        item.append(link);
        sections.append(item);
      }
      group.append(sections);
      list.append(group);
    }
    results.append(list);
  }

  if (input && results) {
    input.addEventListener('input', () => showResults(input.value));
    input.addEventListener('focus', () => showResults(input.value));
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        input.value = '';
        showResults('');
        input.blur();
      } else if (e.key === 'Enter') {
        const first = results.querySelector<HTMLAnchorElement>('a.search-hit');
        if (first) window.location.href = first.href;
      } else if (e.key === 'ArrowDown') {
        results.querySelector<HTMLAnchorElement>('a.search-hit')?.focus();
        e.preventDefault();
      }
    });
    results.addEventListener('keydown', (e) => {
      const links = Array.from(results.querySelectorAll<HTMLAnchorElement>('a.search-hit'));
      const i = links.indexOf(document.activeElement as HTMLAnchorElement);
      if (e.key === 'ArrowDown' && i < links.length - 1) links[i + 1].focus();
      else if (e.key === 'ArrowUp') (i > 0 ? links[i - 1] : input).focus();
      else if (e.key === 'Escape') input.focus();
      else return;
      e.preventDefault();
    });
    document.addEventListener('click', (e) => {
      if (!(e.target instanceof Node) || !input.parentElement?.contains(e.target)) results.hidden = true;
    });
    document.addEventListener('keydown', (e) => {
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
      if (e.key === '/' && !typing) {
        e.preventDefault();
        input.focus();
      }
    });
  }

  // ---- skip link, sidebar (small screens) and table of contents -----------------------------------
  // Focused from script: on 404.html, <base href> would send a plain "#content" link to the site root.
  document.querySelector('.skip-link')?.addEventListener('click', (e) => {
    e.preventDefault();
    document.getElementById('content')?.focus();
  });

  const navToggle = document.querySelector<HTMLButtonElement>('.nav-toggle');
  const sidebar = document.getElementById('sidebar');
  function showNav(open: boolean): void {
    document.body.classList.toggle('nav-open', open);
    navToggle?.setAttribute('aria-expanded', String(open));
  }
  navToggle?.addEventListener('click', () => showNav(!document.body.classList.contains('nav-open')));
  document.addEventListener('click', (e) => {
    const inside = e.target instanceof Node && (sidebar?.contains(e.target) || navToggle?.contains(e.target));
    if (!inside && document.body.classList.contains('nav-open')) showNav(false);
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && document.body.classList.contains('nav-open')) {
      showNav(false);
      navToggle?.focus();
    }
  });

  function trackToc(): void {
    const links = Array.from(document.querySelectorAll<HTMLAnchorElement>('.toc-list a'));
    const targets = links.map((a) => document.getElementById(decodeURIComponent(a.hash.slice(1)))).filter((t): t is HTMLElement => t !== null);
    if (!targets.length || !('IntersectionObserver' in window)) return;
    const visible = new Set<Element>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (entry.isIntersecting) visible.add(entry.target);
          else visible.delete(entry.target);
        }
        const current = targets.find((t) => visible.has(t));
        if (!current) return;
        for (const a of links) a.classList.toggle('active', decodeURIComponent(a.hash.slice(1)) === current.id);
      },
      { rootMargin: '0px 0px -70% 0px' },
    );
    for (const t of targets) observer.observe(t);
  }

  drawFigures();
  trackToc();
})();
