// Registers every element (the one side-effect entry). One line per element; keep it a list.
import './provider/define.ts';
import './patient-profile-card/define.ts';
import './health-record-summary/define.ts';
import './vaccination-history/define.ts';
import './consult-booking/define.ts';
import './vaccination-schedule/define.ts';
import './appointment-list/define.ts';
