import { css } from 'lit';
import { baseStyles } from '../shared/base-styles.ts';

export const styles = [
  baseStyles,
  css`
    :host {
      --vnh-vaccination-schedule-gap: var(--vnh-space-3);
    }
    .base {
      display: grid;
      gap: var(--vnh-vaccination-schedule-gap);
      background: var(--vnh-color-surface);
      color: var(--vnh-color-text);
    }
    .title {
      margin: 0;
      font-size: var(--vnh-font-size-lg);
    }
    .as-of,
    .note {
      margin: 0;
      color: var(--vnh-color-muted);
      font-size: var(--vnh-font-size-sm);
    }
    .visits {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: var(--vnh-vaccination-schedule-gap);
    }
    .visit {
      display: grid;
      gap: var(--vnh-space-1);
      padding: var(--vnh-space-3);
      border: 1px solid var(--vnh-color-border);
      border-inline-start-width: 4px;
      border-radius: var(--vnh-radius-md);
    }
    .visit.due-overdue {
      border-inline-start-color: var(--vnh-color-danger);
    }
    .visit.due-due {
      border-inline-start-color: var(--vnh-color-warning);
    }
    .visit-head {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: var(--vnh-space-2);
    }
    .visit-age {
      margin: 0;
      font-size: var(--vnh-font-size-md);
      margin-inline-end: auto;
    }
    .visit-date {
      color: var(--vnh-color-muted);
      font-size: var(--vnh-font-size-sm);
    }
    .badge {
      padding-block: 0.1em;
      padding-inline: var(--vnh-space-2);
      border-radius: var(--vnh-radius-full);
      border: 1px solid currentColor;
      font-size: var(--vnh-font-size-sm);
      font-weight: 600;
      background: var(--vnh-color-surface-muted);
      color: var(--vnh-color-text);
    }
    .badge.due-overdue {
      background: var(--vnh-color-danger-surface);
      color: var(--vnh-color-danger-text);
    }
    .badge.due-unverified {
      border-style: dashed;
    }
    .badge.due-due {
      background: var(--vnh-color-warning-surface);
      color: var(--vnh-color-warning-text);
    }
    .doses {
      margin: 0;
      padding-inline-start: var(--vnh-space-4);
    }
    @media print {
      :host {
        color: #000;
        background: #fff;
      }
      [role='status'] {
        display: none;
      }
      .visit {
        break-inside: avoid;
        border-color: #000;
      }
    }
  `,
];
