// Vite config of the Vue example: `vite` (dev server), `vite build` (into dist/), `vite preview`.
// Vue's template compiler must leave the vnhealth tags to the browser (they are custom elements,
// registered by `@vnhealth/components/define.js`), not try to resolve them as Vue components.
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    vue({
      template: {
        compilerOptions: { isCustomElement: (tag) => tag.startsWith('vnh-') },
      },
    }),
  ],
  build: { target: 'es2022' },
  server: { strictPort: false },
  clearScreen: false,
});
