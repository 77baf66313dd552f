import * as fs from 'node:fs';
import * as path from 'node:path';
import { PLOTLY_BUNDLE_FILE, plotlyBundleSource } from '../plotly-bundle';
import { FAVICON_SVG, SITE_CSS } from './theme';

/** The folder of an installed package (its `exports` may hide package.json, so walk up from its entry). */
function packageDir(name: string): string {
  let dir = path.dirname(require.resolve(name));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === name) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find the folder of package ${name}; run \`npm install\` at the repository root`);
    dir = up;
  }
}

// Source-map comments would make browsers with devtools open request .map files the site does not ship.
function withoutSourceMap(js: string): string {
  return js.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
}

/**
 * Writes everything pages load besides themselves: the stylesheet and browser script, KaTeX's CSS and
 * fonts (from the KaTeX that markdown.ts renders with), and one copy each of plotly.js (the cartesian
 * bundle notebooks inline) and MiniSearch. Paths are relative to `<site>/assets`.
 */
export function writeAssets(outDir: string): void {
  const assets = path.join(outDir, 'assets');
  fs.mkdirSync(path.join(assets, 'vendor'), { recursive: true });
  fs.writeFileSync(path.join(assets, 'site.css'), SITE_CSS.trimStart());
  fs.writeFileSync(path.join(assets, 'favicon.svg'), FAVICON_SVG);
  const client = path.join(__dirname, 'client.js');
  if (!fs.existsSync(client)) throw new Error(`${client} is missing: build the packages first (npm run build)`);
  fs.writeFileSync(path.join(assets, 'site.js'), withoutSourceMap(fs.readFileSync(client, 'utf8')));

  const katexDist = path.join(packageDir('katex'), 'dist');
  fs.mkdirSync(path.join(assets, 'katex'), { recursive: true });
  fs.copyFileSync(path.join(katexDist, 'katex.min.css'), path.join(assets, 'katex', 'katex.min.css'));
  fs.cpSync(path.join(katexDist, 'fonts'), path.join(assets, 'katex', 'fonts'), { recursive: true });

  fs.writeFileSync(path.join(assets, 'vendor', PLOTLY_BUNDLE_FILE), plotlyBundleSource());
  const minisearch = path.join(packageDir('minisearch'), 'dist', 'umd', 'index.js');
  fs.writeFileSync(path.join(assets, 'vendor', 'minisearch.js'), withoutSourceMap(fs.readFileSync(minisearch, 'utf8')));
}
