import { describe, expect, it } from 'vitest';
import { roleAllows, type Role } from './auth.js';

describe('roleAllows', () => {
  it('grants each role exactly its rights', () => {
    const roles: Role[] = ['viewer', 'installer', 'operator', 'admin'];
    const table = Object.fromEntries(
      roles.map((have) => [have, roles.filter((need) => roleAllows(have, need))]),
    );
    expect(table).toEqual({
      viewer: ['viewer'],
      installer: ['viewer', 'installer'],
      operator: ['viewer', 'operator'],
      admin: ['viewer', 'installer', 'operator', 'admin'],
    });
  });
});
