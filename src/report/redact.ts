/**
 * Removing secrets from what the check prints and writes. The action's log is masked by
 * the runner too, but the JSON report and the CLI's output are not: a server that echoes
 * a request back (in an error code, a header, a body) must not carry a secret into them.
 */

/**
 * Shorter values are not searched for: a one-character secret would garble every word
 * and number, and protects nothing anyway.
 */
export const MIN_SECRET_LENGTH = 4;

export interface Redactor {
  add(secret: string | undefined): void;
  /** The text with every known secret replaced by `***`. */
  text(value: string): string;
  /** A copy of a JSON-like value with every string redacted; numbers and keys kept. */
  deep<T>(value: T): T;
}

export function createRedactor(): Redactor {
  const secrets = new Set<string>();
  const text = (value: string): string => {
    let out = value;
    for (const secret of secrets) out = out.split(secret).join('***');
    return out;
  };
  const deep = (value: unknown): unknown => {
    if (typeof value === 'string') return text(value);
    if (Array.isArray(value)) return value.map(deep);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deep(v)]));
    return value;
  };
  return {
    add: (secret) => {
      const value = secret?.trim();
      if (value && value.length >= MIN_SECRET_LENGTH) secrets.add(value);
    },
    text,
    deep: <T>(value: T) => deep(value) as T,
  };
}
