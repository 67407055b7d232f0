"use client";

import { useQuery } from "@tanstack/react-query";
import { errorText } from "@/components/forms/server-errors";
import { useRole } from "@/components/shell/role-context";
import { useTRPC } from "@/trpc/react";
import { SettingsForm } from "./settings-form";

export function SettingsPage() {
  const trpc = useTRPC();
  const { canEdit } = useRole();
  const settings = useQuery(trpc.settings.get.queryOptions());
  if (settings.isPending) return <p role="status">Loading settings…</p>;
  if (settings.isError)
    return (
      <p role="alert" className="alert error">
        {errorText(settings.error)}
      </p>
    );
  return (
    <>
      {canEdit ? null : (
        <p className="alert info" role="note">
          You are a member: you can see the settings; owners and admins change them.
        </p>
      )}
      <SettingsForm settings={settings.data} canEdit={canEdit} />
    </>
  );
}
