import { css } from 'lit';
import { baseStyles } from '../shared/base-styles.ts';
import { calendarStyles } from './booking-calendar.ts';

export const styles = [
  baseStyles,
  calendarStyles,
  css`
    :host {
      --vnh-consult-booking-max-inline-size: 44rem;
      --vnh-consult-booking-avatar-size: 3rem;
      --vnh-consult-booking-cell-size: 2.75rem;
      max-inline-size: var(--vnh-consult-booking-max-inline-size);
      /* Breakpoints follow the element's own width: it may sit in a narrow column of a wide page. */
      container: vnh-consult-booking / inline-size;
    }
    /* Touch targets of at least 44 x 44 px. */
    .vnh-button {
      min-block-size: 2.75rem;
      min-inline-size: 2.75rem;
    }
    .card {
      border: 1px solid var(--vnh-color-border);
      border-radius: var(--vnh-radius-lg);
      background: var(--vnh-color-surface);
      padding: var(--vnh-space-4);
    }
    .title {
      margin: 0 0 var(--vnh-space-2);
      font-size: var(--vnh-font-size-lg, 1.25rem);
    }
    .steps {
      display: flex;
      flex-wrap: wrap;
      gap: var(--vnh-space-1);
      list-style: none;
      margin: 0 0 var(--vnh-space-3);
      padding: 0;
      font-size: var(--vnh-font-size-sm);
      color: var(--vnh-color-muted);
    }
    .steps li {
      padding-block: var(--vnh-space-1);
      padding-inline: var(--vnh-space-2);
      border-radius: var(--vnh-radius-full);
      background: var(--vnh-color-surface-muted);
    }
    .steps li[aria-current='step'] {
      background: var(--vnh-color-accent);
      color: var(--vnh-color-accent-text, var(--vnh-color-surface));
      font-weight: 600;
    }
    h3 {
      margin: 0 0 var(--vnh-space-3);
      font-size: var(--vnh-font-size-md);
    }
    h3:focus {
      outline: none;
    }
    h3:focus-visible {
      outline: var(--vnh-focus-ring);
    }
    .options,
    .doctors {
      display: grid;
      gap: var(--vnh-space-2);
      grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
      margin: 0 0 var(--vnh-space-3);
      padding: 0;
      list-style: none;
    }
    .doctors {
      grid-template-columns: 1fr;
    }
    .option {
      inline-size: 100%;
      justify-content: flex-start;
      text-align: start;
    }
    .doctor {
      display: grid;
      grid-template-columns: auto 1fr auto;
      gap: var(--vnh-space-3);
      align-items: center;
      padding: var(--vnh-space-3);
      border: 1px solid var(--vnh-color-border);
      border-radius: var(--vnh-radius-md);
    }
    .avatar {
      inline-size: var(--vnh-consult-booking-avatar-size);
      block-size: var(--vnh-consult-booking-avatar-size);
      border-radius: var(--vnh-radius-full);
      object-fit: cover;
      display: grid;
      place-items: center;
      background: var(--vnh-color-surface-muted);
      color: var(--vnh-color-text);
      font-weight: 700;
    }
    .doctor-name {
      margin: 0;
      font-weight: 600;
    }
    .meta {
      margin: 0;
      color: var(--vnh-color-muted);
      font-size: var(--vnh-font-size-sm);
    }
    .modes {
      display: flex;
      flex-wrap: wrap;
      gap: var(--vnh-space-2);
      margin: 0 0 var(--vnh-space-3);
      padding: 0;
      border: 0;
    }
    .modes legend {
      margin-block-end: var(--vnh-space-1);
      font-weight: 600;
    }
    .slots {
      display: grid;
      grid-template-columns: repeat(4, minmax(0, 1fr));
      gap: var(--vnh-space-2);
      margin-block-end: var(--vnh-space-3);
    }
    .slot {
      justify-content: center;
      padding-inline: var(--vnh-space-1);
    }
    .slot-group h4 {
      margin: 0 0 var(--vnh-space-2);
      font-size: var(--vnh-font-size-md);
    }
    .more {
      margin-block-end: var(--vnh-space-3);
    }
    .notice {
      margin: 0 0 var(--vnh-space-3);
      padding: var(--vnh-space-3);
      border-radius: var(--vnh-radius-md);
      border-inline-start: 4px solid var(--vnh-color-warning);
      background: var(--vnh-color-warning-surface, var(--vnh-color-surface-muted));
      color: var(--vnh-color-warning-text, var(--vnh-color-text));
    }
    .notice.error {
      border-inline-start-color: var(--vnh-color-danger);
      background: var(--vnh-color-danger-surface, var(--vnh-color-surface-muted));
      color: var(--vnh-color-danger-text, var(--vnh-color-text));
    }
    .field {
      display: grid;
      gap: var(--vnh-space-1);
      margin-block-end: var(--vnh-space-3);
    }
    label {
      font-weight: 600;
    }
    input,
    textarea {
      font: inherit;
      color: var(--vnh-color-text);
      background: var(--vnh-color-surface);
      border: 1px solid var(--vnh-color-border-strong, var(--vnh-color-muted));
      border-radius: var(--vnh-radius-sm);
      padding: var(--vnh-space-2);
    }
    [aria-invalid='true'] {
      border-color: var(--vnh-color-danger);
    }
    .hint {
      margin: 0;
      color: var(--vnh-color-muted);
      font-size: var(--vnh-font-size-sm);
    }
    .error-text {
      margin: 0;
      color: var(--vnh-color-danger);
      font-size: var(--vnh-font-size-sm);
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: var(--vnh-space-1) var(--vnh-space-3);
      margin: 0 0 var(--vnh-space-3);
    }
    dt {
      color: var(--vnh-color-muted);
    }
    dd {
      margin: 0;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--vnh-space-2);
      justify-content: space-between;
    }
    .primary {
      background: var(--vnh-color-accent);
      color: var(--vnh-color-accent-text, var(--vnh-color-surface));
    }
    .vnh-button[disabled],
    .vnh-button[aria-disabled='true'] {
      opacity: 0.6;
      cursor: not-allowed;
    }
    /* A phone: less padding, so the calendar's seven columns keep 44 px wide targets. */
    @container vnh-consult-booking (max-width: 30rem) {
      .card {
        padding: var(--vnh-space-2);
      }
      .slots {
        grid-template-columns: repeat(3, minmax(0, 1fr));
      }
      .doctor {
        grid-template-columns: auto 1fr;
      }
      .doctor > .vnh-button {
        grid-column: 1 / -1;
      }
      dl {
        grid-template-columns: 1fr;
      }
    }
    /* 320 px: the card gives its side padding to the calendar, so seven days stay 44 px wide. */
    @container vnh-consult-booking (max-width: 22.5rem) {
      .card {
        padding-inline: 2px;
        border-inline-width: 0;
        border-radius: 0;
      }
      .card > :not(.step),
      .step > :not(table) {
        margin-inline: var(--vnh-space-2);
      }
      td {
        padding-inline: 0;
      }
    }
  `,
];
