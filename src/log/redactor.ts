/**
 * Scrubs known secret values out of any text before it leaves the process (logs, status commits,
 * error messages). Secrets are registered as they are decoded; nothing else needs to remember
 * which strings are sensitive.
 */
export const REDACTED = '<redacted>';
// Shorter values would turn ordinary words ("demo", "true") into <redacted> all over the logs.
// berth never logs a Secret value by design; scrubbing is the second line of defence.
const MIN_SECRET_LENGTH = 6;

export class Redactor {
  readonly #values = new Set<string>();
  #pattern: RegExp | undefined;

  add(value: string): void {
    if (value.length < MIN_SECRET_LENGTH || this.#values.has(value)) return;
    this.#values.add(value);
    this.#pattern = undefined;
  }

  get size(): number {
    return this.#values.size;
  }

  scrub(text: string): string {
    if (this.#values.size === 0) return text;
    this.#pattern ??= new RegExp(
      [...this.#values]
        .sort((a, b) => b.length - a.length)
        .map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|'),
      'g',
    );
    return text.replace(this.#pattern, REDACTED);
  }

  /** Deep copy of a JSON-like value with every string scrubbed. */
  scrubValue(value: unknown): unknown {
    if (this.#values.size === 0) return value;
    if (typeof value === 'string') return this.scrub(value);
    if (Array.isArray(value)) return value.map((v) => this.scrubValue(v));
    if (value instanceof Error) return this.scrub(value.stack ?? value.message);
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.scrubValue(v);
      return out;
    }
    return value;
  }
}
