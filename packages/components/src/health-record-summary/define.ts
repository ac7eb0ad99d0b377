import { defineElement } from '../shared/define-element.ts';
import { VnhHealthRecordSummary } from './health-record-summary.ts';

defineElement('vnh-health-record-summary', VnhHealthRecordSummary);
