import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { connect, type TLSSocket } from 'node:tls';
import { splitHostPort } from '@edgefleet/common';
import { expectCoordinatorCertificate } from '@edgefleet/proto';
import type { AgentConfig } from './config.js';
import { inferencePlaintextReason } from './grpc-tls.js';

export interface TlsVerdict {
  level: 'pass' | 'warn' | 'fail';
  /** One line in plain words. */
  detail: string;
  fix?: string;
}

/** Client certificates this close to expiry are a warning. */
const WARN_BEFORE_MS = 14 * 86_400_000;

const day = (s: string) => new Date(s).toISOString().slice(0, 10);

type Handshake = { ok: true; socket: TLSSocket } | { ok: false; code: string; message: string };

function handshake(
  target: string,
  o: { ca?: string; cert?: string; key?: string; verify: boolean; timeoutMs: number },
): Promise<Handshake> {
  const { host, port = 443 } = splitHostPort(target);
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: Handshake) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!r.ok) socket.destroy();
      resolve(r);
    };
    const socket = connect({
      host,
      port,
      ALPNProtocols: ['h2'],
      rejectUnauthorized: o.verify,
      // The check the agent's EdgeControl channel makes: the host name, and no site's certificate.
      ...(o.verify ? { checkServerIdentity: expectCoordinatorCertificate } : {}),
      ...(isIP(host) ? {} : { servername: host }),
      ...(o.ca ? { ca: o.ca } : {}),
      ...(o.cert && o.key ? { cert: o.cert, key: o.key } : {}),
    });
    const timer = setTimeout(
      () =>
        done({ ok: false, code: 'ETIMEDOUT', message: `no TLS answer within ${o.timeoutMs} ms` }),
      o.timeoutMs,
    );
    socket.once('secureConnect', () => done({ ok: true, socket }));
    socket.once('error', (err: NodeJS.ErrnoException) =>
      done({ ok: false, code: err.code ?? 'ERROR', message: err.message }),
    );
    socket.once('close', () =>
      done({
        ok: false,
        code: 'ECONNRESET',
        message: 'connection closed during the TLS handshake',
      }),
    );
  });
}

const CA_MISMATCH = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_SIGNATURE_FAILURE',
]);
/** What a TLS client sees when the server answers in plaintext HTTP/2 (or closes on the ClientHello). */
const PLAINTEXT_PEER =
  /wrong version number|packet length too long|unknown protocol|record layer failure|ECONNRESET|socket disconnected/i;

/**
 * The "gRPC TLS" doctor check for one coordinator endpoint: a real TLS handshake with what the site
 * enrolled with (pinned CA, client certificate), told in plain words: TLS handshake ok, certificate
 * expired (ours or the coordinator's), CA mismatch, wrong host name, or plaintext.
 */
