"use client";

import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useMemo, useState } from "react";
import { Field } from "@/components/forms/field";
import { MutationStatus } from "@/components/forms/mutation-status";
import { useValidation } from "@/components/forms/use-validation";
import { ZSignUpInput } from "@/shared/schemas/tenants";
import { useTRPC } from "@/trpc/react";
import { signInErrorText } from "./error-messages";

/** Sign-up for a new workspace, or (with an invitation) into the inviting one. */
export function SignUpForm(props: { invitation?: { token: string; email: string; tenantName: string } }) {
  const trpc = useTRPC();
  const router = useRouter();
  const invited = props.invitation;
  const [name, setName] = useState("");
  const [email, setEmail] = useState(invited?.email ?? "");
  const [password, setPassword] = useState("");
  const [workspaceName, setWorkspaceName] = useState("");
  const values = useMemo(
    () => ({ name, email, password, workspaceName: invited ? undefined : workspaceName, invitationToken: invited?.token }),
    [name, email, password, workspaceName, invited],
  );
  const v = useValidation(ZSignUpInput, values);
  const [signInError, setSignInError] = useState<string | null>(null);

  const signUp = useMutation(
    trpc.auth.signUp.mutationOptions({
      onError: (error) => v.fromServer(error),
      // The server answers alike whether or not the email already had an account (it must not
      // reveal which emails do), so the sign-in that follows is what tells the person at the keyboard.
      onSuccess: async (created, input) => {
        const res = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
        if (!res || res.error) {
          setSignInError(
            res?.error === "TooManyAttempts"
              ? signInErrorText(res.error)
              : "We could not sign you in with this email and password. If you already have an account with this email, sign in with its password.",
          );
          return;
        }
        router.push(created.joined ? "/experiments" : "/onboarding");
        router.refresh();
      },
    }),
  );

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const data = v.validateAll();
    if (data) signUp.mutate(data);
  }

  const change = (path: string, set: (s: string) => void) => (e: { target: { value: string } }) => {
    set(e.target.value);
    v.touch(path);
  };

  return (
    <div className="card auth-card">
      <h1>{invited ? `Join ${invited.tenantName}` : "Create your account"}</h1>
      <p className="muted">{invited ? "Choose your name and a password." : "Start testing prices in a few minutes. Free plan, no card."}</p>
      <form onSubmit={onSubmit} noValidate>
        <Field label="Your name" error={v.errorFor("name")}>
          {(c) => <input {...c} type="text" name="name" autoComplete="name" value={name} onChange={change("name", setName)} />}
        </Field>
        <Field label="Work email" error={v.errorFor("email")}>
          {(c) => (
            <input
              {...c}
              type="email"
              name="email"
              autoComplete="email"
              value={email}
              readOnly={Boolean(invited)}
              onChange={(e) => setEmail(e.target.value)}
              onBlur={() => v.touch("email")}
            />
          )}
        </Field>
        <Field label="Password" hint="At least 10 characters." error={v.errorFor("password")}>
          {(c) => (
            <input {...c} type="password" name="password" autoComplete="new-password" value={password} onChange={change("password", setPassword)} />
          )}
        </Field>
        {invited ? null : (
          <Field label="Company or workspace name" hint="Optional; you can change it later." error={v.errorFor("workspaceName")}>
            {(c) => (
              <input
                {...c}
                type="text"
                name="workspaceName"
                autoComplete="organization"
                value={workspaceName}
                onChange={change("workspaceName", setWorkspaceName)}
              />
            )}
          </Field>
        )}
        {signInError ? (
          <p className="status-line error" role="alert">
            {signInError} <Link href="/sign-in">Sign in</Link>
          </p>
        ) : (
          <MutationStatus
            isPending={signUp.isPending}
            isSuccess={signUp.isSuccess}
            error={signUp.error}
            pending="Creating your account…"
            success="Signing you in…"
          />
        )}
        <button type="submit" className="button" disabled={signUp.isPending} style={{ width: "100%" }}>
          {signUp.isPending ? "Creating account…" : invited ? "Join workspace" : "Create account"}
        </button>
      </form>
      <p className="muted" style={{ marginBottom: 0 }}>
        Already have an account?{" "}
        <Link href={invited ? `/sign-in?callbackUrl=${encodeURIComponent(`/invite/${invited.token}`)}` : "/sign-in"}>Sign in</Link>
      </p>
    </div>
  );
}
