// Prints the JavaScript a first visit to the sign-in page downloads (gzip), and fails
// above the budget: the entry chunk, the sign-in route's chunk, and what they import.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 250;
const ROUTE = 'src/app/routes/sign-in.tsx?tsr-split=component';

const manifest = JSON.parse(readFileSync('dist/.vite/manifest.json', 'utf8'));
const files = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return;
  files.add(chunk.file);
  (chunk.imports ?? []).forEach(visit);
};
visit('index.html');
if (!manifest[ROUTE]) throw new Error(`no chunk for ${ROUTE} in the Vite manifest`);
visit(ROUTE);

const gzipKb = [...files].reduce((sum, file) => {
  return sum + gzipSync(readFileSync(`dist/${file}`), { level: 9 }).length / 1024;
}, 0);
console.log(
  `sign-in route: ${files.size} JS files, ${gzipKb.toFixed(1)} KB gzip (budget ${BUDGET_KB} KB)`,
);
if (gzipKb > BUDGET_KB) {
  console.error(`over budget: lazy-load what the sign-in page does not need`);
  process.exit(1);
}
