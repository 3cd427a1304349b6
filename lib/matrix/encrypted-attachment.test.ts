import { MatrixError } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { AttachmentQuotaError, AttachmentTooLargeError, MAX_ATTACHMENT_BYTES, uploadRefusal } from "./encrypted-attachment";

describe("uploadRefusal", () => {
  const other = new Error("network down");
  const forbidden = new MatrixError({ errcode: "M_FORBIDDEN", error: "no" }, 403);
  it.each([
    [
      "the daily quota (M_USER_LIMIT_EXCEEDED)",
      new MatrixError({ errcode: "M_USER_LIMIT_EXCEEDED", error: "Media upload limit exceeded" }, 403),
      AttachmentQuotaError,
    ],
    [
      "the server's file limit (M_TOO_LARGE)",
      new MatrixError({ errcode: "M_TOO_LARGE", error: "Upload request body is too large" }, 413),
      AttachmentTooLargeError,
    ],
  ])("explains %s", (_what, err, kind) => {
    expect(uploadRefusal(err)).toBeInstanceOf(kind);
  });
  it("names the widget's limit for a file the server finds too large", () => {
    expect((uploadRefusal(new MatrixError({ errcode: "M_TOO_LARGE" }, 413)) as AttachmentTooLargeError).limitBytes).toBe(MAX_ATTACHMENT_BYTES);
  });
  it.each([
    ["another Matrix error", forbidden],
    ["a non-Matrix error", other],
    ["a string", "boom"],
  ])("passes %s through", (_what, err) => {
    expect(uploadRefusal(err)).toBe(err);
  });
});
