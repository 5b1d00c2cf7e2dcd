import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EdgefleetError } from '@edgefleet/common';

/** What enrollment hands the agent; stored mode 0600 under the data directory. */
export interface Credentials {
  siteId: string;
  secret: string;
  coordinator: { grpc: string; http: string };
  mqtt: { url: string };
  signingKeys: { kid: string; public_key_pem: string }[];
  location: { lat: number; lon: number; region: string };
  enrolledAt: string;
}

export class CredentialsMissingError extends EdgefleetError {
  constructor(path: string, cause?: unknown) {
    super('CREDENTIALS_MISSING', `no site credentials at ${path}: run "edgefleet-agent enroll" first`, { path }, { cause });
  }
}

export function credentialsPath(dataDir: string): string {
  return join(dataDir, 'credentials.json');
}

export function writeCredentials(dataDir: string, c: Credentials): string {
  const path = credentialsPath(dataDir);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, JSON.stringify(c, null, 2), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
  return path;
}

export function readCredentials(dataDir: string): Credentials {
  const path = credentialsPath(dataDir);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Credentials;
  } catch (err) {
    throw new CredentialsMissingError(path, err);
  }
}
