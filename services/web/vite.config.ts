/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/client',
  plugins: [react()],
  build: { outDir: '../../dist/client', emptyOutDir: true, sourcemap: true },
  test: {
    root: '.',
    include: ['src/client/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    setupFiles: ['src/client/test-setup.ts'],
  },
});
