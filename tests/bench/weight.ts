// `npm run bench:weight`: first-load JavaScript (gzip) of every page of the production
// build, as a markdown table, heaviest first; cooperative pages over the 110 KB budget
// are marked. Reads build/ (run `npm run build` first). tests/unit/first-load-js.test.ts
// asserts the budget from the same numbers.
import { FIRST_LOAD_BUDGET_BYTES, isCooperativePage, kb, routeWeights } from "./first-load";

const weights = routeWeights().sort((a, b) => b.gzipBytes - a.gzipBytes);
console.log(`| page | first-load JS (KB gzip) | files |`);
console.log(`|---|---:|---:|`);
for (const w of weights) {
  const over = isCooperativePage(w) && w.gzipBytes > FIRST_LOAD_BUDGET_BYTES ? " **over**" : "";
  console.log(`| \`${w.url}\` | ${kb(w.gzipBytes)}${over} | ${w.files.length} |`);
}
const coop = weights.filter(isCooperativePage);
console.log(`\n${coop.length} cooperative pages, heaviest ${kb(coop[0]?.gzipBytes ?? 0)} KB; budget ${kb(FIRST_LOAD_BUDGET_BYTES)} KB.`);
