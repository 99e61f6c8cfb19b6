/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';

import tailwindcss from '@tailwindcss/vite';
import { tanstackRouter } from '@tanstack/router-plugin/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const sharedSources = fileURLToPath(new URL('../packages/shared/src', import.meta.url));

// `make web-dev` points this at the API it started (default: `make run`'s port).
const apiTarget = process.env.OPSFLUX_API_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [
    // Every file under src/app/routes becomes a lazily loaded route chunk.
    tanstackRouter({
      target: 'react',
      autoCodeSplitting: true,
      routesDirectory: 'src/app/routes',
      generatedRouteTree: 'src/app/route-tree.gen.ts',
    }),
    react(),
    tailwindcss(),
  ],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      // packages/shared: plain TypeScript sources, bundled as if they were under src/.
      '@opsflux/shared': sharedSources,
    },
    // A shared file's `zod` is this app's (packages/shared has no node_modules).
    dedupe: ['zod'],
  },
  server: {
    port: 5173,
    // The dev server may serve the shared sources, outside web/.
    fs: { allow: ['.', sharedSources] },
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/health': { target: apiTarget },
    },
  },
  // The manifest feeds scripts/bundle-size.mjs; the backend does not serve it (spa.rs).
  build: { manifest: true },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['src/testing/setup-tests.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
