/**
 * How the `full` level's rules report: one function that builds a `ValidationIssue`, so every
 * rule module writes its messages the same way (English and Vietnamese, the path, the key).
 */
import type { ValidationIssue } from '../../errors.ts';

/**
 * Push an issue at `path` (the structure check's form, `Patient.identifier[1].system`) with its
 * English and Vietnamese messages, and the rule's `key` when it has one.
 */
export function report(
  issues: ValidationIssue[],
  path: string,
  code: string,
  message: string,
  messageVi: string,
  key?: string,
  severity: 'error' | 'warning' = 'error',
): void {
  const issue: ValidationIssue = { path, code, severity, message, messageVi };
  if (key) issue.key = key;
  issues.push(issue);
}

/** `value` as a plain object, or undefined. */
export const asObject = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
