import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/support/build-once.ts', 'test/support/postgres-setup.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Bots started by tests do not take the web server's fixed port; the web tests pick a free port themselves.
    env: { WEB_PORT: 'off' },
  },
});
