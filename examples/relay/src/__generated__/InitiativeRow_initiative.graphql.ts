/**
 * @generated SignedSource<<505428f358f328cee0902eef14f158da>>
 * @lightSyntaxTransform
 * @nogrep
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import { ReaderFragment } from 'relay-runtime';
export type InitiativeStage = "APPROVED" | "CLOSED" | "DELIVERED" | "IDEA" | "IN_DELIVERY" | "ON_HOLD" | "PROPOSED" | "STOPPED" | "%future added value";
export type ProgressStatus = "ACHIEVED" | "AT_RISK" | "MISSED" | "NO_DATA" | "OFF_TRACK" | "ON_TRACK" | "%future added value";
import { FragmentRefs } from "relay-runtime";
export type InitiativeRow_initiative$data = {
  readonly actualCost: number | null | undefined;
  readonly budget: number | null | undefined;
  readonly hypotheses: {
    readonly nodes: ReadonlyArray<{
      readonly id: string;
      readonly metric: {
        readonly key: string;
        readonly unit: string | null | undefined;
      };
      readonly progress: {
        readonly current: number | null | undefined;
        readonly expectedRatio: number;
        readonly ratio: number | null | undefined;
        readonly status: ProgressStatus;
      };
      readonly statement: string;
    }>;
  };
  readonly name: string;
  readonly stage: InitiativeStage;
  readonly " $fragmentType": "InitiativeRow_initiative";
};
export type InitiativeRow_initiative$key = {
  readonly " $data"?: InitiativeRow_initiative$data;
  readonly " $fragmentSpreads": FragmentRefs<"InitiativeRow_initiative">;
};

const node: ReaderFragment = {
  "argumentDefinitions": [
    {
      "defaultValue": null,
      "kind": "LocalArgument",
      "name": "asOf"
    }
  ],
  "kind": "Fragment",
  "metadata": null,
  "name": "InitiativeRow_initiative",
  "selections": [
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "name",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "stage",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "budget",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "actualCost",
      "storageKey": null
    },
    {
      "alias": null,
      "args": [
        {
          "kind": "Literal",
          "name": "first",
          "value": 10
        }
      ],
      "concreteType": "OutcomeHypothesisConnection",
      "kind": "LinkedField",
      "name": "hypotheses",
      "plural": false,
      "selections": [
        {
          "alias": null,
          "args": null,
          "concreteType": "OutcomeHypothesis",
          "kind": "LinkedField",
          "name": "nodes",
          "plural": true,
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
              "name": "statement",
              "storageKey": null
            },
            {
              "alias": null,
              "args": null,
              "concreteType": "Metric",
              "kind": "LinkedField",
              "name": "metric",
              "plural": false,
              "selections": [
                {
                  "alias": null,
                  "args": null,
                  "kind": "ScalarField",
                  "name": "key",
                  "storageKey": null
                },
                {
                  "alias": null,
                  "args": null,
                  "kind": "ScalarField",
                  "name": "unit",
                  "storageKey": null
                }
              ],
              "storageKey": null
            },
            {
              "alias": null,
              "args": [
                {
                  "kind": "Variable",
                  "name": "asOf",
                  "variableName": "asOf"
                }
              ],
              "concreteType": "HypothesisProgress",
              "kind": "LinkedField",
              "name": "progress",
              "plural": false,
              "selections": [
                {
                  "alias": null,
                  "args": null,
                  "kind": "ScalarField",
                  "name": "current",
                  "storageKey": null
                },
                {
                  "alias": null,
                  "args": null,
                  "kind": "ScalarField",
                  "name": "ratio",
                  "storageKey": null
                },
                {
                  "alias": null,
                  "args": null,
                  "kind": "ScalarField",
                  "name": "expectedRatio",
                  "storageKey": null
                },
                {
                  "alias": null,
                  "args": null,
                  "kind": "ScalarField",
                  "name": "status",
                  "storageKey": null
                }
              ],
              "storageKey": null
            }
          ],
          "storageKey": null
        }
      ],
      "storageKey": "hypotheses(first:10)"
    }
  ],
  "type": "Initiative",
  "abstractKey": null
};

(node as any).hash = "0bd997fad9b7289fb2916718e58063c1";

export default node;
