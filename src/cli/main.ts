const USAGE = `Usage: article-annotator <command> [options]

Commands:
  annotate PATH...   analyse articles and write <stem>.annotations.yaml beside each
  help               show this help
`;

export async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  process.stderr.write(`article-annotator: unknown command "${command}".\n${USAGE}`);
  return 2;
}
