import { VnhProvider } from './provider.ts';
import { defineElement } from '../shared/define-element.ts';

defineElement('vnh-provider', VnhProvider);
