import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The web app is served by the API server (same origin, strict CSP: no inline scripts), so the
// build emits plain files under web/dist and nothing else. Root is this folder whatever the cwd.
export default defineConfig({
  root: decodeURIComponent(new URL('.', import.meta.url).pathname),
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    modulePreload: { polyfill: false },
  },
})
