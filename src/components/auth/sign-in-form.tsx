"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useMemo, useState } from "react";
import { z } from "zod";
import { Field } from "@/components/forms/field";
import { useValidation } from "@/components/forms/use-validation";
import { ZEmail } from "@/shared/schemas/tenants";
import { signInErrorText } from "./error-messages";

const ZSignIn = z.object({ email: ZEmail, password: z.string().min(1, "must not be empty") });

export function SignInForm(props: { callbackUrl: string; oauthProviders: { id: string; name: string }[]; initialError: string | null }) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const values = useMemo(() => ({ email, password }), [email, password]);
  const v = useValidation(ZSignIn, values);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(props.initialError ? signInErrorText(props.initialError) : null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const data = v.validateAll();
    if (!data) return;
    setPending(true);
    setError(null);
    try {
      const res = await signIn("credentials", { email: data.email, password: data.password, redirect: false });
      if (!res || res.error) {
        setError(signInErrorText(res?.error ?? ""));
        return;
      }
      router.push(props.callbackUrl);
      router.refresh();
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="card auth-card">
      <h1>Sign in</h1>
      <p className="muted">Welcome back to Pricing Optimizer.</p>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <Field label="Email" error={v.errorFor("email")}>
          {(c) => (
            <input
              {...c}
              type="email"
              name="email"
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              onBlur={() => v.touch("email")}
            />
          )}
        </Field>
        <Field label="Password" error={v.errorFor("password")}>
          {(c) => (
            <input
              {...c}
              type="password"
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => {
                setPassword(e.target.value);
                v.touch("password");
              }}
            />
          )}
        </Field>
        <p className="status-line error" role="alert">
          {error ?? ""}
        </p>
        <button type="submit" className="button" disabled={pending} style={{ width: "100%" }}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {props.oauthProviders.length > 0 ? (
        <>
          <div className="divider">or</div>
          <div className="stack" style={{ gap: "0.5rem" }}>
            {props.oauthProviders.map((p) => (
              <button key={p.id} type="button" className="button secondary" onClick={() => void signIn(p.id, { callbackUrl: props.callbackUrl })}>
                Continue with {p.name}
              </button>
            ))}
          </div>
        </>
      ) : null}
      <p className="muted" style={{ marginBottom: 0 }}>
        New here? <Link href="/sign-up">Create an account</Link>
      </p>
    </div>
  );
}
