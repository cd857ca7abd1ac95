/**
 * The team page's island: invite form, members (role change, removal) and
 * pending invites (revoke), all through `/api/users`. The server renders the
 * initial lists; this keeps them current after each change.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { InviteForm } from "./team/InviteForm.tsx";
import { InviteList } from "./team/InviteList.tsx";
import { MemberList } from "./team/MemberList.tsx";
import type { TeamInvite, TeamMember } from "./team/types.ts";

/** Props of {@linkcode TeamManager}. */
export interface TeamManagerProps {
  /** The signed-in admin's id (their own row has no role change or removal). */
  meId: string;
  members: TeamMember[];
  invites: TeamInvite[];
}

/** Team management island. */
export default function TeamManager(props: TeamManagerProps) {
  const [members, setMembers] = useState(props.members);
  const [invites, setInvites] = useState(props.invites);
  return (
    <div class="grid gap-8 xl:grid-cols-3">
      <div class="space-y-8 xl:col-span-2">
        <MemberList meId={props.meId} members={members} onChange={setMembers} />
        <InviteList invites={invites} onChange={setInvites} />
      </div>
      <div>
        <InviteForm onInvited={(invite) => setInvites([invite, ...invites.filter((i) => i.id !== invite.id)])} />
      </div>
    </div>
  );
}
