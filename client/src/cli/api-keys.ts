import { required, UsageError } from './args.js';
import type { Ctx } from './context.js';
import { customerFor } from './customer.js';
import { isoTime, keyValues, table } from './format.js';
import { api } from './rest.js';

/**
 * `edgefleet api-keys create|list|revoke`: customer API keys for the LeaseBroker, through the
 * coordinator's REST routes (operator token; coordinator/src/http/routes-customer-keys.ts).
 */

interface IssuedKey {
  keyId: string;
  token: string;
  customerId: string;
}
interface KeyInfo {
  keyId: string;
  customerId: string;
  note: string;
  createdAtMs: number;
  revokedAtMs: number | null;
}

function emit(c: Ctx, json: unknown, text: () => string): void {
  c.io.out(c.flags.json ? JSON.stringify(json, null, 2) : text());
}

/** `api-keys create --customer C [--note X]`: the token is printed once; store it. */
export async function apiKeysCreate(c: Ctx): Promise<void> {
  const customer = await customerFor(c);
  const k = (await api(c).call('issueApiKey', {
    params: { id: customer },
    body: { note: c.flags.note ?? '' },
  })) as IssuedKey;
  emit(c, k, () =>
    [
      keyValues([
        ['customer', k.customerId],
        ['key', k.keyId],
        ['token', k.token],
      ]),
      '',
      'The token is shown this once (the coordinator keeps only its hash). Vehicles pass it as',
      `--token (EDGEFLEET_TOKEN) or the SDK's bearerToken; revoke with: edgefleet api-keys revoke --customer ${k.customerId} ${k.keyId}`,
    ].join('\n'),
  );
}

/** `api-keys list --customer C`: every key of the customer, newest first, never a token. */
export async function apiKeysList(c: Ctx): Promise<void> {
  const customer = await customerFor(c);
  const body = (await api(c).call('listApiKeys', { params: { id: customer } })) as {
    items: KeyInfo[];
  };
  emit(c, body, () =>
    table(
      body.items.map((k) => ({
        keyId: k.keyId,
        state: k.revokedAtMs === null ? 'live' : 'revoked',
        created: isoTime(k.createdAtMs),
        revoked: k.revokedAtMs === null ? '' : isoTime(k.revokedAtMs),
        note: k.note,
      })),
      ['keyId', 'state', 'created', 'revoked', 'note'],
    ),
  );
}

/** `api-keys revoke --customer C KEY`: refused at once on this replica, on the others within their poll. */
export async function apiKeysRevoke(c: Ctx): Promise<void> {
  const keyId = required(c.args[0], 'KEY', '(edgefleet api-keys revoke --customer C KEY)');
  if (c.args.length > 1)
    throw new UsageError(`unexpected argument "${c.args.slice(1).join(' ')}" for api-keys revoke`);
  const customer = await customerFor(c);
  await api(c).call('revokeApiKey', { params: { id: customer, keyId } });
  emit(c, { customerId: customer, keyId, revoked: true }, () =>
    keyValues([
      ['customer', customer],
      ['key', keyId],
      ['revoked', 'yes: the LeaseBroker refuses it from now on'],
    ]),
  );
}
