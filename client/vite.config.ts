import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { pwa } from './pwa/plugin.ts';
import { precompress } from './vite-precompress.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const out = fileURLToPath(new URL('../dist/client', import.meta.url));
const api = process.env.API_URL ?? 'http://localhost:4000';

// Two entries: the app (index.html, served for every unknown path) and the GraphiQL explorer
// (graphiql.html, served at /graphiql). Heavy libraries get their own chunks so the public
// notice board never downloads the designer, rjsf or echarts.
// A build started from inside vitest (the e2e global setup) inherits NODE_ENV=test, which would
// bundle React's development build: a production bundle is what the server serves.
if (process.argv.includes('build') && process.env.NODE_ENV !== 'production') process.env.NODE_ENV = 'production';

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  // Installable app and the offline shell (manifest, icons, service worker): client/pwa/. Then a
  // Brotli and a gzip copy of every text file, which the server sends when the browser takes it.
  plugins: [pwa(), precompress()],
  oxc: { jsx: { runtime: 'automatic' } } as never,
  resolve: {
    alias: {
      // the platform's form vocabulary, shared with the server (STYLE §6)
      '@platform': fileURLToPath(new URL('../server/src/programmes', import.meta.url)),
    },
  },
  server: {
    port: 5173,
    proxy: { '/graphql': api, '/files': api },
  },
  build: {
    outDir: out,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // "use client" directives in graphiql's dependencies mean nothing in a client-only bundle.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      input: { index: `${root}index.html`, graphiql: `${root}graphiql.html` },
      output: {
        codeSplitting: {
          includeDependenciesRecursively: false,
          groups: [
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[a-z-]+|@emotion|stylis|dayjs|classnames|scroll-into-view-if-needed|compute-scroll-into-view|throttle-debounce|copy-to-clipboard|toggle-selection|@babel)[\\/]/, priority: 10 },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 15 },
          ],
        },
      },
    },
  },
});
