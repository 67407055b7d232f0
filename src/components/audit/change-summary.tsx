const show = (v: unknown): string => (v === null || v === undefined ? "–" : typeof v === "object" ? JSON.stringify(v) : String(v));

/** "field: before → after" per changed field; a creation shows only what it set, a removal what it was. */
export function ChangeSummary(props: { before: Record<string, unknown> | null; after: Record<string, unknown> | null }) {
  const keys = [...new Set([...Object.keys(props.before ?? {}), ...Object.keys(props.after ?? {})])];
  if (keys.length === 0) return <span className="muted">–</span>;
  return (
    <ul className="plain-list">
      {keys.map((k) => (
        <li key={k}>
          <strong>{k}</strong>: {props.before ? <>{show(props.before[k])} → </> : null}
          {props.after ? show(props.after[k]) : <span className="muted">removed</span>}
        </li>
      ))}
    </ul>
  );
}
