/**
 * The JSON body reader (src/http/json-body.ts) has a short path for a POST with a
 * Content-Length, and leaves every other request to body-parser. The reference is
 * body-parser itself: each body is sent twice, once with a Content-Length (the short path)
 * and once chunked (body-parser), and both answers must be the same: status, data, errors.
 */
import http from "node:http";
import { gzipSync } from "node:zlib";
import { useTestApp } from "../support/app";

const app = useTestApp({ RMO_MAX_BODY_BYTES: "2000" });

interface Answer {
  status: number;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

function send(body: Buffer, headers: Record<string, string>, chunked: boolean): Promise<Answer> {
  const url = new URL(app.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: {
          authorization: `Bearer ${app.adminToken}`,
          ...headers,
          ...(chunked ? { "transfer-encoding": "chunked" } : { "content-length": String(body.length) }),
        },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on("data", (c: Buffer) => parts.push(c));
        res.on("end", () => {
          const text = Buffer.concat(parts).toString("utf8");
          const parsed = JSON.parse(text);
          resolve({ status: res.statusCode!, body: { data: parsed.data, errors: parsed.errors } });
        });
      },
    );
    req.on("error", reject);
    // chunked: in two pieces, so the reader has to join them
    if (chunked && body.length > 1) {
      req.write(body.subarray(0, 1));
      req.end(body.subarray(1));
    } else req.end(body);
  });
}

const json = { "content-type": "application/json" };
const query = JSON.stringify({ query: "{ __typename }" });

describe("JSON request bodies", () => {
  const cases: Array<[string, Buffer, Record<string, string>]> = [
    ["an operation", Buffer.from(query), json],
    ["with charset=utf-8", Buffer.from(query), { "content-type": "application/json; charset=utf-8" }],
    ["with whitespace first", Buffer.from(`\r\n\t  ${query}`), json],
    ["with a byte-order mark", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(query)]), json],
    ["a batch", Buffer.from(`[${query},${query}]`), json],
    ["an empty object", Buffer.from("{}"), json],
    ["an empty batch", Buffer.from("[]"), json],
    ["a JSON string", Buffer.from(JSON.stringify("{ __typename }")), json],
    ["a number", Buffer.from("42"), json],
    ["null", Buffer.from("null"), json],
    ["whitespace only", Buffer.from("   "), json],
    ["cut short", Buffer.from(query.slice(0, -3)), json],
    ["trailing garbage", Buffer.from(`${query} x`), json],
    [
      "invalid UTF-8 in a string",
      Buffer.concat([Buffer.from('{"query":"{ __typename }","operationName":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
      json,
    ],
    ["too large", Buffer.from(JSON.stringify({ query: `{ __typename } #${"x".repeat(2100)}` })), json],
    ["a form", Buffer.from("query=%7B__typename%7D"), { "content-type": "application/x-www-form-urlencoded" }],
    ["another charset", Buffer.from(query), { "content-type": "application/json; charset=utf-16" }],
  ];

  it.each(cases)("%s: the same answer with a Content-Length as chunked (body-parser)", async (_name, body, headers) => {
    const short = await send(body, headers, false);
    const reference = await send(body, headers, true);
    expect(short).toEqual(reference);
  });

  it("an operation is answered; malformed JSON is a 400 that says to send JSON", async () => {
    expect(await send(Buffer.from(query), json, false)).toEqual({ status: 200, body: { data: { __typename: "Query" }, errors: undefined } });
    const bad = await send(Buffer.from("{"), json, false);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ message: "Malformed request body: send JSON", extensions: { code: "BAD_REQUEST" } }]);
    const scalar = await send(Buffer.from("42"), json, false);
    expect(scalar.status).toBe(400);
  });

  it("a gzip-compressed body goes to body-parser, which inflates it", async () => {
    const answer = await send(gzipSync(Buffer.from(query)), { ...json, "content-encoding": "gzip" }, false);
    expect(answer).toEqual({ status: 200, body: { data: { __typename: "Query" }, errors: undefined } });
  });
});
