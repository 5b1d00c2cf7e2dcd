import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { WIRE_ERRORS } from '@edgefleet/proto';

/**
 * The rule that keeps issue #12's one catalogue one: only proto/ says which gRPC or HTTP status a
 * wire code travels with. Elsewhere a code may be thrown, compared or given a class of its own
 * (client/src/errors.ts does), but a second table from codes to statuses — an object keyed by
 * codes, or a switch whose code cases pick a status — is how the four disagreeing maps began.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PACKAGES = ['agent', 'client', 'common', 'coordinator', 'firmware-hooks'];
const CODES = new Set(Object.keys(WIRE_ERRORS));
/** A status written down: `status.UNAVAILABLE`, `grpc.status.X`, `Status.X`, or an HTTP 4xx/5xx literal. */
const STATUS_TEXT = /\b[Ss]tatus\.[A-Z_]+\b|(?<![\w.])[45]\d\d(?![\w.])/;

interface CodeMap {
  line: number;
  kind: 'object' | 'switch';
  codes: string[];
}

function propertyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  return undefined;
}

/** The places in one source text that map wire codes to statuses. */
function findCodeMaps(fileName: string, text: string, codes: ReadonlySet<string>): CodeMap[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
  const found: CodeMap[] = [];
  const lineOf = (node: ts.Node): number =>
    source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;

  const visit = (node: ts.Node): void => {
    if (ts.isObjectLiteralExpression(node)) {
      const keyed = node.properties.filter(
        (p): p is ts.PropertyAssignment =>
          ts.isPropertyAssignment(p) && codes.has(propertyName(p.name) ?? ''),
      );
      const statusValued = keyed.filter((p) => STATUS_TEXT.test(p.initializer.getText(source)));
      if (keyed.length >= 2 && statusValued.length >= 1) {
        found.push({
          line: lineOf(node),
          kind: 'object',
          codes: keyed.map((p) => propertyName(p.name) ?? ''),
        });
      }
    }
    if (ts.isCaseBlock(node)) {
      const coded = node.clauses.filter(
        (c): c is ts.CaseClause =>
          ts.isCaseClause(c) && ts.isStringLiteral(c.expression) && codes.has(c.expression.text),
      );
      const picksStatus = coded.some((c) =>
        c.statements.some((s) => STATUS_TEXT.test(s.getText(source))),
      );
      if (coded.length >= 1 && picksStatus) {
        found.push({
          line: lineOf(node),
          kind: 'switch',
          codes: coded.map((c) => (c.expression as ts.StringLiteral).text),
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === 'generated')
      continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.ts$/.test(entry.name) && !/\.(test|test-support)\.ts$/.test(entry.name)) {
      out.push(path);
    }
  }
  return out;
}

describe('wire codes have one home', () => {
  it('finds a code-to-status object and a code-to-status switch', () => {
    const codes = new Set(['NO_SITE', 'INSUFFICIENT_BALANCE']);
    const object = `const m = { NO_SITE: status.UNAVAILABLE, INSUFFICIENT_BALANCE: 'FAILED_PRECONDITION' };`;
    const httpObject = `const m = { 'NO_SITE': 503, INSUFFICIENT_BALANCE: 402 };`;
    const sw = `function f(c: string) { switch (c) { case 'NO_SITE': return 503; default: return 500; } }`;
    expect(findCodeMaps('a.ts', object, codes)).toEqual([
      { line: 1, kind: 'object', codes: ['NO_SITE', 'INSUFFICIENT_BALANCE'] },
    ]);
    expect(findCodeMaps('b.ts', httpObject, codes).map((m) => m.kind)).toEqual(['object']);
    expect(findCodeMaps('c.ts', sw, codes)).toEqual([
      { line: 1, kind: 'switch', codes: ['NO_SITE'] },
    ]);
  });

  it('leaves alone a code given a class, a thrown code and a status switch without codes', () => {
    const codes = new Set(['NO_SITE', 'INSUFFICIENT_BALANCE']);
    const classes = `switch (code) { case 'NO_SITE': return new NoSiteError(msg); case 'INSUFFICIENT_BALANCE': return new PoorError(msg); }`;
    const thrown = `throw new EdgefleetError('NO_SITE', 'no site in region', { region });`;
    const byStatus = `switch (err.code) { case status.UNAVAILABLE: return retry(); }`;
    const oneKey = `const detail = { NO_SITE: 503 };`;
    for (const text of [classes, thrown, byStatus, oneKey]) {
      expect(findCodeMaps('d.ts', text, codes)).toEqual([]);
    }
  });

  it('no package outside proto/ maps wire codes to statuses', () => {
    const offences: string[] = [];
    for (const pkg of PACKAGES) {
      for (const file of sourceFiles(join(ROOT, pkg))) {
        for (const map of findCodeMaps(file, readFileSync(file, 'utf8'), CODES)) {
          offences.push(
            `${relative(ROOT, file)}:${map.line} ${map.kind} of ${map.codes.join(', ')}`,
          );
        }
      }
    }
    // Each offence names a second table; its home is proto/src/wire-errors.ts.
    expect(offences).toEqual([]);
  });

  it('scans the packages it names', () => {
    const scanned = PACKAGES.flatMap((pkg) => sourceFiles(join(ROOT, pkg)));
    expect(scanned.some((f) => f.endsWith(join('coordinator', 'src', 'grpc', 'errors.ts')))).toBe(
      true,
    );
    expect(scanned.some((f) => f.endsWith(join('client', 'src', 'errors.ts')))).toBe(true);
  });
});
