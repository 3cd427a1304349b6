import { describe, expect, it } from "vitest";
import { claimedSubject } from "./customer-session";

const part = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString("base64url");

describe("claimedSubject", () => {
  it.each([
    ["a plain sub", `${part({ alg: "HS256" })}.${part({ sub: "user-42" })}.sig`, "user-42"],
    ["a sub outside ASCII (base64url padding and UTF-8)", `${part({ alg: "HS256" })}.${part({ sub: "Zoë-ü" })}.sig`, "Zoë-ü"],
    ["no sub", `${part({ alg: "HS256" })}.${part({ name: "Ada" })}.sig`, null],
    ["a numeric sub", `${part({ alg: "HS256" })}.${part({ sub: 42 })}.sig`, null],
    ["garbage", "not.a-jwt!.x", null],
    ["one part", "abc", null],
  ])("reads %s", (_, token, sub) => {
    expect(claimedSubject(token)).toBe(sub);
  });
});
