"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";

// Behaviour as before the data library: an error shows at once (the next poll
// or action retries), and views refresh on their own schedule, not on focus.
const options = { queries: { retry: false, refetchOnWindowFocus: false }, mutations: { retry: false } } as const;

/** The console's one query cache (TanStack Query), per browser tab. */
export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: options }));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
