/** The JWT secret of every test server, in-process or child (a module of its own, so setup code can import it without the server). */
export const TEST_JWT_SECRET = 'test-secret-for-integration-tests-only';
