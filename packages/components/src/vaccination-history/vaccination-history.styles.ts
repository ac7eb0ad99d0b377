import { css } from 'lit';
import { baseStyles } from '../shared/base-styles.ts';

export const styles = [
  baseStyles,
  css`
    :host {
      --vnh-vaccination-history-gap: var(--vnh-space-4);
      --vnh-vaccination-history-overdue: var(--vnh-color-danger);
    }
    .base {
      /* Breakpoints follow the element's own width: it may sit in a narrow column of a wide page. */
      container: vnh-vaccination-history / inline-size;
      display: grid;
      gap: var(--vnh-vaccination-history-gap);
      background: var(--vnh-color-surface);
      color: var(--vnh-color-text);
    }
    .header {
      display: grid;
      gap: var(--vnh-space-1);
    }
    .title,
    .book-title {
      margin: 0;
      font-size: var(--vnh-font-size-lg);
    }
    .child,
    .summary {
      margin: 0;
      display: flex;
      flex-wrap: wrap;
      gap: var(--vnh-space-1) var(--vnh-space-3);
      color: var(--vnh-color-muted);
      font-size: var(--vnh-font-size-sm);
    }
    .child-name {
      color: var(--vnh-color-text);
      font-weight: 600;
    }
    .screen {
      display: grid;
      gap: var(--vnh-vaccination-history-gap);
    }
    .antigen {
      /* A group that grows (show all) lays out and paints alone, not the whole history. */
      contain: content;
      display: grid;
      gap: var(--vnh-space-2);
      padding: var(--vnh-space-3);
      border: 1px solid var(--vnh-color-border);
      border-radius: var(--vnh-radius-lg);
      background: var(--vnh-color-surface);
    }
    .antigen-head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--vnh-space-2);
    }
    .antigen-name {
      margin: 0;
      margin-inline-end: auto;
      font-size: var(--vnh-font-size-md);
    }
    .badge {
      display: inline-flex;
      align-items: center;
      padding-block: 0.1em;
      padding-inline: var(--vnh-space-2);
      border-radius: var(--vnh-radius-full);
      border: 1px solid currentColor;
      font-size: var(--vnh-font-size-sm);
      font-weight: 600;
      white-space: nowrap;
      background: var(--vnh-color-surface-muted);
      color: var(--vnh-color-text);
    }
    .status-complete {
      background: var(--vnh-color-success-surface);
      color: var(--vnh-color-success-text);
    }
    .status-contraindicated,
    .due-overdue.badge {
      background: var(--vnh-color-danger-surface);
      color: var(--vnh-color-danger-text);
    }
    .due-due.badge {
      background: var(--vnh-color-warning-surface);
      color: var(--vnh-color-warning-text);
    }
    .due-unverified.badge {
      border-style: dashed;
    }
    .unverified,
    .unverified-hint,
    .aged-out {
      font-size: var(--vnh-font-size-sm);
      color: var(--vnh-color-muted);
    }
    .unverified-hint,
    .aged-out {
      margin: var(--vnh-space-2) 0 0;
    }
    .table-wrap {
      overflow-x: auto;
    }
    .show-all {
      justify-self: start;
    }
    table {
      inline-size: 100%;
      border-collapse: collapse;
      font-size: var(--vnh-font-size-sm);
    }
    th,
    td {
      padding-block: var(--vnh-space-1);
      padding-inline: var(--vnh-space-2);
      text-align: start;
      vertical-align: top;
      border-block-end: 1px solid var(--vnh-color-border);
    }
    thead th {
      color: var(--vnh-color-muted);
      font-weight: 600;
    }
    tr.row {
      position: relative;
    }
    tr.row:hover {
      background: var(--vnh-color-surface-muted);
    }
    .dose-button {
      display: inline-flex;
      align-items: center;
      min-block-size: var(--vnh-touch-target);
      min-inline-size: var(--vnh-touch-target);
      font: inherit;
      font-weight: 600;
      color: var(--vnh-color-accent);
      background: none;
      border: 0;
      padding: 0;
      cursor: pointer;
      text-align: start;
    }
    /* The whole row is the click target; the button keeps keyboard and screen-reader access. */
    .dose-button::after {
      content: '';
      position: absolute;
      inset: 0;
    }
    .status-invalid .result,
    .status-not-done .result {
      color: var(--vnh-vaccination-history-overdue);
    }
    .status-invalid td:not(.result),
    .status-not-done td:not(.result) {
      text-decoration: line-through;
      text-decoration-color: var(--vnh-color-muted);
    }
    tr.next {
      background: var(--vnh-color-surface-muted);
    }
    /* A lot number (DTP-2511) reads as one token: never split at its hyphen in the table. */
    .lot {
      white-space: nowrap;
    }
    tr.next.due-overdue th {
      color: var(--vnh-vaccination-history-overdue);
    }
    /*
     * Narrower than the table: each row becomes a card, each cell a line with its column's name
     * (data-label) before it. The header row stays for screen readers (visually hidden) and the
     * roles on the table keep it a table to them; the drawn label is decorative (alt text '').
     */
    @container vnh-vaccination-history (max-width: 46rem) {
      .screen .table-wrap {
        overflow-x: visible;
      }
      .screen table,
      .screen tbody,
      .screen tr,
      .screen td,
      .screen th {
        display: block;
      }
      .screen thead {
        position: absolute;
        inline-size: 1px;
        block-size: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
      .screen tbody tr {
        display: grid;
        gap: var(--vnh-space-1);
        padding-block: var(--vnh-space-2);
        border-block-end: 1px solid var(--vnh-color-border);
      }
      .screen tbody tr:last-child {
        border-block-end: 0;
      }
      .screen td,
      .screen th {
        padding: 0;
        border: 0;
      }
      .screen td[data-label] {
        display: grid;
        grid-template-columns: minmax(5.5rem, 30%) minmax(0, 1fr);
        gap: var(--vnh-space-2);
      }
      .screen td[data-label]::before {
        /* Empty alt text: drawn, not read (the column header already names the cell). */
        content: attr(data-label) / '';
        color: var(--vnh-color-muted);
        font-weight: 600;
      }
      .screen td:empty {
        display: none;
      }
      .screen .lot {
        white-space: normal;
      }
      /* A line-through would strike the drawn labels too: a not-counted row is marked at its edge. */
      .status-invalid td:not(.result),
      .status-not-done td:not(.result) {
        text-decoration: none;
      }
      .screen tr.status-invalid,
      .screen tr.status-not-done {
        padding-inline-start: var(--vnh-space-2);
        border-inline-start: 3px solid var(--vnh-vaccination-history-overdue);
      }
      tr.next th {
        font-weight: 600;
      }
    }
    .compact-list {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: var(--vnh-space-2);
    }
    .compact-list li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--vnh-space-2);
    }
    .compact-name {
      margin-inline-end: auto;
      font-weight: 600;
    }
    .compact-date {
      color: var(--vnh-color-muted);
      font-size: var(--vnh-font-size-sm);
    }

    /* Record-book view: shown on screen with print-view, always when printing. */
    :host(:not([print-view])) .book {
      display: none;
    }
    :host([print-view]) .screen {
      display: none;
    }
    .book {
      display: grid;
      gap: var(--vnh-space-2);
      min-inline-size: 0;
    }
    .book-subtitle,
    .book-note {
      margin: 0;
      font-size: var(--vnh-font-size-sm);
      color: var(--vnh-color-muted);
    }
    .book-child {
      display: flex;
      flex-wrap: wrap;
      gap: var(--vnh-space-1) var(--vnh-space-4);
      margin: 0;
    }
    .book-child div {
      display: flex;
      gap: var(--vnh-space-1);
    }
    .book-child dt {
      color: var(--vnh-color-muted);
    }
    .book-child dt::after {
      content: ':';
    }
    .book-child dd {
      margin: 0;
      font-weight: 600;
    }
    .book-table th,
    .book-table td {
      border: 1px solid var(--vnh-color-border);
      text-align: center;
    }
    .book-table tbody th {
      text-align: start;
    }
    .book-none {
      background: repeating-linear-gradient(
        135deg,
        transparent 0 4px,
        var(--vnh-color-surface-muted) 4px 8px
      );
    }
    .book-planned {
      color: var(--vnh-color-muted);
      font-style: italic;
    }
    .book-planned.due-overdue {
      color: var(--vnh-vaccination-history-overdue);
    }

    @media print {
      :host {
        color: #000;
        background: #fff;
        font-size: 11pt;
      }
      .screen,
      .header,
      [role='status'] {
        display: none !important;
      }
      :host .book {
        display: grid !important;
      }
      .book-table th,
      .book-table td {
        border-color: #000;
        color: #000;
        background: none;
      }
      .book-table {
        break-inside: avoid;
      }
      .book-wrap {
        overflow: visible;
      }
    }
  `,
];
