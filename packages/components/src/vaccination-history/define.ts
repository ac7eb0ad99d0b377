import { defineElement } from '../shared/define-element.ts';
import { preloadForServer } from '../shared/server-preload.ts';
import { VnhVaccinationHistory } from './vaccination-history.ts';
import { loadScheduleEngine } from './vaccination-data.ts';

defineElement('vnh-vaccination-history', VnhVaccinationHistory);
// A server render cannot wait for the schedule engine: `prepareServerRendering` imports it.
preloadForServer(loadScheduleEngine);