export async function checkGrpcTls(
  target: string,
  tls: AgentConfig['coordinator']['tls'],
  timeoutMs: number,
  now = Date.now(),
): Promise<TlsVerdict> {
  const renew =
    'run "edgefleet-agent tls-renew" (fetches the CA and a new site certificate with the site secret), then restart the agent';
  if (tls.mode === 'off') {
    // Does the coordinator speak TLS although this site enrolled without it?
    const probe = await handshake(target, { verify: false, timeoutMs });
    if (probe.ok) {
      probe.socket.destroy();
      return {
        level: 'fail',
        detail: `plaintext configured, but ${target} speaks TLS: this site enrolled before the coordinator turned gRPC TLS on`,
        fix: renew,
      };
    }
    return {
      level: 'warn',
      detail: `plaintext: EdgeControl runs without TLS to ${target} (the coordinator's grpc.tls.mode is off)`,
      fix: 'turn on grpc.tls.mode (tls or mtls) on the coordinator, then "edgefleet-agent tls-renew" on each site; or keep gRPC on a private network / VPN',
    };
  }
  let clientNote = '';
  let expiresSoon = false;
  // The site certificate: EdgeControl's client certificate (mtls) and the Inference server certificate (tls, mtls).
  if (tls.certPem) {
    const what = tls.mode === 'mtls' ? 'client certificate' : 'site certificate (Inference TLS)';
    const cert = new X509Certificate(tls.certPem);
    const until = Date.parse(cert.validTo);
    if (until <= now)
      return {
        level: 'fail',
        detail: `certificate expired: this site's ${what} expired on ${day(cert.validTo)}`,
        fix: renew,
      };
    if (Date.parse(cert.validFrom) > now)
      return {
        level: 'fail',
        detail: `this site's ${what} is not valid before ${day(cert.validFrom)}: check the clock (NTP)`,
        fix: 'enable NTP (timedatectl set-ntp true)',
      };
    clientNote = `; ${what} ${cert.subject.replace(/\n/g, ', ')} valid until ${day(cert.validTo)}`;
    expiresSoon = until - now < WARN_BEFORE_MS;
  }
  const inferencePlain = inferencePlaintextReason(tls);
  const r = await handshake(target, {
    ...(tls.caPem ? { ca: tls.caPem } : {}),
    ...(tls.certPem ? { cert: tls.certPem } : {}),
    ...(tls.keyPem ? { key: tls.keyPem } : {}),
    verify: true,
    timeoutMs,
  });
  if (r.ok) {
    const peer = r.socket.getPeerX509Certificate();
    const proto = r.socket.getProtocol();
    r.socket.destroy();
    const detail = `TLS handshake ok (${tls.mode}, ${proto ?? 'TLS'}) with ${target}: server certificate issued by the pinned CA, valid until ${peer ? day(peer.validTo) : '?'}${clientNote}`;
    // Vehicles pinning the CA refuse a site whose Inference is plaintext.
    if (inferencePlain)
      return {
        level: 'warn',
        detail: `${detail}; Inference served in plaintext (vehicles pinning the CA refuse this site): ${inferencePlain}`,
        fix: renew,
      };
    return {
      level: expiresSoon ? 'warn' : 'pass',
      ...(expiresSoon ? { fix: `this site's certificate expires soon: ${renew}` } : {}),
      detail,
    };
  }
  if (r.code === 'CERT_HAS_EXPIRED')
    return {
      level: 'fail',
      detail: `certificate expired: the coordinator's server certificate at ${target} has expired`,
      fix: 'the coordinator operator must renew it (a self-managed one is renewed at coordinator restart)',
    };
  if (r.code === 'CERT_NOT_YET_VALID')
    return {
      level: 'fail',
      detail: `the coordinator's server certificate is not valid yet: this site's clock is probably behind`,
      fix: 'enable NTP (timedatectl set-ntp true)',
    };
  if (CA_MISMATCH.has(r.code))
    return {
      level: 'fail',
      detail: `CA mismatch: ${target}'s server certificate was not issued by the CA this site pinned at enrollment (${r.code})`,
      fix: `the coordinator's CA changed (new data directory or operator PKI): ${renew}`,
    };
  if (r.message.startsWith('SITE_CERT_AS_COORDINATOR'))
    return {
      level: 'fail',
      detail: `${target} presents a site's certificate, not the coordinator's: ${r.message}`,
      fix: "point the site at the coordinator's gRPC endpoint (coordinator.grpc / coordinator.endpoints); something else answers at this address",
    };
  if (r.code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return {
      level: 'fail',
      detail: `the coordinator's certificate does not name ${splitHostPort(target).host}: ${r.message}`,
      fix: 'on the coordinator, set grpc.advertise to the name sites dial, or add it to grpc.tls.serverNames, and restart it',
    };
  if (
    r.code === 'ECONNREFUSED' ||
    r.code === 'ETIMEDOUT' ||
    r.code === 'ENOTFOUND' ||
    r.code === 'EHOSTUNREACH'
  )
    return {
      level: 'fail',
      detail: `no TLS answer from ${target}: ${r.message}`,
      fix: `open the gRPC port to ${target}`,
    };
  if (PLAINTEXT_PEER.test(`${r.code} ${r.message}`))
    return {
      level: 'fail',
      detail: `plaintext: ${target} does not speak TLS (its grpc.tls.mode is off?) but this site expects ${tls.mode}`,
      fix: `turn grpc.tls.mode back on on the coordinator, or ${renew} to follow it to plaintext`,
    };
  return {
    level: 'fail',
    detail: `TLS handshake with ${target} failed: ${r.code} ${r.message}`,
    fix: renew,
  };
}
