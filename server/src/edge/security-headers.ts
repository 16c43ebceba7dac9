/**
 * Security headers on every response (helmet). The token lives in localStorage, so the pages must
 * not run anyone else's script and must not be framed:
 *  - script-src 'self' 'unsafe-eval': only our bundles; no inline script. 'unsafe-eval' because the
 *    form validator (ajv, shared with the server) compiles each programme's schema at run time.
 *  - style-src 'self' 'unsafe-inline': antd and GraphiQL inject their styles at run time.
 *  - img-src data: blob:: the favicon and antd's images are data URIs; attachments open as blobs.
 *  - frame-ancestors 'none' plus X-Frame-Options DENY; nosniff; no referrer.
 *  - no upgrade-insecure-requests: county intranets often serve plain HTTP by address.
 */
import helmet from 'helmet';

export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'unsafe-eval'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Plain HTTP on an intranet is a supported deployment; HSTS belongs to the TLS proxy.
    strictTransportSecurity: false,
  });
}
