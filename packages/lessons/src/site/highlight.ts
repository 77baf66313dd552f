import hljs from 'highlight.js/lib/core';
import typescript from 'highlight.js/lib/languages/typescript';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import bash from 'highlight.js/lib/languages/bash';
import python from 'highlight.js/lib/languages/python';
import { escapeHtml } from './html';

// Only the languages a TypeScript course shows; the full highlight.js bundle takes ~10x longer to load.
hljs.registerLanguage('typescript', typescript);
hljs.registerLanguage('javascript', javascript);
hljs.registerLanguage('json', json);
hljs.registerLanguage('bash', bash);
hljs.registerLanguage('python', python);
hljs.registerAliases(['ts', 'tsx'], { languageName: 'typescript' });
hljs.registerAliases(['js', 'jsx'], { languageName: 'javascript' });
hljs.registerAliases(['sh', 'shell', 'console'], { languageName: 'bash' });
hljs.registerAliases(['py'], { languageName: 'python' });

/** A highlighted `<pre class="code">` block; unknown languages are shown escaped as plain text. */
export function codeBlock(code: string, language: string): string {
  const lang = language.trim().toLowerCase();
  const body = lang && hljs.getLanguage(lang) ? hljs.highlight(code, { language: lang, ignoreIllegals: true }).value : escapeHtml(code);
  return `<pre class="code"><code class="hljs language-${escapeHtml(lang || 'text')}">${body}</code></pre>`;
}
