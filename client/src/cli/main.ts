import { EdgefleetError, describeError } from '@edgefleet/common';
import { parseCommandLine, UsageError } from './args.js';
import { COMMANDS, type Io } from './commands.js';

/** Commands that take positional arguments (each checks its own count). */
const TAKES_ARGS = new Set(['infer', 'recon show', 'site revoke', 'hardware map']);

export const USAGE = `edgefleet — leases and inference on the edgefleet, and its ledger

usage: edgefleet <command> [flags]

  sites                                   list edge sites                      (REST)
  site revoke SITE                        revoke a site for good: its credentials are refused on
                                          every replica, its leases move (operator token)
  lease acquire --model M (--pop P | --cell C | --lat X --lon Y) --budget µT
                [--max-rtt-ms N] [--hedges N] [--domestic-only] [--accelerator K]…
                [--isolation whole|mig|timeslice] [--ttl-s N] [--priority 0-9]
                [--speed M/S --heading DEG]  (a moving caller, with --lat/--lon)
                                          acquire a primary + hedge leases     (gRPC)
  lease release --hold H                  release a hold; prints µT burned/released
  infer --model M --pop P --budget µT [--hedges N] [--max-output-tokens N]
        [--hedge-after-ms N|p95] "text"   acquire, infer with failover, release
  balance --customer C                    a customer's available/held/debt µT
  topup --customer C --micro-tokens N     add µT to a customer's balance
  recon runs                              reconciliation runs and their counts
  recon run                               reconcile now; prints the run's per-site report
  recon show RUN                          one run's per-site report
  statement (--customer C | --site S)     transfers newest first, burns with site/accelerator/lease/seq
  enroll-codes --count N [--csv] [--ttl-s S] [--note X]
                                          single-use site enrollment codes (installer token); progress on stderr
  hardware unknown                        hardware no profile resolves, and the sites it keeps from
                                          routing (admin token)
  hardware mappings                       the model strings operators mapped to profiles (admin token)
  hardware map "MODEL STRING" PROFILE     price a model string the profile table does not know as
                                          PROFILE; its sites become routable (admin token)
  loadgen (--pops P1,P2 | --box LAT1,LON1,LAT2,LON2 [--speed M/S]) [--vehicles 50] [--duration 30]
          [--rate 2] [--hedges 1] [--model M] [--priority 0-9] [--slo-ms 50] [--budget µT]
          [--ttl-s 30] [--session-s 0] [--infer-timeout-ms 1000] [--hedge-after-ms N|p95] [--seed 1]
                                          N virtual vehicles on the SDK for a bounded time; a report of
                                          acquires, infers, latency percentiles, SLO, failovers, reroutes, µT

global flags:
  --coordinator host:port   gRPC LeaseBroker   (env EDGEFLEET_COORDINATOR, default localhost:50051)
  --ca PATH                 TLS to the LeaseBroker and the sites, pinned to this CA (PEM; env EDGEFLEET_CA)
  --api http://host:port    REST API           (env EDGEFLEET_API, default http://localhost:8080)
  --token T                 bearer token       (env EDGEFLEET_TOKEN)
  --customer C              customer id        (env EDGEFLEET_CUSTOMER)
  --timeout-ms N            per-call deadline (default 10000)
  --json                    machine-readable output
  --debug                   stack traces on errors
  --limit N, --cursor X     paging of list commands
Negative numbers need "=": --lon=-3.7`;

export interface CliIo extends Io {
  err(text: string): void;
}

/** Runs one command line; returns the exit code (0 ok, 1 failure). Never throws. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  let json = argv.includes('--json');
  let debug = argv.includes('--debug');
  try {
    const { flags, positionals } = parseCommandLine(argv);
    json = flags.json ?? false;
    debug = flags.debug ?? false;
    if (flags.help || positionals.length === 0 || positionals[0] === 'help') {
      io.out(USAGE);
      return 0;
    }
    const two = positionals.slice(0, 2).join(' ');
    const [name, rest] = COMMANDS[two]
      ? [two, positionals.slice(2)]
      : [positionals[0] ?? '', positionals.slice(1)];
    const run = COMMANDS[name];
    if (!run)
      throw new UsageError(`unknown command "${positionals.join(' ')}" (try: edgefleet --help)`);
    if (!TAKES_ARGS.has(name) && rest.length > 0)
      throw new UsageError(`unexpected argument "${rest.join(' ')}" for ${name}`);
    await run({ flags, args: rest, io });
    return 0;
  } catch (err) {
    const code = err instanceof EdgefleetError ? err.code : 'ERROR';
    const message = describeError(err).split('\n')[0] ?? '';
    if (json) {
      io.err(
        JSON.stringify({
          error: { code, message, ...(err instanceof EdgefleetError ? { data: err.data } : {}) },
        }),
      );
    } else {
      io.err(`edgefleet: ${message.includes(code) ? message : `${message} [${code}]`}`);
    }
    if (debug && err instanceof Error && err.stack) io.err(err.stack);
    return 1;
  }
}
