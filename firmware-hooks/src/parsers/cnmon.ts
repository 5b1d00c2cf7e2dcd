import { HookParseError } from '../errors.js';
import { hal } from '../hal.js';
import { boxCells, isBusId, lines, readNumber, readPair, tokens } from '../text.js';
import type { HalAccelerator } from '../types.js';

const HOOK = 'cnmon';

/**
 * `cnmon` default table (Cambricon), CNMON v4 (Inited/Driver, vMemory-Usage columns) and v5
 * (Bus-Id, SR-IOV/Compute-Mode columns). Each device is two rows:
 * `| Card VF Name Firmware | Bus-Id or Inited Driver | Util Ecc-Error |` then
 * `| Fan Temp Pwr:Usage/Cap | Memory-Usage | ... |`. The process box after the table is ignored.
 * `serial` is `pci:<bus id>` when the layout shows one, else '' (cnmon's table has no serial).
 */
export function parseCnmon(text: string): HalAccelerator[] {
  const all = lines(text);
  const h = all.findIndex((l) => /^Card\s+VF\s+Name\s+Firmware$/.test(boxCells(l)[0] ?? ''));
  if (h < 0 || !/^Fan\s+Temp\b/.test(boxCells(all[h + 1] ?? '')[0] ?? ''))
    throw new HookParseError(HOOK, 'no "Card VF Name Firmware / Fan Temp" table header', text);

  const rows = all
    .slice(h + 2)
    .map(boxCells)
    .filter((c) => c.length > 0 && !c.every((x) => /^[=+-]*$/.test(x)));
  const stop = rows.findIndex((c) => /^Processes:?/.test(c[0] ?? ''));
  const table = stop < 0 ? rows : rows.slice(0, stop);
  if (table.length % 2 !== 0)
    throw new HookParseError(HOOK, 'device rows do not come in pairs', text);

  const out: HalAccelerator[] = [];
  for (let i = 0; i < table.length; i += 2) {
    const [a0 = '', a1 = '', a2 = ''] = table[i] ?? [];
    const [b0 = '', b1 = ''] = table[i + 1] ?? [];
    const shown = `${a0} | ${a1} | ${a2} / ${b0} | ${b1}`;
    const id = /^(\d+)\s+(\S+)\s+(\S+)\s+(\S+)$/.exec(a0);
    if (!id) throw new HookParseError(HOOK, `bad "Card VF Name Firmware" cell: ${a0}`, shown);
    const [, card = '', vf = '', name = ''] = id;
    const env = /^(\S+)\s+(\S+)\s+(.+)$/.exec(b0);
    if (!env) throw new HookParseError(HOOK, `bad "Fan Temp Pwr:Usage/Cap" cell: ${b0}`, shown);
    const temp = readNumber(env[2], ['C']);
    const power = readPair(env[3] ?? '', ['W']);
    const powerNa = readNumber(tokens(env[3] ?? '')[0], ['W']) === null;
    const util = readNumber(tokens(a2)[0], ['%']);
    const mem = readPair(b1, ['MiB']);
    if (temp === undefined || util === undefined || !mem || (!power && !powerNa))
      throw new HookParseError(HOOK, 'bad temperature, power, utilization or memory', shown);
    out.push(
      hal({
        vendor: 'cambricon',
        model: name,
        serial: isBusId(a1) ? `pci:${a1}` : '',
        index: vf === '/' ? card : `${card}:${vf}`,
        memoryUsedMib: mem[0],
        memoryTotalMib: mem[1],
        utilizationPct: util,
        temperatureC: temp,
        powerW: power?.[0] ?? null,
      }),
    );
  }
  return out;
}
