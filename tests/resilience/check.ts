/** Assertions that are collected, not thrown: the suite reports every failed check, then fails once. */
export class Checks {
  readonly failures: string[] = [];
  passed = 0;

  ok(condition: boolean, what: string, detail?: () => string): boolean {
    if (condition) {
      this.passed++;
      return true;
    }
    this.failures.push(detail ? `${what}: ${detail()}` : what);
    console.error(`  ✗ ${what}${detail ? `: ${detail()}` : ""}`);
    return false;
  }

  equal<T>(actual: T, expected: T, what: string): boolean {
    const a = JSON.stringify(actual);
    const e = JSON.stringify(expected);
    return this.ok(a === e, what, () => `expected ${e}, got ${a}`);
  }
}
