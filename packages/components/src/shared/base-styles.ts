import { css } from 'lit';
import { tokens } from './tokens.ts';

/**
 * What every element's `static styles` starts with: tokens, box sizing, the focus ring,
 * reduced motion, forced colours, the visually-hidden utility and the designed states.
 */
export const baseStyles = [
  tokens,
  css`
    :host {
      display: block;
      box-sizing: border-box;
      font-family: var(--vnh-font-family);
      font-size: var(--vnh-font-size-md);
      line-height: var(--vnh-line-height);
      color: var(--vnh-color-text);
      /* Wrap at words; a token longer than its line (a URL, an id) may break rather than overflow.
         Not 'anywhere', which also shrinks min-content widths (a table cell to one letter). */
      overflow-wrap: break-word;
      min-inline-size: 0;
    }
    :host([hidden]) {
      display: none;
    }
    *,
    *::before,
    *::after {
      box-sizing: inherit;
    }
    :focus-visible {
      outline: var(--vnh-focus-ring);
      outline-offset: var(--vnh-focus-ring-offset);
    }
    [hidden] {
      display: none !important;
    }
    .vnh-sr-only {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      padding: 0;
      margin: -1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
      border: 0;
    }
    .vnh-button {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: var(--vnh-space-1);
      /* A touch target of at least 44 × 44 px (WCAG 2.5.5). */
      min-block-size: var(--vnh-touch-target);
      min-inline-size: var(--vnh-touch-target);
      padding-block: var(--vnh-space-1);
      padding-inline: var(--vnh-space-3);
      border: 1px solid var(--vnh-color-accent);
      border-radius: var(--vnh-radius-md);
      background: var(--vnh-color-surface);
      color: var(--vnh-color-accent);
      font: inherit;
      font-size: var(--vnh-font-size-sm);
      font-weight: 600;
      cursor: pointer;
    }
    .vnh-button:hover,
    .vnh-button[aria-pressed='true'] {
      background: var(--vnh-color-accent);
      color: var(--vnh-color-accent-text);
    }

    /* Designed states (shared/states.ts). */
    .vnh-state {
      display: grid;
      gap: var(--vnh-space-2);
      justify-items: start;
      padding: var(--vnh-space-4);
    }
    .vnh-state-title {
      margin: 0;
      font-size: var(--vnh-font-size-md);
      font-weight: 700;
    }
    .vnh-state-message {
      margin: 0;
      color: var(--vnh-color-muted);
    }
    .vnh-state-error {
      border-inline-start: 4px solid var(--vnh-color-danger);
    }
    .vnh-skeleton {
      display: grid;
      gap: var(--vnh-space-3);
      padding: var(--vnh-space-4);
    }
    .vnh-skeleton-line {
      block-size: 0.875rem;
      border-radius: var(--vnh-radius-sm);
      background: var(--vnh-color-skeleton);
      animation: vnh-pulse 1.4s ease-in-out infinite;
    }
    .vnh-skeleton-line:nth-child(2) {
      inline-size: 80%;
    }
    .vnh-skeleton-line:nth-child(3) {
      inline-size: 60%;
    }
    .vnh-skeleton-line:nth-child(4) {
      inline-size: 70%;
    }
    @keyframes vnh-pulse {
      50% {
        opacity: 0.45;
      }
    }

    @media (prefers-reduced-motion: reduce) {
      *,
      *::before,
      *::after {
        animation-duration: 0.01ms !important;
        animation-iteration-count: 1 !important;
        transition-duration: 0.01ms !important;
        scroll-behavior: auto !important;
      }
    }
    @media (forced-colors: active) {
      :focus-visible {
        outline-color: Highlight;
      }
      .vnh-button {
        border-color: ButtonText;
      }
      .vnh-button[aria-pressed='true'] {
        border-width: 3px;
        text-decoration: underline;
      }
      .vnh-skeleton-line {
        background: GrayText;
      }
    }
  `,
];
