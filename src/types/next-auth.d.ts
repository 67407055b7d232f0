import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user?: { id: string; email?: string | null; name?: string | null; image?: string | null };
  }
  interface User {
    /** users.session_version when the user signed in (absent for OAuth profiles). */
    sessionVersion?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** The users.session_version this session was issued with; a newer one revokes it. */
    sv?: number;
  }
}
