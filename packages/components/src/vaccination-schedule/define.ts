import { defineElement } from '../shared/define-element.ts';
import { preloadForServer } from '../shared/server-preload.ts';
import { loadScheduleEngine } from '../vaccination-history/vaccination-data.ts';
import { VnhVaccinationSchedule } from './vaccination-schedule.ts';

defineElement('vnh-vaccination-schedule', VnhVaccinationSchedule);
// A server render cannot wait for the schedule engine: `prepareServerRendering` imports it.
preloadForServer(loadScheduleEngine);
