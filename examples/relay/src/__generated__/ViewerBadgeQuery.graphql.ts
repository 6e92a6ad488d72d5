/**
 * @generated SignedSource<<93e756228f016fd15a122aef785f4a56>>
 * @lightSyntaxTransform
 * @nogrep
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import { ConcreteRequest } from 'relay-runtime';
export type CallerKind = "API_TOKEN" | "BOOTSTRAP" | "DEV" | "PERSON" | "%future added value";
export type Capability = "MANAGE" | "READ" | "RECORD" | "%future added value";
export type PortfolioRole = "CONTRIBUTOR" | "OWNER" | "VIEWER" | "%future added value";
export type ViewerBadgeQuery$variables = Record<PropertyKey, never>;
export type ViewerBadgeQuery$data = {
  readonly viewer: {
    readonly capabilities: ReadonlyArray<Capability>;
    readonly kind: CallerKind;
    readonly roles: ReadonlyArray<{
      readonly portfolio: {
        readonly id: string;
        readonly name: string;
      };
      readonly role: PortfolioRole;
    }>;
    readonly subject: string;
  };
};
export type ViewerBadgeQuery = {
  response: ViewerBadgeQuery$data;
  variables: ViewerBadgeQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = [
  {
    "alias": null,
    "args": null,
    "concreteType": "Viewer",
    "kind": "LinkedField",
    "name": "viewer",
    "plural": false,
    "selections": [
      {
        "alias": null,
        "args": null,
        "kind": "ScalarField",
        "name": "subject",
        "storageKey": null
      },
      {
        "alias": null,
        "args": null,
        "kind": "ScalarField",
        "name": "kind",
        "storageKey": null
      },
      {
        "alias": null,
        "args": null,
        "kind": "ScalarField",
        "name": "capabilities",
        "storageKey": null
      },
      {
        "alias": null,
        "args": null,
        "concreteType": "PortfolioMember",
        "kind": "LinkedField",
        "name": "roles",
        "plural": true,
        "selections": [
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "role",
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "concreteType": "Portfolio",
            "kind": "LinkedField",
            "name": "portfolio",
            "plural": false,
            "selections": [
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "id",
                "storageKey": null
              },
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "name",
                "storageKey": null
              }
            ],
            "storageKey": null
          }
        ],
        "storageKey": null
      }
    ],
    "storageKey": null
  }
];
return {
  "fragment": {
    "argumentDefinitions": [],
    "kind": "Fragment",
    "metadata": null,
    "name": "ViewerBadgeQuery",
    "selections": (v0/*: any*/),
    "type": "Query",
    "abstractKey": null
  },
  "kind": "Request",
  "operation": {
    "argumentDefinitions": [],
    "kind": "Operation",
    "name": "ViewerBadgeQuery",
    "selections": (v0/*: any*/)
  },
  "params": {
    "cacheID": "ea2087f8900bb34ba3bd0bc737f0d29e",
    "id": null,
    "metadata": {},
    "name": "ViewerBadgeQuery",
    "operationKind": "query",
    "text": "query ViewerBadgeQuery {\n  viewer {\n    subject\n    kind\n    capabilities\n    roles {\n      role\n      portfolio {\n        id\n        name\n      }\n    }\n  }\n}\n"
  }
};
})();

(node as any).hash = "28f97726907e380e2ea15b965589eb97";

export default node;
