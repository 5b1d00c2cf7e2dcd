/**
 * Writes proto's wire-error catalogue (proto/src/wire-errors.ts) into docs/protocol.md, between its
 * markers. `npm run docs:errors`; proto/src/wire-errors.test.ts fails while the two differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withWireErrorTable } from '@edgefleet/proto';

const path = fileURLToPath(new URL('../docs/protocol.md', import.meta.url));
const before = readFileSync(path, 'utf8');
const after = withWireErrorTable(before);
if (after === before) {
  console.log('docs/protocol.md: the error table is up to date');
} else {
  writeFileSync(path, after);
  console.log('docs/protocol.md: error table written');
}
