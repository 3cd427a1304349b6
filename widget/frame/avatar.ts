import type { MatrixClient } from "matrix-js-sdk";

const cache = new Map<string, Promise<string>>();

/** Fetches a member's avatar thumbnail through authenticated media; resolves with an object URL. */
export function loadAvatar(client: MatrixClient, mxc: string): Promise<string> {
  let p = cache.get(mxc);
  if (!p) {
    p = (async () => {
      const headers = { authorization: `Bearer ${client.getAccessToken() ?? ""}` };
      const thumbnail = client.mxcUrlToHttp(mxc, 64, 64, "crop", false, true, true);
      const original = client.mxcUrlToHttp(mxc, undefined, undefined, undefined, false, true, true);
      if (!thumbnail || !original) throw new Error("not an mxc url");
      // The server may have no thumbnail for a tiny or unusual image: then the original.
      let res = await fetch(thumbnail, { headers });
      if (!res.ok) res = await fetch(original, { headers });
      if (!res.ok) throw new Error(`avatar: HTTP ${res.status}`);
      const blob = await res.blob();
      if (!/^image\//.test(blob.type)) throw new Error("avatar is not an image");
      return URL.createObjectURL(blob);
    })();
    cache.set(mxc, p);
    p.catch(() => cache.delete(mxc));
  }
  return p;
}
