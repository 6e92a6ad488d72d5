import express from "express";
import { ApolloServer, BaseContext, ContextFunction, HeaderMap, HTTPGraphQLRequest } from "@apollo/server";

/**
 * Apollo Server behind Express, as `@as-integrations/express5`'s expressMiddleware does it,
 * writing a complete answer with one `res.end` and its byte length: Express's `res.send`
 * copied every answer of 1,000 characters or more into a new Buffer first (80 KB for a
 * dashboard) and parsed the request's cache headers to decide on a 304 no POST gets; and the
 * query string is cut out of the URL rather than parsed with the legacy `url.parse`.
 * `req.body` must be set before (src/http/json-body.ts).
 */
export function apolloHandler<C extends BaseContext>(
  server: ApolloServer<C>,
  context: ContextFunction<[{ req: express.Request; res: express.Response }], C>,
): express.RequestHandler {
  server.assertStarted("apolloHandler()");
  return async (req, res, next) => {
    try {
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
      }
      const query = req.url.indexOf("?");
      const request: HTTPGraphQLRequest = {
        method: req.method.toUpperCase(),
        headers,
        search: query < 0 ? "" : req.url.slice(query),
        body: req.body,
      };
      const answer = await server.executeHTTPGraphQLRequest({ httpGraphQLRequest: request, context: () => context({ req, res }) });
      for (const [key, value] of answer.headers) res.setHeader(key, value);
      res.statusCode = answer.status ?? 200;
      if (answer.body.kind === "complete") {
        res.setHeader("content-length", Buffer.byteLength(answer.body.string));
        res.end(req.method === "HEAD" ? undefined : answer.body.string);
        return;
      }
      for await (const chunk of answer.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (e) {
      next(e);
    }
  };
}
