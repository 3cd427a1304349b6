/** The test-only environment: an admin URL of a real PostgreSQL (as CI provides), for tests of concurrency. */
export const TEST_POSTGRES_URL: string | undefined = process.env.TEST_POSTGRES_URL;
