import { NextResponse, type NextRequest } from "next/server";
import { wasmAsset } from "../../../_server/widget-assets";

// The crypto WebAssembly (~5 MB raw): compressed, under a content-hashed name, cached for a year.
export async function GET(request: NextRequest, ctx: { params: Promise<{ name: string }> }): Promise<NextResponse> {
  const asset = await wasmAsset((await ctx.params).name, request.headers.get("accept-encoding") ?? "");
  if (!asset) return new NextResponse("Not found", { status: 404 });
  const headers: Record<string, string> = {
    "content-type": "application/wasm",
    "cache-control": "public, max-age=31536000, immutable",
    vary: "accept-encoding",
  };
  if (asset.encoding) headers["content-encoding"] = asset.encoding;
  return new NextResponse(new Uint8Array(asset.body), { headers });
}
