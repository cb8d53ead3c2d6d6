/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The console talks only to the host's public REST API. In production it is served from the same origin;
// in development Vite forwards /api to the host (override with USEROPS_HOST=http://127.0.0.1:5081).
declare const process: { env: Record<string, string | undefined> };
const host = process.env.USEROPS_HOST ?? 'http://127.0.0.1:5080';

export default defineConfig({
  plugins: [react()],
  // Relative asset URLs and hash routing: the host can serve dist/ under any path prefix.
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1024 },
  server: { port: 5173, proxy: { '/api': host, '/openapi': host } },
  preview: { port: 4173, proxy: { '/api': host, '/openapi': host } },
  test: { environment: 'node', include: ['src/**/*.test.ts'] },
});
