"use client";

import { useEffect } from "react";
import { sayConsolePresence } from "../_console/push-api";

// The router's CONSOLE_PRESENCE_TTL_SECONDS (default 75) must be longer than this.
const PING_MS = 30_000;

/**
 * Tells the server the console is open, every 30 s while the page lives (even
 * hidden: an open console notifies in the page), and that it closed when the
 * page goes away, so that the router pushes to the agent's devices only then.
 */
export function useConsolePresence(): void {
  useEffect(() => {
    const ping = (): void => void sayConsolePresence(true).catch(() => {});
    ping();
    const timer = setInterval(ping, PING_MS);
    // keepalive: the request outlives the closing page.
    const closing = (): void =>
      void fetch("/api/agent/presence", {
        method: "POST",
        keepalive: true,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ open: false }),
      }).catch(() => {});
    const back = (e: PageTransitionEvent): void => void (e.persisted && ping());
    window.addEventListener("pagehide", closing);
    window.addEventListener("pageshow", back);
    return () => {
      clearInterval(timer);
      window.removeEventListener("pagehide", closing);
      window.removeEventListener("pageshow", back);
    };
  }, []);
}
