"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useMemo, useState } from "react";
import { Field } from "@/components/forms/field";
import { MutationStatus } from "@/components/forms/mutation-status";
import { useValidation } from "@/components/forms/use-validation";
import type { TSettingsOutput } from "@/server/tenants/schemas";
import { ZUpdateSettingsInput } from "@/shared/schemas/tenants";
import { useTRPC } from "@/trpc/react";

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

export function SettingsForm({ settings, canEdit }: { settings: TSettingsOutput; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(settings.name);
  const [origins, setOrigins] = useState(settings.allowedOrigins.join("\n"));
  const [webhookUrl, setWebhookUrl] = useState(settings.webhookUrl ?? "");
  const [mode, setMode] = useState(settings.mode);
  const [paidApiKey, setPaidApiKey] = useState("");
  const values = useMemo(
    () => ({ name, allowedOrigins: lines(origins), webhookUrl, mode, ...(paidApiKey ? { paidApiKey } : {}) }),
    [name, origins, webhookUrl, mode, paidApiKey],
  );
  const v = useValidation(ZUpdateSettingsInput, values);
  const router = useRouter();
  const onSuccess = (saved: TSettingsOutput) => {
    queryClient.setQueryData(trpc.settings.get.queryKey(), saved);
    setPaidApiKey("");
    // The sidebar's workspace name comes from the server layout: re-render it.
    router.refresh();
  };
  const save = useMutation(trpc.settings.update.mutationOptions({ onError: (e) => v.fromServer(e), onSuccess }));
  const removeKey = useMutation(trpc.settings.update.mutationOptions({ onSuccess }));

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const data = v.validateAll();
    if (data) save.mutate(data);
  }

  const originLines = lines(origins);
  // Every bad line is named, not only the first.
  const badLines = originLines.flatMap((o, i) => {
    const problem = v.errorFor(`allowedOrigins.${i}`);
    return problem ? [`${o} ${problem}`] : [];
  });
  const originError = v.errorFor("allowedOrigins") ?? (badLines.length ? badLines.join("; ") : undefined);
  const touch = (path: string) => () => v.touch(path);
  const modes =
    settings.platformMode === "hybrid"
      ? (["managed", "byok"] as const)
      : settings.platformMode === "byok-only"
        ? (["byok"] as const)
        : (["managed"] as const);

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Workspace settings">
      <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="sr-only">Workspace settings</legend>
        <section className="card">
          <h2>Workspace</h2>
          <Field label="Workspace name" error={v.errorFor("name")}>
            {(c) => (
              <input
                {...c}
                type="text"
                value={name}
                onChange={(e) => {
                  setName(e.target.value);
                  v.touch("name");
                }}
              />
            )}
          </Field>
          <Field
            label="Allowed origins"
            hint="One per line, e.g. https://shop.example.com. Publishable keys work only from these sites."
            error={originError}
          >
            {(c) => (
              <textarea
                {...c}
                rows={4}
                value={origins}
                spellCheck={false}
                onChange={(e) => {
                  setOrigins(e.target.value);
                  v.touch("allowedOrigins");
                  originLines.forEach((_, i) => v.touch(`allowedOrigins.${i}`));
                }}
                onBlur={touch("allowedOrigins")}
              />
            )}
          </Field>
          <Field label="Webhook URL" hint="We POST experiment events here. Leave empty for none." error={v.errorFor("webhookUrl")}>
            {(c) => (
              <input
                {...c}
                type="url"
                value={webhookUrl}
                placeholder="https://example.com/hooks/pricing"
                onChange={(e) => {
                  setWebhookUrl(e.target.value);
                  v.touch("webhookUrl");
                }}
              />
            )}
          </Field>
        </section>
        <section className="card">
          <h2>Paid.ai</h2>
          <div className="field" role="radiogroup" aria-label="Paid.ai mode">
            <span className="label">Mode</span>
            {modes.map((m) => (
              <label key={m} className="checkbox">
                <input
                  type="radio"
                  name="mode"
                  value={m}
                  checked={mode === m}
                  onChange={() => {
                    setMode(m);
                    v.touch("mode");
                  }}
                />
                {m === "managed" ? "Managed: we report usage to Paid.ai with our account" : "Bring your own key: usage goes to your Paid.ai account"}
              </label>
            ))}
            {v.errorFor("mode") ? <span className="field-error">{v.errorFor("mode")}</span> : null}
          </div>
          <Field
            label="Your Paid.ai API key"
            hint={
              settings.paidApiKeyMasked
                ? `Stored (encrypted): ${settings.paidApiKeyMasked}. Enter a new key to replace it.`
                : "Stored encrypted; never shown again in full."
            }
            error={v.errorFor("paidApiKey")}
          >
            {(c) => (
              <input
                {...c}
                type="password"
                autoComplete="off"
                value={paidApiKey}
                onChange={(e) => {
                  setPaidApiKey(e.target.value);
                  v.touch("paidApiKey");
                }}
              />
            )}
          </Field>
          {settings.paidApiKeyMasked && canEdit ? (
            <button
              type="button"
              className="button secondary small"
              disabled={removeKey.isPending || mode === "byok"}
              onClick={() => removeKey.mutate({ paidApiKey: null })}
            >
              Remove stored key
            </button>
          ) : null}
          <MutationStatus
            isPending={removeKey.isPending}
            isSuccess={removeKey.isSuccess}
            error={removeKey.error}
            pending="Removing…"
            success="Key removed."
          />
        </section>
      </fieldset>
      {canEdit ? (
        <div className="row" style={{ marginTop: "1rem", alignItems: "center" }}>
          <button type="submit" className="button" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save settings"}
          </button>
          <MutationStatus
            isPending={false}
            isSuccess={save.isSuccess}
            error={save.error}
            success="Settings saved."
            fields={["name", "allowedOrigins", "webhookUrl", "mode", "paidApiKey"]}
          />
        </div>
      ) : null}
    </form>
  );
}
