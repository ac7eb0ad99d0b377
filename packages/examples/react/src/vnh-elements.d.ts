// JSX types for the vnhealth elements, so `<vnh-patient-profile-card patient-id=…>` type-checks.
// (The elements' classes are typed in HTMLElementTagNameMap by @vnhealth/components; React's
// JSX namespace needs its own entries.)
import type { DetailedHTMLProps, HTMLAttributes } from 'react';

type Element<T extends HTMLElement, Extra = object> = DetailedHTMLProps<HTMLAttributes<T>, T> &
  Extra & { class?: string };

type PatientScoped = { 'patient-id'?: string };

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'vnh-provider': Element<
        HTMLElement,
        { 'base-url'?: string; theme?: 'light' | 'dark'; 'time-zone'?: string }
      >;
      'vnh-patient-profile-card': Element<HTMLElement, PatientScoped>;
      'vnh-health-record-summary': Element<HTMLElement, PatientScoped>;
      'vnh-consult-booking': Element<HTMLElement, PatientScoped>;
      'vnh-appointment-list': Element<HTMLElement, PatientScoped>;
      'vnh-vaccination-history': Element<HTMLElement, PatientScoped>;
    }
  }
}
