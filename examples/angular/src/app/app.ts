// The app's one component: the patient card and the appointment list of the demo patient, a
// language switch, and what the elements tell the page through their events. The vnhealth tags
// are custom elements (CUSTOM_ELEMENTS_SCHEMA); their classes and events are typed through
// `HTMLElementTagNameMap` and `GlobalEventHandlersEventMap`, which `@vnhealth/components`
// declares, so with `strictTemplates` each `$event` below has its element's event type.
import {
  CUSTOM_ELEMENTS_SCHEMA,
  ChangeDetectionStrategy,
  Component,
  computed,
  signal,
  viewChild,
  type ElementRef,
} from '@angular/core';
import { createHealthClient } from '@vnhealth/core/client';
import type { AppointmentChangedEvent, IdentifierRevealEvent } from '@vnhealth/components';

type Lang = 'vi' | 'en';
type PatientCard = HTMLElementTagNameMap['vnh-patient-profile-card'];

const words = {
  vi: {
    title: 'Hồ sơ bệnh nhân',
    language: 'Ngôn ngữ',
    compact: 'Thu gọn thẻ',
    full: 'Mở rộng thẻ',
    revealed: (kind: string, id: string) =>
      `Đã xem ${kind.toUpperCase()} của ${id} (ghi vào nhật ký truy cập)`,
    cancelled: (id: string) => `Đã huỷ lịch hẹn ${id}`,
  },
  en: {
    title: 'Patient record',
    language: 'Language',
    compact: 'Compact card',
    full: 'Full card',
    revealed: (kind: string, id: string) =>
      `${kind.toUpperCase()} of ${id} revealed (written to the access log)`,
    cancelled: (id: string) => `Appointment ${id} cancelled`,
  },
} as const satisfies Record<Lang, unknown>;

@Component({
  selector: 'vnh-app',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <vnh-provider [client]="health" [attr.lang]="lang()">
      <header>
        <h1>{{ t().title }}</h1>
        <div role="group" [attr.aria-label]="t().language">
          <button type="button" [attr.aria-pressed]="lang() === 'vi'" (click)="setLang('vi')">
            Tiếng Việt
          </button>
          <button type="button" [attr.aria-pressed]="lang() === 'en'" (click)="setLang('en')">
            English
          </button>
        </div>
        <button type="button" (click)="toggleVariant()">
          {{ compact() ? t().full : t().compact }}
        </button>
      </header>
      <main>
        <vnh-patient-profile-card
          #card
          [patientId]="patientId"
          (vnh-identifier-reveal)="onReveal($event)"
        ></vnh-patient-profile-card>
        <vnh-appointment-list
          [patientId]="patientId"
          (vnh-appointment-cancelled)="onCancelled($event)"
        ></vnh-appointment-list>
        <p role="status" data-testid="notice">{{ notice() }}</p>
      </main>
    </vnh-provider>
  `,
  styles: `
    header {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      align-items: center;
      padding: 0.75rem 1rem;
      border-bottom: 1px solid #ccc;
    }
    h1 {
      font-size: 1.25rem;
      margin: 0 auto 0 0;
    }
    main {
      display: grid;
      gap: 1rem;
      padding: 1rem;
      max-width: 60rem;
    }
  `,
})
export class App {
  /** One client for the page, handed to the elements as a property (`[client]`). */
  protected readonly health = createHealthClient({ baseUrl: SANDBOX_URL });
  protected readonly patientId = 'vnh-pt-001';
  protected readonly lang = signal<Lang>('vi');
  protected readonly t = computed(() => words[this.lang()]);
  protected readonly compact = signal(false);
  /** What the page last heard from the elements (a live region). */
  protected readonly notice = signal('');

  /** The card element itself, typed as its class: its properties and their types are checked. */
  private readonly card = viewChild.required<ElementRef<PatientCard>>('card');

  protected setLang(next: Lang): void {
    this.lang.set(next);
    document.documentElement.lang = next;
  }

  protected toggleVariant(): void {
    const card = this.card().nativeElement;
    card.variant = card.variant === 'compact' ? 'full' : 'compact';
    this.compact.set(card.variant === 'compact');
  }

  protected onReveal(event: IdentifierRevealEvent): void {
    // A hospital would send this to its audit log; the event never carries the number itself.
    this.notice.set(this.t().revealed(event.kind, event.patientId ?? this.patientId));
  }

  protected onCancelled(event: AppointmentChangedEvent): void {
    this.notice.set(this.t().cancelled(event.appointment.id ?? ''));
  }
}
