/**
 * A tiny renderer for the subset of Helm templating that deploy/helm uses: `{{ .Values.a.b }}`,
 * `{{ .Release.Name }}`, `{{ .Chart.Name }}`, `{{ .Chart.AppVersion }}`, each optionally piped to
 * `quote`. Anything else (if/range/include, other functions) is an error, so the chart cannot
 * drift into syntax this check does not understand.
 */
export class UnsupportedTemplateError extends Error {}

export function renderHelm(
  template: string,
  ctx: { Values: unknown; Release: { Name: string }; Chart: Record<string, unknown> },
): string {
  return template.replace(/\{\{-?\s*(.*?)\s*-?\}\}/g, (_m, expr: string) => {
    const mm = /^\.([A-Za-z][\w.]*)(\s*\|\s*quote)?$/.exec(expr);
    if (!mm) throw new UnsupportedTemplateError(`unsupported template expression {{ ${expr} }}`);
    let v: unknown = ctx;
    for (const seg of (mm[1] as string).split('.')) {
      v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[seg] : undefined;
    }
    if (v === undefined || v === null || typeof v === 'object')
      throw new UnsupportedTemplateError(
        `{{ ${expr} }} is not a scalar value (${JSON.stringify(v)})`,
      );
    const s = String(v);
    return mm[2] ? JSON.stringify(s) : s;
  });
}
