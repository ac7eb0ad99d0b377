// The page's only script. Order matters: hydrate.js installs Lit's hydration support and sets the
// data the server wrote (the properties script) on the elements, so it must run before anything
// that loads Lit or defines an element. Imports run in the order they are written.
import '@vnhealth/components/ssr/hydrate.js';
import '@vnhealth/components/define.js';
