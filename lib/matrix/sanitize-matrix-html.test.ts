// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { sanitizeMatrixHtml } from "./sanitize-matrix-html";

const html = (input: string): string => {
  const div = document.createElement("div");
  div.append(sanitizeMatrixHtml(input));
  return div.innerHTML;
};

describe("sanitizeMatrixHtml", () => {
  it("keeps the Matrix allow-list", () => {
    expect(html('<b>bold</b> <em>it</em> <code class="language-ts x">c</code>')).toBe('<b>bold</b> <em>it</em> <code class="language-ts">c</code>');
    expect(html('<a href="https://example.org/x">l</a>')).toBe('<a href="https://example.org/x" target="_blank" rel="noopener noreferrer nofollow">l</a>');
    expect(html('<ol start="3"><li>x</li></ol>')).toBe('<ol start="3"><li>x</li></ol>');
  });

  it.each([
    ["<script>alert(1)</script>hi", "hi"],
    ['<img src=x onerror="alert(1)" alt="pic">', "pic"],
    ['<a href="javascript:alert(1)">x</a>', '<a target="_blank" rel="noopener noreferrer nofollow">x</a>'],
    ['<a href="data:text/html,<script>alert(1)</script>">x</a>', '<a target="_blank" rel="noopener noreferrer nofollow">x</a>'],
    ['<p onclick="alert(1)" style="color:red" data-x="1">p</p>', "<p>p</p>"],
    ['<iframe src="https://evil"></iframe><svg onload=alert(1)><circle/></svg>ok', "ok"],
    ["<mx-reply><blockquote>quoted</blockquote></mx-reply>answer", "answer"],
    ['<form action="https://evil"><input name="p"></form>x', "x"],
    ["<style>body{display:none}</style>x", "x"],
  ])("makes %s inert", (input, expected) => {
    expect(html(input)).toBe(expected);
  });
});
