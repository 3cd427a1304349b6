"use client";

import { MenuButton } from "../../_console/menu-button";
import type { OwnIdentity } from "./use-own-identity";

/** Header menu: the agent's identity code, which the operator compares before accepting a new identity on the roster. */
export function OwnIdentityMenu({ identity }: { identity: OwnIdentity | null }) {
  return (
    <MenuButton label="Your identity" menuLabel="Your encryption identity" className="sign-out identity-menu">
      {identity?.code ? (
        <p>
          Your identity code: <code aria-label="Your identity code">{identity.code}</code>
        </p>
      ) : (
        <p className="muted">This browser has not set up or verified your encryption identity yet.</p>
      )}
      <span className="small muted">When your operator asks, read this code to them: they accept a new identity of yours only if it matches.</span>
      {identity?.replaced && (
        <p className="small">
          The server now shows another identity, code <code>{identity.serverCode ?? "none"}</code>.
        </p>
      )}
    </MenuButton>
  );
}

/** A persistent alert while the server shows an identity for this agent that this browser did not set up. */
export function OwnIdentityAlert({ identity }: { identity: OwnIdentity | null }) {
  if (!identity?.replaced) return null;
  return (
    <div role="alert" className="warning own-identity-alert">
      <p>
        <strong>Your encryption identity on the server is not the one this browser set up: someone else may have replaced it.</strong> Tell your operator.
        Visitors&apos; widgets will hold messages to you until your operator signs the roster again; unless you reset your identity yourself, they must not
        accept the identity shown on the server.
      </p>
      <p className="small">
        Identity code on the server: <code aria-label="Identity code on the server">{identity.serverCode ?? "none"}</code>. Yours (set up in this browser):{" "}
        <code>{identity.code}</code>.
      </p>
    </div>
  );
}
