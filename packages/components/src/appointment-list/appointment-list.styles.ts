import { css } from 'lit';
import { baseStyles } from '../shared/base-styles.ts';

export const styles = [
  baseStyles,
  css`
    :host {
      --vnh-appointment-list-gap: var(--vnh-space-3);
      background: var(--vnh-color-surface);
    }
    h2 {
      margin: 0 0 var(--vnh-space-3);
      font-size: var(--vnh-font-size-lg, 1.25rem);
    }
    h3 {
      margin: var(--vnh-space-3) 0 var(--vnh-space-2);
      font-size: var(--vnh-font-size-md);
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: var(--vnh-appointment-list-gap);
    }
    .item {
      border: 1px solid var(--vnh-color-border);
      border-radius: var(--vnh-radius-md);
      padding: var(--vnh-space-3);
      background: var(--vnh-color-surface);
    }
    .when {
      margin: 0;
      font-weight: 600;
    }
    .meta {
      margin: 0;
      color: var(--vnh-color-muted);
      font-size: var(--vnh-font-size-sm);
    }
    .status {
      display: inline-block;
      margin-inline-start: var(--vnh-space-2);
      padding-inline: var(--vnh-space-2);
      border-radius: var(--vnh-radius-full);
      background: var(--vnh-color-surface-muted);
      color: var(--vnh-color-text);
      font-size: var(--vnh-font-size-sm);
      font-weight: 400;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--vnh-space-2);
      margin-block-start: var(--vnh-space-2);
    }
    .primary {
      background: var(--vnh-color-accent);
      color: var(--vnh-color-accent-text);
    }
    .vnh-button[aria-disabled='true'] {
      opacity: 0.6;
      cursor: not-allowed;
    }
    .panel {
      margin-block-start: var(--vnh-space-2);
      padding: var(--vnh-space-3);
      border-radius: var(--vnh-radius-md);
      background: var(--vnh-color-surface-muted);
    }
    .panel p:focus {
      outline: none;
    }
    .panel p:focus-visible {
      outline: var(--vnh-focus-ring);
    }
    .slots {
      display: flex;
      flex-wrap: wrap;
      gap: var(--vnh-space-2);
      margin-block: var(--vnh-space-2);
    }
    .message {
      margin: var(--vnh-space-2) 0 0;
      color: var(--vnh-color-warning-text);
    }
  `,
];
