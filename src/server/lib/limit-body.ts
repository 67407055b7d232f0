import "server-only";
/**
 * The request with its body read into memory, or null when the body is larger
 * than `maxBytes`: refused from Content-Length before reading anything, and a body
 * streamed without a length is cut off as soon as it passes the limit, so an
 * oversized request costs at most `maxBytes` of reading and no parsing.
 */
export async function limitBody(req: Request, maxBytes: number): Promise<Request | null> {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) return null;
  if (!req.body || req.method === "GET" || req.method === "HEAD") return req;
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return new Request(req.url, { method: req.method, headers: req.headers, body: Buffer.concat(chunks), signal: req.signal });
}
