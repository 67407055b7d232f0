/** Whether `value` is one of `values`: narrows a string read from storage or a form to the domain type. */
export function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

/**
 * A parser for a column that may only hold one of `values`. The database stores these as plain
 * text, so anything else is corrupt data or a missing migration: it fails loudly, naming the value.
 */
export function oneOfParser<T extends string>(what: string, values: readonly T[]): (value: string) => T {
  return (value) => {
    if (isOneOf(values, value)) return value;
    throw new Error(`Unexpected ${what} "${value}": expected one of ${values.join(", ")}.`);
  };
}
