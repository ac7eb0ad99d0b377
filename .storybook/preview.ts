/// <reference types="vite/client" />
import type { Decorator, Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import { html } from 'lit';
import { argTypesFromManifest, type Manifest } from './arg-types.ts';
import '../packages/components/src/define.ts';

// The manifest is generated (`npm run analyze -w @vnhealth/components`) and gitignored: a glob
// import is empty instead of failing when it has not been generated yet.
const manifests = import.meta.glob<{ default: unknown }>(
  '../packages/components/custom-elements.json',
  { eager: true },
);
const manifest = Object.values(manifests)[0]?.default as Manifest | undefined;
if (manifest) setCustomElementsManifest(manifest);

/** Every story runs inside a provider that follows the toolbar's language and theme. */
const withProvider: Decorator = (story, context) => {
  const lang = (context.globals['locale'] as string | undefined) ?? 'vi';
  const theme = (context.globals['theme'] as string | undefined) ?? 'light';
  return html`<vnh-provider lang=${lang} theme=${theme}>
    <div class="vnh-story-surface" data-vnh-theme=${theme}>${story()}</div>
  </vnh-provider>`;
};

const preview: Preview = {
  decorators: [withProvider],
  globalTypes: {
    locale: {
      description: 'Language of the elements',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          { value: 'vi', title: 'Tiếng Việt' },
          { value: 'en', title: 'English' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Colour theme of the elements',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'vi', theme: 'light' },
  parameters: {
    a11y: { test: 'error' },
    controls: { expanded: true },
    // Every row of the manifest in the docs tables (see arg-types.ts for why not Storybook's own).
    docs: {
      extractArgTypes: (tag: string) =>
        manifest ? argTypesFromManifest(tag, manifest) : undefined,
    },
  },
  tags: ['autodocs'],
};

export default preview;
