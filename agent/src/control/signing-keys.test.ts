import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SigningKeys, type SigningKey } from './signing-keys.js';

const pem = (): string =>
  generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe('SigningKeys', () => {
  it('starts from the enrolled keys and copies them: the configuration is never changed', () => {
    const enrolled: SigningKey[] = [{ kid: 'k1', public_key_pem: pem() }];
    const before = structuredClone(enrolled);
    const keys = new SigningKeys(enrolled);
    expect([...keys.current.keys()]).toEqual(['k1']);
    keys.merge([{ kid: 'k2', public_key_pem: pem() }]);
    expect(enrolled).toEqual(before);
    expect(keys.list.map((k) => k.kid)).toEqual(['k1', 'k2']);
  });

  it('keeps every key it has seen across rotations, so tokens signed before a rotation stay valid', () => {
    const keys = new SigningKeys([{ kid: 'k1', public_key_pem: pem() }]);
    keys.merge([{ kid: 'k2', public_key_pem: pem() }]);
    keys.merge([{ kid: 'k3', public_key_pem: pem() }]);
    expect([...keys.current.keys()]).toEqual(['k1', 'k2', 'k3']);
  });

  it('takes the new PEM of a kid announced again, and drops entries without a kid or a PEM', () => {
    const first = pem();
    const second = pem();
    const keys = new SigningKeys([{ kid: 'k1', public_key_pem: first }]);
    keys.merge([
      { kid: 'k1', public_key_pem: second },
      { kid: '', public_key_pem: pem() },
      { kid: 'k9' },
    ]);
    expect(keys.list).toEqual([{ kid: 'k1', public_key_pem: second }]);
  });

  it('an empty announcement changes nothing', () => {
    const keys = new SigningKeys([{ kid: 'k1', public_key_pem: pem() }]);
    const before = keys.current;
    keys.merge([]);
    expect(keys.current).toBe(before);
  });

  it('a PEM that does not parse throws and leaves the keys as they were', () => {
    const keys = new SigningKeys([{ kid: 'k1', public_key_pem: pem() }]);
    expect(() => keys.merge([{ kid: 'k2', public_key_pem: 'not a key' }])).toThrow();
    expect(keys.list.map((k) => k.kid)).toEqual(['k1']);
    expect([...keys.current.keys()]).toEqual(['k1']);
    keys.merge([{ kid: 'k3', public_key_pem: pem() }]);
    expect([...keys.current.keys()]).toEqual(['k1', 'k3']);
  });
});
