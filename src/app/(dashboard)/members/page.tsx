import type { Metadata } from "next";
import { MembersPage } from "@/components/members/members-page";

export const metadata: Metadata = { title: "Members · Pricing Optimizer" };

export default function Page() {
  return (
    <>
      <div className="page-head">
        <h1>Members</h1>
      </div>
      <MembersPage />
    </>
  );
}
