import type { MetadataRoute } from "next";

/** The console as an installable web app (served at /manifest.webmanifest; Next links it from every page). */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Sealdesk console",
    short_name: "Sealdesk",
    description: "End-to-end encrypted support inbox",
    id: "/inbox",
    start_url: "/inbox",
    scope: "/",
    display: "standalone",
    background_color: "#f6f8fa",
    theme_color: "#0b5cad",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
