import { defineConfig } from 'vite';

// `base: './'`: the built page loads its assets relatively, so dist/ works from any path.
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // @polkadot/api and cytoscape are large; one page, no point warning about it.
    chunkSizeWarningLimit: 2500,
  },
});
