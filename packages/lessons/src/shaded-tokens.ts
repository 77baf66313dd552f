// Text with each token's background shaded by a weight (attention, importance), as HTML for a
// notebook output or the course site: the darkest token is the one with the largest weight.

export interface ShadedTokensOptions {
  /** shown above the tokens */
  title?: string;
  /** RGB of the shading at full weight; default orange */
  rgb?: [number, number, number];
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One line of tokens, token i shaded by weights[i] / max(weights), with the weight in its tooltip. */
export function shadedTokensHtml(tokens: readonly string[], weights: readonly number[], { title, rgb = [255, 140, 0] }: ShadedTokensOptions = {}): string {
  if (tokens.length !== weights.length) throw new Error(`shadedTokensHtml: ${tokens.length} tokens but ${weights.length} weights`);
  const max = Math.max(0, ...weights);
  const spans = tokens.map((t, i) => {
    const alpha = max > 0 ? Math.max(0, weights[i]) / max : 0;
    return `<span title="${weights[i].toFixed(4)}" style="background: rgba(${rgb.join(', ')}, ${alpha.toFixed(3)}); padding: 1px 2px; border-radius: 3px; line-height: 1.9">${escapeHtml(t)}</span>`;
  });
  const heading = title ? `<div style="font-weight: 600; margin-bottom: 4px">${escapeHtml(title)}</div>` : '';
  return `<div style="font-family: ui-monospace, monospace; font-size: 13px; margin: 8px 0">${heading}${spans.join(' ')}</div>`;
}
