import { pickPort } from '@edgefleet/common';

/**
 * The port to bind: the preferred one, or with `fallback` (portFallback) a free one when it is
 * taken, with a notice for the operator naming the setting. Port 0 (ephemeral) is kept as is.
 */
export async function choosePort(
  preferred: number,
  host: string,
  fallback: boolean,
  setting: string,
  notices: string[],
): Promise<number> {
  if (!fallback || preferred === 0) return preferred;
  const { port, fellBack } = await pickPort(preferred, host);
  if (fellBack) notices.push(`port ${preferred} (${setting}) is taken; using ${port} instead`);
  return port;
}
