// The web application: React + NL Design System (Utrecht) + ECharts, built to dist-web/ and served
// by the Fastify server. `npm run dev:web` proxies /api to a running `zicht serve` on :8080.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: { outDir: '../../dist-web', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1200 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
