/**
 * A tiny renderer for the subset of Helm templating that deploy/helm uses, with Helm's semantics:
 * - `{{ .Values.a.b }}`, `{{ .Release.Name }}`, `{{ .Release.Namespace }}`, `{{ .Chart.Name }}`,
 *   `{{ .Chart.AppVersion }}`, each optionally piped to `quote`: a scalar value (a missing one or a
 *   map is an error, so every value a template uses is declared in values.yaml);
 * - `{{ if .Path }}` … `{{ else }}` … `{{ end }}`, nested: Helm's truthiness (false, 0, "", an
 *   empty map or list are false); the value must exist;
 * - `{{ .Files.Get "files/x.yaml" | indent N }}`: a file of the chart, every line indented by N
 *   spaces (the first included, as Helm's `indent` does);
 * - `{{-` and `-}}` trim the whitespace (newlines included) before and after the tag.
 * Anything else (range, with, include, other functions) is an error, so the chart cannot drift into
 * syntax this check does not understand.
 */
export class UnsupportedTemplateError extends Error {}

export interface HelmContext {
  Values: unknown;
  Release: { Name: string; Namespace?: string };
  Chart: Record<string, unknown>;
  /** `.Files.Get`: a file of the chart by its path inside the chart. */
  Files?: (path: string) => string;
}

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'expr'; expr: string }
  | { kind: 'if'; cond: string; then: Node[]; else: Node[] };

const TAG = /\{\{(-?)\s*(.*?)\s*(-?)\}\}/gs;
const PATH = /^\.([A-Za-z][\w.]*)$/;
const EXPR = /^\.([A-Za-z][\w.]*)(\s*\|\s*quote)?$/;
const FILES_GET = /^\.Files\.Get\s+"([^"]+)"\s*\|\s*indent\s+(\d+)$/;

/** Text and tags, with `{{-` / `-}}` trimming applied to the text beside them. */
function tokenize(template: string): ({ text: string } | { tag: string })[] {
  const out: ({ text: string } | { tag: string })[] = [];
  let last = 0;
  let trimNext = false;
  for (const m of template.matchAll(TAG)) {
    let text = template.slice(last, m.index);
    if (trimNext) text = text.replace(/^\s+/, '');
    if (m[1] === '-') text = text.replace(/\s+$/, '');
    out.push({ text }, { tag: m[2] as string });
    trimNext = m[3] === '-';
    last = m.index + m[0].length;
  }
  let tail = template.slice(last);
  if (trimNext) tail = tail.replace(/^\s+/, '');
  out.push({ text: tail });
  return out;
}

function parse(template: string): Node[] {
  const root: Node[] = [];
  const stack: { node: Extract<Node, { kind: 'if' }>; inElse: boolean }[] = [];
  const into = (): Node[] => {
    const top = stack[stack.length - 1];
    return top ? (top.inElse ? top.node.else : top.node.then) : root;
  };
  for (const t of tokenize(template)) {
    if ('text' in t) {
      if (t.text) into().push({ kind: 'text', text: t.text });
      continue;
    }
    const ifm = /^if\s+(\S+)$/.exec(t.tag);
    if (ifm) {
      const node: Node = { kind: 'if', cond: ifm[1] as string, then: [], else: [] };
      into().push(node);
      stack.push({ node, inElse: false });
    } else if (t.tag === 'else') {
      const top = stack[stack.length - 1];
      if (!top || top.inElse) throw new UnsupportedTemplateError('{{ else }} without {{ if }}');
      top.inElse = true;
    } else if (t.tag === 'end') {
      if (!stack.pop()) throw new UnsupportedTemplateError('{{ end }} without {{ if }}');
    } else {
      if (!EXPR.test(t.tag) && !FILES_GET.test(t.tag))
        throw new UnsupportedTemplateError(`unsupported template expression {{ ${t.tag} }}`);
      into().push({ kind: 'expr', expr: t.tag });
    }
  }
  if (stack.length) throw new UnsupportedTemplateError('{{ if }} without {{ end }}');
  return root;
}

function lookup(ctx: HelmContext, expr: string, path: string): unknown {
  let v: unknown = ctx;
  for (const seg of path.split('.')) {
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[seg] : undefined;
  }
  if (v === undefined || v === null)
    throw new UnsupportedTemplateError(`{{ ${expr} }} is not a declared value`);
  return v;
}

function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object' && v !== null) return Object.keys(v).length > 0;
  return Boolean(v);
}

function renderNodes(nodes: Node[], ctx: HelmContext): string {
  return nodes
    .map((n) => {
      if (n.kind === 'text') return n.text;
      if (n.kind === 'if') {
        const pm = PATH.exec(n.cond);
        if (!pm) throw new UnsupportedTemplateError(`unsupported condition {{ if ${n.cond} }}`);
        const v = lookup(ctx, `if ${n.cond}`, pm[1] as string);
        return renderNodes(truthy(v) ? n.then : n.else, ctx);
      }
      const fm = FILES_GET.exec(n.expr);
      if (fm) {
        if (!ctx.Files) throw new UnsupportedTemplateError(`{{ ${n.expr} }}: no chart files given`);
        const pad = ' '.repeat(Number(fm[2]));
        return ctx
          .Files(fm[1] as string)
          .replace(/\n$/, '')
          .split('\n')
          .map((line) => pad + line)
          .join('\n');
      }
      const mm = /^\.([A-Za-z][\w.]*)(\s*\|\s*quote)?$/.exec(n.expr);
      if (!mm)
        throw new UnsupportedTemplateError(`unsupported template expression {{ ${n.expr} }}`);
      const v = lookup(ctx, n.expr, mm[1] as string);
      if (typeof v === 'object')
        throw new UnsupportedTemplateError(
          `{{ ${n.expr} }} is not a scalar value (${JSON.stringify(v)})`,
        );
      const s = String(v);
      return mm[2] ? JSON.stringify(s) : s;
    })
    .join('');
}

export function renderHelm(template: string, ctx: HelmContext): string {
  return renderNodes(parse(template), ctx);
}
