import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { show } from '../src/display';
import { PLOTLY_BUNDLE_FILE, PLOTLY_TRACE_TYPES, undrawableTraceTypes } from '../src/plotly-bundle';

describe('the Plotly bundle notebooks and the site load', () => {
  it('lists exactly the trace types the installed bundle registers', () => {
    const source = fs.readFileSync(require.resolve(`plotly.js-cartesian-dist-min/${PLOTLY_BUNDLE_FILE}`), 'utf8');
    const registered = [...new Set([...source.matchAll(/moduleType:"trace",name:"(\w+)"/g)].map((m) => m[1]))].sort();
    expect(registered.length).toBeGreaterThan(3);
    expect([...PLOTLY_TRACE_TYPES].sort()).toEqual(registered);
  });

  it('draws every trace type the course uses, including untyped traces (scatter)', () => {
    expect(undrawableTraceTypes([{ type: 'heatmap', z: [[1]] }, { type: 'bar' }, { x: [1], y: [2] }])).toEqual([]);
  });

  it('refuses a figure the bundle cannot draw, naming the trace type and the ones it can', () => {
    expect(undrawableTraceTypes([{ type: 'surface' }, { type: 'scatter3d' }, { type: 'surface' }])).toEqual(['surface', 'scatter3d']);
    expect(() => show({ data: [{ type: 'scatter3d', x: [1], y: [1], z: [1] }] })).toThrow(
      /show\(\): trace type 'scatter3d' is not in the course's Plotly bundle \(cartesian: bar, .*heatmap.*\)/,
    );
  });
});
