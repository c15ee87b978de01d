/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The built page is served by the org.ucv.ui bundle at / on port 8000. `npm run dev` serves the
// sources with hot reload and forwards the API and the WebSocket to a running server (UCV_SERVER,
// default http://localhost:8000), so the page's same-origin requests and cookie work unchanged.
const server = process.env.UCV_SERVER ?? 'http://localhost:8000';

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    // The bundle serves files from assets/ with a year-long cache: their names carry a content hash.
    sourcemap: false,
    target: 'es2022',
  },
  server: {
    proxy: {
      '/api': { target: server, changeOrigin: false },
      '/ws': { target: server, ws: true, changeOrigin: false },
    },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
