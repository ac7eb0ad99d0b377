import { css } from 'lit';
import { baseStyles } from '../shared/base-styles.ts';

export const styles = [
  baseStyles,
  css`
    :host {
      --_padding: var(--vnh-patient-profile-card-padding, var(--vnh-space-4));
      --_avatar: var(--vnh-patient-profile-card-avatar-size, 3.5rem);
      --_radius: var(--vnh-patient-profile-card-radius, var(--vnh-radius-lg));
      --_spark: var(--vnh-patient-profile-card-sparkline-color, var(--vnh-color-accent));
      max-inline-size: 100%;
    }
    :host([variant='compact']) {
      --_padding: var(--vnh-patient-profile-card-padding, var(--vnh-space-3));
      --_avatar: var(--vnh-patient-profile-card-avatar-size, 2.5rem);
    }
    .card {
      display: grid;
      gap: var(--vnh-space-3);
      padding: var(--_padding);
      border: 1px solid var(--vnh-color-border);
      border-radius: var(--_radius);
      background: var(--vnh-color-surface);
      color: var(--vnh-color-text);
      min-inline-size: 0;
      overflow-wrap: break-word;
    }
    .card > * {
      min-inline-size: 0;
    }
    /* Grid and flex items may shrink below their longest token, which then wraps (break-word):
       a 5 000-character value from a record stays inside the card. Zero specificity. */
    :where(.card) :where(li, dt, dd, div, p, span, bdi, strong, em, a) {
      min-inline-size: 0;
    }
    .header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--vnh-space-3);
      min-inline-size: 0;
    }
    .identity {
      flex: 1 1 12rem;
      min-inline-size: 0;
    }
    .header-slot {
      margin-inline-start: auto;
    }
    .avatar {
      flex: none;
      display: grid;
      place-items: center;
      inline-size: var(--_avatar);
      block-size: var(--_avatar);
      border-radius: var(--vnh-radius-full);
      overflow: hidden;
      background: var(--vnh-color-accent);
      color: var(--vnh-color-accent-text);
      font-weight: 700;
      font-size: calc(var(--_avatar) * 0.38);
    }
    .avatar img {
      inline-size: 100%;
      block-size: 100%;
      object-fit: cover;
    }
    .name {
      margin: 0;
      font-weight: 700;
      font-size: var(--vnh-font-size-lg);
      line-height: 1.3;
      overflow-wrap: break-word;
    }
    :host([variant='compact']) .name {
      font-size: var(--vnh-font-size-md);
    }
    /* A 5 000-character name must not push the card to the bottom of the page. */
    .name bdi {
      display: -webkit-box;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 4;
      overflow: hidden;
    }
    bdi {
      unicode-bidi: isolate;
    }
    dl,
    dd,
    ul {
      margin: 0;
      padding: 0;
    }
    ul {
      list-style: none;
    }
    /* Secondary text: small and muted. */
    .demographics,
    .facility,
    .code,
    .meta,
    .vital dt,
    .contact-list dt,
    .footer {
      font-size: var(--vnh-font-size-sm);
      color: var(--vnh-color-muted);
    }
    .demographics {
      display: flex;
      flex-wrap: wrap;
      column-gap: var(--vnh-space-3);
    }
    .demo-item:not(:last-child)::after {
      content: '·';
      margin-inline-start: var(--vnh-space-3);
    }
    .demo-item {
      display: flex;
    }
    .section-title {
      display: flex;
      align-items: center;
      gap: var(--vnh-space-2);
      margin: 0 0 var(--vnh-space-2);
      font-size: var(--vnh-font-size-md);
      font-weight: 700;
    }
    .icon {
      inline-size: 1.15em;
      block-size: 1.15em;
      flex: none;
      fill: currentColor;
    }
    .icon .slash {
      stroke: currentColor;
      stroke-width: 2.2;
      fill: none;
    }

    /* Allergy banner: always the first clinical thing, high contrast. */
    .allergies {
      padding: var(--vnh-space-3);
      border-radius: var(--vnh-radius-md);
      border: 2px solid var(--vnh-color-border);
      border-inline-start-width: 6px;
    }
    .allergies-present {
      background: var(--vnh-color-danger-surface);
      border-color: var(--vnh-color-danger);
      color: var(--vnh-color-danger-text);
    }
    .allergies-unknown {
      background: var(--vnh-color-warning-surface);
      border-color: var(--vnh-color-warning);
      color: var(--vnh-color-warning-text);
    }
    .allergies-none {
      background: var(--vnh-color-surface-muted);
    }
    .allergies .section-title {
      margin-block-end: var(--vnh-space-1);
    }
    .allergies-none .section-title,
    .allergies-unknown .section-title {
      font-size: var(--vnh-font-size-sm);
    }
    .allergy-list {
      display: grid;
      gap: var(--vnh-space-1);
    }
    .allergy {
      display: flex;
      flex-wrap: wrap;
      gap: var(--vnh-space-1) var(--vnh-space-2);
      align-items: baseline;
    }
    .badge,
    .criticality {
      padding-inline: var(--vnh-space-2);
      border: 1px solid currentColor;
      border-radius: var(--vnh-radius-full);
      font-size: var(--vnh-font-size-sm);
      font-weight: 600;
    }
    .allergy-high .criticality {
      background: var(--vnh-color-danger);
      border-color: var(--vnh-color-danger);
      color: var(--vnh-color-surface);
    }
    .reaction {
      font-size: var(--vnh-font-size-sm);
    }
    .note {
      margin: 0;
      font-size: var(--vnh-font-size-sm);
    }
    .partial {
      margin: 0;
      padding: var(--vnh-space-2) var(--vnh-space-3);
      border-radius: var(--vnh-radius-md);
      background: var(--vnh-color-warning-surface);
      color: var(--vnh-color-warning-text);
      font-size: var(--vnh-font-size-sm);
    }

    /* Identifiers */
    .identifiers dl {
      display: grid;
      gap: var(--vnh-space-2);
    }
    .id-row {
      display: flex;
      flex-wrap: wrap;
      gap: var(--vnh-space-1) var(--vnh-space-3);
      align-items: baseline;
    }
    .id-row dt {
      flex: 0 0 3.5rem;
      font-weight: 600;
      color: var(--vnh-color-muted);
    }
    .id-row dd {
      flex: 1 1 14rem;
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: var(--vnh-space-2);
      min-inline-size: 0;
    }
    .id-value {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-variant-numeric: tabular-nums;
      letter-spacing: 0.05em;
    }
    .reveal {
      min-block-size: var(--vnh-touch-target);
    }
    .badge {
      display: inline-flex;
      align-items: center;
      gap: var(--vnh-space-1);
    }
    .badge-valid {
      background: var(--vnh-color-success-surface);
      color: var(--vnh-color-success-text);
    }
    .badge-expiring {
      background: var(--vnh-color-warning-surface);
      color: var(--vnh-color-warning-text);
    }
    .badge-expired {
      background: var(--vnh-color-danger-surface);
      color: var(--vnh-color-danger-text);
    }
    .badge-unknown {
      color: var(--vnh-color-muted);
    }
    .facility {
      flex-basis: 100%;
    }

    /* Clinical lists */
    .clinical {
      display: grid;
      gap: var(--vnh-space-3);
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr));
    }
    .clinical:empty {
      display: none;
    }
    .section {
      min-inline-size: 0;
    }
    .list {
      display: grid;
      gap: var(--vnh-space-1);
    }
    .list li {
      padding-inline-start: var(--vnh-space-3);
      border-inline-start: 3px solid var(--vnh-color-border);
    }
    .code {
      margin-inline-start: var(--vnh-space-1);
      font-variant-numeric: tabular-nums;
    }
    .meta {
      display: block;
    }
    .vitals {
      display: grid;
      gap: var(--vnh-space-2);
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 9rem), 1fr));
    }
    .vital-value {
      font-weight: 700;
      font-variant-numeric: tabular-nums;
    }
    .sparkline {
      display: block;
      inline-size: 6rem;
      block-size: 1.75rem;
      margin-block: var(--vnh-space-1);
      overflow: visible;
    }
    .sparkline polyline {
      fill: none;
      stroke: var(--_spark);
      stroke-width: 2;
      stroke-linejoin: round;
      stroke-linecap: round;
    }
    .sparkline circle {
      fill: var(--_spark);
    }
    :host(:dir(rtl)) .sparkline {
      transform: scaleX(-1);
    }

    /* Contact */
    .contact-list {
      display: grid;
      gap: var(--vnh-space-2);
    }
    .contact-list .value {
      display: block;
    }
    a {
      color: var(--vnh-color-accent);
      text-underline-offset: 0.15em;
      /* A phone number or e-mail is a 44 × 44 px touch target; a long one still wraps. */
      display: inline-flex;
      align-items: center;
      min-block-size: var(--vnh-touch-target);
      min-inline-size: var(--vnh-touch-target);
      max-inline-size: 100%;
    }
    a > bdi {
      min-inline-size: 0;
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--vnh-space-2);
    }
    .footer {
      padding-block-start: var(--vnh-space-2);
      border-block-start: 1px solid var(--vnh-color-border);
    }

    @media (forced-colors: active) {
      .allergies,
      .badge,
      .criticality {
        border-color: CanvasText;
      }
      .allergies-present {
        border-width: 4px;
        border-inline-start-width: 10px;
      }
      .sparkline polyline {
        stroke: CanvasText;
      }
      .sparkline circle,
      .icon {
        fill: CanvasText;
      }
    }

    @media print {
      :host,
      :host([theme='dark']),
      :host([data-vnh-theme='dark']) {
        --vnh-color-surface: #fff;
        --vnh-color-surface-muted: #fff;
        --vnh-color-text: #000;
        --vnh-color-muted: #222;
        --vnh-color-border: #000;
        --vnh-color-danger-surface: #fff;
        --vnh-color-danger-text: #000;
        --vnh-color-warning-surface: #fff;
        --vnh-color-warning-text: #000;
        --vnh-color-success-surface: #fff;
        --vnh-color-success-text: #000;
      }
      .card {
        break-inside: avoid;
      }
      .reveal,
      .actions {
        display: none;
      }
      .allergies-present {
        border-width: 3px;
        border-inline-start-width: 8px;
      }
      a {
        color: inherit;
        text-decoration: none;
      }
    }
  `,
];
