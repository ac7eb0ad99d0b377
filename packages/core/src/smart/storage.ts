/**
 * Storage for the SMART module: the key-value interface hosts pass (`sessionStorage` fits) and
 * the defaults (memory for tokens; `sessionStorage` or memory for the pending authorization).
 *
 * @module
 */

/** A key-value store (sync or async); `sessionStorage`/`localStorage` fit as they are. */
export interface SmartStorage {
  /** The value stored under `key`, or null. */
  getItem(key: string): string | null | Promise<string | null>;
  /** Store `value` under `key`. */
  setItem(key: string, value: string): void | Promise<void>;
  /** Forget `key`. */
  removeItem(key: string): void | Promise<void>;
}

/** A store in memory (the default for tokens). */
export function memoryStorage(): SmartStorage {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

const sharedMemory = memoryStorage();
/** `sessionStorage` in browsers, one shared in-memory store elsewhere. */
export const defaultStateStorage = (): SmartStorage =>
  (globalThis as { sessionStorage?: SmartStorage }).sessionStorage ?? sharedMemory;
