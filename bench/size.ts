// `npm run size`: what each task loads, measured from the packed packages as a consumer ships
// them, ours and the peers' (writes bench/results/size.md and size.json).
// `npm run size -- --check` (the "bundle budgets" step of `npm test`): ours only, enforces the
// budgets, writes nothing. `--no-peers`: ours only, prints, writes nothing. `--only a,b`: those
// task ids only, writes nothing. See bench/size/.
import { sizeCli } from './size/main.ts';

process.exitCode = await sizeCli(process.argv.slice(2));
