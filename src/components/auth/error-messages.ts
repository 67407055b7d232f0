/** next-auth's `error` codes in words; wrong password and unknown email read the same. */
export function signInErrorText(code: string): string {
  switch (code) {
    case "CredentialsSignin":
      return "That email and password do not match an account.";
    case "TooManyAttempts":
      return "Too many sign-in attempts. Wait 15 minutes, then try again.";
    case "OAuthAccountNotLinked":
      return "This email already has an account; sign in with your password.";
    default:
      return "Sign-in failed. Try again.";
  }
}
