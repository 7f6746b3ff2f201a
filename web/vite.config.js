import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// `npm run dev` forwards the API to a local `alley serve`.
export default defineConfig({
  plugins: [vue()],
  build: { outDir: 'dist', chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/i18n': 'http://127.0.0.1:8080' } },
})
