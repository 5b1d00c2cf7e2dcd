/** A minimal, self-contained API reference rendered in the browser from /api/v1/openapi.json. */
export function apiReferenceHtml(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>edgefleet API</title>
<style>body{font:14px/1.5 system-ui,sans-serif;max-width:980px;margin:24px auto;padding:0 16px;color:#1d2630}code{background:#eef2f6;padding:1px 4px;border-radius:3px}
.op{border-top:1px solid #dde3ea;padding:8px 0}.m{display:inline-block;width:56px;font-weight:600}.role{float:right;color:#607080;font-size:12px}</style></head>
<body><h1>edgefleet coordinator API</h1><p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>. Auth: <code>Authorization: Bearer &lt;token&gt;</code>.</p><div id="ops"></div>
<script>
fetch('/api/v1/openapi.json').then(r => r.json()).then(doc => {
  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
  let h = '';
  for (const [p, ops] of Object.entries(doc.paths)) for (const [m, op] of Object.entries(ops)) {
    h += '<div class="op"><span class="m">' + m.toUpperCase() + '</span><code>' + esc(p) + '</code><span class="role">' + esc(op['x-edgefleet-role'] || '') + '</span><div>' + esc(op.summary || '') + '</div></div>';
  }
  document.getElementById('ops').innerHTML = h;
});
</script></body></html>`;
}
