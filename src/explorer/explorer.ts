import path from "node:path";
import express from "express";

/**
 * The explorer: GraphiQL served from this package's own node_modules (graphiql's and React's
 * browser builds), so it works offline and behind a firewall; nothing loads from a CDN.
 * GET /graphql from a browser (accept: text/html) gets the page; its assets live under
 * /explorer/. The Authorization header is pre-filled with a placeholder that says where a token
 * comes from; GraphiQL keeps what you paste in the browser's local storage.
 */

/** A file of an installed package (their `exports` maps do not list the browser builds). */
const packaged = (pkg: string, file: string) => path.join(path.dirname(require.resolve(pkg)), file);

const ASSETS: Record<string, string> = {
  "react.js": packaged("react", "umd/react.production.min.js"),
  "react-dom.js": packaged("react-dom", "umd/react-dom.production.min.js"),
  "graphiql.js": packaged("graphiql", "../graphiql.min.js"),
  "graphiql.css": packaged("graphiql", "../graphiql.min.css"),
};

const DEFAULT_QUERY = `# Welcome to the RMO API.
# Every request needs a bearer token: put yours in Headers (below).
#   Embedded database (npm start): .rmo/admin-token
#   Otherwise: RMO_BOOTSTRAP_TOKEN, an API token (createApiToken)
#   or your identity provider's JWT.
# Then press the re-fetch schema button (circling arrows, left)
# for completion and docs, and run this with the pink button.

query FirstLook {
  viewer {
    subject
    kind
    capabilities
    roles {
      role
      portfolio {
        name
      }
    }
  }
  portfolios(first: 5, filter: { rootsOnly: true }) {
    nodes {
      name
      valueSummary {
        hypothesisCount
        expectedBenefit
        realizedBenefit
        investment
      }
    }
  }
}
`;

const DEFAULT_HEADERS = JSON.stringify({ authorization: "Bearer <paste your token here>" }, null, 2);

function page(endpoint: string): string {
  const config = JSON.stringify({ endpoint, query: DEFAULT_QUERY, headers: DEFAULT_HEADERS }).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>RMO API explorer</title>
<link rel="stylesheet" href="/explorer/graphiql.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading the explorer… (it needs JavaScript)</div>
<script src="/explorer/react.js"></script>
<script src="/explorer/react-dom.js"></script>
<script src="/explorer/graphiql.js"></script>
<script id="rmo-explorer-config" type="application/json">${config}</script>
<script src="/explorer/start.js"></script>
</body>
</html>
`;
}

const START = `(function () {
  var config = JSON.parse(document.getElementById("rmo-explorer-config").textContent);
  var fetcher = GraphiQL.createFetcher({ url: config.endpoint });
  ReactDOM.createRoot(document.getElementById("graphiql")).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: config.query,
      defaultHeaders: config.headers,
      defaultEditorToolsVisibility: "headers",
      shouldPersistHeaders: true,
    }),
  );
})();
`;

/** A strict policy: scripts and styles only from this server (GraphiQL needs inline styles). */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

export function explorerAssets(): express.Router {
  const router = express.Router();
  router.get("/explorer/start.js", (_req, res) => {
    res.type("application/javascript").setHeader("cache-control", "no-cache");
    res.send(START);
  });
  router.get("/explorer/:asset", (req, res, next) => {
    const file = ASSETS[req.params.asset];
    if (!file) return next();
    res.sendFile(file, { maxAge: "1d" });
  });
  return router;
}

/** The page itself, for a browser's GET /graphql. */
export function explorerPage(endpoint: string): express.RequestHandler {
  const html = page(endpoint);
  return (_req, res) => {
    res.type("html").setHeader("content-security-policy", CSP);
    res.setHeader("cache-control", "no-cache");
    res.send(html);
  };
}
