// Registers every vnhealth element, then mounts the app (Vue then sets properties on defined
// elements: `:patient-id` goes to `patientId`).
import '@vnhealth/components/define.js';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
