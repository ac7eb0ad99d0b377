import { css } from 'lit';
import { baseStyles } from '../shared/base-styles.ts';

export const styles = [
  baseStyles,
  css`
    :host {
      --vnh-health-record-summary-rail-color: var(--vnh-color-border);
      --vnh-health-record-summary-gap: var(--vnh-space-2);
      --vnh-health-record-summary-encounter-color: var(--vnh-color-accent);
      --vnh-health-record-summary-condition-color: var(--vnh-color-warning);
      --vnh-health-record-summary-vital-color: var(--vnh-color-success);
      --vnh-health-record-summary-immunization-color: var(--vnh-color-danger);
      background: var(--vnh-color-surface);
    }
    .base {
      display: grid;
      gap: var(--vnh-space-3);
      /* Breakpoints follow the element's own width: it may sit in a narrow column of a wide page. */
      container: vnh-health-record-summary / inline-size;
    }
    .header {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      justify-content: space-between;
      gap: var(--vnh-space-2);
    }
    .title {
      margin: 0;
      font-weight: 700;
      font-size: var(--vnh-font-size-lg);
      line-height: 1.3;
    }
    .filters {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--vnh-space-2);
    }
    .filter-label {
      font-size: var(--vnh-font-size-sm);
      color: var(--vnh-color-muted);
      margin-inline-end: var(--vnh-space-1);
    }
    .check {
      display: none;
    }
    .filter[aria-pressed='true'] .check {
      display: inline;
    }
    .days,
    .entries {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .days {
      display: grid;
      gap: var(--vnh-space-4);
    }
    .day-heading {
      margin: 0 0 var(--vnh-space-2);
      font-size: var(--vnh-font-size-md);
      font-weight: 700;
    }
    .entries {
      display: grid;
      gap: var(--vnh-health-record-summary-gap);
      border-inline-start: 2px solid var(--vnh-health-record-summary-rail-color);
      padding-inline-start: var(--vnh-space-3);
      margin-inline-start: var(--vnh-space-1);
    }
    .entry {
      --_marker: var(--vnh-health-record-summary-encounter-color);
      position: relative;
      display: grid;
      grid-template-columns: minmax(6rem, max-content) minmax(0, 1fr) auto;
      gap: var(--vnh-space-1) var(--vnh-space-3);
      align-items: start;
      padding: var(--vnh-space-2) var(--vnh-space-3);
      border-radius: var(--vnh-radius-md);
      background: var(--vnh-color-surface-muted);
      border-inline-start: 4px solid var(--_marker);
      min-inline-size: 0;
    }
    .entry[data-kind='condition'] {
      --_marker: var(--vnh-health-record-summary-condition-color);
    }
    .entry[data-kind='vital'] {
      --_marker: var(--vnh-health-record-summary-vital-color);
    }
    .entry[data-kind='immunization'] {
      --_marker: var(--vnh-health-record-summary-immunization-color);
    }
    .entry:focus-visible {
      outline: var(--vnh-focus-ring);
    }
    .kind {
      font-size: var(--vnh-font-size-sm);
      font-weight: 600;
      color: var(--vnh-color-muted);
    }
    .main {
      min-inline-size: 0;
    }
    .entry-title,
    .value,
    .detail {
      margin: 0;
      overflow-wrap: break-word;
    }
    .entry-title {
      font-weight: 600;
      /* Very long text from a record must not push the page sideways or run for screens. */
      display: -webkit-box;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 6;
      overflow: hidden;
    }
    .code {
      font-weight: 400;
      color: var(--vnh-color-muted);
    }
    .value {
      font-variant-numeric: tabular-nums;
      font-size: var(--vnh-font-size-lg);
    }
    .detail {
      font-size: var(--vnh-font-size-sm);
      color: var(--vnh-color-muted);
      display: -webkit-box;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 4;
      overflow: hidden;
    }
    .meta {
      display: grid;
      justify-items: end;
      gap: var(--vnh-space-1);
      font-size: var(--vnh-font-size-sm);
      color: var(--vnh-color-muted);
      white-space: nowrap;
    }
    .status {
      padding-inline: var(--vnh-space-2);
      border-radius: var(--vnh-radius-full);
      border: 1px solid var(--vnh-color-border);
      color: var(--vnh-color-text);
    }
    .status[data-status='not-done'],
    .status[data-status='cancelled'] {
      background: var(--vnh-color-warning-surface);
      color: var(--vnh-color-warning-text);
      border-color: var(--vnh-color-warning);
    }
    .more-row {
      display: flex;
      justify-content: center;
      padding-block-start: var(--vnh-space-3);
    }
    .more[disabled] {
      cursor: progress;
      opacity: 0.7;
    }
    .more-error {
      margin: 0;
      color: var(--vnh-color-danger-text);
    }
    @container vnh-health-record-summary (max-width: 32rem) {
      .entry {
        grid-template-columns: minmax(0, 1fr) auto;
      }
      .kind {
        grid-column: 1 / -1;
      }
    }
    @media (forced-colors: active) {
      .entry {
        border: 1px solid CanvasText;
        border-inline-start-width: 4px;
      }
    }
    @media print {
      :host {
        background: none;
        color: #000;
      }
      .filters,
      .more-row,
      .more-error {
        display: none;
      }
      .entry {
        break-inside: avoid;
        background: none;
        border: 1px solid #777;
        border-inline-start: 4px solid #000;
      }
      .entry-title,
      .detail {
        display: block;
        -webkit-line-clamp: none;
        overflow: visible;
      }
      .day-heading {
        break-after: avoid;
      }
    }
  `,
];
