// A patient page (card + record summary) and a consult booking, through the generated wrappers.
// `onVnhBooked` receives a ConsultBookedEvent: `event.appointment` is the FHIR Appointment created.
import type { Appointment } from '@vnhealth/core';
import type { ConsultBookedEvent } from '@vnhealth/components';
import {
  VnhConsultBooking,
  VnhHealthRecordSummary,
  VnhPatientProfileCard,
  VnhProvider,
} from '@vnhealth/components/react';
import { useState } from 'react';
import { href, useRoute } from './route.ts';

const fhirBase = import.meta.env.VITE_SANDBOX_URL || 'http://127.0.0.1:8787/fhir/R4';

/** "09:30, thứ Năm 03/12/2026" in Vietnam's time zone. */
function formatStart(start: string): string {
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    weekday: 'long',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(start));
}

function Booked({ appointment }: { appointment: Appointment }) {
  if (!appointment.start) return <p role="status">Đã đặt lịch.</p>;
  return (
    <p role="status" className="booked">
      Đã đặt lịch khám lúc{' '}
      <time dateTime={appointment.start}>{formatStart(appointment.start)}</time>
    </p>
  );
}

export function App() {
  const route = useRoute();
  const [booked, setBooked] = useState<Appointment>();
  const onBooked = (event: ConsultBookedEvent) => setBooked(event.appointment);

  return (
    <VnhProvider baseUrl={fhirBase} lang="vi">
      <header>
        <h1>Phòng khám</h1>
        <nav aria-label="Trang">
          <a href={href({ ...route, page: 'patient' })}>Hồ sơ bệnh nhân</a>
          <a href={href({ ...route, page: 'booking' })}>Đặt lịch khám</a>
        </nav>
      </header>
      <main>
        {route.page === 'patient' ? (
          <>
            <VnhPatientProfileCard patientId={route.patientId} withContact />
            <VnhHealthRecordSummary patientId={route.patientId} pageSize={10} />
          </>
        ) : (
          <>
            {booked && <Booked appointment={booked} />}
            <VnhConsultBooking patientId={route.patientId} onVnhBooked={onBooked} />
          </>
        )}
      </main>
    </VnhProvider>
  );
}
