// Storybook-project setup: the `Live/…` stories read the sandbox the project's globalSetup
// started (test/setup/sandbox-global.ts) from this page global, before any story module loads.
import { inject } from 'vitest';

(globalThis as { __VNH_SANDBOX_URL__?: string }).__VNH_SANDBOX_URL__ = inject('sandboxUrl');
