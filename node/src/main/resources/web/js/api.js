// Calls to the node's API. Errors carry the node's own words (RFC 9457 problem detail), so the
// page can say exactly what was refused.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.type = problem.type;
  }
}

export async function api(path, { method = 'GET', body, headers = {} } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  const r = await fetch(path.startsWith('/') ? path : `/api/v1/${path}`, init);
  const type = r.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await r.json() : await r.text();
  if (!r.ok) throw new ApiError(r.status, typeof data === 'object' ? data : { detail: data });
  return data;
}

let info;
/** The node's ledger, suite and public key: the trust anchor every proof is checked against. */
export async function nodeInfo() {
  info = info || (await api('info'));
  return info;
}
