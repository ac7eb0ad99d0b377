// Vite config of the portal: `vite` (dev server), `vite build` (into dist/), `vite preview`.
// Installed from npm, @vnhealth/* resolve to their built `dist/`. Inside the vnhealth repository,
// `npm start` (scripts/start.ts) adds the `vnhealth-source` condition so the workspace's sources
// are used with no build.
import { defineConfig, type Plugin } from 'vite';

/**
 * The Content-Security-Policy of the built pages: scripts and styles only from the page's own
 * origin (no inline scripts, no inline styles, no eval), data from the page's origin or a FHIR
 * server on this machine. A hospital deploying the portal replaces `connect-src` with its FHIR
 * server's origin (or sets it as an HTTP header, which also allows `frame-ancestors`).
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  `connect-src 'self' ${process.env.VNH_CONNECT_SRC ?? 'http://localhost:* http://127.0.0.1:*'}`,
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** Adds the CSP `<meta>` to built pages only (the dev server needs its own client for HMR). */
function cspMeta(): Plugin {
  return {
    name: 'vnhealth-csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      // Right after <meta charset>: before any script or stylesheet it governs.
      handler: (html) =>
        html.replace(
          /<meta charset="utf-8"\s*\/?>/i,
          (charset) =>
            `${charset}\n    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}" />`,
        ),
    },
  };
}

export default defineConfig({
  plugins: [cspMeta()],
  build: {
    target: 'es2022',
    // Never inline assets as data: URLs into scripts; keep everything a same-origin file.
    assetsInlineLimit: 0,
  },
  server: { strictPort: false },
  clearScreen: false,
});
