/** A lean GraphQL-over-HTTP client on node:http with keep-alive sockets (one per concurrent caller). */
import http from 'node:http';

export function gqlClient(baseUrl, { maxSockets = 64 } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const url = new URL('/graphql', baseUrl);
  /** Resolves to { status, data, errors, ms }; never throws for GraphQL errors. */
  function gql(query, variables, token) {
    const body = Buffer.from(JSON.stringify({ query, variables }));
    const headers = { 'content-type': 'application/json', 'content-length': body.length };
    if (token) headers.authorization = `Bearer ${token}`;
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request({ agent, hostname: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers }, (res) => {
        const parts = [];
        res.on('data', (c) => parts.push(c));
        res.on('end', () => {
          const ms = performance.now() - started;
          try {
            const json = JSON.parse(Buffer.concat(parts).toString('utf8'));
            resolve({ status: res.statusCode, data: json.data, errors: json.errors, ms });
          } catch (e) {
            resolve({ status: res.statusCode, errors: [{ message: `unparsable response: ${e.message}`, extensions: { code: 'BENCH_PARSE' } }], ms });
          }
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }
  async function login(username, password) {
    const r = await gql('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: username, p: password });
    if (!r.data?.login) throw new Error(`login ${username} failed: ${JSON.stringify(r.errors)}`);
    return r.data.login.token;
  }
  return { gql, login, close: () => agent.destroy() };
}

/** The first error's code, or 'OK'. */
export const codeOf = (r) => (r.errors?.length ? r.errors[0].extensions?.code ?? 'UNKNOWN' : 'OK');
