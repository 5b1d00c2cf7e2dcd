/**
 * The code an error carries on the wire (gRPC details, REST `error.code`): its own code, except the
 * ledger's, which are prefixed inside the coordinator (LEDGER_INSUFFICIENT_BALANCE…) and go out as
 * the catalogue names them (INSUFFICIENT_BALANCE…; proto's WIRE_ERRORS).
 */
export function wireCode(err: unknown): string {
  const code = (err as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return 'INTERNAL';
  return code.startsWith('LEDGER_') ? code.slice('LEDGER_'.length) : code;
}
