import { EdgefleetError, describeError } from '@edgefleet/common';
import { parseCommandLine, UsageError } from './args.js';
import type { Io } from './context.js';
import { commandOf, USAGE, usageHint, version } from './usage.js';

export { USAGE } from './usage.js';

/** Commands that take positional arguments (each checks its own count). */
const TAKES_ARGS = new Set([
  'infer',
  'recon show',
  'site revoke',
  'site spot-check',
  'site reinstate',
  'api-keys revoke',
  'hardware map',
  'packages define',
  'receipts verify',
  'reservations show',
  'reservations cancel',
]);

export interface CliIo extends Io {
  err(text: string): void;
}

/** Exit status of a usage error (unknown command or flag, bad or missing value), as getopt tools do. */
export const EXIT_USAGE = 2;

/**
 * Runs one command line; returns the exit code: 0 done, 1 failed, 2 usage error (then a one-line
 * usage hint follows the error). Never throws.
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  let json = argv.includes('--json');
  let debug = argv.includes('--debug');
  try {
    const { flags, positionals } = parseCommandLine(argv);
    json = flags.json ?? false;
    debug = flags.debug ?? false;
    if (flags.version) {
      io.out(`edgefleet ${version()}`);
      return 0;
    }
    if (flags.help || positionals.length === 0 || positionals[0] === 'help') {
      io.out(USAGE);
      return 0;
    }
    // The commands (gRPC, the SDK) load only when one runs: --version and --help stay quick.
    const { COMMANDS } = await import('./commands.js');
    const two = positionals.slice(0, 2).join(' ');
    const [name, rest] = COMMANDS[two]
      ? [two, positionals.slice(2)]
      : [positionals[0] ?? '', positionals.slice(1)];
    const run = COMMANDS[name];
    if (!run) throw new UsageError(`unknown command "${positionals.join(' ')}"`);
    if (!TAKES_ARGS.has(name) && rest.length > 0)
      throw new UsageError(`unexpected argument "${rest.join(' ')}" for ${name}`);
    await run({ flags, args: rest, io });
    return 0;
  } catch (err) {
    const code = err instanceof EdgefleetError ? err.code : 'ERROR';
    const message = describeError(err).split('\n')[0] ?? '';
    const usage = err instanceof UsageError ? usageHint(commandOf(argv)) : undefined;
    if (json) {
      io.err(
        JSON.stringify({
          error: {
            code,
            message,
            ...(err instanceof EdgefleetError ? { data: err.data } : {}),
            ...(usage ? { usage } : {}),
          },
        }),
      );
    } else {
      io.err(`edgefleet: ${message.includes(code) ? message : `${message} [${code}]`}`);
      if (usage) io.err(usage);
    }
    if (debug && err instanceof Error && err.stack) io.err(err.stack);
    return usage ? EXIT_USAGE : 1;
  }
}
