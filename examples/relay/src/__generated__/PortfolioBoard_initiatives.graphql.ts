/**
 * @generated SignedSource<<ddd11ee45ee76dd9850806227c7ed6c4>>
 * @lightSyntaxTransform
 * @nogrep
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import { ReaderFragment } from 'relay-runtime';
import { FragmentRefs } from "relay-runtime";
export type PortfolioBoard_initiatives$data = {
  readonly id: string;
  readonly initiatives: {
    readonly edges: ReadonlyArray<{
      readonly node: {
        readonly id: string;
        readonly " $fragmentSpreads": FragmentRefs<"InitiativeRow_initiative">;
      };
    }>;
    readonly totalCount: number;
  };
  readonly " $fragmentType": "PortfolioBoard_initiatives";
};
export type PortfolioBoard_initiatives$key = {
  readonly " $data"?: PortfolioBoard_initiatives$data;
  readonly " $fragmentSpreads": FragmentRefs<"PortfolioBoard_initiatives">;
};

import PortfolioBoardInitiativesPaginationQuery_graphql from './PortfolioBoardInitiativesPaginationQuery.graphql';

const node: ReaderFragment = (function(){
var v0 = [
  "initiatives"
],
v1 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "id",
  "storageKey": null
};
return {
  "argumentDefinitions": [
    {
      "defaultValue": null,
      "kind": "LocalArgument",
      "name": "asOf"
    },
    {
      "defaultValue": 20,
      "kind": "LocalArgument",
      "name": "count"
    },
    {
      "defaultValue": null,
      "kind": "LocalArgument",
      "name": "cursor"
    }
  ],
  "kind": "Fragment",
  "metadata": {
    "connection": [
      {
        "count": "count",
        "cursor": "cursor",
        "direction": "forward",
        "path": (v0/*: any*/)
      }
    ],
    "refetch": {
      "connection": {
        "forward": {
          "count": "count",
          "cursor": "cursor"
        },
        "backward": null,
        "path": (v0/*: any*/)
      },
      "fragmentPathInResult": [
        "node"
      ],
      "operation": PortfolioBoardInitiativesPaginationQuery_graphql,
      "identifierInfo": {
        "identifierField": "id",
        "identifierQueryVariableName": "id"
      }
    }
  },
  "name": "PortfolioBoard_initiatives",
  "selections": [
    {
      "alias": "initiatives",
      "args": [
        {
          "kind": "Literal",
          "name": "filter",
          "value": {
            "includeDescendants": true
          }
        }
      ],
      "concreteType": "InitiativeConnection",
      "kind": "LinkedField",
      "name": "__PortfolioBoard_initiatives_connection",
      "plural": false,
      "selections": [
        {
          "alias": null,
          "args": null,
          "kind": "ScalarField",
          "name": "totalCount",
          "storageKey": null
        },
        {
          "alias": null,
          "args": null,
          "concreteType": "InitiativeEdge",
          "kind": "LinkedField",
          "name": "edges",
          "plural": true,
          "selections": [
            {
              "alias": null,
              "args": null,
              "concreteType": "Initiative",
              "kind": "LinkedField",
              "name": "node",
              "plural": false,
              "selections": [
                (v1/*: any*/),
                {
                  "args": [
                    {
                      "kind": "Variable",
                      "name": "asOf",
                      "variableName": "asOf"
                    }
                  ],
                  "kind": "FragmentSpread",
                  "name": "InitiativeRow_initiative"
                },
                {
                  "alias": null,
                  "args": null,
                  "kind": "ScalarField",
                  "name": "__typename",
                  "storageKey": null
                }
              ],
              "storageKey": null
            },
            {
              "alias": null,
              "args": null,
              "kind": "ScalarField",
              "name": "cursor",
              "storageKey": null
            }
          ],
          "storageKey": null
        },
        {
          "alias": null,
          "args": null,
          "concreteType": "PageInfo",
          "kind": "LinkedField",
          "name": "pageInfo",
          "plural": false,
          "selections": [
            {
              "alias": null,
              "args": null,
              "kind": "ScalarField",
              "name": "endCursor",
              "storageKey": null
            },
            {
              "alias": null,
              "args": null,
              "kind": "ScalarField",
              "name": "hasNextPage",
              "storageKey": null
            }
          ],
          "storageKey": null
        }
      ],
      "storageKey": "__PortfolioBoard_initiatives_connection(filter:{\"includeDescendants\":true})"
    },
    (v1/*: any*/)
  ],
  "type": "Portfolio",
  "abstractKey": null
};
})();

(node as any).hash = "e8f02e7a4ac3cf98b4b164178cf7bc0b";

export default node;
