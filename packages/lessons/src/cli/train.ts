// `npm run train -- <lesson>`: trains a lesson's model in full and saves the weights its notebook
// loads. <lesson> is the notebook's name or its number (`06-information-filter` or `06`).
import * as core from '@attnlab/core';
import * as path from 'node:path';
import { lessonTrainers } from '../lesson-trainers';
import { repoRoot } from '../project';

async function main(): Promise<number> {
  const names = Object.keys(lessonTrainers);
  const wanted = process.argv.slice(2);
  if (wanted.length === 0) {
    console.error(`usage: npm run train -- <lesson>…, one of: ${names.join(', ')}`);
    return 2;
  }
  const chosen = wanted.map((w) => ({ w, name: names.find((n) => n === w || n.startsWith(`${w}-`)) }));
  const unknown = chosen.filter((c) => !c.name).map((c) => c.w);
  if (unknown.length > 0) {
    console.error(`no trained model for ${unknown.join(', ')}; lessons that train one: ${names.join(', ')}`);
    return 2;
  }
  const backend = await core.initBackend();
  console.log(`backend: ${backend.name} — ${backend.reason}`);
  for (const { name } of chosen) {
    const started = performance.now();
    console.log(`${name}: training…`);
    const file = await lessonTrainers[name!]()((line) => console.log(`  ${line}`));
    console.log(`${name}: wrote ${path.relative(repoRoot(), file)} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
