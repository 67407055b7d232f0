-- Sessions are revoked by bumping users.session_version (sign-out, password change).
-- AlterTable
ALTER TABLE "users" ADD COLUMN     "session_version" INTEGER NOT NULL DEFAULT 0;

