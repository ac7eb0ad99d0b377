import { useEffect, useRef, useState } from 'react';

type Lang = 'vi' | 'en';
type Theme = 'light' | 'dark';

const fhirBase = import.meta.env.VITE_SANDBOX_URL || 'http://localhost:8787/fhir/R4';

const patients = [
  { id: 'vnh-pt-001', label: 'Nguyễn Văn An' },
  { id: 'vnh-pt-002', label: 'Trần Thị Bình' },
  { id: 'vnh-pt-003', label: 'Lê Minh Khoa' },
  { id: 'vnh-pt-004', label: 'vnh-pt-004' },
  { id: 'vnh-pt-005', label: 'vnh-pt-005' },
];

const text = {
  vi: {
    title: 'Hồ sơ bệnh nhân (React)',
    language: 'Ngôn ngữ',
    theme: 'Giao diện',
    light: 'Sáng',
    dark: 'Tối',
    patient: 'Bệnh nhân',
    events: 'Sự kiện từ các thành phần',
    noEvents: 'Chưa có sự kiện.',
  },
  en: {
    title: 'Patient record (React)',
    language: 'Language',
    theme: 'Theme',
    light: 'Light',
    dark: 'Dark',
    patient: 'Patient',
    events: 'Events from the components',
    noEvents: 'No events yet.',
  },
} as const;

/** The domain events the elements fire (they bubble and are composed, so one listener hears all). */
const eventNames = [
  'vnh-identifier-reveal',
  'vnh-booked',
  'vnh-booking-failed',
  'vnh-dose-select',
  'vnh-appointment-cancelled',
  'vnh-appointment-rescheduled',
];

export function App() {
  const [lang, setLang] = useState<Lang>('vi');
  const [theme, setTheme] = useState<Theme>('light');
  const [patientId, setPatientId] = useState(patients[0]!.id);
  const [events, setEvents] = useState<string[]>([]);
  const provider = useRef<HTMLElement>(null);
  const t = text[lang];

  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dataset.theme = theme;
  }, [lang, theme]);

  useEffect(() => {
    const node = provider.current;
    if (!node) return;
    const onEvent = (event: Event) => {
      const time = new Date().toLocaleTimeString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });
      setEvents((list) => [`${time} ${event.type}`, ...list].slice(0, 10));
    };
    for (const name of eventNames) node.addEventListener(name, onEvent);
    return () => {
      for (const name of eventNames) node.removeEventListener(name, onEvent);
    };
  }, []);

  const hasVaccination = customElements.get('vnh-vaccination-history') !== undefined;

  return (
    <vnh-provider ref={provider} base-url={fhirBase} lang={lang} theme={theme}>
      <header className="bar">
        <h1>{t.title}</h1>
        <label>
          {t.language}{' '}
          <select value={lang} onChange={(e) => setLang(e.target.value === 'en' ? 'en' : 'vi')}>
            <option value="vi">Tiếng Việt</option>
            <option value="en">English</option>
          </select>
        </label>
        <label>
          {t.theme}{' '}
          <select
            value={theme}
            onChange={(e) => setTheme(e.target.value === 'dark' ? 'dark' : 'light')}
          >
            <option value="light">{t.light}</option>
            <option value="dark">{t.dark}</option>
          </select>
        </label>
      </header>
      <main className="content">
        <label>
          {t.patient}{' '}
          <select value={patientId} onChange={(e) => setPatientId(e.target.value)}>
            {patients.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <vnh-patient-profile-card patient-id={patientId} />
        {hasVaccination && <vnh-vaccination-history patient-id={patientId} />}
        <section aria-labelledby="events-heading">
          <h2 id="events-heading">{t.events}</h2>
          {events.length === 0 ? (
            <p>{t.noEvents}</p>
          ) : (
            <ul>
              {events.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          )}
        </section>
      </main>
    </vnh-provider>
  );
}
