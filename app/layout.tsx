import type { Metadata } from "next";
import type { ReactNode } from "react";
import { QueryProvider } from "./_console/query-provider";
import "./globals.css";

export const metadata: Metadata = {
  title: "Sealdesk console",
  description: "End-to-end encrypted support inbox",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <QueryProvider>{children}</QueryProvider>
      </body>
    </html>
  );
}
