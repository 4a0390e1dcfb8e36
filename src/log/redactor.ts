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
    // Output is scrubbed after serialisation: a value also appears JSON-escaped (log lines) and,
    // when it has several lines (a PEM key), line by line (YAML block scalars).
    const forms = [value, JSON.stringify(value).slice(1, -1), ...value.split(/\r?\n/).map((l) => l.trim())];
    for (const form of forms) {
      if (form.length < MIN_SECRET_LENGTH || this.#values.has(form)) continue;
      this.#values.add(form);
      this.#pattern = undefined;
    }
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
}
