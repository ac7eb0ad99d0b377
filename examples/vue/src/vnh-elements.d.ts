// The vnhealth tags' types for the templates (Vue `GlobalComponents`, generated from the
// components' Custom Elements Manifest): vue-tsc checks each tag's attributes, properties and
// event payloads, e.g. `:patient-id="42"` or `@vnh-dose-select="(e) => e.detail.nope"` fail.
import type {} from '@vnhealth/components/vue';
