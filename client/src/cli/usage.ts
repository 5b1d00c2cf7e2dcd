import { readFileSync } from 'node:fs';

export const USAGE = `edgefleet — leases and inference on the edgefleet, and its ledger

usage: edgefleet <command> [flags]

  sites                                   list edge sites                      (REST)
  site revoke SITE                        revoke a site for good: its credentials are refused on
                                          every replica, its leases move (operator token)
  sites reputation                        every site's spot-check reputation, lowest first; drained
                                          sites are not routable and their earnings are held
  site spot-check SITE                    send one canary to SITE now; prints the verdict and its
                                          reputation after it (operator token)
  site reinstate SITE [--disputed keep|pay|reject]
                                          make a site drained by its reputation routable again; its
                                          dispute account paid, returned to the mint, or kept (admin)
  lease acquire --model M (--pop P | --cell C | --lat X --lon Y) --budget µT
                [--max-rtt-ms N] [--hedges N] [--domestic-only] [--accelerator K]…
                [--isolation whole|mig|timeslice] [--ttl-s N] [--priority 0-9]
                [--speed M/S --heading DEG]  (a moving caller, with --lat/--lon)
                                          acquire a primary + hedge leases     (gRPC)
  lease release --hold H                  release a hold; prints µT burned/released
  infer --model M --pop P --budget µT [--hedges N] [--max-output-tokens N]
        [--hedge-after-ms N|p95] [--receipts FILE] "text"
                                          acquire, infer with failover, release; --receipts appends
                                          the site's signed receipt to FILE (JSON lines)
  balance --customer C                    a customer's available/held/debt µT
  topup --customer C --micro-tokens N     add µT to a customer's balance
  prices [--by region|site] [--region R]  the spot price of a token now (viewer token)
  packages list                           the token packages on offer
  packages define ID --name N (--tokens T | --micro-tokens N) --price 150.00 --currency EUR
        --valid-days 90                   define a token package (operator token; never changes)
  purchases buy --customer C --package P [--purchase-id X]
                                          buy a package: its µT credited once per purchase id
                                          (printed; retry with it) (operator token)
  purchases list --customer C             a customer's purchases, money, expiry, µT expired
  api-keys create --customer C [--note X] issue a customer API key for the LeaseBroker; the token
                                          is printed once (operator token)
  api-keys list --customer C              a customer's keys, revoked ones too (never their tokens)
  api-keys revoke --customer C KEY        revoke a key at once
  whoami                                  who --token is: a staff role, or a customer key's customer
  reservations book (--region R | --sites A,B) --slots N --start T --end T
                    [--accelerator K]… [--domestic-only] [--ref X]
                                          reserve slots of a class for a window [T, T) (ISO 8601 or
                                          epoch ms); the price is held at booking (customer key, or
                                          operator token with --customer); the same --ref books once
  reservations list [--status booked|cancelled|settled]
                                          reservations, newest first (a customer key: its own)
  reservations show ID                    one reservation
  reservations cancel ID                  cancel: before its start the price less the fee comes back
  recon runs                              reconciliation runs and their counts
  recon run                               reconcile now; prints the run's per-site report
  recon show RUN                          one run's per-site report
  statement (--customer C | --site S)     transfers newest first, burns with site/accelerator/lease/seq and money
  receipts verify FILE [--from MS] [--to MS]
                                          a customer's receipts (JSON lines, from the SDK) against its
                                          ledger: each confirmed, each burn of the period receipted;
                                          exit 1 on any mismatch
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
  --token T                 bearer token       (env EDGEFLEET_TOKEN): a customer API key (efk_…) or a staff token
  --customer C              customer id        (env EDGEFLEET_CUSTOMER); lease, infer and loadgen take it
                            from a customer API key when not given (GET /api/v1/whoami on --api)
  --timeout-ms N            per-call deadline (default 10000)
  --json                    machine-readable output
  --debug                   stack traces on errors
  --limit N, --cursor X     paging of list commands
  --version                 print the version
Negative numbers need "=": --lon=-3.7
Exit status: 0 done, 1 failed, 2 usage error (unknown command or flag, bad or missing value).`;

/** One line per command, for the hint under a usage error. */
export const SYNOPSIS: Record<string, string> = {
  sites: 'sites [--limit N] [--cursor X]',
  'site revoke': 'site revoke SITE',
  'sites reputation': 'sites reputation',
  'site spot-check': 'site spot-check SITE',
  'site reinstate': 'site reinstate SITE [--disputed keep|pay|reject]',
  'lease acquire':
    'lease acquire --model M (--pop P | --cell C | --lat X --lon Y) --budget µT [--hedges N] …',
  'lease release': 'lease release --hold H',
  infer: 'infer --model M --pop P --budget µT [--hedges N] "text"',
  balance: 'balance --customer C',
  topup: 'topup --customer C --micro-tokens N',
  prices: 'prices [--by region|site] [--region R]',
  'packages list': 'packages list',
  'packages define':
    'packages define ID --name N (--tokens T | --micro-tokens N) --price P --currency C --valid-days D',
  'purchases buy': 'purchases buy --customer C --package P [--purchase-id X]',
  'purchases list': 'purchases list --customer C',
  'api-keys create': 'api-keys create --customer C [--note X]',
  'api-keys list': 'api-keys list --customer C',
  'api-keys revoke': 'api-keys revoke --customer C KEY',
  whoami: 'whoami [--token T]',
  'reservations book':
    'reservations book (--region R | --sites A,B) --slots N --start T --end T [--accelerator K]… [--domestic-only] [--ref X]',
  'reservations list': 'reservations list [--customer C] [--status booked|cancelled|settled]',
  'reservations show': 'reservations show ID',
  'reservations cancel': 'reservations cancel ID',
  'recon runs': 'recon runs [--limit N] [--cursor X]',
  'recon run': 'recon run',
  'recon show': 'recon show RUN',
  statement: 'statement (--customer C | --site S) [--limit N] [--cursor X]',
  'receipts verify': 'receipts verify FILE [--customer C] [--from MS] [--to MS]',
  'enroll-codes': 'enroll-codes --count N [--csv] [--ttl-s S] [--note X]',
  'hardware unknown': 'hardware unknown',
  'hardware mappings': 'hardware mappings',
  'hardware map': 'hardware map "MODEL STRING" PROFILE',
  loadgen: 'loadgen (--pops P1,P2 | --box LAT1,LON1,LAT2,LON2) [--vehicles N] [--duration S] …',
};

/** The command a command line names (its leading words), whether or not it parses. */
export function commandOf(argv: readonly string[]): string | undefined {
  const words: string[] = [];
  for (const a of argv) {
    if (a.startsWith('-')) break;
    words.push(a);
  }
  const two = words.slice(0, 2).join(' ');
  if (SYNOPSIS[two]) return two;
  return words[0] !== undefined && SYNOPSIS[words[0]] ? words[0] : undefined;
}

/** The one line printed under a usage error. */
export function usageHint(command: string | undefined): string {
  const synopsis = command ? SYNOPSIS[command] : undefined;
  return synopsis
    ? `usage: edgefleet ${synopsis}   (edgefleet --help for every flag)`
    : 'usage: edgefleet <command> [flags]   (edgefleet --help lists the commands)';
}

/** This CLI's version: its package's (the same path from src/cli/ and from dist/cli/). */
export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version?: unknown;
  };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}
