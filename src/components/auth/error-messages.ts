/** next-auth's `error` codes in words; wrong password and unknown email read the same. */
export function signInErrorText(code: string): string {
  switch (code) {
    case "CredentialsSignin":
      return "That email and password do not match an account.";
    case "TooManyAttempts":
      return "Too many sign-in attempts. Wait 15 minutes, then try again.";
    case "OAuthAccountNotLinked":
      return "This email already has an account; sign in with your password.";
    case "EMAIL_NOT_VERIFIED":
      return "Your account with that provider has no verified email address. Verify one there, or sign up with email and a password.";
    case "OAuthSignin":
    case "OAuthCallback":
      return "The sign-in provider did not answer as expected. Try again, or sign in with your email and password.";
    default:
      return "Sign-in failed. Try again.";
  }
}
