"use client";

import { useState } from "react";

export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [copied, setCopied] = useState<"idle" | "done" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("done");
    } catch {
      setCopied("failed");
    }
  }
  return (
    <>
      <button type="button" className="button secondary small" onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" className="hint">
        {copied === "done" ? "Copied." : copied === "failed" ? "Copy failed: select the text and copy it yourself." : ""}
      </span>
    </>
  );
}
