import type { Dialect } from '../../src/db/connection.js';
import { buildWebApp } from '../../src/apps/compose.js';
import type { HttpApp } from '../../src/platform/http/server.js';
import { createTestPlatform, type TestPlatform } from './test-platform.js';

/** The whole web application on a fresh database, listening on 127.0.0.1 (random port). */
export interface TestServer {
  readonly app: HttpApp;
  readonly platform: TestPlatform;
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the full app (every module) for HTTP and browser tests. */
export async function startTestServer(dialect: Dialect, options: { listen?: boolean; env?: Record<string, string> } = {}): Promise<TestServer> {
  const platform = await createTestPlatform(dialect, options.env);
  const app = await buildWebApp(platform);
  let url = '';
  if (options.listen !== false) {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  } else {
    await app.ready();
  }
  return {
    app,
    platform,
    url,
    close: async () => {
      await app.close();
      await platform.close();
    },
  };
}
