import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAC_KEYS_FILE, MacKeys } from './mac-keys.js';

const key = (n: number) => Buffer.alloc(32, n);

describe('MacKeys on disk', () => {
  it('keeps the keys a replica sent (mode 0600) and a restarted agent checks with them at once, until a replica sends its set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ef-mac-keys-'));
    const path = join(dir, MAC_KEYS_FILE);
    const errors: unknown[] = [];
    const before = new MacKeys(path, (e) => errors.push(e));
    expect(before.current.size).toBe(0); // no file yet: nothing, and no error
    before.set('coord-a:7443', {
      keys: [
        { kid: 'k1', key: key(1) },
        { kid: 'k2', key: key(2) },
      ],
    });
    expect(statSync(path).mode & 0o777).toBe(0o600);

    const restarted = new MacKeys(path, (e) => errors.push(e));
    expect([...restarted.current.keys()].sort()).toEqual(['k1', 'k2']);
    expect(restarted.current.get('k2')?.equals(key(2))).toBe(true);
    // The first replica's set replaces what was read from disk (k1 retired meanwhile).
    restarted.set('coord-b:7443', {
      keys: [
        { kid: 'k2', key: key(2) },
        { kid: 'k3', key: key(3) },
      ],
    });
    expect([...restarted.current.keys()].sort()).toEqual(['k2', 'k3']);
    expect(Object.keys(JSON.parse(readFileSync(path, 'utf8')) as object).sort()).toEqual([
      'k2',
      'k3',
    ]);
    expect(errors).toEqual([]);
  });

  it('a file it cannot read is reported and starts empty; a key of the wrong length is dropped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ef-mac-keys-'));
    const path = join(dir, MAC_KEYS_FILE);
    writeFileSync(path, 'not json');
    const errors: unknown[] = [];
    expect(new MacKeys(path, (e) => errors.push(e)).current.size).toBe(0);
    expect(errors).toHaveLength(1);
    writeFileSync(path, JSON.stringify({ k1: key(1).toString('base64'), short: 'AAAA' }));
    expect([...new MacKeys(path).current.keys()]).toEqual(['k1']);
  });

  it('rewrites the file only when the key set changed (each replica sends the same set)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ef-mac-keys-'));
    const path = join(dir, MAC_KEYS_FILE);
    const keys = new MacKeys(path);
    const set = { keys: [{ kid: 'k1', key: key(1) }] };
    keys.set('coord-a:7443', set);
    writeFileSync(path, 'marker'); // a rewrite would replace it
    keys.set('coord-b:7443', set);
    expect(readFileSync(path, 'utf8')).toBe('marker');
    keys.set('coord-b:7443', { keys: [{ kid: 'k2', key: key(2) }] });
    expect(Object.keys(JSON.parse(readFileSync(path, 'utf8')) as object).sort()).toEqual([
      'k1',
      'k2',
    ]);
    // Read back at start, the same set from the first replica is not written again.
    writeFileSync(path, JSON.stringify({ k1: key(1).toString('base64') }));
    const restarted = new MacKeys(path);
    writeFileSync(path, JSON.stringify({ k1: key(1).toString('base64') }) + ' ');
    restarted.set('coord-a:7443', set);
    expect(readFileSync(path, 'utf8')).toBe(
      JSON.stringify({ k1: key(1).toString('base64') }) + ' ',
    );
  });
});
