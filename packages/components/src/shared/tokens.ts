import { unsafeCSS, type CSSResult } from 'lit';

/**
 * The colour tokens, per theme. Every pair used for text meets WCAG AA (≥ 4.5:1) on `surface`
 * and `surface-muted`; `*-surface` pairs are the tinted backgrounds of banners and badges, and
 * their `*-text` colour meets 4.5:1 on them. Tests check these ratios.
 */
export const colorTokens = {
  light: {
    surface: '#ffffff',
    'surface-muted': '#f3f5f7',
    text: '#17202a',
    muted: '#4d5966',
    border: '#8593a1',
    accent: '#0a58a8',
    'accent-text': '#ffffff',
    danger: '#b0221b',
    'danger-surface': '#fdecea',
    'danger-text': '#7a120d',
    warning: '#8a4b00',
    'warning-surface': '#fff4e0',
    'warning-text': '#6b3a00',
    success: '#1d6b33',
    'success-surface': '#e7f5eb',
    'success-text': '#144d24',
    focus: '#0a58a8',
    skeleton: '#e3e8ed',
  },
  dark: {
    surface: '#141a20',
    'surface-muted': '#1d252d',
    text: '#eef2f5',
    muted: '#aab6c2',
    border: '#66737f',
    accent: '#8ec3ff',
    'accent-text': '#0b1a2b',
    danger: '#ff9a90',
    'danger-surface': '#3d1512',
    'danger-text': '#ffd9d4',
    warning: '#ffc46b',
    'warning-surface': '#3a2a0c',
    'warning-text': '#ffe2b3',
    success: '#86dd9e',
    'success-surface': '#11301b',
    'success-text': '#cff2d9',
    focus: '#8ec3ff',
    skeleton: '#2a343e',
  },
} as const;

/** A colour token name (`surface`, `text`, `danger-surface` …). */
export type ColorToken = keyof (typeof colorTokens)['light'];

function colorDeclarations(theme: 'light' | 'dark'): string {
  return Object.entries(colorTokens[theme])
    .map(([name, value]) => `--vnh-color-${name}: var(--vnh-${theme}-color-${name}, ${value});`)
    .join('\n');
}

const FONT_STACK =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif";

/**
 * Design tokens on `:host`: colours (light set; dark set when the host has `theme="dark"` or
 * `data-vnh-theme="dark"`, which every element reflects from its provider or an ancestor with
 * `.vnh-theme-dark`/`[data-vnh-theme=dark]`), spacing, radius, font, the
 * minimum touch target (`--vnh-touch-target`, 44 px) and the focus ring.
 *
 * Override globally per theme with `--vnh-light-color-*` / `--vnh-dark-color-*` on `:root`, or
 * one element with `--vnh-color-*` on the element itself.
 */
export const tokens: CSSResult = unsafeCSS(`
:host {
  color-scheme: light;
  ${colorDeclarations('light')}
  --vnh-font-family: var(--vnh-font, ${FONT_STACK});
  --vnh-font-size-sm: 0.875rem;
  --vnh-font-size-md: 1rem;
  --vnh-font-size-lg: 1.25rem;
  --vnh-line-height: 1.5;
  --vnh-space-1: 0.25rem;
  --vnh-space-2: 0.5rem;
  --vnh-space-3: 0.75rem;
  --vnh-space-4: 1rem;
  --vnh-space-5: 1.5rem;
  --vnh-space-6: 2rem;
  --vnh-radius-sm: 0.25rem;
  --vnh-radius-md: 0.5rem;
  --vnh-radius-lg: 0.75rem;
  --vnh-radius-full: 999px;
  --vnh-focus-ring-width: 3px;
  --vnh-focus-ring-offset: 2px;
  --vnh-focus-ring: var(--vnh-focus-ring-width) solid var(--vnh-color-focus);
  --vnh-transition: 150ms ease;
  --vnh-touch-target: 2.75rem;
}
:host([theme='dark']),
:host([data-vnh-theme='dark']) {
  color-scheme: dark;
  ${colorDeclarations('dark')}
}
`);
