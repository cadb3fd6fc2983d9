/**
 * `npm run bench`: every benchmark, one after the other; each prints its own figures.
 * Benchmarks measure and print; they never fail on time.
 */
interface Bench {
  name: string;
  load: () => { run: () => Promise<void> };
}

const benches: Bench[] = [
  { name: 'analysis engine', load: () => require('./engine') },
  { name: 'annotation store', load: () => require('./store') },
  { name: 'corpus', load: () => require('./corpus') },
  { name: 'tagging commands', load: () => require('./commands') },
  { name: 'editor (extension host)', load: () => require('./editor') },
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  for (const b of benches) {
    if (only.length && !only.some((o) => b.name.includes(o))) continue;
    process.stdout.write(`\n=== ${b.name} ===\n`);
    await b.load().run();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
